package dev.petrel.server.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the fields of a JSON request body with precise errors and no type coercion: {@code
 * "version_code": "2"} is refused ("expected an integer, found a string"), not silently converted.
 * Unknown fields are ignored so that older servers accept newer clients.
 */
public final class JsonFields {
  /** Stands for a nested object or array, which no request reads as a value. */
  private enum Nested {
    OBJECT,
    ARRAY
  }

  /** A top-level array: its scalar elements, nested ones as {@link Nested} markers. */
  private record ArrayValue(List<Object> elements) {}

  private final Map<String, Object> fields;

  private JsonFields(Map<String, Object> fields) {
    this.fields = fields;
  }

  /**
   * Parses a request body that must be one JSON object. The parse streams over the top-level fields
   * and keeps their scalar values and arrays of scalars (deeper values are skipped), which is all
   * requests need and cheaper than building a tree on the check path.
   *
   * @throws ApiException 400 {@code request.malformed_json} or {@code request.not_an_object}
   */
  public static JsonFields parse(ObjectMapper mapper, byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest(
          "request.malformed_json", "expected a JSON object, found an empty body");
    }
    try (JsonParser parser = mapper.getFactory().createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw ApiException.badRequest(
            "request.not_an_object", "expected a JSON object, found " + describe(first));
      }
      Map<String, Object> fields = new HashMap<>();
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        fields.put(name, value(parser, parser.nextToken()));
      }
      if (parser.nextToken() != null) {
        throw ApiException.badRequest(
            "request.malformed_json",
            "the body is not valid JSON: unexpected content after the object" + locate(parser));
      }
      return new JsonFields(fields);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "request.malformed_json",
          "the body is not valid JSON: " + e.getOriginalMessage() + locate(e));
    } catch (IOException e) {
      throw ApiException.badRequest("request.malformed_json", "the body could not be read as JSON");
    }
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        parser.skipChildren();
        return Nested.OBJECT;
      case START_ARRAY:
        List<Object> elements = new ArrayList<>();
        for (JsonToken element = parser.nextToken();
            element != JsonToken.END_ARRAY;
            element = parser.nextToken()) {
          elements.add(element(parser, element));
        }
        return new ArrayValue(elements);
      default:
        return scalar(parser, token);
    }
  }

  private static Object element(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        parser.skipChildren();
        return Nested.OBJECT;
      case START_ARRAY:
        parser.skipChildren();
        return Nested.ARRAY;
      default:
        return scalar(parser, token);
    }
  }

  private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue()
            : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return null; // JSON null
    }
  }

  private static String locate(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static String locate(JsonParser parser) {
    return " (line "
        + parser.currentLocation().getLineNr()
        + ", column "
        + parser.currentLocation().getColumnNr()
        + ")";
  }

  /** A required string field. */
  public String requiredText(String field) {
    String value = optionalText(field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** A string field, or null when absent or JSON null. */
  public String optionalText(String field) {
    Object value = fields.get(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw wrongType(field, "a string", value);
  }

  /**
   * A required array of strings with 1 to {@code max} elements; a refused element is named by its
   * index ({@code public_keys[1]: expected a string, found a number}).
   */
  public List<String> requiredTextList(String field, int max) {
    Object value = fields.get(field);
    if (value == null) {
      throw missing(field);
    }
    if (!(value instanceof ArrayValue array)) {
      throw wrongType(field, "an array of strings", value);
    }
    List<Object> elements = array.elements();
    if (elements.isEmpty() || elements.size() > max) {
      throw ApiException.badRequest(
          "request.invalid_field",
          field + ": expected 1 to " + max + " strings, found " + elements.size());
    }
    List<String> texts = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      if (!(elements.get(i) instanceof String text)) {
        String element = field + "[" + i + "]";
        throw elements.get(i) == null
            ? ApiException.badRequest(
                "request.invalid_field", element + ": expected a string, found null")
            : wrongType(element, "a string", elements.get(i));
      }
      texts.add(text);
    }
    return List.copyOf(texts);
  }

  /** A required integer field that must be at least 1. */
  public long requiredPositiveLong(String field) {
    Long value = optionalPositiveLong(field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** An integer field that must be at least 1, or null when absent or JSON null. */
  public Long optionalPositiveLong(String field) {
    Long value = optionalLong(field);
    if (value != null && value < 1) {
      throw ApiException.badRequest(
          "request.invalid_field", field + ": expected a positive integer, found " + value);
    }
    return value;
  }

  /** An integer field that must be at least 0, or null when absent or JSON null. */
  public Long optionalNonNegativeLong(String field) {
    Long value = optionalLong(field);
    if (value != null && value < 0) {
      throw ApiException.badRequest(
          "request.invalid_field", field + ": expected zero or a positive integer, found " + value);
    }
    return value;
  }

  private Long optionalLong(String field) {
    Object value = fields.get(field);
    if (value == null || value instanceof Long) {
      return (Long) value;
    }
    throw wrongType(field, "an integer", value);
  }

  /** A required boolean field. */
  public boolean requiredBoolean(String field) {
    if (fields.get(field) == null) {
      throw missing(field);
    }
    return optionalBoolean(field, false);
  }

  /** A boolean field, or {@code fallback} when absent or JSON null. */
  public boolean optionalBoolean(String field, boolean fallback) {
    Object value = fields.get(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw wrongType(field, "true or false", value);
  }

  private static ApiException missing(String field) {
    return ApiException.badRequest("request.missing_field", field + ": required, found nothing");
  }

  private static ApiException wrongType(String field, String expected, Object found) {
    return ApiException.badRequest(
        "request.invalid_field", field + ": expected " + expected + ", found " + describe(found));
  }

  private static String describe(Object value) {
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value == Nested.ARRAY || value instanceof ArrayValue ? "an array" : "an object";
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_ARRAY -> "an array";
      case VALUE_NULL -> "null";
      default ->
          token.asString() == null ? token.name().toLowerCase(Locale.ROOT) : token.asString();
    };
  }
}
