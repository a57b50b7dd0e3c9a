package dev.petrel.client.desktop.internal;

import dev.petrel.client.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes small JSON documents (config, state, events) from maps, lists, strings, integers, booleans
 * and {@code null}, indented with two spaces so people can read and edit them.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();

  private JsonWriter() {}

  /** The UTF-8 bytes of {@code value}, followed by a newline. */
  public static byte[] write(Object value) {
    JsonWriter writer = new JsonWriter();
    writer.value(value, 0);
    writer.out.append('\n');
    return writer.out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void value(Object value, int indent) {
    if (value == null || value == dev.petrel.protocol.StrictJson.NULL) {
      out.append("null");
    } else if (value instanceof String text) {
      string(text);
    } else if (value instanceof Long || value instanceof Integer) {
      out.append(value);
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      object(map, indent);
    } else if (value instanceof List<?> list) {
      array(list, indent);
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  private void object(Map<?, ?> map, int indent) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<?, ?> entry = entries.next();
      pad(indent + 1);
      string((String) entry.getKey());
      out.append(": ");
      value(entry.getValue(), indent + 1);
      out.append(entries.hasNext() ? ",\n" : "\n");
    }
    pad(indent);
    out.append('}');
  }

  private void array(List<?> list, int indent) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append("[\n");
    for (int i = 0; i < list.size(); i++) {
      pad(indent + 1);
      value(list.get(i), indent + 1);
      out.append(i + 1 < list.size() ? ",\n" : "\n");
    }
    pad(indent);
    out.append(']');
  }

  private void pad(int indent) {
    out.append("  ".repeat(indent));
  }

  private void string(String text) {
    out.append(Json.string(text));
  }
}
