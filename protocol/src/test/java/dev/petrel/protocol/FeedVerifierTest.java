package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedVerifierTest {
  private static final AppId NOTES = new AppId("notes");
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private final ReleaseKeyPair key = ReleaseKeyPair.generate();
  private final List<ReleasePublicKey> pinned = List.of(key.publicKey());
  private final SignedStatement android =
      key.signer().sign(statement("android", "stable", "1.4.0", 14));
  private final SignedStatement windows =
      key.signer().sign(statement("windows", "beta", "2.0.0", 20));

  static ReleaseStatement statement(String platform, String channel, String version, long code) {
    return ReleaseStatement.builder()
        .app(NOTES)
        .platform(new Platform(platform))
        .channel(Channel.parse("channel", channel))
        .version(Version.parse(version))
        .versionCode(code)
        .sha256(Sha256.of(version.getBytes(StandardCharsets.UTF_8)))
        .size(33)
        .issuedAt(NOW)
        .build();
  }

  private Feed feed(FeedRelease... releases) {
    return new Feed(NOTES, NOW, List.of(releases));
  }

  private String validFeed() {
    return text(
        feed(
            FeedRelease.of(android, "https://cdn.example.com/notes-1.4.0.apk"),
            FeedRelease.of(windows, "https://cdn.example.com/notes-2.0.0.zip")));
  }

  private static String text(Feed feed) {
    return new String(feed.toJson(), StandardCharsets.UTF_8);
  }

  private List<VerifiedFeedRelease> verify(String json) {
    return FeedVerifier.verify(json.getBytes(StandardCharsets.UTF_8), NOTES, pinned);
  }

  @Test
  void verifiesAFeedWithThePublicKeyAlone() {
    List<VerifiedFeedRelease> verified = verify(validFeed());

    assertThat(verified).extracting(VerifiedFeedRelease::signed).containsExactly(android, windows);
    assertThat(verified.get(0).downloadUrl()).isEqualTo("https://cdn.example.com/notes-1.4.0.apk");
    assertThat(verified.get(1).statement().versionCode()).isEqualTo(20);
  }

  @Test
  void writesAndReadsTheSameFeed() {
    Feed feed = feed(FeedRelease.of(android, "https://cdn.example.com/a.apk"));

    assertThat(Feed.parse(feed.toJson())).isEqualTo(feed);
    assertThat(text(feed))
        .startsWith("{\n  \"format\": \"petrel.feed.v1\",\n  \"app\": \"notes\",\n")
        .endsWith("}\n");
    assertThat(Feed.parse(feed(new FeedRelease[0]).toJson()).releases()).isEmpty();
  }

  @Test
  void refusesAWrapperVersionThatDiffersFromTheStatement() {
    String tampered = validFeed().replace("\"version\": \"1.4.0\"", "\"version\": \"9.9.9\"");

    assertThatThrownBy(() -> verify(tampered))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "feed.releases[0].version: the feed says '9.9.9' but the signed statement says"
                + " '1.4.0'");
  }

  @Test
  void refusesAWrapperVersionCodeThatDiffersFromTheStatement() {
    String tampered = validFeed().replace("\"version_code\": 14", "\"version_code\": 99");

    assertThatThrownBy(() -> verify(tampered))
        .hasMessageStartingWith("feed.releases[0].version_code: the feed says '99'");
  }

  @Test
  void refusesStatementsSwappedBetweenEntries() {
    String swapped =
        text(
            feed(
                new FeedRelease(
                    new Platform("android"),
                    Channel.STABLE,
                    Version.parse("1.4.0"),
                    14,
                    "https://cdn.example.com/a.apk",
                    FeedRelease.of(windows, "https://x.example/").statement(),
                    windows.signature(),
                    windows.keyId())));

    assertThatThrownBy(() -> verify(swapped))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "feed.releases[0].platform: the feed says 'android' but the signed statement says"
                + " 'windows'");
  }

  @Test
  void refusesAFlippedSignatureByte() {
    byte[] signature = android.signatureBytes();
    signature[10] ^= 1;
    String flipped =
        validFeed().replace(android.signature(), Base64.getEncoder().encodeToString(signature));

    assertThatThrownBy(() -> verify(flipped))
        .isInstanceOf(StatementVerificationException.class)
        .hasMessageStartingWith("feed.releases[0].signature: not made by any of the 1 pinned")
        .extracting(e -> ((StatementVerificationException) e).reason())
        .isEqualTo(StatementVerificationException.Reason.NOT_SIGNED_BY_PINNED_KEY);
  }

  @Test
  void refusesAFlippedStatementByte() {
    FeedRelease entry = FeedRelease.of(android, "https://cdn.example.com/a.apk");
    byte[] statement = entry.statementBytes();
    statement[statement.length - 3] = '5'; // version_code 14 -> 54
    String flipped =
        validFeed().replace(entry.statement(), Base64.getEncoder().encodeToString(statement));

    assertThatThrownBy(() -> verify(flipped))
        .isInstanceOf(StatementVerificationException.class)
        .hasMessageStartingWith("feed.releases[0].signature: not made by");
  }

  @Test
  void refusesAnEntrySignedByAnUnpinnedKey() {
    SignedStatement foreign =
        ReleaseKeyPair.generate().signer().sign(statement("linux", "stable", "1.0.0", 1));
    String feed =
        text(
            feed(
                FeedRelease.of(android, "https://a.example/"),
                FeedRelease.of(foreign, "https://b.example/")));

    assertThatThrownBy(() -> verify(feed))
        .isInstanceOf(StatementVerificationException.class)
        .hasMessageStartingWith("feed.releases[1].signature: not made by any of the 1 pinned");
  }

  @Test
  void refusesAFeedOfAnotherApp() {
    assertThatThrownBy(
            () ->
                FeedVerifier.verify(
                    validFeed().getBytes(StandardCharsets.UTF_8), new AppId("photos"), pinned))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("feed.app: expected 'photos', found 'notes'");
  }

  @Test
  void refusesAWrapperThatRenamesTheAppOfItsStatements() {
    SignedStatement other =
        key.signer()
            .sign(
                ReleaseStatement.builder()
                    .app(new AppId("photos"))
                    .platform(new Platform("android"))
                    .channel(Channel.STABLE)
                    .version(Version.parse("1.0.0"))
                    .versionCode(1)
                    .sha256(Sha256.of(new byte[0]))
                    .size(0)
                    .issuedAt(NOW)
                    .build());

    assertThatThrownBy(() -> verify(text(feed(FeedRelease.of(other, "https://a.example/")))))
        .hasMessage(
            "feed.releases[0].app: the feed says 'notes' but the signed statement says 'photos'");
  }

  @Test
  void refusesAWrongFormat() {
    assertThatThrownBy(() -> verify(validFeed().replace("petrel.feed.v1", "petrel.feed.v2")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("feed.format: expected 'petrel.feed.v1', found 'petrel.feed.v2'");
  }

  @Test
  void refusesMalformedJson() {
    assertThatThrownBy(() -> verify(validFeed().replace("\"releases\": [", "\"releases\": [,")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("feed: not valid JSON at byte ");
    assertThatThrownBy(() -> verify(validFeed() + "x"))
        .hasMessageEndingWith("unexpected data after the document");
    assertThatThrownBy(() -> verify(validFeed().substring(0, 100)))
        .hasMessageStartingWith("feed: not valid JSON");
    assertThatThrownBy(
            () ->
                verify(
                    validFeed()
                        .replace("\"app\": \"notes\",", "\"app\": \"notes\", \"app\": \"notes\",")))
        .hasMessageEndingWith("duplicate key 'app'");
    assertThatThrownBy(() -> verify("[]")).hasMessage("feed: expected a JSON object");
    assertThatThrownBy(
            () -> verify(validFeed().replace("\"version_code\": 14", "\"version_code\": 14.0")))
        .hasMessageContaining("expected an integer");
    assertThatThrownBy(() -> FeedVerifier.verify(new byte[] {'{', (byte) 0xc3, '}'}, NOTES, pinned))
        .hasMessage("feed: not valid UTF-8");
    assertThatThrownBy(
            () -> verify(validFeed().replace("\"app\": \"notes\"", "\"app\": \"\\ud800\"")))
        .hasMessageEndingWith("string holds a lone surrogate \\ud800");
  }

  @Test
  void refusesUnknownOrMissingKeys() {
    assertThatThrownBy(() -> verify(validFeed().replace("\"app\":", "\"extra\": 1, \"app\":")))
        .hasMessage("feed: unknown key 'extra'");
    assertThatThrownBy(() -> verify(validFeed().replace("      \"signing_key_id\"", "      \"x\"")))
        .hasMessage("feed.releases[0]: unknown key 'x'");
  }

  @Test
  void refusesAnOversizeFeed() {
    byte[] big = new byte[Feed.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');

    assertThatThrownBy(() -> FeedVerifier.verify(big, NOTES, pinned))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("feed: expected at most 1048576 bytes, found 1048577");
  }

  @Test
  void refusesTooManyEntriesAndDuplicatePlatformChannel() {
    StringBuilder many =
        new StringBuilder(
            "{\"format\":\"petrel.feed.v1\",\"app\":\"notes\",\"generated_at\":\"2026-01-02T03:04:05Z\",\"releases\":[");
    for (int i = 0; i <= Feed.MAX_RELEASES; i++) {
      many.append(i == 0 ? "{}" : ",{}");
    }
    assertThatThrownBy(() -> verify(many + "]}"))
        .hasMessage("feed.releases: expected at most 1000 entries, found 1001");
    String twice =
        validFeed()
            .replace(
                "\"platform\": \"windows\",\n      \"channel\": \"beta\"",
                "\"platform\": \"android\",\n      \"channel\": \"stable\"");
    assertThatThrownBy(() -> verify(twice))
        .hasMessage("feed.releases[1]: a second entry for android/stable (first at [0])");
  }

  @Test
  void refusesAnEmptyPinnedList() {
    assertThatThrownBy(
            () ->
                FeedVerifier.verify(validFeed().getBytes(StandardCharsets.UTF_8), NOTES, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDocumentedExampleFeedVerifiesWithTheVectorKey() throws Exception {
    ReleasePublicKey vectorKey =
        ReleasePublicKey.parse("key", StatementVectorTest.text("statement-1.public.txt"));

    List<VerifiedFeedRelease> verified =
        FeedVerifier.verify(StatementVectorTest.resource("feed-1.json"), NOTES, List.of(vectorKey));

    assertThat(verified).hasSize(1);
    assertThat(verified.get(0).statement()).isEqualTo(StatementVectorTest.statementOne());
    assertThat(verified.get(0).signed().keyId()).isEqualTo("4e159e46e06b0a29");
  }
}
