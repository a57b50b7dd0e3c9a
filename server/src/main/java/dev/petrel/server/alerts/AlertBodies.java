package dev.petrel.server.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.server.releases.Release;
import dev.petrel.server.web.Times;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What a delivery sends: the JSON or Slack body of an alert, and its signature. */
final class AlertBodies {
  private final ObjectMapper mapper;

  AlertBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The body for {@code webhook}: Petrel's JSON ({@code type}, {@code app}, {@code release}, {@code
   * detail}, {@code occurred_at}), or for {@code slack} a {@code {"text": …}} line.
   */
  String body(Webhook webhook, String type, Release release, String detail, Instant at) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (webhook.kind().equals("slack")) {
      String what =
          release == null
              ? detail
              : release.platform()
                  + " "
                  + release.version()
                  + " ("
                  + release.channel().wireName()
                  + "): "
                  + detail;
      json.put("text", "[" + slack(webhook.appId()) + "] " + type + " — " + slack(what));
    } else {
      json.put("type", type);
      json.put("app", webhook.appId());
      json.put("release", release == null ? null : release(release));
      json.put("detail", detail);
      json.put("occurred_at", Times.iso(at));
    }
    try {
      return mapper.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an alert body", e);
    }
  }

  private static Map<String, Object> release(Release release) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", release.id());
    out.put("platform", release.platform().name());
    out.put("channel", release.channel().wireName());
    out.put("version", release.version().toString());
    out.put("version_code", release.versionCode());
    return out;
  }

  /** Slack's escaping of text: {@code &}, {@code <} and {@code >} are control characters. */
  static String slack(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * The {@code Petrel-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body"
   * with the webhook's secret>}.
   */
  static String signature(String secret, long unixSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
