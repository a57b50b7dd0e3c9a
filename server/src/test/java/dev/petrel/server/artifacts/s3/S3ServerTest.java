package dev.petrel.server.artifacts.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.ArtifactStorage;
import dev.petrel.server.artifacts.ContentAddress;
import dev.petrel.server.testing.RawHttp;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server on an S3 artifact store (s3proxy): publish, then download through a 302 to a
 * pre-signed URL, to a CDN, or streamed by the node when redirects are off; an upload cut off
 * mid-way leaves neither an object nor a pending multipart upload.
 */
class S3ServerTest {
  static final String PREFIX = "releases/";
  static final byte[] APK = bytes(300_000, 7);
  static final String SHA = Sha256.of(APK).hex();
  static final HttpClient PLAIN = HttpClient.newHttpClient();

  @TempDir Path dir;
  String bucket = S3ProxyServer.newBucket();
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    S3ProxyServer.deleteBucket(bucket);
  }

  static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  void start(boolean redirect, String cdnBaseUrl) {
    S3Settings s3 =
        new S3Settings(new S3Location(bucket, PREFIX), S3ProxyServer.endpoint(), null, true);
    ArtifactStorage storage = new ArtifactStorage(s3, redirect, cdnBaseUrl, Duration.ofSeconds(60));
    server = TestServer.start(TestDatabase.SQLITE, dir, config -> config.storage(storage));
  }

  /** Uploads {@link #APK}, publishes it as android 1.1.0, and returns the offered download URL. */
  String publishAndCheck() {
    TestResponse uploaded =
        server.send(
            server
                .request("/api/v1/apps/default/artifacts")
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .header("X-Petrel-Sha256", SHA)
                .POST(HttpRequest.BodyPublishers.ofByteArray(APK)));
    assertThat(uploaded.status()).isEqualTo(201);
    TestResponse published =
        server.postAsAdmin(
            "/api/v1/apps/default/releases",
            """
            {"platform":"android","version":"1.1.0","version_code":2,
             "artifact_sha256":"%s","file_name":"app-1.1.0.apk"}
            """
                .formatted(SHA));
    assertThat(published.status()).isEqualTo(201);
    JsonNode check =
        server
            .post(
                "/api/updates/check",
                "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"device_id\":\"d1\"}")
            .json();
    assertThat(check.get("update_available").asBoolean()).isTrue();
    return check.get("download_url").asText();
  }

  static TestResponse get(String url, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<byte[]> response =
        PLAIN.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new TestResponse(response.statusCode(), response.headers(), response.body());
  }

  @Test
  void aDownloadIsRedirectedToAPresignedUrlThatServesRanges() throws Exception {
    start(true, null);
    String downloadUrl = publishAndCheck();

    TestResponse redirect = get(downloadUrl);
    String location = redirect.header("Location");
    TestResponse whole = get(location);
    TestResponse range = get(location, "Range", "bytes=1000-1999");

    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Cache-Control")).isEqualTo("no-store");
    assertThat(location)
        .startsWith(
            S3ProxyServer.endpoint()
                + "/"
                + bucket
                + "/"
                + PREFIX
                + ContentAddress.of(Sha256.of(APK)))
        .contains("X-Amz-Signature=", "X-Amz-Expires=60");
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(APK);
    assertThat(whole.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"app-1.1.0.apk\"");
    assertThat(range.status()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(APK, 1000, 2000));
  }

  @Test
  void withACdnTheRedirectGoesToTheCdnBaseUrlPlusTheContentAddress() throws Exception {
    start(true, "https://cdn.example.com/petrel");
    String downloadUrl = publishAndCheck();

    TestResponse redirect = get(downloadUrl);

    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location"))
        .isEqualTo("https://cdn.example.com/petrel/" + SHA.substring(0, 2) + "/" + SHA);
    assertThat(S3ProxyServer.everythingIn(bucket))
        .containsExactly(PREFIX + SHA.substring(0, 2) + "/" + SHA);
  }

  @Test
  void headAndUnknownDigestsAreAnsweredByTheNodeEvenWithRedirects() throws Exception {
    start(true, null);
    String downloadUrl = publishAndCheck();

    HttpResponse<Void> head =
        PLAIN.send(
            HttpRequest.newBuilder(URI.create(downloadUrl))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    TestResponse unknown = server.get("/downloads/" + Sha256.of(new byte[] {1}).hex());

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).contains(String.valueOf(APK.length));
    assertThat(head.headers().firstValue("ETag")).contains("\"" + SHA + "\"");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").asText()).isEqualTo("artifact.not_found");
  }

  @Test
  void withRedirectsOffTheNodeStreamsFromTheBucketWithRangeAndETag() throws Exception {
    start(false, null);
    String downloadUrl = publishAndCheck();
    String etag = "\"" + SHA + "\"";

    TestResponse whole = get(downloadUrl);
    TestResponse range = get(downloadUrl, "Range", "bytes=299990-", "If-Range", etag);
    TestResponse staleRange = get(downloadUrl, "Range", "bytes=0-9", "If-Range", "\"other\"");

    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(APK);
    assertThat(whole.header("ETag")).isEqualTo(etag);
    assertThat(range.status()).isEqualTo(206);
    assertThat(range.header("Content-Range")).isEqualTo("bytes 299990-299999/300000");
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(APK, 299_990, 300_000));
    assertThat(staleRange.status()).isEqualTo(200);
    assertThat(staleRange.body()).isEqualTo(APK);
  }

  @Test
  void anUploadCutOffMidwayLeavesNoObjectAndNoPendingMultipartUpload() throws Exception {
    start(true, null);
    byte[] firstParts = bytes(S3ArtifactStore.DEFAULT_PART_SIZE + 1_000_000, 9);

    try (RawHttp http = new RawHttp(server.server().port())) {
      http.head(
          "POST /api/v1/apps/default/artifacts HTTP/1.1",
          "Host: 127.0.0.1",
          "Authorization: Bearer " + TestServer.ADMIN_TOKEN,
          "Content-Type: application/octet-stream",
          "Content-Length: 40000000");
      http.body(firstParts);
      awaitEverythingIn(
          found -> found.stream().anyMatch(key -> key.startsWith("multipart:")),
          "the first part to reach the bucket");
    }

    awaitEverythingIn(List::isEmpty, "the multipart upload to be aborted");
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = 'artifact.upload'"))
        .isZero();
  }

  void awaitEverythingIn(java.util.function.Predicate<List<String>> condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.test(S3ProxyServer.everythingIn(bucket))) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
