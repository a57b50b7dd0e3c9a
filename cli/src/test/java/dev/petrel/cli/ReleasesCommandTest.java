package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code petrel releases …} against a real server, asserting what the server then reports. */
class ReleasesCommandTest extends ServerTest {
  private CliRun petrel(String... args) {
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN), args);
  }

  private long publishExternal(String platform, String version, long code) {
    return server
        .postAsAdmin("/api/v1/apps/default/releases", Releases.external(platform, version, code))
        .json()
        .get("release")
        .get("id")
        .asLong();
  }

  private JsonNode serverRelease(long id) {
    return server
        .get("/api/v1/apps/default/releases/" + id, TestServer.ADMIN_TOKEN)
        .json()
        .get("release");
  }

  @Test
  void listsReleasesAsATableAndFiltersByPlatform() {
    long windows = publishExternal("windows", "1.2.0", 12);
    long android = publishExternal("android", "3.0.0", 30);

    CliRun all = petrel("releases", "list", "--app", "default");
    CliRun onlyAndroid = petrel("releases", "list", "--app", "default", "--platform", "android");

    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out())
        .containsPattern(
            "(?m)^ID +PLATFORM +CHANNEL +VERSION +CODE +STATE +MANDATORY +SIGNED +PUBLISHED$")
        .containsPattern(
            "(?m)^" + windows + " +windows +stable +1\\.2\\.0 +12 +active +no +no +\\d{4}-")
        .containsPattern("(?m)^" + android + " +android +stable +3\\.0\\.0 +30 +active +no +no ");
    assertThat(onlyAndroid.out()).contains("3.0.0").doesNotContain("1.2.0");
    assertThat(onlyAndroid.out().lines()).hasSize(2);
  }

  @Test
  void showsASignedReleaseWithItsKeyId() throws Exception {
    ReleaseKeyPair pair = ReleaseKeyPair.generate();
    Path key = dir.resolve("release.key");
    pair.writePrivateKey(key);
    server.postAsAdmin(
        "/api/v1/apps/default/keys", "{\"public_keys\":[\"" + pair.publicKey().base64() + "\"]}");
    Path file = dir.resolve("app.zip");
    Files.write(file, new byte[] {1, 2, 3});
    CliRun publish =
        petrel(
            "publish",
            "--app",
            "default",
            "--platform",
            "windows",
            "--file",
            file.toString(),
            "--version",
            "1.0.0",
            "--key",
            key.toString());
    assertThat(publish.exit()).as(publish.err()).isZero();
    long id =
        server
            .get("/api/v1/apps/default/releases", TestServer.ADMIN_TOKEN)
            .json()
            .get("releases")
            .get(0)
            .get("id")
            .asLong();

    CliRun show = petrel("releases", "show", "--app", "default", "--id", String.valueOf(id));

    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out())
        .contains("id             " + id + "\n")
        .contains("version        1.0.0\n")
        .contains("state          active\n")
        .contains("size           3\n")
        .contains("signed         yes, key " + pair.publicKey().id() + "\n")
        .contains("signature      " + serverRelease(id).get("signature").asText());
  }

  @Test
  void showsAnUnsignedReleaseAsNotSigned() {
    long id = publishExternal("windows", "1.2.0", 12);

    CliRun show = petrel("releases", "show", "--app", "default", "--id", String.valueOf(id));

    assertThat(show.out()).contains("signed         no\n").doesNotContain("statement");
  }

  @Test
  void deactivatesAndActivatesARelease() {
    long id = publishExternal("windows", "1.2.0", 12);

    CliRun off = petrel("releases", "deactivate", "--app", "default", "--id", String.valueOf(id));
    boolean activeAfterOff = serverRelease(id).get("is_active").asBoolean();
    CliRun on = petrel("releases", "activate", "--app", "default", "--id", String.valueOf(id));

    assertThat(off.exit()).as(off.err()).isZero();
    assertThat(off.out())
        .isEqualTo(
            "deactivated release " + id + " (default 1.2.0 for windows on stable): inactive\n");
    assertThat(activeAfterOff).isFalse();
    assertThat(on.out())
        .isEqualTo("activated release " + id + " (default 1.2.0 for windows on stable): active\n");
    assertThat(serverRelease(id).get("is_active").asBoolean()).isTrue();
  }

  @Test
  void anUnknownReleaseIsTheServersErrorAndBadIdsAreBadUsage() {
    CliRun unknown = petrel("releases", "show", "--app", "default", "--id", "999");
    CliRun zero = petrel("releases", "deactivate", "--app", "default", "--id", "0");
    CliRun text = petrel("releases", "activate", "--app", "default", "--id", "latest");
    CliRun alone = petrel("releases");

    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("petrel: release.not_found: ");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(text.exit()).isEqualTo(2);
    assertThat(alone.exit()).isEqualTo(2);
  }
}
