package dev.petrel.server.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.petrel.server.web.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code POST /api/v1/apps/{app}/events} strictly: one object whose only field is
 * {@code events}, an array of 1 to {@value #MAX_EVENTS} flat objects of scalars. Unknown and
 * repeated fields are refused, as are nested values inside an event; numbers are never coerced. The
 * parse streams over the body with Jackson's token reader, building no tree. Each event's fields
 * are then validated by {@link ReportedEvent#validate}. Any error refuses the whole batch with a
 * message naming the event's index and field ({@code events[3].type: ...}).
 */
final class EventBatchReader {
  /** The most events one request may carry. */
  static final int MAX_EVENTS = 100;

  private EventBatchReader() {}

  /**
   * Parses and validates a batch.
   *
   * @throws ApiException 400 ({@code request.malformed_json}, {@code request.not_an_object}, {@code
   *     request.unknown_field}, {@code request.missing_field}, {@code request.invalid_field})
   */
  static List<ReportedEvent> read(JsonFactory json, byte[] body) {
    List<Map<String, Object>> raw = parse(json, body);
    List<ReportedEvent> events = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      events.add(ReportedEvent.validate(i, raw.get(i)));
    }
    return events;
  }

  private static List<Map<String, Object>> parse(JsonFactory json, byte[] body) {
    if (body.length == 0) {
      throw malformed("expected a JSON object, found an empty body");
    }
    try (JsonParser parser = json.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.badRequest(
            "request.not_an_object", "expected a JSON object with an events array");
      }
      List<Map<String, Object>> events = null;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        if (!name.equals("events")) {
          throw unknown(name, "the only field is events");
        }
        if (events != null) {
          throw repeated("events");
        }
        events = events(parser);
      }
      if (parser.nextToken() != null) {
        throw malformed("unexpected content after the object" + locate(parser));
      }
      if (events == null) {
        throw ApiException.badRequest("request.missing_field", "events: required, found nothing");
      }
      return events;
    } catch (JsonProcessingException e) {
      throw malformed(e.getOriginalMessage() + locate(e));
    } catch (IOException e) {
      throw malformed("the body could not be read as JSON");
    }
  }

  private static List<Map<String, Object>> events(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_ARRAY) {
      throw invalid("events", "expected an array of event objects, found " + describe(parser));
    }
    List<Map<String, Object>> events = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      String element = "events[" + events.size() + "]";
      if (events.size() == MAX_EVENTS) {
        throw invalid("events", "expected at most " + MAX_EVENTS + " events, found more");
      }
      if (token != JsonToken.START_OBJECT) {
        throw invalid(element, "expected an event object, found " + describe(parser));
      }
      events.add(event(parser, element));
    }
    if (events.isEmpty()) {
      throw invalid("events", "expected 1 to " + MAX_EVENTS + " events, found none");
    }
    return events;
  }

  private static Map<String, Object> event(JsonParser parser, String element) throws IOException {
    Map<String, Object> fields = new HashMap<>();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      String field = element + "." + name;
      if (!ReportedEvent.FIELDS.contains(name)) {
        throw unknown(field, "known fields are " + String.join(", ", ReportedEvent.FIELDS));
      }
      if (fields.containsKey(name)) {
        throw repeated(field);
      }
      fields.put(name, scalar(parser, parser.nextToken(), field));
    }
    return fields;
  }

  /** A scalar value as String, Long, Double, Boolean or null; nested values are refused. */
  private static Object scalar(JsonParser parser, JsonToken token, String field)
      throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw invalid(field, "expected an integer of at most 64 bits, found a larger number");
        }
        yield parser.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw invalid(field, "expected a string or a number, found " + describe(parser));
    };
  }

  private static String describe(JsonParser parser) {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "'" + parser.currentToken().asString() + "'";
    };
  }

  static ApiException invalid(String field, String message) {
    return ApiException.badRequest("request.invalid_field", field + ": " + message);
  }

  private static ApiException unknown(String field, String known) {
    return ApiException.badRequest("request.unknown_field", field + ": unknown field; " + known);
  }

  private static ApiException repeated(String field) {
    return ApiException.badRequest("request.invalid_field", field + ": given more than once");
  }

  private static ApiException malformed(String detail) {
    return ApiException.badRequest(
        "request.malformed_json", "the body is not valid JSON: " + detail);
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
    var at = parser.currentLocation();
    return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
