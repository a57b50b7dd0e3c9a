package dev.petrel.server.artifacts;

import static dev.petrel.server.artifacts.Uploads.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Downloads: headers, ranges, conditional requests and HEAD. Downloads never touch the database, so
 * one SQLite-backed server serves every test here.
 */
class ArtifactDownloadTest {
  static final byte[] ARTIFACT = bytes(1000, 42);
  static final String SHA = Sha256.of(ARTIFACT).hex();
  static final String ETAG = "\"" + SHA + "\"";
  static final String URL = "/downloads/" + SHA;

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestDatabase.SQLITE, dir);
    assertThat(Uploads.upload(server, ARTIFACT).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static TestResponse get(String path, String... headers) {
    HttpRequest.Builder request = server.request(path).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return server.send(request);
  }

  static TestResponse head(String path, String... headers) {
    HttpRequest.Builder request =
        server.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return server.send(request);
  }

  static byte[] slice(int from, int toInclusive) {
    return Arrays.copyOfRange(ARTIFACT, from, toInclusive + 1);
  }

  @Test
  void wholeArtifactComesWithLengthETagAndCachingHeaders() {
    TestResponse download = get(URL);

    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(ARTIFACT);
    assertThat(download.header("Content-Length")).isEqualTo("1000");
    assertThat(download.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(download.header("ETag")).isEqualTo(ETAG);
    assertThat(download.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(download.header("Content-Disposition")).isNull();
    assertThat(download.header("Content-Encoding")).isNull();
    assertThat(download.header("Content-Range")).isNull();
  }

  @Test
  void namedDownloadSuggestsTheNameAndItsMediaType() {
    TestResponse download = get(URL + "/app-1.2.0.apk");

    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(ARTIFACT);
    assertThat(download.header("Content-Type"))
        .isEqualTo("application/vnd.android.package-archive");
    assertThat(download.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"app-1.2.0.apk\"");
  }

  @Test
  void anAwkwardNameIsQuotedSafely() {
    TestResponse download = get(URL + "/my%22app%3B%20v2.msi");

    assertThat(download.status()).isEqualTo(200);
    assertThat(download.header("Content-Type")).isEqualTo("application/x-msi");
    assertThat(download.header("Content-Disposition"))
        .isEqualTo(
            "attachment; filename=\"my_app__v2.msi\"; filename*=UTF-8''my%22app%3B%20v2.msi");
  }

  @Test
  void aDigestInUpperCaseFindsTheArtifact() {
    TestResponse download = get("/downloads/" + SHA.toUpperCase(java.util.Locale.ROOT));

    assertThat(download.status()).isEqualTo(200);
    assertThat(download.header("ETag")).isEqualTo(ETAG);
  }

  @Test
  void closedRangeAnswersThatSlice() {
    TestResponse part = get(URL, "Range", "bytes=10-19");

    assertThat(part.status()).isEqualTo(206);
    assertThat(part.header("Content-Range")).isEqualTo("bytes 10-19/1000");
    assertThat(part.header("Content-Length")).isEqualTo("10");
    assertThat(part.header("ETag")).isEqualTo(ETAG);
    assertThat(part.body()).isEqualTo(slice(10, 19));
  }

  @Test
  void openRangeAnswersTheRest() {
    TestResponse part = get(URL, "Range", "bytes=990-");

    assertThat(part.status()).isEqualTo(206);
    assertThat(part.header("Content-Range")).isEqualTo("bytes 990-999/1000");
    assertThat(part.body()).isEqualTo(slice(990, 999));
  }

  @Test
  void suffixRangeAnswersTheLastBytes() {
    TestResponse part = get(URL, "Range", "bytes=-5");

    assertThat(part.status()).isEqualTo(206);
    assertThat(part.header("Content-Range")).isEqualTo("bytes 995-999/1000");
    assertThat(part.body()).isEqualTo(slice(995, 999));
  }

  @Test
  void rangesReachingPastTheEndAreClipped() {
    TestResponse closed = get(URL, "Range", "bytes=900-5000");
    TestResponse suffix = get(URL, "Range", "bytes=-5000");

    assertThat(closed.status()).isEqualTo(206);
    assertThat(closed.header("Content-Range")).isEqualTo("bytes 900-999/1000");
    assertThat(closed.body()).isEqualTo(slice(900, 999));
    assertThat(suffix.status()).isEqualTo(206);
    assertThat(suffix.header("Content-Range")).isEqualTo("bytes 0-999/1000");
    assertThat(suffix.body()).isEqualTo(ARTIFACT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=1000-", "bytes=5000-6000", "bytes=-0", "bytes=5-1", "bytes=abc"})
  void unsatisfiableOrMalformedRangeIs416WithTheLength(String range) {
    TestResponse refused = get(URL, "Range", range);

    assertThat(refused.status()).isEqualTo(416);
    assertThat(refused.header("Content-Range")).isEqualTo("bytes */1000");
    assertThat(refused.json().get("code").asText()).isEqualTo("download.range_not_satisfiable");
    assertThat(refused.header("Cache-Control")).isNull();
  }

  @Test
  void severalRangesAnswerTheWholeArtifact() {
    TestResponse whole = get(URL, "Range", "bytes=0-9,20-29");

    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.header("Content-Range")).isNull();
    assertThat(whole.body()).isEqualTo(ARTIFACT);
  }

  @Test
  void anUnknownRangeUnitIsIgnored() {
    TestResponse whole = get(URL, "Range", "items=0-9");

    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(ARTIFACT);
  }

  @Test
  void ifRangeWithTheETagHonoursTheRange() {
    TestResponse part = get(URL, "Range", "bytes=100-199", "If-Range", ETAG);

    assertThat(part.status()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(slice(100, 199));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"0000000000000000000000000000000000000000000000000000000000000000\"",
        "W/\"" + "SHA" + "\"",
        "Wed, 21 Oct 2015 07:28:00 GMT"
      })
  void ifRangeWithAnythingElseAnswersTheWholeArtifact(String ifRange) {
    String value = ifRange.replace("SHA", SHA);

    TestResponse whole = get(URL, "Range", "bytes=100-199", "If-Range", value);

    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.header("Content-Range")).isNull();
    assertThat(whole.body()).isEqualTo(ARTIFACT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ETAG", "W/ETAG", "\"other\", ETAG", "*"})
  void ifNoneMatchWithTheETagIsNotModified(String ifNoneMatch) {
    TestResponse notModified = get(URL, "If-None-Match", ifNoneMatch.replace("ETAG", ETAG));

    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.header("ETag")).isEqualTo(ETAG);
    assertThat(notModified.header("Cache-Control"))
        .isEqualTo("public, max-age=31536000, immutable");
  }

  @Test
  void ifNoneMatchWithAnotherETagAnswersTheArtifact() {
    TestResponse download = get(URL, "If-None-Match", "\"other\"");

    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(ARTIFACT);
  }

  @Test
  void headAnswersTheHeadersOfGetWithoutTheBody() {
    TestResponse head = head(URL + "/app.zip");

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Length")).isEqualTo("1000");
    assertThat(head.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(head.header("ETag")).isEqualTo(ETAG);
    assertThat(head.header("Content-Type")).isEqualTo("application/zip");
    assertThat(head.header("Content-Disposition")).isEqualTo("attachment; filename=\"app.zip\"");
  }

  @Test
  void headWithARangeAnswersThePartialHeaders() {
    TestResponse head = head(URL, "Range", "bytes=0-99");

    assertThat(head.status()).isEqualTo(206);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Length")).isEqualTo("100");
    assertThat(head.header("Content-Range")).isEqualTo("bytes 0-99/1000");
  }

  @Test
  void unknownDigestIsNotFound() {
    TestResponse missing = get("/downloads/" + Sha256.of(new byte[] {9}).hex() + "/app.apk");
    TestResponse missingHead = head("/downloads/" + Sha256.of(new byte[] {9}).hex());

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("code").asText()).isEqualTo("artifact.not_found");
    assertThat(missingHead.status()).isEqualTo(404);
  }

  @Test
  void malformedDigestIsNotFound() {
    TestResponse missing = get("/downloads/not-a-digest");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("code").asText()).isEqualTo("artifact.not_found");
  }

  @Test
  void anEmptyArtifactDownloadsAndHasNoSatisfiableRange() {
    String empty = "/downloads/" + Sha256.of(new byte[0]).hex();
    Uploads.upload(server, new byte[0]);

    TestResponse whole = get(empty);
    TestResponse ranged = get(empty, "Range", "bytes=0-");

    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.header("Content-Length")).isEqualTo("0");
    assertThat(ranged.status()).isEqualTo(416);
    assertThat(ranged.header("Content-Range")).isEqualTo("bytes */0");
  }
}
