package dev.petrel.client.internal;

import java.net.HttpURLConnection;

/** The validator a resume can send in {@code If-Range}: a strong ETag, else Last-Modified. */
final class Validators {
  private Validators() {}

  /** The response's validator, or null when it has none usable for {@code If-Range}. */
  static String of(HttpURLConnection connection) {
    String etag = connection.getHeaderField("ETag");
    if (etag != null && !etag.startsWith("W/") && etag.length() <= 512) {
      return etag.trim();
    }
    String modified = connection.getHeaderField("Last-Modified");
    return modified == null || modified.length() > 512 ? null : modified.trim();
  }
}
