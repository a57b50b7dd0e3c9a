package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.system.StartPriority;
import dev.petrel.server.testing.ThreadNice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code petrel} launcher's thread priorities: the real script, in a copy of the repository
 * that holds only it and a jar, with a {@code java} that writes down the options it was given.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("..", "petrel");

  @TempDir Path root;
  private Path arguments;

  @BeforeEach
  void fakeRepositoryAndJava() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    Assumptions.assumeTrue(
        System.getProperty("os.name").equals("Linux"), "the priorities are Linux only");
    Files.copy(LAUNCHER, root.resolve("petrel"));
    Files.createDirectories(root.resolve("cli/target"));
    Files.writeString(root.resolve("cli/target/petrel-cli-all.jar"), "not read by the fake java");
    arguments = root.resolve("java-arguments");
    Path java = Files.createDirectories(root.resolve("jdk/bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + arguments + "\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void compilersRehearsalAndStartTenStepsBelowTheRest() throws Exception {
    Assumptions.assumeTrue(
        ThreadNice.hasCapSysNice(), "NOTICE: no CAP_SYS_NICE; checked without it only");
    int base = ownNice();
    Assumptions.assumeTrue(base <= 9, "already niced to " + base);
    List<String> options = launch(Map.of(), List.of());
    assertThat(options)
        .contains(
            "-XX:ThreadPriorityPolicy=1",
            "-XX:CompilerThreadPriority=" + (base + 10),
            "-XX:VMThreadPriority=" + base,
            "-XX:JavaPriority1_To_OSPriority=" + (base + 10),
            "-XX:JavaPriority4_To_OSPriority=" + (base + 10),
            "-XX:JavaPriority5_To_OSPriority=" + base,
            "-XX:JavaPriority10_To_OSPriority=" + base)
        .endsWith("-jar", root.resolve("cli/target/petrel-cli-all.jar").toString(), "--version");
  }

  @Test
  void theStepComesFromPetrelJitNiceAndStopsAtNineteen() throws Exception {
    Assumptions.assumeTrue(
        ThreadNice.hasCapSysNice(), "NOTICE: no CAP_SYS_NICE; checked without it only");
    int base = ownNice();
    Assumptions.assumeTrue(base <= 9, "already niced to " + base);
    assertThat(launch(Map.of("PETREL_JIT_NICE", "3"), List.of()))
        .contains(
            "-XX:CompilerThreadPriority=" + (base + 3),
            "-XX:JavaPriority4_To_OSPriority=" + (base + 3));
    assertThat(launch(Map.of(), List.of("nice", "-n", "15")))
        .contains(
            "-XX:VMThreadPriority=" + Math.min(19, base + 15),
            "-XX:JavaPriority1_To_OSPriority=19",
            "-XX:JavaPriority5_To_OSPriority=" + Math.min(19, base + 15));
  }

  @Test
  void withoutTheRightToComeBackTheStartStaysAtTheRequestThreadsValue() throws Exception {
    Path capsh = Path.of("/usr/sbin/capsh");
    Path prlimit = Path.of("/usr/bin/prlimit");
    Assumptions.assumeTrue(ThreadNice.hasCapSysNice(), "NOTICE: no CAP_SYS_NICE to drop");
    Assumptions.assumeTrue(
        Files.isExecutable(capsh) && Files.isExecutable(prlimit), "NOTICE: needs capsh, prlimit");
    int base = ownNice();
    Assumptions.assumeTrue(base <= 9, "already niced to " + base);
    List<String> withoutNice =
        launch(Map.of(), concat(List.of(prlimit.toString(), "--nice=0:"), dropped(capsh)));
    assertThat(withoutNice)
        .contains(
            "-XX:JavaPriority1_To_OSPriority=" + (base + 10),
            "-XX:JavaPriority4_To_OSPriority=" + base);
  }

  /**
   * The right to come back through {@code RLIMIT_NICE} (systemd's {@code LimitNICE=}) rather than
   * {@code CAP_SYS_NICE}. The limit cannot be raised here without {@code CAP_SYS_RESOURCE}, so the
   * launcher runs in a mount namespace of its own whose {@code /proc} is a directory holding what
   * it reads there: a {@code self/status} without capabilities and a {@code self/limits} with the
   * limit. The fake java needs nothing else from {@code /proc}.
   */
  @Test
  void anRlimitNiceThatReachesTheRequestThreadsValueIsTheRightToComeBack() throws Exception {
    Path unshare = Path.of("/usr/bin/unshare");
    Assumptions.assumeTrue(Files.isExecutable(unshare), "NOTICE: needs unshare");
    Process probe =
        new ProcessBuilder(unshare.toString(), "-m", "true").redirectErrorStream(true).start();
    Assumptions.assumeTrue(
        probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "NOTICE: no mount namespace here (CAP_SYS_ADMIN)");
    int base = ownNice();
    Assumptions.assumeTrue(base <= 9, "already niced to " + base);
    // The limit lets a process set nice values down to 20 - limit.
    assertThat(fourWithNiceLimit(unshare, Integer.toString(20 - base))).isEqualTo(base + 10);
    assertThat(fourWithNiceLimit(unshare, "unlimited")).isEqualTo(base + 10);
    assertThat(fourWithNiceLimit(unshare, Integer.toString(19 - base))).isEqualTo(base);
  }

  /** The nice value the launcher maps Java priority 4 to under a fake {@code /proc}. */
  private int fourWithNiceLimit(Path unshare, String softLimit) throws Exception {
    Path proc = Files.createDirectories(root.resolve("proc-" + softLimit + "/self"));
    Files.writeString(proc.resolve("status"), "Name:\tsh\nCapEff:\t0000000000000000\n");
    Files.writeString(
        proc.resolve("limits"),
        "Limit                     Soft Limit           Hard Limit           Units     \n"
            + "Max nice priority         %-20s %-20s \n".formatted(softLimit, softLimit));
    List<String> options =
        launch(
            Map.of(),
            List.of(
                unshare.toString(),
                "-m",
                "sh",
                "-c",
                "mount --bind " + proc.getParent() + " /proc && exec \"$@\"",
                "fake-proc"));
    String four = "-XX:JavaPriority4_To_OSPriority=";
    return options.stream()
        .filter(option -> option.startsWith(four))
        .map(option -> Integer.parseInt(option.substring(four.length())))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> dropped(Path capsh) {
    return List.of(capsh.toString(), "--drop=cap_sys_nice", "--");
  }

  @Test
  void offLeavesEveryPriorityAndABadStepIsRefused() throws Exception {
    assertThat(launch(Map.of("PETREL_JIT_NICE", "off"), List.of()))
        .noneMatch(option -> option.contains("Priority"));
    Process refused = start(Map.of("PETREL_JIT_NICE", "20"), List.of());
    assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(refused.exitValue()).isEqualTo(2);
    assertThat(new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("PETREL_JIT_NICE: expected 0 to 19 or off, found '20'");
    assertThat(arguments).doesNotExist();
  }

  /** Runs {@code prefix… sh petrel --version}; returns the options the fake java was given. */
  private List<String> launch(Map<String, String> environment, List<String> prefix)
      throws Exception {
    Process process = start(environment, prefix);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    List<String> options = Files.readAllLines(arguments);
    Files.delete(arguments);
    return options;
  }

  private Process start(Map<String, String> environment, List<String> prefix) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    if (prefix.contains("--")) {
      command.addAll(List.of("-c", "exec sh " + root.resolve("petrel") + " --version"));
    } else {
      command.addAll(List.of("sh", root.resolve("petrel").toString(), "--version"));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    builder.environment().put("PETREL_CDS", "off");
    builder.environment().remove("PETREL_JIT_NICE");
    builder.environment().remove("PETREL_JAVA_OPTS");
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static int ownNice() {
    return StartPriority.niceOfThisThread().orElseThrow();
  }
}
