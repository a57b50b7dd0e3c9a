package dev.petrel.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of a JSON request body with precise errors and no type coercion: {@code
 * "version_code": "2"} is refused ("expected an integer, found a string"), not silently converted.
 * Unknown fields are ignored so that older servers accept newer clients.
 */
public final class JsonFields {
  private final ObjectNode object;

  private JsonFields(ObjectNode object) {
    this.object = object;
  }

  /**
   * Parses a request body that must be one JSON object.
   *
   * @throws ApiException 400 {@code request.malformed_json} or {@code request.not_an_object}
   */
  public static JsonFields parse(ObjectMapper mapper, byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest(
          "request.malformed_json", "expected a JSON object, found an empty body");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "request.malformed_json",
          "the body is not valid JSON: " + e.getOriginalMessage() + locate(e));
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("request.malformed_json", "the body could not be read as JSON");
    }
    if (!(node instanceof ObjectNode objectNode)) {
      throw ApiException.badRequest(
          "request.not_an_object",
          "expected a JSON object, found " + describe(node == null ? null : node.getNodeType()));
    }
    return new JsonFields(objectNode);
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
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(field, "a string", node);
    }
    return node.textValue();
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
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw wrongType(field, "an integer", node);
    }
    return node.longValue();
  }

  /** A boolean field, or {@code fallback} when absent or JSON null. */
  public boolean optionalBoolean(String field, boolean fallback) {
    JsonNode node = present(field);
    if (node == null) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw wrongType(field, "true or false", node);
    }
    return node.booleanValue();
  }

  private JsonNode present(String field) {
    JsonNode node = object.get(field);
    return node == null || node.isNull() ? null : node;
  }

  private static ApiException missing(String field) {
    return ApiException.badRequest("request.missing_field", field + ": required, found nothing");
  }

  private static ApiException wrongType(String field, String expected, JsonNode found) {
    return ApiException.badRequest(
        "request.invalid_field",
        field + ": expected " + expected + ", found " + describe(found.getNodeType()));
  }

  private static String describe(JsonNodeType type) {
    if (type == null) {
      return "nothing";
    }
    return switch (type) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
