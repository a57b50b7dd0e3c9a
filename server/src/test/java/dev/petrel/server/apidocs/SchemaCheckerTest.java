package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The checker the answer tests rely on finds what it must, against the real description. */
class SchemaCheckerTest {
  final OpenApiDescription api = OpenApiDescription.load();
  final SchemaChecker checker = api.checker();
  final ObjectMapper mapper = new ObjectMapper();

  static final String SEED_ANSWER =
      """
      {"update_available":true,"latest_version":"1.1.0","version_code":2,
       "download_url":"https://updates.example.com/app.apk","file_size":25000000,
       "checksum":"2f39c6ca630e87c009b57ebd5f4398ad53d299bf7d3d93f7a625aa25dd55a77b",
       "release_notes":"notes","is_mandatory":false,"message":"New version available!"}
      """;

  JsonNode seedSchema() {
    return api.resolve("#/components/schemas/SeedCheckAnswer");
  }

  JsonNode json(String text) throws IOException {
    return mapper.readTree(text);
  }

  @Test
  void acceptsTheSeedAnswer() throws IOException {
    assertThat(checker.problems(json(SEED_ANSWER), seedSchema())).isEmpty();
  }

  @Test
  void reportsAMissingField() throws IOException {
    JsonNode answer =
        json(SEED_ANSWER.replace("\"message\":\"New version available!\"", "\"x\":1"));

    assertThat(checker.problems(answer, seedSchema()))
        .anyMatch(problem -> problem.contains("message: required"))
        .anyMatch(problem -> problem.contains("x: not in the schema"));
  }

  @Test
  void reportsAWrongTypeAndANullWhereNoneIsAllowed() throws IOException {
    JsonNode answer =
        json(
            SEED_ANSWER
                .replace("\"version_code\":2", "\"version_code\":\"2\"")
                .replace("\"is_mandatory\":false", "\"is_mandatory\":null"));

    assertThat(checker.problems(answer, seedSchema()))
        .anyMatch(problem -> problem.startsWith("$.version_code: expected"))
        .anyMatch(problem -> problem.startsWith("$.is_mandatory: expected"));
  }

  @Test
  void reportsAPatternMismatchAndAnUnlistedErrorCode() throws IOException {
    JsonNode answer = json(SEED_ANSWER.replace("\"1.1.0\"", "\"latest\""));
    JsonNode forbidden =
        api.dereference(api.resolve("#/components/responses/Forbidden"))
            .at("/content/application~1json/schema");

    assertThat(checker.problems(answer, seedSchema()))
        .anyMatch(problem -> problem.contains("does not match"));
    assertThat(
            checker.problems(
                json("{\"ok\":false,\"code\":\"auth.other\",\"message\":\"m\"}"), forbidden))
        .anyMatch(problem -> problem.startsWith("$.code: expected"));
    assertThat(
            checker.problems(
                json("{\"ok\":false,\"code\":\"auth.forbidden\",\"message\":\"m\"}"), forbidden))
        .isEmpty();
  }

  @Test
  void checksNullableObjectsBothWays() throws IOException {
    JsonNode schema = api.resolve("#/components/schemas/CheckAnswer");
    String base =
        "{\"ok\":true,\"update_available\":false,\"is_mandatory\":false,\"current_recalled\":false,";

    String tail = ",\"downgrade\":false,\"recall\":null}";

    assertThat(checker.problems(json(base + "\"release\":null" + tail), schema)).isEmpty();
    assertThat(checker.problems(json(base + "\"release\":{\"id\":1}" + tail), schema)).isNotEmpty();
    assertThat(
            checker.problems(
                json(base + "\"release\":null,\"downgrade\":false,\"recall\":{}}"), schema))
        .isNotEmpty();
  }
}
