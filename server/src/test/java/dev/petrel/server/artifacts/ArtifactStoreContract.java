package dev.petrel.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ArtifactStore} must do. A back-end's test extends this class and supplies a
 * fresh, empty store per test and a way to list everything it holds, temporary uploads included.
 */
public abstract class ArtifactStoreContract {
  protected static final long LIMIT = 1024 * 1024;

  /** A fresh, empty store; called once per test. */
  protected abstract ArtifactStore store() throws IOException;

  /**
   * Every file or object the store holds, finished or temporary, so that tests can assert that a
   * refused upload left nothing behind. Empty directories do not count.
   */
  protected abstract List<String> everythingStored() throws IOException;

  /** Every regular file under {@code root}, relative to it; empty directories do not count. */
  public static List<String> regularFilesUnder(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
    }
  }

  static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  @Test
  void putStoresTheBytesUnderTheirSha256() throws IOException {
    ArtifactStore store = store();
    byte[] bytes = bytes(200_000, 1);

    ArtifactStore.Stored stored = store.put(stream(bytes), LIMIT, null, null);

    assertThat(stored.sha256()).isEqualTo(Sha256.of(bytes));
    assertThat(stored.size()).isEqualTo(bytes.length);
    assertThat(store.stat(Sha256.of(bytes))).contains(stored);
    try (InputStream in = store.open(stored.sha256(), 0, bytes.length)) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void putAcceptsMatchingDeclarations() throws IOException {
    ArtifactStore store = store();
    byte[] bytes = bytes(1000, 2);

    ArtifactStore.Stored stored =
        store.put(stream(bytes), LIMIT, Sha256.of(bytes), (long) bytes.length);

    assertThat(stored.sha256()).isEqualTo(Sha256.of(bytes));
  }

  @Test
  void putAcceptsExactlyTheLimit() throws IOException {
    ArtifactStore store = store();
    byte[] bytes = bytes(4096, 3);

    ArtifactStore.Stored stored = store.put(stream(bytes), bytes.length, null, null);

    assertThat(stored.size()).isEqualTo(4096);
  }

  @Test
  void putStoresAnEmptyArtifact() throws IOException {
    ArtifactStore store = store();

    ArtifactStore.Stored stored = store.put(stream(new byte[0]), LIMIT, null, 0L);

    assertThat(stored.size()).isZero();
    assertThat(store.stat(Sha256.of(new byte[0]))).contains(stored);
  }

  @Test
  void openReadsTheRequestedSlice() throws IOException {
    ArtifactStore store = store();
    byte[] bytes = bytes(100_000, 4);
    Sha256 sha = store.put(stream(bytes), LIMIT, null, null).sha256();

    try (InputStream in = store.open(sha, 70_000, 1234)) {
      assertThat(in.readAllBytes()).isEqualTo(slice(bytes, 70_000, 1234));
    }
  }

  @Test
  void openStopsAtTheEndOfTheArtifact() throws IOException {
    ArtifactStore store = store();
    byte[] bytes = bytes(1000, 5);
    Sha256 sha = store.put(stream(bytes), LIMIT, null, null).sha256();

    try (InputStream in = store.open(sha, 900, 5000)) {
      assertThat(in.readAllBytes()).isEqualTo(slice(bytes, 900, 100));
    }
  }

  @Test
  void statOfAnUnknownDigestIsEmpty() throws IOException {
    assertThat(store().stat(Sha256.of(new byte[] {1}))).isEmpty();
  }

  @Test
  void openOfAnUnknownDigestThrowsNoSuchFile() throws IOException {
    ArtifactStore store = store();

    assertThatThrownBy(() -> store.open(Sha256.of(new byte[] {1}), 0, 1))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void identicalBytesAreStoredOnce() throws IOException {
    ArtifactStore store = store();
    byte[] bytes = bytes(10_000, 6);

    ArtifactStore.Stored first = store.put(stream(bytes), LIMIT, null, null);
    ArtifactStore.Stored second = store.put(stream(bytes), LIMIT, null, null);

    assertThat(second).isEqualTo(first);
    assertThat(everythingStored()).hasSize(1);
  }

  @Test
  void putOverTheLimitIsRefusedAndLeavesNothing() throws IOException {
    ArtifactStore store = store();

    assertThatThrownBy(() -> store.put(stream(bytes(5000, 7)), 4999, null, null))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    assertThat(everythingStored()).isEmpty();
  }

  @Test
  void putDeclaringMoreThanTheLimitIsRefusedBeforeReading() throws IOException {
    ArtifactStore store = store();
    InputStream unreadable =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the store read a body it should have refused unread");
          }
        };

    assertThatThrownBy(() -> store.put(unreadable, 100, null, 101L))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    assertThat(everythingStored()).isEmpty();
  }

  @Test
  void putWithAWrongDigestIsRefusedAndLeavesNothing() throws IOException {
    ArtifactStore store = store();
    byte[] bytes = bytes(3000, 8);
    Sha256 other = Sha256.of("other".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> store.put(stream(bytes), LIMIT, other, null))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
    assertThat(everythingStored()).isEmpty();
    assertThat(store.stat(Sha256.of(bytes))).isEmpty();
  }

  @Test
  void putShorterThanDeclaredIsRefusedAndLeavesNothing() throws IOException {
    ArtifactStore store = store();

    assertThatThrownBy(() -> store.put(stream(bytes(3000, 9)), LIMIT, null, 3001L))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIZE_MISMATCH));
    assertThat(everythingStored()).isEmpty();
  }

  @Test
  void putLongerThanDeclaredIsRefusedAndLeavesNothing() throws IOException {
    ArtifactStore store = store();

    assertThatThrownBy(() -> store.put(stream(bytes(3000, 10)), LIMIT, null, 2999L))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIZE_MISMATCH));
    assertThat(everythingStored()).isEmpty();
  }

  @Test
  void putLongerThanDeclaredStopsReadingSoonAfterTheDeclaredSize() throws IOException {
    ArtifactStore store = store();
    long[] served = {0};
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            served[0]++;
            return 7;
          }
        };

    assertThatThrownBy(() -> store.put(endless, 64 * LIMIT, null, 10L))
        .isInstanceOfSatisfying(
            ArtifactRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIZE_MISMATCH));
    assertThat(served[0]).isLessThan(LIMIT);
    assertThat(everythingStored()).isEmpty();
  }

  @Test
  void putWhoseStreamFailsLeavesNothing() throws IOException {
    ArtifactStore store = store();
    InputStream failing =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served++ < 100_000) {
              return 42;
            }
            throw new IOException("the client went away");
          }
        };

    assertThatThrownBy(() -> store.put(failing, LIMIT, null, null))
        .isInstanceOf(IOException.class)
        .hasMessage("the client went away");
    assertThat(everythingStored()).isEmpty();
  }

  @Test
  void concurrentPutsOfTheSameBytesAllSucceedAndStoreOneCopy() throws Exception {
    ArtifactStore store = store();
    byte[] bytes = bytes(300_000, 11);
    int uploaders = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(uploaders);
    try {
      List<Future<ArtifactStore.Stored>> results = new ArrayList<>();
      for (int i = 0; i < uploaders; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.put(stream(bytes), LIMIT, Sha256.of(bytes), null);
                }));
      }
      start.countDown();
      for (Future<ArtifactStore.Stored> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).sha256()).isEqualTo(Sha256.of(bytes));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(everythingStored()).hasSize(1);
    try (InputStream in = store.open(Sha256.of(bytes), 0, bytes.length)) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  static byte[] slice(byte[] bytes, int offset, int length) {
    byte[] slice = new byte[length];
    System.arraycopy(bytes, offset, slice, 0, length);
    return slice;
  }
}
