package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code petrel publish --channel}: a channel the app lacks fails before anything is uploaded. */
class PublishChannelTest extends ServerTest {
  private Path file;

  @BeforeEach
  void writeFile() throws Exception {
    file = dir.resolve("notes-1.0.0.zip");
    Files.write(file, new byte[4096]);
  }

  private CliRun publish(String channel) {
    String args = "publish --app default --platform linux --version 1.0.0 --channel " + channel;
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN),
        (args + " --file " + file).split(" "));
  }

  private long releases() {
    return server.count("releases");
  }

  @Test
  void aChannelTheAppDoesNotHaveExits1AndUploadsNothing() throws Exception {
    CliRun run = publish("nightly");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("petrel: channel.unknown: default has no channel 'nightly' (it has ")
        .contains("stable", "nothing was uploaded")
        .doesNotContain("hashing", "uploaded 4");
    assertThat(StoredArtifacts.count(server)).isZero();
    assertThat(releases()).isZero();
  }

  @Test
  void aChannelTheAppDefinedIsPublishedTo() throws Exception {
    HttpRequest.Builder define = server.request("/api/v1/apps/default/channels/nightly");
    define.header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
    define.PUT(HttpRequest.BodyPublishers.ofString("{\"receives_from\":\"beta\"}"));
    TestResponse defined = server.send(define);
    assertThat(defined.status()).as(defined.text()).isEqualTo(200);

    CliRun run = publish("nightly");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("on nightly as release ");
    assertThat(StoredArtifacts.count(server)).isEqualTo(1);
    assertThat(releases()).isEqualTo(1);
  }
}
