package dev.petrel.server.telemetry;

import dev.petrel.protocol.Channel;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Version;
import dev.petrel.server.web.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One event of a batch as the client reported it, every field validated; {@link EventIngest} adds
 * the app, the release and the server's times.
 *
 * @param eventId 8 to 64 characters of {@code [A-Za-z0-9_-]}
 * @param type what happened
 * @param platform the platform
 * @param channel the device's channel (default stable)
 * @param version the version the event is about
 * @param versionCode its version code
 * @param fromVersion the version the device ran before, or null
 * @param fromVersionCode its version code, or null
 * @param deviceId the device, or null
 * @param reason at most {@value #MAX_REASON} characters without control characters other than tab
 *     and line breaks, or null
 * @param occurredAt when it happened, by the device's clock
 */
record ReportedEvent(
    String eventId,
    ClientEventType type,
    Platform platform,
    Channel channel,
    Version version,
    long versionCode,
    Version fromVersion,
    Long fromVersionCode,
    DeviceId deviceId,
    String reason,
    Instant occurredAt) {

  /** The longest failure reason stored, in characters. */
  static final int MAX_REASON = 500;

  /** Every field an event may carry, in wire order. */
  static final List<String> FIELDS =
      List.of(
          "event_id",
          "type",
          "platform",
          "channel",
          "version",
          "version_code",
          "from_version",
          "from_version_code",
          "device_id",
          "reason",
          "occurred_at");

  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  /**
   * Validates the fields of the event at {@code index}.
   *
   * @throws ApiException 400 naming {@code events[index].field}
   */
  static ReportedEvent validate(int index, Map<String, Object> fields) {
    Fields in = new Fields("events[" + index + "].", fields);
    String eventId = in.requiredText("event_id");
    if (!EVENT_ID.matcher(eventId).matches()) {
      throw in.invalid("event_id", "expected 8 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
    }
    String typeText = in.requiredText("type");
    ClientEventType type = ClientEventType.fromWire(typeText);
    if (type == null) {
      throw in.invalid("type", "expected one of " + String.join(", ", ClientEventType.wireNames()));
    }
    Platform platform = Platform.parse(in.name("platform"), in.requiredText("platform"));
    String channelText = in.text("channel");
    Channel channel =
        channelText == null ? Channel.STABLE : Channel.parse(in.name("channel"), channelText);
    Version version = Version.parse(in.name("version"), in.requiredText("version"));
    long versionCode = in.requiredPositive("version_code");
    in.requireBuildMatches("version", version, versionCode);
    String fromText = in.text("from_version");
    Version fromVersion =
        fromText == null ? null : Version.parse(in.name("from_version"), fromText);
    Long fromCode = in.positive("from_version_code");
    if (fromCode != null && fromVersion != null) {
      in.requireBuildMatches("from_version", fromVersion, fromCode);
    }
    String deviceText = in.text("device_id");
    DeviceId device =
        deviceText == null || deviceText.isEmpty()
            ? null
            : DeviceId.parse(in.name("device_id"), deviceText);
    String reason = reason(in);
    Instant occurredAt = instant(in);
    return new ReportedEvent(
        eventId,
        type,
        platform,
        channel,
        version,
        versionCode,
        fromVersion,
        fromCode,
        device,
        reason,
        occurredAt);
  }

  private static String reason(Fields in) {
    String reason = in.text("reason");
    if (reason == null) {
      return null;
    }
    if (reason.length() > MAX_REASON) {
      throw in.invalid(
          "reason", "expected at most " + MAX_REASON + " characters, found " + reason.length());
    }
    for (int i = 0; i < reason.length(); ) {
      int c = reason.codePointAt(i);
      boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f;
      if (control || Character.getType(c) == Character.SURROGATE) {
        throw in.invalid(
            "reason",
            "expected text without control characters or lone surrogates, found one at index " + i);
      }
      i += Character.charCount(c);
    }
    return reason;
  }

  private static Instant instant(Fields in) {
    String text = in.requiredText("occurred_at");
    if (text.length() <= 40 && text.endsWith("Z")) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    throw in.invalid("occurred_at", "expected an ISO-8601 UTC time like 2026-11-23T18:00:00Z");
  }

  /** The fields of one event, read with their full names in every message. */
  private record Fields(String prefix, Map<String, Object> values) {
    String name(String field) {
      return prefix + field;
    }

    ApiException invalid(String field, String expected) {
      return ApiException.badRequest("request.invalid_field", name(field) + ": " + expected);
    }

    String requiredText(String field) {
      String text = text(field);
      if (text == null) {
        throw ApiException.badRequest(
            "request.missing_field", name(field) + ": required, found nothing");
      }
      return text;
    }

    String text(String field) {
      Object value = values.get(field);
      if (value == null || value instanceof String) {
        return (String) value;
      }
      throw invalid(field, "expected a string, found " + describe(value));
    }

    long requiredPositive(String field) {
      Long value = positive(field);
      if (value == null) {
        throw ApiException.badRequest(
            "request.missing_field", name(field) + ": required, found nothing");
      }
      return value;
    }

    Long positive(String field) {
      Object value = values.get(field);
      if (value == null) {
        return null;
      }
      if (!(value instanceof Long number)) {
        throw invalid(field, "expected an integer, found " + describe(value));
      }
      if (number < 1) {
        throw invalid(field, "expected a positive integer, found " + number);
      }
      return number;
    }

    void requireBuildMatches(String field, Version version, long code) {
      var build = version.buildNumber();
      if (build.isPresent() && build.getAsLong() != code) {
        throw invalid(
            field,
            version + " has build number " + build.getAsLong() + " but the code given is " + code);
      }
    }

    private static String describe(Object value) {
      if (value instanceof String) {
        return "a string";
      }
      if (value instanceof Number) {
        return "a number";
      }
      return "a boolean";
    }
  }
}
