package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleasePublicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
  @TempDir Path dir;

  @Test
  void generateWritesAnOwnerOnlyPrivateKeyAndAPublicKeyLine() throws Exception {
    CliRun run = CliRun.run("keys", "generate", "--out", dir.resolve("release").toString());

    assertThat(run.exit()).as(run.err()).isZero();
    Path privateFile = dir.resolve("release.key");
    Path publicFile = dir.resolve("release.pub");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)))
        .isEqualTo("rw-------");
    ReleaseKeyPair pair = ReleaseKeyPair.readPrivateKey(privateFile);
    ReleasePublicKey publicKey = ReleaseKeyPair.readPublicKey(publicFile);
    assertThat(publicKey).isEqualTo(pair.publicKey());
    assertThat(Files.readString(publicFile, StandardCharsets.US_ASCII))
        .isEqualTo(publicKey.base64() + "\n");
    assertThat(run.out())
        .contains("public key  " + publicKey.base64())
        .contains("key id      " + publicKey.id())
        .doesNotContain("PRIVATE");
  }

  @Test
  void generateRefusesToOverwriteAnExistingKey() throws Exception {
    String prefix = dir.resolve("release").toString();
    assertThat(CliRun.run("keys", "generate", "--out", prefix).exit()).isZero();
    String before = Files.readString(dir.resolve("release.key"));

    CliRun again = CliRun.run("keys", "generate", "--out", prefix);

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err().strip())
        .isEqualTo(
            "petrel: "
                + dir.resolve("release.key")
                + " already exists; refusing to overwrite a key file (remove it first)");
    assertThat(Files.readString(dir.resolve("release.key"))).isEqualTo(before);
  }

  @Test
  void generateRefusesWhenOnlyThePublicFileExists() throws Exception {
    Files.writeString(dir.resolve("release.pub"), "something\n");

    CliRun run = CliRun.run("keys", "generate", "--out", dir.resolve("release").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("release.pub already exists");
    assertThat(dir.resolve("release.key")).doesNotExist();
    assertThat(dir.resolve("release.pub")).hasContent("something");
  }

  @Test
  void showPrintsThePublicKeyOfAPrivateKeyFile() throws Exception {
    ReleaseKeyPair pair = ReleaseKeyPair.generate();
    pair.writePrivateKey(dir.resolve("k.key"));

    CliRun run = CliRun.run("keys", "show", "--key", dir.resolve("k.key").toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "public key  "
                + pair.publicKey().base64()
                + "\nkey id      "
                + pair.publicKey().id()
                + "\n");
  }

  @Test
  void showRefusesAGroupReadableKeyFile() throws Exception {
    Path key = dir.resolve("k.key");
    ReleaseKeyPair.generate().writePrivateKey(key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));

    CliRun run = CliRun.run("keys", "show", "--key", key.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip())
        .isEqualTo(
            "petrel: "
                + key
                + ": private key file is accessible by group or others (mode rw-r-----); run"
                + " 'chmod 600 "
                + key
                + "'");
  }

  @Test
  void showOfAMissingFileIsOneLine() {
    CliRun run = CliRun.run("keys", "show", "--key", dir.resolve("nope.key").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo("petrel: " + dir.resolve("nope.key") + ": no such file");
  }

  @Test
  void missingOptionsAreBadUsage() {
    assertThat(CliRun.run("keys", "generate").exit()).isEqualTo(2);
    assertThat(CliRun.run("keys", "show").exit()).isEqualTo(2);
    assertThat(CliRun.run("keys").exit()).isEqualTo(2);
  }
}
