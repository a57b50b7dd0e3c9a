package dev.petrel.server.updates;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Version;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.JsonFields;

/** Turns the JSON of a check request into a validated {@link CheckQuery}. */
public final class CheckRequests {
  private CheckRequests() {}

  /**
   * Reads {@code platform}, {@code current_version} ({@code 1.0.0} or {@code 1.0.0+7}), and the
   * optional {@code version_code}, {@code device_id} and {@code channel} (default stable).
   */
  public static CheckQuery parse(AppId app, JsonFields body) {
    Platform platform = Platform.parse("platform", body.requiredText("platform"));
    Version current = Version.parse("current_version", body.requiredText("current_version"));
    Long declaredCode = body.optionalPositiveLong("version_code");
    var buildNumber = current.buildNumber();
    if (declaredCode != null
        && buildNumber.isPresent()
        && buildNumber.getAsLong() != declaredCode) {
      throw ApiException.badRequest(
          "check.version_code_mismatch",
          "version_code: "
              + declaredCode
              + " disagrees with the build number of current_version "
              + current);
    }
    Long code =
        declaredCode != null
            ? declaredCode
            : buildNumber.isPresent() ? buildNumber.getAsLong() : null;
    String deviceText = body.optionalText("device_id");
    DeviceId device =
        deviceText == null || deviceText.isEmpty() ? null : DeviceId.parse("device_id", deviceText);
    String channelText = body.optionalText("channel");
    Channel channel = channelText == null ? Channel.STABLE : Channel.parse("channel", channelText);
    return new CheckQuery(app, platform, channel, current, code, device);
  }
}
