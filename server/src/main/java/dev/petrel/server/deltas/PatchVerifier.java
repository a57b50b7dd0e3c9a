package dev.petrel.server.deltas;

import dev.petrel.delta.PatchApplier;
import dev.petrel.delta.PatchException;
import dev.petrel.delta.PatchHeader;
import dev.petrel.protocol.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Proves a patch before it is ever offered: it must be made from exactly the base artifact, and
 * applying it to that artifact — with the same streaming applier the devices run — must give
 * exactly the new release's bytes.
 */
final class PatchVerifier {
  private PatchVerifier() {}

  /**
   * @throws PatchProcess.Failed with the reason when the patch does not prove out
   */
  static PatchHeader verify(Path base, Path patch, Sha256 from, Sha256 to, Path workDir)
      throws IOException, PatchProcess.Failed {
    Path out = Files.createTempFile(workDir, "verify-", ".bin");
    try {
      PatchHeader header =
          PatchApplier.apply(
              base, patch, out, PatchApplier.DEFAULT_MAX_EXPANDED, PatchApplier.Progress.none());
      if (!Arrays.equals(header.oldSha256(), from.bytes())
          || !Arrays.equals(header.newSha256(), to.bytes())) {
        throw new PatchProcess.Failed("the patch names other files than the pair it is for");
      }
      return header;
    } catch (PatchException e) {
      throw new PatchProcess.Failed("verification failed: " + e.getMessage());
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
