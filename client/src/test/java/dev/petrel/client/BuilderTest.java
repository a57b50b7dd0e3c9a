package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.protocol.ReleaseKeyPair;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Updater.Builder#build()} names the first bad setting; the device id is kept. */
class BuilderTest {
  @TempDir Path dir;
  private final String key = ReleaseKeyPair.generate().publicKey().base64();

  private Updater.Builder valid() {
    return Updater.builder()
        .server(URI.create("http://127.0.0.1:9"))
        .app("notes")
        .platform("linux")
        .installedVersion("1.0.0", 10)
        .trustedKey(key)
        .stateDir(dir.resolve("state"))
        .reportEvents(false);
  }

  @Test
  void refusesEachBadSettingByName() {
    assertThatThrownBy(() -> Updater.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no sources");
    assertThatThrownBy(() -> valid().server(URI.create("ftp://x")).build())
        .hasMessageStartingWith("server: expected an http or https URL");
    assertThatThrownBy(() -> valid().app("Not An App").build()).hasMessageStartingWith("app:");
    assertThatThrownBy(() -> valid().platform(null).build()).hasMessage("platform: required");
    assertThatThrownBy(() -> valid().channel("nightly!").build())
        .hasMessageStartingWith("channel:");
    assertThatThrownBy(() -> valid().installedVersion("one", 10).build())
        .hasMessageStartingWith("installedVersion:");
    assertThatThrownBy(() -> valid().installedVersion("1.0.0", 0).build())
        .hasMessage("installedVersion: expected a version code of 1 or more, found 0");
    assertThatThrownBy(
            () ->
                Updater.builder()
                    .server(URI.create("http://127.0.0.1:9"))
                    .app("notes")
                    .platform("linux")
                    .installedVersion("1.0.0", 10)
                    .stateDir(dir)
                    .build())
        .hasMessageContaining("pin at least one release public key");
    assertThatThrownBy(() -> valid().trustedKey("not-a-key").build())
        .hasMessageStartingWith("trustedKey:");
    assertThatThrownBy(() -> valid().stateDir(null).build()).hasMessage("stateDir: required");
    assertThatThrownBy(() -> valid().readTimeout(Duration.ZERO).build())
        .hasMessageStartingWith("readTimeout: expected a positive duration");
    assertThatThrownBy(() -> valid().maxRetryAfter(Duration.ofSeconds(-1)).build())
        .hasMessageStartingWith("maxRetryAfter:");
    assertThatThrownBy(() -> valid().downloadAttempts(0).build())
        .hasMessage("downloadAttempts: expected 1 to 100, found 0");
    assertThatThrownBy(() -> valid().deviceId("has space").build())
        .hasMessageStartingWith("deviceId:");
  }

  @Test
  void keepsARandomDeviceIdAcrossRestartsAndHonoursAGivenOne() throws Exception {
    String first;
    try (Updater updater = valid().build()) {
      first = updater.deviceId();
    }
    try (Updater again = valid().build();
        Updater given = valid().deviceId("device-42").build()) {
      assertThat(again.deviceId()).isEqualTo(first);
      assertThat(given.deviceId()).isEqualTo("device-42");
    }
    assertThat(Files.readString(dir.resolve("state/device_id")).trim()).isEqualTo(first);
    assertThat(dir.resolve("state/downloads")).isDirectory();
    assertThat(dir.resolve("state/outbox")).isDirectory();
  }

  @Test
  void refusesToInstallRollBackOrMarkHealthyWithoutAnInstaller() throws Exception {
    try (Updater updater = valid().build()) {
      assertThatThrownBy(() -> updater.rollback("because"))
          .hasMessage("cannot roll back: this updater was built without an installer")
          .extracting(e -> ((UpdateException) e).reason())
          .isEqualTo(UpdateException.Reason.STATE);
      assertThatThrownBy(updater::markHealthy)
          .extracting(e -> ((UpdateException) e).reason())
          .isEqualTo(UpdateException.Reason.STATE);
      assertThat(updater.history()).isEmpty();
    }
  }
}
