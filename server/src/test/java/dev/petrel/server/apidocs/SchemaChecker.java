package dev.petrel.server.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against an OpenAPI 3.1 schema: the subset of JSON Schema our description uses
 * ({@code $ref}, {@code allOf}/{@code oneOf}/{@code anyOf}, {@code type} (one or a list), {@code
 * const}, {@code enum}, {@code properties}, {@code required}, {@code additionalProperties}, {@code
 * items}, {@code pattern}, lengths, bounds and the formats {@code date-time}, {@code uri}, {@code
 * int32}, {@code int64}). A keyword it does not know is reported as a problem rather than ignored,
 * so the description cannot quietly say more than is checked.
 */
final class SchemaChecker {
  private static final Set<String> ANNOTATIONS =
      Set.of(
          "description", "title", "summary", "example", "examples", "default", "contentMediaType");

  private final Function<String, JsonNode> resolver;

  /**
   * @param resolver resolves a {@code $ref} such as {@code #/components/schemas/Release}
   */
  SchemaChecker(Function<String, JsonNode> resolver) {
    this.resolver = resolver;
  }

  /** Every way {@code value} breaks {@code schema}; empty when it matches. */
  List<String> problems(JsonNode value, JsonNode schema) {
    List<String> problems = new ArrayList<>();
    check(value, schema, "$", problems);
    return problems;
  }

  private void check(JsonNode value, JsonNode schema, String at, List<String> problems) {
    Set<String> declared = new HashSet<>();
    boolean closed = checkKeywords(value, schema, at, problems, declared);
    if (closed && value.isObject()) {
      for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!declared.contains(name)) {
          problems.add(at + "." + name + ": not in the schema (additionalProperties: false)");
        }
      }
    }
  }

  /**
   * Checks every keyword but {@code additionalProperties: false}, which applies to the properties
   * of all {@code allOf} branches and {@code $ref}s together; those are added to {@code declared}.
   *
   * @return whether additional properties are forbidden
   */
  private boolean checkKeywords(
      JsonNode value, JsonNode schema, String at, List<String> problems, Set<String> declared) {
    boolean closed = false;
    for (Iterator<String> keywords = schema.fieldNames(); keywords.hasNext(); ) {
      String keyword = keywords.next();
      JsonNode argument = schema.get(keyword);
      switch (keyword) {
        case "$ref" -> closed |= checkKeywords(value, resolve(argument), at, problems, declared);
        case "allOf" -> {
          for (JsonNode branch : argument) {
            closed |= checkKeywords(value, branch, at, problems, declared);
          }
        }
        case "oneOf", "anyOf" -> checkAlternatives(keyword, value, argument, at, problems);
        case "type" -> checkType(value, argument, at, problems);
        case "const" -> {
          if (!argument.equals(value)) {
            problems.add(at + ": expected " + argument + ", found " + value);
          }
        }
        case "enum" -> {
          boolean listed = false;
          for (JsonNode option : argument) {
            listed |= option.equals(value);
          }
          if (!listed) {
            problems.add(at + ": expected one of " + argument + ", found " + value);
          }
        }
        case "properties" -> {
          for (Iterator<String> names = argument.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            declared.add(name);
            if (value.isObject() && value.has(name)) {
              check(value.get(name), argument.get(name), at + "." + name, problems);
            }
          }
        }
        case "required" -> {
          for (JsonNode name : argument) {
            if (value.isObject() && !value.has(name.asText())) {
              problems.add(at + "." + name.asText() + ": required, missing");
            }
          }
        }
        case "additionalProperties" -> {
          if (!argument.isBoolean()) {
            problems.add(at + ": the checker only knows additionalProperties true or false");
          }
          closed |= argument.isBoolean() && !argument.booleanValue();
        }
        case "items" -> {
          if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
              check(value.get(i), argument, at + "[" + i + "]", problems);
            }
          }
        }
        case "pattern" -> {
          if (value.isTextual()
              && !Pattern.compile(argument.asText()).matcher(value.asText()).find()) {
            problems.add(at + ": " + value + " does not match " + argument.asText());
          }
        }
        case "maxLength" -> {
          if (value.isTextual() && value.asText().length() > argument.asInt()) {
            problems.add(at + ": longer than " + argument.asInt());
          }
        }
        case "minLength" -> {
          if (value.isTextual() && value.asText().length() < argument.asInt()) {
            problems.add(at + ": shorter than " + argument.asInt());
          }
        }
        case "minimum" -> {
          if (value.isNumber() && value.decimalValue().compareTo(argument.decimalValue()) < 0) {
            problems.add(at + ": " + value + " is below " + argument);
          }
        }
        case "maximum" -> {
          if (value.isNumber() && value.decimalValue().compareTo(argument.decimalValue()) > 0) {
            problems.add(at + ": " + value + " is above " + argument);
          }
        }
        case "format" -> checkFormat(value, argument.asText(), at, problems);
        default -> {
          if (!ANNOTATIONS.contains(keyword)) {
            problems.add(at + ": the checker does not know the keyword '" + keyword + "'");
          }
        }
      }
    }
    return closed;
  }

  private JsonNode resolve(JsonNode reference) {
    JsonNode target = resolver.apply(reference.asText());
    if (target == null || target.isMissingNode()) {
      throw new IllegalArgumentException("unresolvable $ref " + reference);
    }
    return target;
  }

  private void checkAlternatives(
      String keyword, JsonNode value, JsonNode alternatives, String at, List<String> problems) {
    int matching = 0;
    List<String> reasons = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      List<String> these = problems(value, alternative);
      if (these.isEmpty()) {
        matching++;
      } else {
        reasons.addAll(these);
      }
    }
    boolean ok = keyword.equals("oneOf") ? matching == 1 : matching >= 1;
    if (!ok) {
      problems.add(
          at + ": " + keyword + " matched " + matching + " alternatives; failures: " + reasons);
    }
  }

  private static void checkType(JsonNode value, JsonNode type, String at, List<String> problems) {
    List<String> allowed = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> allowed.add(t.asText()));
    } else {
      allowed.add(type.asText());
    }
    for (String name : allowed) {
      if (hasType(value, name)) {
        return;
      }
    }
    problems.add(at + ": expected " + allowed + ", found " + value.getNodeType() + " " + value);
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "null" -> value.isNull();
      default -> throw new IllegalArgumentException("unknown JSON Schema type " + type);
    };
  }

  private static void checkFormat(JsonNode value, String format, String at, List<String> problems) {
    switch (format) {
      case "date-time" -> {
        if (value.isTextual()) {
          try {
            OffsetDateTime.parse(value.asText());
          } catch (DateTimeParseException e) {
            problems.add(at + ": " + value + " is not a date-time");
          }
        }
      }
      case "uri" -> {
        if (value.isTextual()) {
          try {
            if (!new URI(value.asText()).isAbsolute()) {
              problems.add(at + ": " + value + " is not an absolute URI");
            }
          } catch (URISyntaxException e) {
            problems.add(at + ": " + value + " is not a URI");
          }
        }
      }
      case "int64" -> {
        if (value.isNumber() && !value.canConvertToLong()) {
          problems.add(at + ": " + value + " does not fit in 64 bits");
        }
      }
      case "int32" -> {
        if (value.isNumber() && !value.canConvertToInt()) {
          problems.add(at + ": " + value + " does not fit in 32 bits");
        }
      }
      default -> problems.add(at + ": the checker does not know the format '" + format + "'");
    }
  }
}
