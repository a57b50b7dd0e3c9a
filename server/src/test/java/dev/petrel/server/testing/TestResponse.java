package dev.petrel.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** An HTTP answer as a test sees it. */
public record TestResponse(int status, HttpHeaders headers, byte[] body) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The body parsed as JSON. */
  public JsonNode json() {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON (status " + status + "): " + text(), e);
    }
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A header's first value, or null. */
  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  @Override
  public String toString() {
    return status + " " + text();
  }
}
