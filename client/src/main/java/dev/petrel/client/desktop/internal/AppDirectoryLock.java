package dev.petrel.client.desktop.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Exclusive ownership of one app directory, across processes and threads: a {@link FileLock} on
 * {@code .petrel/lock} (released by the OS when the process dies, so a killed updater never leaves
 * it stuck) plus an in-process lock per directory, because a {@code FileLock} is held per JVM and a
 * second channel in the same JVM would get {@code OverlappingFileLockException} instead of waiting.
 * Close it to release.
 */
public final class AppDirectoryLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 50;

  private final Semaphore threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private AppDirectoryLock(Semaphore threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Takes the lock on {@code lockFile}, waiting at most {@code wait}.
   *
   * @throws LockBusyException when another process or thread still holds it after {@code wait}
   */
  public static AppDirectoryLock acquire(Path lockFile, Duration wait) throws IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    Semaphore threadLock = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      if (!threadLock.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new LockBusyException(key);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockBusyException(key);
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(key.getParent());
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock fileLock = channel.tryLock();
        if (fileLock != null) {
          return new AppDirectoryLock(threadLock, channel, fileLock);
        }
        if (System.nanoTime() >= deadline) {
          throw new LockBusyException(key);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      threadLock.release();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(channel);
      threadLock.release();
      throw new LockBusyException(key);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
      channel.close();
    } finally {
      threadLock.release();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Already failing; the first error is the one to report.
      }
    }
  }

  /** Another updater holds the app directory. */
  public static final class LockBusyException extends IOException {
    private static final long serialVersionUID = 1L;

    LockBusyException(Path lockFile) {
      super("another updater is working on this app directory (lock " + lockFile + " is held)");
    }
  }
}
