package dev.petrel.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.server.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code PETREL_LOG_FORMAT}: the real logback configuration, in a child JVM. */
class LogFormatTest {
  /** Logs one line with the server's logback.xml, as the server would. */
  public static final class LogOneLine {
    public static void main(String[] args) {
      org.slf4j.LoggerFactory.getLogger("dev.petrel.test").info("hello \"json\" logs");
    }
  }

  private static String run(String format) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The server's own configuration, not the tests' quieter logback-test.xml.
                "-Dlogback.configurationFile=" + LogFormat.class.getResource("/logback.xml"),
                "-cp",
                System.getProperty("java.class.path"),
                LogOneLine.class.getName())
            .redirectErrorStream(true);
    if (format != null) {
      builder.environment().put(LogFormat.VARIABLE, format);
    }
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  @Test
  void jsonLogsAreOneJsonObjectALine() throws Exception {
    List<String> lines = run("json").lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("loggerName").asText()).isEqualTo("dev.petrel.test");
    assertThat(line.get("message").asText()).isEqualTo("hello \"json\" logs");
  }

  @Test
  void textIsTheDefaultAndLogbackHasNothingToSayAboutItsConfiguration() throws Exception {
    String output = run(null);
    assertThat(output).contains("INFO  [main] dev.petrel.test - hello \"json\" logs");
    assertThat(output).doesNotContain("|-WARN", "|-ERROR", "{\"");
  }

  @Test
  void anyOtherFormatIsRefusedByName() {
    LogFormat.check(null);
    LogFormat.check("json");
    assertThatThrownBy(() -> LogFormat.check("xml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PETREL_LOG_FORMAT: expected text or json, found 'xml'");
  }
}
