package dev.petrel.server.releases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.ReleaseStatementBuilder;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.Version;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.SignedReleases;
import dev.petrel.server.testing.SignedReleases.Uploaded;
import dev.petrel.server.testing.TestKeys;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refused signed (or unsigned) publish gets a precise 400 and stores nothing. */
class SignedPublishRejectionTest extends ServerTest {
  static final String PUBLISH = "/api/v1/apps/notes/releases";

  ReleaseKeyPair registered;
  Uploaded uploaded;
  long releasesBefore;
  long auditBefore;

  @BeforeEach
  void registerAKeyAndUpload() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"notes\"}");
    registered = ReleaseKeyPair.generate();
    server.postAsAdmin("/api/v1/apps/notes/keys", TestKeys.addBody(registered.publicKey()));
    uploaded =
        SignedReleases.upload(server, "notes", "notes 1.2.0".getBytes(StandardCharsets.UTF_8));
    countRows();
  }

  private void countRows() {
    releasesBefore = server.count("releases");
    auditBefore = server.count("audit_log");
  }

  /** Publishes {@code body}, expects 400 {@code code} and no new row; returns the message. */
  private String refused(String body, String code) {
    TestResponse answer = server.postAsAdmin(PUBLISH, body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo(code);
    assertThat(server.count("releases")).isEqualTo(releasesBefore);
    assertThat(server.count("audit_log")).isEqualTo(auditBefore);
    return answer.json().get("message").asText();
  }

  private String signedBody(ReleaseStatement statement, ReleaseKeyPair keys) {
    return SignedReleases.hostedBody(
        uploaded,
        SignedReleases.base64(statement.canonicalBytes()),
        keys.signer().sign(statement).signature());
  }

  private ReleaseStatement statement() {
    return SignedReleases.statement("notes", uploaded).build();
  }

  @Test
  void refusesAStatementSignedByAnUnregisteredKey() {
    String message =
        refused(signedBody(statement(), ReleaseKeyPair.generate()), "release.signature_invalid");

    assertThat(message).startsWith("not signed by a registered key");
  }

  @Test
  void refusesAStatementSignedByARemovedKey() {
    ReleaseKeyPair successor = ReleaseKeyPair.generate();
    server.postAsAdmin("/api/v1/apps/notes/keys", TestKeys.addBody(successor.publicKey()));
    server.postAsAdmin("/api/v1/apps/notes/keys/" + registered.publicKey().id() + "/remove", "");
    countRows();

    String message = refused(signedBody(statement(), registered), "release.signature_invalid");

    assertThat(message)
        .startsWith("not signed by a registered key")
        .contains(successor.publicKey().id());
  }

  @Test
  void refusesASignedReleaseOfAnAppWithoutKeys() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"bare\"}");
    Uploaded bare = SignedReleases.upload(server, "bare", new byte[] {1, 2, 3});
    ReleaseStatement statement = SignedReleases.statement("bare", bare).build();
    countRows();

    TestResponse answer =
        server.postAsAdmin(
            "/api/v1/apps/bare/releases",
            SignedReleases.hostedBody(
                bare,
                SignedReleases.base64(statement.canonicalBytes()),
                registered.signer().sign(statement).signature()));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo("release.signature_invalid");
    assertThat(answer.json().get("message").asText()).startsWith("app has no keys");
    assertThat(server.count("releases")).isEqualTo(releasesBefore);
    assertThat(server.count("audit_log")).isEqualTo(auditBefore);
  }

  static Stream<Arguments> differences() {
    return Stream.<Arguments>of(
        difference("sha256", s -> s.sha256(Sha256.of(new byte[] {9}))),
        difference("size", s -> s.size(1_000)),
        difference("version", s -> s.version(Version.parse("1.2.1"))),
        difference("version_code", s -> s.versionCode(13)),
        difference("app", s -> s.app(AppId.parse("app", "other"))),
        difference("platform", s -> s.platform(Platform.parse("platform", "linux"))),
        difference("channel", s -> s.channel(Channel.BETA)),
        difference("mandatory", s -> s.mandatory(true)),
        difference("min_supported_version", s -> s.minSupportedVersion(Version.parse("1.0.0"))));
  }

  private static Arguments difference(String field, UnaryOperator<ReleaseStatementBuilder> change) {
    return Arguments.of(field, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("differences")
  void refusesAStatementThatDiffersFromTheRelease(
      String field, UnaryOperator<ReleaseStatementBuilder> change) {
    ReleaseStatement statement = change.apply(SignedReleases.statement("notes", uploaded)).build();

    String message = refused(signedBody(statement, registered), "release.statement_mismatch");

    assertThat(message).startsWith(field + ": the signed statement says ");
  }

  @Test
  void refusesATruncatedSignature() {
    String signature = registered.signer().sign(statement()).signature();
    String body =
        SignedReleases.hostedBody(
            uploaded,
            SignedReleases.base64(statement().canonicalBytes()),
            signature.substring(0, 60));

    assertThat(refused(body, "release.signature_invalid")).startsWith("malformed signature");
  }

  @Test
  void refusesAMalformedSignature() {
    String body =
        SignedReleases.hostedBody(
            uploaded, SignedReleases.base64(statement().canonicalBytes()), "not*a*signature");

    assertThat(refused(body, "release.signature_invalid")).startsWith("malformed signature");
  }

  @Test
  void refusesANonCanonicalStatementEvenWhenItsSignatureVerifies() throws Exception {
    byte[] spaced =
        new String(statement().canonicalBytes(), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{ ")
            .getBytes(StandardCharsets.UTF_8);
    String body =
        SignedReleases.hostedBody(
            uploaded, SignedReleases.base64(spaced), signRaw(spaced, registered));

    assertThat(refused(body, "release.statement_invalid")).startsWith("statement");
  }

  @Test
  void refusesAStatementThatIsNotBase64() {
    String signature = registered.signer().sign(statement()).signature();

    refused(
        SignedReleases.hostedBody(uploaded, "{not base64}", signature),
        "release.statement_invalid");
  }

  @Test
  void refusesAStatementWithoutSignature() {
    String body =
        SignedReleases.hostedBody(
            uploaded, SignedReleases.base64(statement().canonicalBytes()), null);

    assertThat(refused(body, "request.missing_field")).startsWith("signature: ");
  }

  @Test
  void refusesASignatureWithoutStatement() {
    String body =
        SignedReleases.hostedBody(
            uploaded, null, registered.signer().sign(statement()).signature());

    assertThat(refused(body, "request.missing_field")).startsWith("statement: ");
  }

  @Test
  void refusesAnUnsignedReleaseWhenTheAppRequiresSignatures() {
    server.patch("/api/v1/apps/notes", "{\"require_signatures\":true}", TestServer.ADMIN_TOKEN);
    countRows();

    String message =
        refused(SignedReleases.hostedBody(uploaded, null, null), "release.signature_required");

    assertThat(message).contains(registered.publicKey().id());
  }

  @Test
  void refusesASignedExternalReleaseThatDeclaresNoChecksum() {
    ReleaseStatement statement = statement();
    String body =
        """
        {"platform":"windows","version":"1.2.0","version_code":12,
         "download_url":"https://cdn.example.com/a.zip","file_size":%d,"statement":"%s","signature":"%s"}
        """
            .formatted(
                uploaded.size(),
                SignedReleases.base64(statement.canonicalBytes()),
                registered.signer().sign(statement).signature());

    assertThat(refused(body, "request.missing_field")).startsWith("checksum: ");
  }

  private static String signRaw(byte[] bytes, ReleaseKeyPair keys) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(keys.privateKey());
    signer.update(bytes);
    return SignedReleases.base64(signer.sign());
  }
}
