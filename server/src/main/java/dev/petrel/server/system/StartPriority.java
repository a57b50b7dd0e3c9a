package dev.petrel.server.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/**
 * The Java priority of a server's start, one below {@link Thread#NORM_PRIORITY}.
 *
 * <p>{@code petrel serve} builds the server at {@link #START} ({@link #lower}), and its request
 * threads are made at {@link #START} too; {@link #restoreAfter} raises them a while after its port
 * opens (the server's settling time), once its first traffic has compiled what the start's check
 * rehearsal did not reach. A thread made without a priority of its own takes its maker's, so the
 * threads the start makes (a scheduler, a writer, a pool's housekeeper) are at {@link #START} too
 * until {@link #restore} raises every thread still there; nothing else in the server uses this
 * priority. Under {@code -XX:ThreadPriorityPolicy=1} the JVM gives a thread the nice value its Java
 * priority maps to: the {@code petrel} launcher maps {@link #START} to a higher nice value than the
 * request threads' where the process may come back from it (docs/operations.md, "A node started
 * again under load"), so that a node started again on a busy machine builds itself with the CPU its
 * neighbours leave over. Elsewhere the priority changes nothing.
 */
public final class StartPriority {
  /** The Java priority of the start and of the threads it makes without a priority of their own. */
  public static final int START = Thread.NORM_PRIORITY - 1;

  private static final Path THREAD_STAT = Path.of("/proc/thread-self/stat");

  /** The {@code stat} field that holds the nice value, counted from the state field (1-based 3). */
  private static final int NICE_AFTER_STATE = 19 - 3;

  private StartPriority() {}

  /** Sets the calling thread to {@link #START}. */
  public static void lower() {
    Thread.currentThread().setPriority(START);
  }

  /**
   * Sets the calling thread and every live thread at {@link #START} to {@link
   * Thread#NORM_PRIORITY}, until none is left at {@link #START} (a thread being made while this
   * runs may take {@link #START} from its maker).
   *
   * @return how many threads other than the caller it raised
   */
  public static int restore() {
    Thread.currentThread().setPriority(Thread.NORM_PRIORITY);
    int raised = 0;
    for (int round = 0; round < 10; round++) {
      int now = 0;
      for (Thread thread : liveThreads()) {
        if (thread.getPriority() == START) {
          thread.setPriority(Thread.NORM_PRIORITY);
          now++;
        }
      }
      raised += now;
      if (now == 0) {
        break;
      }
    }
    return raised;
  }

  /**
   * Starts a daemon thread that waits {@code delay}, runs {@code beforeRaising} (to stop a pool
   * making threads at {@link #START}), {@link #restore}s and hands {@code raised} how many threads
   * it raised. Interrupting the thread cancels what it has not done yet.
   *
   * @return the started thread, at {@link Thread#NORM_PRIORITY}
   */
  public static Thread restoreAfter(Duration delay, Runnable beforeRaising, IntConsumer raised) {
    Thread settler =
        new Thread(
            () -> {
              try {
                Thread.sleep(delay.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              beforeRaising.run();
              raised.accept(restore());
            },
            "petrel-start-settle");
    settler.setDaemon(true);
    settler.setPriority(Thread.NORM_PRIORITY);
    settler.start();
    return settler;
  }

  /** The calling thread's nice value; empty where {@code /proc/thread-self} is missing. */
  public static OptionalInt niceOfThisThread() {
    try {
      return OptionalInt.of(niceIn(Files.readString(THREAD_STAT, StandardCharsets.US_ASCII)));
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * The nice value in a line of {@code /proc/<pid>/task/<tid>/stat}, whose second field, the
   * thread's name in parentheses, may itself hold spaces and parentheses.
   *
   * @throws IllegalArgumentException if the line is not such a line
   */
  public static int niceIn(String stat) {
    int nameEnd = stat.lastIndexOf(')');
    String[] fields = nameEnd < 0 ? new String[0] : stat.substring(nameEnd + 1).trim().split(" ");
    if (fields.length <= NICE_AFTER_STATE) {
      throw new IllegalArgumentException("not a stat line: " + stat);
    }
    return Integer.parseInt(fields[NICE_AFTER_STATE]);
  }

  private static Thread[] liveThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int count = root.enumerate(threads, true);
    return Arrays.copyOf(threads, count);
  }
}
