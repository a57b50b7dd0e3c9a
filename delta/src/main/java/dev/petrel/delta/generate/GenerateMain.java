package dev.petrel.delta.generate;

import java.nio.file.Path;

/**
 * The entry point of a patch generation child process: {@code GenerateMain OLD NEW PATCH}. On
 * success it prints one line {@code format=<wire name> size=<bytes> reproduced=<entries>} and exits
 * 0; on any failure (including running out of its {@code -Xmx}) it prints the reason to standard
 * error and exits non-zero, and the parent offers nothing from it.
 */
public final class GenerateMain {
  private GenerateMain() {}

  /** Runs one generation. */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: GenerateMain OLD NEW PATCH");
      System.exit(64);
    }
    try {
      PatchGenerator.Result result =
          PatchGenerator.generate(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
      System.out.println(
          "format="
              + result.format().wireName()
              + " size="
              + result.patchSize()
              + " reproduced="
              + result.reproducedEntries());
      System.exit(0);
    } catch (OutOfMemoryError e) {
      System.err.println("out of memory: the files need more than this process's -Xmx");
      System.exit(3);
    } catch (Exception e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }
}
