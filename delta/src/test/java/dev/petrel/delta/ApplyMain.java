package dev.petrel.delta;

import java.nio.file.Path;

/** Applies a patch in a child JVM for {@link BigPatchTest}: {@code ApplyMain OLD PATCH NEW}. */
public final class ApplyMain {
  private ApplyMain() {}

  public static void main(String[] args) throws Exception {
    PatchApplier.apply(
        Path.of(args[0]),
        Path.of(args[1]),
        Path.of(args[2]),
        PatchApplier.DEFAULT_MAX_EXPANDED,
        PatchApplier.Progress.none());
  }
}
