package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in vectors under {@code vectors/}: other implementations must reproduce them. */
class StatementVectorTest {
  private static final HexFormat HEX = HexFormat.of();

  static ReleaseStatement statementOne() {
    byte[] artifact = "Petrel statement-1 test artifact\n".getBytes(StandardCharsets.UTF_8);
    return ReleaseStatement.builder()
        .app(new AppId("notes"))
        .platform(new Platform("android"))
        .channel(Channel.STABLE)
        .version(Version.parse("1.4.0"))
        .versionCode(14)
        .sha256(Sha256.of(artifact))
        .size(artifact.length)
        .minSupportedVersion(Version.parse("1.2.0"))
        .issuedAt(Instant.parse("2025-10-27T12:00:00Z"))
        .build();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = StatementVectorTest.class.getResourceAsStream("/vectors/" + name)) {
      return in.readAllBytes();
    }
  }

  static String text(String name) throws IOException {
    return new String(resource(name), StandardCharsets.US_ASCII);
  }

  @Test
  void canonicalBytesEqualTheCheckedInStatement() throws IOException {
    assertThat(statementOne().canonicalBytes()).isEqualTo(resource("statement-1.statement.json"));
    assertThat(ReleaseStatement.parse(resource("statement-1.statement.json")))
        .isEqualTo(statementOne());
  }

  @Test
  void theCheckedInKeysDeriveFromTheDocumentedSecret() throws IOException {
    byte[] secret =
        Sha256.of("petrel test vector statement-1".getBytes(StandardCharsets.UTF_8)).bytes();
    ReleaseKeyPair keys = ReleaseKeyPair.fromPem("pem", text("statement-1.private.pem"));

    assertThat(keys.privateKeyPem()).isEqualTo(text("statement-1.private.pem"));
    assertThat(ReleaseKeyPair.fromSecretKey(secret).privateKeyPem())
        .isEqualTo(keys.privateKeyPem());
    assertThat(keys.publicKey().base64() + "\n").isEqualTo(text("statement-1.public.txt"));
    assertThat(keys.publicKey().id()).isEqualTo("4e159e46e06b0a29");
  }

  @Test
  void signingWithTheCheckedInKeyGivesTheCheckedInSignature() throws IOException {
    ReleaseKeyPair keys = ReleaseKeyPair.fromPem("pem", text("statement-1.private.pem"));

    SignedStatement signed = keys.signer().sign(statementOne());

    assertThat(signed.signature()).isEqualTo(text("statement-1.signature.txt").strip());
    assertThat(signed.keyId()).isEqualTo(keys.publicKey().id());
  }

  @Test
  void verificationFailsForEveryChangedByteOfStatementOrSignature() throws IOException {
    byte[] statement = resource("statement-1.statement.json");
    String signature = text("statement-1.signature.txt").strip();
    List<ReleasePublicKey> pinned =
        List.of(ReleasePublicKey.parse("key", text("statement-1.public.txt")));
    assertThat(StatementVerifier.verify(statement, signature, pinned)).isEqualTo(pinned.get(0));

    for (int i = 0; i < statement.length; i++) {
      byte[] changed = statement.clone();
      changed[i] ^= 0x01;
      assertThatThrownBy(() -> StatementVerifier.verify(changed, signature, pinned))
          .as("statement byte %d", i)
          .isInstanceOf(StatementVerificationException.class);
    }
    byte[] signatureBytes = Base64.getDecoder().decode(signature);
    for (int i = 0; i < signatureBytes.length; i++) {
      byte[] changed = signatureBytes.clone();
      changed[i] ^= 0x01;
      String tampered = Base64.getEncoder().encodeToString(changed);
      assertThatThrownBy(() -> StatementVerifier.verify(statement, tampered, pinned))
          .as("signature byte %d", i)
          .isInstanceOf(StatementVerificationException.class);
    }
  }

  @Test
  void verificationFailsForADifferentKey() throws IOException {
    byte[] statement = resource("statement-1.statement.json");
    String signature = text("statement-1.signature.txt").strip();
    List<ReleasePublicKey> foreign = List.of(ReleaseKeyPair.generate().publicKey());

    assertThatThrownBy(() -> StatementVerifier.verify(statement, signature, foreign))
        .isInstanceOf(StatementVerificationException.class)
        .hasMessageStartingWith("signature: not made by any of the 1 pinned release key(s)");
  }

  @Test
  void matchesRfc8032Test1() {
    assertRfc8032(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void matchesRfc8032Test2() {
    assertRfc8032(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  }

  private static void assertRfc8032(String secret, String publicKey, String message, String sig) {
    ReleaseKeyPair keys = ReleaseKeyPair.fromSecretKey(HEX.parseHex(secret));
    byte[] signature = Ed25519.sign(keys.privateKey(), HEX.parseHex(message));

    assertThat(HEX.formatHex(keys.publicKey().bytes())).isEqualTo(publicKey);
    assertThat(HEX.formatHex(signature)).isEqualTo(sig);
    assertThat(
            StatementVerifier.verify(
                HEX.parseHex(message),
                Base64.getEncoder().encodeToString(signature),
                List.of(keys.publicKey())))
        .isEqualTo(keys.publicKey());
  }
}
