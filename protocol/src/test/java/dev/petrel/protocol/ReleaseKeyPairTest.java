package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseKeyPairTest {
  @TempDir Path dir;

  private boolean posix() {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Test
  void writesAnOwnerOnlyPrivateKeyAndReadsItBack() throws IOException {
    ReleaseKeyPair keys = ReleaseKeyPair.generate();
    Path file = dir.resolve("release.key");

    keys.writePrivateKey(file);
    ReleaseKeyPair read = ReleaseKeyPair.readPrivateKey(file);

    assertThat(read.publicKey()).isEqualTo(keys.publicKey());
    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    if (posix()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void refusesToOverwriteAKeyFile() throws IOException {
    Path file = dir.resolve("release.key");
    ReleaseKeyPair.generate().writePrivateKey(file);

    assertThatThrownBy(() -> ReleaseKeyPair.generate().writePrivateKey(file))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("refusing to overwrite an existing key file");
  }

  @Test
  void refusesAPrivateKeyFileOthersMayRead() throws IOException {
    assumeTrue(posix());
    Path file = dir.resolve("release.key");
    ReleaseKeyPair.generate().writePrivateKey(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> ReleaseKeyPair.readPrivateKey(file))
        .isInstanceOf(IOException.class)
        .hasMessage(
            file
                + ": private key file is accessible by group or others (mode rw-r--r--);"
                + " run 'chmod 600 "
                + file
                + "'");
  }

  @Test
  void writesAndReadsThePublicKeyAsOneLine() throws IOException {
    ReleaseKeyPair keys = ReleaseKeyPair.generate();
    Path file = dir.resolve("release.pub");

    keys.writePublicKey(file);

    assertThat(Files.readString(file)).isEqualTo(keys.publicKey().base64() + "\n");
    assertThat(ReleaseKeyPair.readPublicKey(file)).isEqualTo(keys.publicKey());
  }

  @Test
  void matchesTheJdkEncodingOfItsPrivateKey() throws Exception {
    PrivateKey jdkKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
    ReleaseKeyPair keys = ReleaseKeyPair.of(jdkKey);

    assertThat(keys.privateKey().getEncoded()).isEqualTo(jdkKey.getEncoded());
    assertThat(ReleaseKeyPair.fromPem("pem", keys.privateKeyPem()).publicKey())
        .isEqualTo(keys.publicKey());
  }

  @Test
  void refusesWhatIsNotAnEd25519PrivateKeyPem() {
    assertThatThrownBy(() -> ReleaseKeyPair.fromPem("release.key", "hello"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "release.key: expected a PEM private key starting with -----BEGIN PRIVATE KEY-----");
    assertThatThrownBy(
            () ->
                ReleaseKeyPair.fromPem(
                    "release.key",
                    "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
        .hasMessage("release.key: expected an Ed25519 private key in PKCS#8, found something else");
    assertThatThrownBy(
            () ->
                ReleaseKeyPair.fromPem(
                    "release.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"))
        .hasMessageStartingWith("release.key: encrypted private keys are not supported");
  }

  @Test
  void neverShowsThePrivateKey() {
    ReleaseKeyPair keys = ReleaseKeyPair.generate();

    assertThat(keys.toString()).isEqualTo("ReleaseKeyPair[public " + keys.publicKey().id() + "]");
    assertThat(keys.signer().toString()).doesNotContain(keys.privateKeyPem().substring(28, 60));
  }

  @Test
  void aSignerFromAJdkKeySignsWhatItsPublicKeyVerifies() throws Exception {
    var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    ReleaseSigner signer = ReleaseSigner.of(pair.getPrivate());

    SignedStatement signed = signer.sign(StatementVectorTest.statementOne());

    assertThat(signer.publicKey()).isEqualTo(ReleasePublicKey.of(pair.getPublic()));
    assertThat(signed.verify(List.of(ReleasePublicKey.of(pair.getPublic()))))
        .isEqualTo(signer.publicKey());
  }
}
