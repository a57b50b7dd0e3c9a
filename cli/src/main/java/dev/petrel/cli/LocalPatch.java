package dev.petrel.cli;

import dev.petrel.delta.PatchApplier;
import dev.petrel.delta.generate.PatchGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A patch made on the publisher's machine ({@code petrel deltas generate --local}): written beside
 * its destination and moved into place only once applying it to OLD has rebuilt NEW byte for byte,
 * so a failed run never leaves a patch behind. The server proves an uploaded patch again anyway.
 */
final class LocalPatch {
  /** The least share of the download a patch must save for the server to keep it. */
  static final double MIN_SAVING = 0.20;

  private LocalPatch() {}

  /**
   * Makes the patch from {@code oldFile} to {@code newFile} at {@code output} and says what it is.
   */
  static void make(Path oldFile, Path newFile, Path output, UsageErrors usage, PrintWriter out) {
    readable(oldFile, "OLD", usage);
    readable(newFile, "NEW", usage);
    Path target = output.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw usage.error("-o " + output + ": no such directory " + dir);
    }
    if (Files.isDirectory(target)) {
      throw usage.error("-o " + output + ": is a directory; name the patch file");
    }
    if (same(target, oldFile) || same(target, newFile)) {
      throw usage.error("-o " + output + ": would overwrite OLD or NEW");
    }
    Path part = null;
    Path rebuilt = null;
    try {
      part = Files.createTempFile(dir, ".petrel-patch-", ".part");
      rebuilt = Files.createTempFile(dir, ".petrel-rebuilt-", ".part");
      PatchGenerator.Result result = PatchGenerator.generate(oldFile, newFile, part);
      PatchApplier.apply(
          oldFile, part, rebuilt, PatchApplier.DEFAULT_MAX_EXPANDED, PatchApplier.Progress.none());
      if (Files.mismatch(rebuilt, newFile) != -1) {
        throw new CommandFailedException(
            "the patch does not rebuild " + newFile + " byte for byte; nothing was written");
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      report(result, output, out);
    } catch (OutOfMemoryError e) {
      throw new CommandFailedException(
          "ran out of memory making the patch (it needs about 7 × OLD + 2 × NEW, zip entries"
              + " inflated); give Java more heap, e.g. JAVA_TOOL_OPTIONS=-Xmx4g");
    } catch (IOException e) {
      throw new CommandFailedException("cannot make the patch: " + e.getMessage(), e);
    } finally {
      deleteQuietly(part);
      deleteQuietly(rebuilt);
    }
  }

  private static void report(PatchGenerator.Result result, Path output, PrintWriter out) {
    double saving =
        result.newSize() == 0 ? 0 : 1.0 - (double) result.patchSize() / result.newSize();
    out.println(
        "wrote "
            + output
            + ": "
            + result.format().wireName()
            + ", "
            + UploadProgress.bytes(result.patchSize())
            + " ("
            + result.patchSize()
            + " bytes) for a "
            + UploadProgress.bytes(result.newSize())
            + " file: saves "
            + DeltaText.percent(saving));
    out.println("proven: applied to OLD it rebuilds NEW byte for byte");
    if (saving < MIN_SAVING) {
      out.println(
          "warning: the patch saves less than "
              + Math.round(MIN_SAVING * 100)
              + " % of the download; the server refuses it");
    }
    out.flush();
  }

  private static void readable(Path file, String name, UsageErrors usage) {
    if (!Files.exists(file)) {
      throw usage.error("--local " + name + " " + file + ": no such file");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw usage.error("--local " + name + " " + file + ": not a readable regular file");
    }
  }

  private static boolean same(Path target, Path file) {
    try {
      return Files.exists(target) && Files.isSameFile(target, file);
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is harmless; the failure that matters was already reported.
    }
  }
}
