package dev.petrel.server.artifacts.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactRejectedException;
import dev.petrel.server.artifacts.ArtifactRejectedException.Reason;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.artifacts.ContentAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Artifacts larger than one part, on s3proxy, with the smallest part S3 takes (5 MiB): they go up
 * as multipart uploads that become visible only once verified, and every refusal or interruption
 * aborts the upload, leaving neither an object nor a pending multipart upload.
 */
class S3MultipartUploadTest {
  static final int PART = 5 * 1024 * 1024;
  static final long LIMIT = 64L * 1024 * 1024;
  static final byte[] LARGE = bytes(12 * 1024 * 1024 + 123, 1);
  static final Sha256 LARGE_SHA = Sha256.of(LARGE);

  String bucket;
  S3Location location;
  S3Connection connection;
  S3ArtifactStore store;

  @BeforeEach
  void open() throws IOException {
    bucket = S3ProxyServer.newBucket();
    location = new S3Location(bucket, "petrel/");
    connection = S3Connection.open(new S3Settings(location, S3ProxyServer.endpoint(), null, true));
    store = connection.store(PART, S3ArtifactStore.MAX_SINGLE_COPY);
  }

  @AfterEach
  void close() {
    connection.close();
    S3ProxyServer.deleteBucket(bucket);
  }

  static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  String keyOfLarge() {
    return "petrel/" + ContentAddress.of(LARGE_SHA);
  }

  byte[] readBack(ArtifactStore from) throws IOException {
    try (InputStream in = from.open(LARGE_SHA, 0, LARGE.length)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aDeclaredDigestGoesUpInPartsStraightToItsContentAddress() throws IOException {
    ArtifactStore.Stored stored =
        store.put(new ByteArrayInputStream(LARGE), LIMIT, LARGE_SHA, (long) LARGE.length);

    assertThat(stored).isEqualTo(new ArtifactStore.Stored(LARGE_SHA, LARGE.length));
    assertThat(S3ProxyServer.everythingIn(bucket)).containsExactly(keyOfLarge());
    assertThat(readBack(store)).isEqualTo(LARGE);
  }

  @Test
  void withoutADeclaredDigestItIsCopiedToItsContentAddressAndTheTemporaryObjectRemoved()
      throws IOException {
    ArtifactStore.Stored stored = store.put(new ByteArrayInputStream(LARGE), LIMIT, null, null);

    assertThat(stored.sha256()).isEqualTo(LARGE_SHA);
    assertThat(S3ProxyServer.everythingIn(bucket)).containsExactly(keyOfLarge());
    assertThat(readBack(store)).isEqualTo(LARGE);
  }

  @Test
  void aTemporaryObjectAboveTheSingleCopyLimitIsCopiedPartByPart() throws IOException {
    S3ArtifactStore copyingInParts = connection.store(PART, PART);

    copyingInParts.put(new ByteArrayInputStream(LARGE), LIMIT, null, null);

    assertThat(S3ProxyServer.everythingIn(bucket)).containsExactly(keyOfLarge());
    assertThat(readBack(copyingInParts)).isEqualTo(LARGE);
  }

  @Test
  void anUploadInterruptedAfterSomePartsIsAbortedAndLeavesNothing() {
    InputStream brokenOff =
        new SequenceInputStream(
            new ByteArrayInputStream(LARGE, 0, 2 * PART + 1000),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("the client went away");
              }
            });

    assertThatThrownBy(() -> store.put(brokenOff, LIMIT, LARGE_SHA, (long) LARGE.length))
        .isInstanceOf(IOException.class)
        .hasMessage("the client went away");
    assertThat(S3ProxyServer.everythingIn(bucket)).isEmpty();
  }

  @Test
  void aWrongDigestFoundAfterTheLastPartIsAbortedAndLeavesNothing() {
    Sha256 declared = Sha256.of("something else".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> store.put(new ByteArrayInputStream(LARGE), LIMIT, declared, null))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
    assertThat(S3ProxyServer.everythingIn(bucket)).isEmpty();
  }

  @Test
  void aWrongDigestWithoutDeclarationOfItIsNeverCopiedIntoPlace() {
    assertThatThrownBy(
            () -> store.put(new ByteArrayInputStream(LARGE), LIMIT, null, LARGE.length + 1L))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIZE_MISMATCH));
    assertThat(S3ProxyServer.everythingIn(bucket)).isEmpty();
  }

  @Test
  void goingOverTheLimitInALaterPartIsAbortedAndLeavesNothing() {
    assertThatThrownBy(
            () -> store.put(new ByteArrayInputStream(LARGE), 11L * 1024 * 1024, null, null))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    assertThat(S3ProxyServer.everythingIn(bucket)).isEmpty();
  }

  @Test
  void otherBytesDeclaredAsAStoredDigestAreRefusedAndTheStoredArtifactStaysIntact()
      throws IOException {
    store.put(new ByteArrayInputStream(LARGE), LIMIT, LARGE_SHA, null);
    byte[] other = bytes(LARGE.length, 2);

    assertThatThrownBy(() -> store.put(new ByteArrayInputStream(other), LIMIT, LARGE_SHA, null))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
    assertThat(S3ProxyServer.everythingIn(bucket)).containsExactly(keyOfLarge());
    assertThat(readBack(store)).isEqualTo(LARGE);
  }

  @Test
  void uploadsLeftBehindByACrashAreRemovedOnceAnHourOld() {
    S3ProxyServer.admin()
        .createMultipartUpload(request -> request.bucket(bucket).key("petrel/ab/abandoned"));
    String temporary = location.newTemporaryKey();
    S3ProxyServer.admin()
        .putObject(
            request -> request.bucket(bucket).key(temporary),
            RequestBody.fromString("half an upload"));
    S3ProxyServer.admin()
        .putObject(
            request -> request.bucket(bucket).key("elsewhere/tmp/upload-1"),
            RequestBody.fromString("not ours"));

    StaleUploads.remove(S3ProxyServer.admin(), location, Clock.systemUTC());
    assertThat(S3ProxyServer.everythingIn(bucket))
        .contains("multipart:petrel/ab/abandoned", temporary, "elsewhere/tmp/upload-1");

    Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    StaleUploads.remove(S3ProxyServer.admin(), location, twoHoursLater);
    assertThat(S3ProxyServer.everythingIn(bucket)).containsExactly("elsewhere/tmp/upload-1");
  }
}
