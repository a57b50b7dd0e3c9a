package dev.petrel.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * HTTP over {@link HttpURLConnection} (present on every JVM and on Android) with the updater's
 * timeouts, and the few helpers every call needs: bounded bodies and {@code Retry-After}.
 */
public final class Http {
  /** The {@code User-Agent} every request sends. */
  public static final String USER_AGENT = "petrel-client/0.1";

  private final Duration connectTimeout;
  private final Duration readTimeout;

  public Http(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** A response whose body was read whole (it was small). */
  public record Response(int status, byte[] body, Duration retryAfter) {}

  /** Opens a connection with the timeouts set; the caller sends it. */
  public HttpURLConnection open(URI uri, String method) throws IOException {
    URLConnection connection = uri.toURL().openConnection();
    if (!(connection instanceof HttpURLConnection http)) {
      throw new IOException(uri + ": not an http or https URL");
    }
    http.setConnectTimeout(millis(connectTimeout));
    http.setReadTimeout(millis(readTimeout));
    http.setRequestMethod(method);
    http.setUseCaches(false);
    http.setRequestProperty("User-Agent", USER_AGENT);
    return http;
  }

  /**
   * Sends {@code body} (JSON, or no body when null) and reads an answer of at most {@code maxBody}
   * bytes.
   *
   * @throws IOException when the connection fails, times out, or the answer is longer
   */
  public Response exchange(URI uri, String method, byte[] body, int maxBody) throws IOException {
    HttpURLConnection connection = open(uri, method);
    try {
      connection.setRequestProperty("Accept", "application/json");
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      byte[] answer = stream == null ? new byte[0] : readBounded(stream, maxBody, uri);
      return new Response(status, answer, retryAfter(connection));
    } finally {
      connection.disconnect();
    }
  }

  /** Reads all of {@code in}, failing when it holds more than {@code max} bytes. */
  public static byte[] readBounded(InputStream in, int max, URI from) throws IOException {
    try (InputStream stream = in) {
      byte[] buffer = new byte[Math.min(max + 1, 64 * 1024)];
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int n;
      while ((n = stream.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        if (out.size() > max) {
          throw new IOException(from + ": answer longer than " + max + " bytes");
        }
      }
      return out.toByteArray();
    }
  }

  /**
   * The {@code Retry-After} delay: delta seconds or an HTTP date; null when absent or unreadable.
   */
  public static Duration retryAfter(HttpURLConnection connection) {
    String value = connection.getHeaderField("Retry-After");
    if (value == null) {
      return null;
    }
    value = value.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration delay = Duration.between(Instant.now(), at);
        return delay.isNegative() ? Duration.ZERO : delay;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }
}
