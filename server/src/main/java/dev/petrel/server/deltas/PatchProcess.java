package dev.petrel.server.deltas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one patch generation in a child JVM with its own {@code -Xmx}, so that a pair of files too
 * large for the configured memory fails that generation instead of the server. The child is killed
 * when it outlives the timeout.
 */
final class PatchProcess {
  private static final String MAIN = "dev.petrel.delta.generate.GenerateMain";

  /** Why a generation failed, for the delta's {@code reason}. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String reason) {
      super(reason);
    }
  }

  private PatchProcess() {}

  /**
   * Generates the patch from {@code oldFile} to {@code newFile} into {@code patch}.
   *
   * @return the format's wire name the child reported
   * @throws Failed when the child failed, ran out of memory or timed out
   */
  static String generate(
      Path oldFile, Path newFile, Path patch, long heapBytes, Duration timeout, Path workDir)
      throws IOException, Failed {
    Path errors = Files.createTempFile(workDir, "generate-", ".err");
    Path output = Files.createTempFile(workDir, "generate-", ".out");
    try {
      Process process =
          new ProcessBuilder(command(oldFile, newFile, patch, heapBytes))
              .redirectError(errors.toFile())
              .redirectOutput(output.toFile())
              .start();
      boolean exited;
      try {
        exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new Failed("interrupted: the server is stopping");
      }
      if (!exited) {
        process.destroyForcibly();
        throw new Failed("timed out after " + timeout.toSeconds() + " s");
      }
      return outcome(process.exitValue(), output, errors, heapBytes);
    } finally {
      Files.deleteIfExists(errors);
      Files.deleteIfExists(output);
    }
  }

  private static String outcome(int exit, Path output, Path errors, long heapBytes)
      throws IOException, Failed {
    if (exit == 3) {
      throw new Failed(
          "out of memory: the files need more than the worker's " + (heapBytes >> 20) + " MiB");
    }
    String stdout = Files.readString(output, StandardCharsets.UTF_8).trim();
    if (exit != 0 || !stdout.startsWith("format=")) {
      String stderr = Files.readString(errors, StandardCharsets.UTF_8).trim();
      String why = stderr.isEmpty() ? "exit code " + exit : stderr;
      throw new Failed("generation failed: " + why.substring(0, Math.min(why.length(), 300)));
    }
    return stdout.substring("format=".length()).split(" ", 2)[0];
  }

  private static List<String> command(Path oldFile, Path newFile, Path patch, long heapBytes) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java,
        "-Xmx" + Math.max(16, heapBytes >> 20) + "m",
        "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError",
        "-Xshare:auto",
        "-cp",
        System.getProperty("java.class.path"),
        MAIN,
        oldFile.toString(),
        newFile.toString(),
        patch.toString());
  }
}
