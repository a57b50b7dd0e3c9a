package dev.petrel.protocol;

import static dev.petrel.protocol.StatementVectorTest.resource;
import static dev.petrel.protocol.StatementVectorTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checked-in recall vectors under {@code vectors/}, signed with the statement-1 release key:
 * other implementations must reproduce them.
 */
class RecallVectorTest {

  /** A desktop recall with a downgrade target; its reason holds a non-ASCII character. */
  static RecallStatement recallOne() {
    return RecallStatement.builder()
        .app(new AppId("notes"))
        .platform(new Platform("linux"))
        .recalled(Version.parse("1.4.0"), 14)
        .target(Version.parse("1.3.2"), 13)
        .reason("Crashes on start when the notes folder is on a network drive — go back to 1.3.2")
        .issuedAt(Instant.parse("2025-10-28T09:30:00Z"))
        .build();
  }

  /** A mobile recall without a target; its reason holds escaped quotes. */
  static RecallStatement recallTwo() {
    return RecallStatement.builder()
        .app(new AppId("notes"))
        .platform(new Platform("android"))
        .recalled(Version.parse("1.4.0"), 14)
        .reason("Sync deletes notes titled \"untitled\"; a fix follows in 1.4.1")
        .issuedAt(Instant.parse("2025-10-28T09:31:00Z"))
        .build();
  }

  private static List<ReleasePublicKey> pinned() throws IOException {
    return List.of(ReleasePublicKey.parse("key", text("statement-1.public.txt")));
  }

  private static ReleaseKeyPair keys() throws IOException {
    return ReleaseKeyPair.fromPem("pem", text("statement-1.private.pem"));
  }

  @Test
  void canonicalBytesEqualTheCheckedInRecalls() throws IOException {
    assertThat(recallOne().canonicalBytes()).isEqualTo(resource("recall-1.statement.json"));
    assertThat(recallTwo().canonicalBytes()).isEqualTo(resource("recall-2.statement.json"));
    assertThat(RecallStatement.parse(resource("recall-1.statement.json"))).isEqualTo(recallOne());
    assertThat(RecallStatement.parse(resource("recall-2.statement.json"))).isEqualTo(recallTwo());
    assertThat(resource("recall-1.statement.json")).hasSize(292);
    assertThat(resource("recall-2.statement.json")).hasSize(274);
  }

  @Test
  void signingWithTheCheckedInKeyGivesTheCheckedInSignatures() throws IOException {
    SignedRecall one = keys().signer().sign(recallOne());
    SignedRecall two = keys().signer().sign(recallTwo());

    assertThat(one.signature()).isEqualTo(text("recall-1.signature.txt").strip());
    assertThat(two.signature()).isEqualTo(text("recall-2.signature.txt").strip());
    assertThat(one.keyId()).isEqualTo("4e159e46e06b0a29");
    assertThat(one.verify(pinned())).isEqualTo(pinned().get(0));
  }

  @Test
  void verifyAndParseRecallReturnsTheVerifiedRecall() throws IOException {
    SignedRecall verified =
        StatementVerifier.verifyAndParseRecall(
            resource("recall-1.statement.json"), text("recall-1.signature.txt").strip(), pinned());

    assertThat(verified.statement()).isEqualTo(recallOne());
    assertThat(verified.keyId()).isEqualTo("4e159e46e06b0a29");
    assertThat(verified.statement().allowsDowngrade()).isTrue();
    assertThat(recallTwo().allowsDowngrade()).isFalse();
  }

  @Test
  void verificationFailsForEveryChangedByteOfRecallOrSignature() throws IOException {
    for (String name : List.of("recall-1", "recall-2")) {
      byte[] statement = resource(name + ".statement.json");
      String signature = text(name + ".signature.txt").strip();
      List<ReleasePublicKey> pinned = pinned();
      assertThat(StatementVerifier.verifyAndParseRecall(statement, signature, pinned)).isNotNull();

      for (int i = 0; i < statement.length; i++) {
        byte[] changed = statement.clone();
        changed[i] ^= 0x01;
        assertThatThrownBy(() -> StatementVerifier.verifyAndParseRecall(changed, signature, pinned))
            .as("%s statement byte %d", name, i)
            .isInstanceOf(StatementVerificationException.class);
      }
      byte[] signatureBytes = Base64.getDecoder().decode(signature);
      for (int i = 0; i < signatureBytes.length; i++) {
        byte[] changed = signatureBytes.clone();
        changed[i] ^= 0x01;
        String tampered = Base64.getEncoder().encodeToString(changed);
        assertThatThrownBy(
                () -> StatementVerifier.verifyAndParseRecall(statement, tampered, pinned))
            .as("%s signature byte %d", name, i)
            .isInstanceOf(StatementVerificationException.class);
      }
    }
  }

  @Test
  void aSignedReleaseStatementNeverPassesAsARecall() throws IOException {
    byte[] release = resource("statement-1.statement.json");
    String releaseSignature = text("statement-1.signature.txt").strip();

    assertThatThrownBy(
            () -> StatementVerifier.verifyAndParseRecall(release, releaseSignature, pinned()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("recall.type: expected 'petrel.recall.v1', found 'petrel.release.v1'");
  }

  @Test
  void aSignedRecallNeverPassesAsAReleaseStatement() throws IOException {
    byte[] recall = resource("recall-1.statement.json");
    String recallSignature = text("recall-1.signature.txt").strip();

    assertThatThrownBy(() -> StatementVerifier.verifyAndParse(recall, recallSignature, pinned()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("statement.type: expected 'petrel.release.v1', found 'petrel.recall.v1'");
  }

  @Test
  void verificationFailsForADifferentKey() throws IOException {
    List<ReleasePublicKey> foreign = List.of(ReleaseKeyPair.generate().publicKey());

    assertThatThrownBy(
            () ->
                StatementVerifier.verifyAndParseRecall(
                    resource("recall-1.statement.json"),
                    text("recall-1.signature.txt").strip(),
                    foreign))
        .isInstanceOf(StatementVerificationException.class)
        .hasMessageStartingWith("signature: not made by any of the 1 pinned release key(s)");
  }

  @Test
  void refusesOversizeRecallsBeforeVerifying() throws IOException {
    byte[] huge = new byte[RecallStatement.MAX_BYTES + 1];

    assertThatThrownBy(
            () ->
                StatementVerifier.verifyAndParseRecall(
                    huge, text("recall-1.signature.txt").strip(), pinned()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("recall: expected at most 4096 bytes, found 4097 bytes");
  }
}
