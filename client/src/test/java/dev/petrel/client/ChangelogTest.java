package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.testing.PetrelFixture;
import dev.petrel.client.testing.RecordingInstaller;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Updater#changelog} against a real Petrel server on port 0. */
class ChangelogTest {
  @TempDir Path dir;
  private PetrelFixture petrel;

  @BeforeEach
  void start() {
    petrel = PetrelFixture.start(dir.resolve("server"));
  }

  @AfterEach
  void stop() {
    petrel.close();
  }

  private Updater updater(URI... servers) {
    Updater.Builder builder =
        Updater.builder()
            .app(PetrelFixture.APP)
            .platform(PetrelFixture.PLATFORM)
            .installedVersion("1.0.0", 10)
            .trustedKey(petrel.publicKey())
            .stateDir(dir.resolve("state"))
            .installer(new RecordingInstaller(dir.resolve("app"), "1.0.0"))
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .reportEvents(false);
    for (URI server : servers) {
      builder.server(server);
    }
    return builder.build();
  }

  @Test
  void listsTheNotesOfEveryReleaseSinceTheInstalledOneNewestFirst() throws Exception {
    petrel.publish("0.9.0", 9, new byte[] {9});
    petrel.publish("1.1.0", 11, new byte[] {1});
    petrel.publish("1.2.0", 12, new byte[] {2});

    try (Updater updater = updater(petrel.uri())) {
      Offer offer = updater.check().offer();

      assertThat(updater.changelog(offer))
          .extracting(ChangelogEntry::version, ChangelogEntry::releaseNotes)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("1.2.0", "Notes for 1.2.0"),
              org.assertj.core.groups.Tuple.tuple("1.1.0", "Notes for 1.1.0"));
    }
  }

  @Test
  void fallsBackToTheNextServerAndThenToTheOffersOwnNotes() throws Exception {
    petrel.publish("1.1.0", 11, new byte[] {1});
    petrel.publish("1.2.0", 12, new byte[] {2});
    URI dead = URI.create("http://127.0.0.1:" + freePort());

    try (Updater updater = updater(dead, petrel.uri())) {
      Offer offer = updater.check().offer();
      assertThat(updater.changelog(offer))
          .extracting(ChangelogEntry::version)
          .containsExactly("1.2.0", "1.1.0");
    }
    try (Updater updater = updater(petrel.uri())) {
      Offer offer = updater.check().offer();
      petrel.close();
      assertThat(updater.changelog(offer))
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.version()).isEqualTo("1.2.0");
                assertThat(entry.versionCode()).isEqualTo(12);
                assertThat(entry.releaseNotes()).isEqualTo("Notes for 1.2.0");
              });
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
