package dev.petrel.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.server.testing.ThreadNice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The start's priority: Java priorities here, and nice values in a JVM run as the launcher runs it.
 */
class StartPriorityTest {
  @Test
  void readsTheNiceValueAfterANameWithSpacesAndParentheses() {
    String stat =
        "4242 (a) (b c) S 1 4242 4242 0 -1 4194560 100 0 0 0 7 3 0 0 30 10 12 0 555 9000 21";
    assertThat(StartPriority.niceIn(stat)).isEqualTo(10);
    assertThatThrownBy(() -> StartPriority.niceIn("4242 (java) S 1 2 3"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StartPriority.niceIn("no name here"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsThisThreadsNiceWhereThereIsProc() {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "not Linux");
    OptionalInt nice = StartPriority.niceOfThisThread();
    assertThat(nice).isPresent();
    assertThat(nice.getAsInt()).isBetween(-20, 19);
  }

  @Test
  void restoreRaisesTheStartAndTheThreadsItMadeButNoOtherPriority() throws Exception {
    AtomicInteger made = new AtomicInteger();
    AtomicInteger lowest = new AtomicInteger();
    AtomicInteger startAfter = new AtomicInteger();
    AtomicInteger raised = new AtomicInteger();
    CountDownLatch restored = new CountDownLatch(1);
    List<Thread> children = new ArrayList<>();
    Thread start =
        new Thread(
            () -> {
              StartPriority.lower();
              Thread child = parked(restored);
              Thread rehearsal = parked(restored);
              rehearsal.setPriority(Thread.MIN_PRIORITY);
              children.add(child);
              children.add(rehearsal);
              child.start();
              rehearsal.start();
              raised.set(StartPriority.restore());
              startAfter.set(Thread.currentThread().getPriority());
              made.set(child.getPriority());
              lowest.set(rehearsal.getPriority());
              restored.countDown();
            },
            "start");
    start.start();
    start.join(10_000);
    for (Thread child : children) {
      child.join(10_000);
    }
    assertThat(startAfter.get()).isEqualTo(Thread.NORM_PRIORITY);
    assertThat(made.get()).as("a thread the start made").isEqualTo(Thread.NORM_PRIORITY);
    assertThat(lowest.get()).as("a thread at its own priority").isEqualTo(Thread.MIN_PRIORITY);
    assertThat(raised.get()).isGreaterThanOrEqualTo(1);
  }

  private static Thread parked(CountDownLatch until) {
    return new Thread(
        () -> {
          try {
            until.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * Run in a JVM with the launcher's priority table: prints the nice values a start goes through.
   */
  public static final class NicedStart {
    public static void main(String[] args) throws Exception {
      CountDownLatch restored = new CountDownLatch(1);
      CountDownLatch read = new CountDownLatch(2);
      int[] child = new int[2];
      StartPriority.lower();
      int during = nice();
      Thread made =
          new Thread(
              () -> {
                child[0] = nice();
                read.countDown();
                try {
                  restored.await();
                } catch (InterruptedException e) {
                  return;
                }
                child[1] = nice();
                read.countDown();
              });
      made.start();
      while (read.getCount() == 2) {
        Thread.sleep(5);
      }
      StartPriority.restore();
      int after = nice();
      restored.countDown();
      read.await();
      System.out.println(during + " " + child[0] + " " + after + " " + child[1]);
    }

    private static int nice() {
      return StartPriority.niceOfThisThread().orElseThrow();
    }
  }

  @Test
  void underTheLaunchersTableTheStartRunsNicedAndComesBack() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "not Linux");
    Assumptions.assumeTrue(
        ThreadNice.hasCapSysNice(), "NOTICE: no CAP_SYS_NICE here; the niced start is not checked");
    int base = StartPriority.niceOfThisThread().orElseThrow();
    Assumptions.assumeTrue(base <= 9, "already niced to " + base);
    int low = base + 10;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:ThreadPriorityPolicy=1");
    for (int priority = 1; priority <= 10; priority++) {
      boolean lower = priority == 1 || priority == StartPriority.START;
      command.add("-XX:JavaPriority" + priority + "_To_OSPriority=" + (lower ? low : base));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(NicedStart.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String[] lines = output.lines().toArray(String[]::new);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(lines[lines.length - 1])
        .as("start, a thread it made, start after restore, that thread after")
        .isEqualTo(low + " " + low + " " + base + " " + base);
  }
}
