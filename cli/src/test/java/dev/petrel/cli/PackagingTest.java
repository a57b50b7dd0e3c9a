package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.system.StartPriority;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The systemd unit and the container file in {@code packaging/}: systemd itself verifies the unit,
 * both start {@code petrel serve} with options it has, and neither runs as root.
 */
class PackagingTest {
  static final Path UNIT = Path.of("..", "packaging", "systemd", "petrel.service");
  static final Path CONTAINER = Path.of("..", "packaging", "container", "Containerfile");

  @Test
  void systemdVerifiesTheUnit() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    Assumptions.assumeTrue(
        Files.isExecutable(analyze),
        "NOTICE: systemd-analyze is missing; the systemd unit is not verified here");
    Process verify =
        new ProcessBuilder(analyze.toString(), "verify", UNIT.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.exitValue()).as(output).isZero();
    assertThat(output).as("systemd's warnings").isBlank();
  }

  @Test
  void theUnitIsHardenedAndRunsAsItsOwnUser() throws Exception {
    String unit = Files.readString(UNIT);
    assertThat(unit)
        .contains(
            "DynamicUser=yes",
            "StateDirectory=petrel",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "ProtectHome=yes",
            "PrivateTmp=yes",
            "CapabilityBoundingSet=\n",
            "LimitNICE=+0\n")
        .doesNotContain("User=root");
    assertServeArguments(execStart(unit));
  }

  @Test
  void theUnitsJvmOptionsPutTheCompilersRehearsalAndStartAtNice10AndEveryOtherThreadAt0(
      @TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        Files.isDirectory(Path.of("/proc/self/task")), "thread nice values are read from /proc");
    Assumptions.assumeTrue(niceOf(Path.of("/proc/self/stat")) == 0, "this JVM runs at nice 0");
    String command = execStart(Files.readString(UNIT));
    List<String> words = Arrays.asList(command.strip().split("\\s+"));
    List<String> options = words.subList(1, words.indexOf("-jar"));
    // A program that compiles something, starts a thread at the lowest Java priority (as the
    // check rehearsal runs) and one at the start's (StartPriority), says so, then waits to be
    // looked at.
    Path idle = dir.resolve("Idle.java");
    Files.writeString(
        idle,
        """
        public class Idle {
          public static void main(String[] args) throws Exception {
            long sum = 0;
            for (int i = 0; i < 50_000_000; i++) { sum += i % 7; }
            Thread low = new Thread(() -> sleep(), "lowest-priority");
            low.setPriority(Thread.MIN_PRIORITY);
            low.start();
            Thread start = new Thread(() -> sleep(), "start-priority");
            start.setPriority(START_PRIORITY);
            start.start();
            System.out.println("ready " + sum);
            sleep();
          }

          static void sleep() {
            try { Thread.sleep(60_000); } catch (InterruptedException e) { }
          }
        }
        """
            .replace("START_PRIORITY", String.valueOf(StartPriority.START)));
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.addAll(options);
    java.add(idle.toString());
    Process process = new ProcessBuilder(java).redirectErrorStream(true).start();
    try {
      String first =
          new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertThat(first).as("the JVM with the unit's options").startsWith("ready");
      // A new thread gives the kernel its name once it runs, which may be after "ready": read
      // again until both names are there (the assertions below say which is missing).
      Map<String, Integer> niceByThread = niceByThread(process.pid());
      for (int i = 0; i < 100 && !named(niceByThread); i++) {
        Thread.sleep(50);
        niceByThread = niceByThread(process.pid());
      }
      assertThat(niceByThread)
          .hasKeySatisfying(new Condition<>(k -> k.startsWith("C2 CompilerThre"), "C2"))
          .hasKeySatisfying(new Condition<>(k -> k.startsWith("C1 CompilerThre"), "C1"))
          .hasKeySatisfying(new Condition<>(k -> k.startsWith("lowest-priority"), "low"))
          .hasKeySatisfying(new Condition<>(k -> k.startsWith("start-priority"), "start"));
      niceByThread.forEach(
          (thread, nice) -> {
            boolean low =
                thread.contains("CompilerThre")
                    || thread.startsWith("Sweeper")
                    || thread.startsWith("lowest-priority")
                    || thread.startsWith("start-priority");
            assertThat(nice).as(thread).isEqualTo(low ? 10 : 0);
          });
    } finally {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theContainerRunsAsANonRootUser() throws Exception {
    String file = Files.readString(CONTAINER);
    assertThat(line(file, "USER ")).isEqualTo("USER 10001");
    String entry = file.substring(file.indexOf("ENTRYPOINT [") + "ENTRYPOINT [".length());
    entry = entry.substring(0, entry.indexOf(']')).replace("\\\n", " ");
    List<String> args =
        Arrays.stream(entry.split(","))
            .map(String::strip)
            .map(a -> a.substring(1, a.length() - 1))
            .toList();
    assertServeArguments(String.join(" ", args));
  }

  /** The arguments after {@code serve} in {@code command} are options {@code petrel serve} has. */
  private static void assertServeArguments(String command) {
    String[] words = command.strip().split("\\s+");
    int serve = Arrays.asList(words).indexOf("serve");
    assertThat(serve).as(command).isPositive();
    String[] args = Arrays.copyOfRange(words, serve + 1, words.length);
    CommandLine.ParseResult parsed = new CommandLine(new ServeCommand()).parseArgs(args);
    assertThat(parsed.matchedOptions()).isNotEmpty();
    assertThat(parsed.unmatched()).isEmpty();
  }

  /** The nice value in a thread's {@code stat} file. */
  private static int niceOf(Path stat) throws IOException {
    return StartPriority.niceIn(Files.readString(stat));
  }

  /** The unit's {@code ExecStart=} command, its continuation lines joined. */
  private static String execStart(String unit) {
    String from = unit.substring(unit.indexOf("\nExecStart=") + "\nExecStart=".length());
    StringBuilder command = new StringBuilder();
    for (String line : from.lines().toList()) {
      if (!line.endsWith("\\")) {
        return command.append(line).toString();
      }
      command.append(line, 0, line.length() - 1).append(' ');
    }
    throw new AssertionError("ExecStart= ends with a continuation");
  }

  private static String line(String text, String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + prefix));
  }

  /** Each thread of the process ("name tid") and its nice value. */
  private static Map<String, Integer> niceByThread(long pid) throws IOException {
    Map<String, Integer> niceByThread = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : tasks.toList()) {
        String name = Files.readString(task.resolve("comm")).strip() + " " + task.getFileName();
        niceByThread.put(name, niceOf(task.resolve("stat")));
      }
    }
    return niceByThread;
  }

  private static boolean named(Map<String, Integer> niceByThread) {
    return niceByThread.keySet().stream().anyMatch(k -> k.startsWith("lowest-priority"))
        && niceByThread.keySet().stream().anyMatch(k -> k.startsWith("start-priority"));
  }
}
