package dev.petrel.client.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child JVMs on this test's class path, for lock and crash tests. */
final class Children {
  private Children() {}

  static Process start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /**
   * Reads the child's output until a line starts with {@code prefix}; returns that line, or null
   * when the child exited first.
   */
  static String awaitLine(Process child, String prefix, StringBuilder transcript)
      throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      transcript.append(line).append('\n');
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  /** SIGKILL on Linux: no shutdown hooks, no finally blocks. */
  static void kill(Process child) throws InterruptedException {
    child.destroyForcibly();
    child.waitFor(30, TimeUnit.SECONDS);
  }
}
