package dev.petrel.client.internal;

import dev.petrel.client.Cancellation;
import dev.petrel.client.Offer;
import dev.petrel.client.Patch;
import dev.petrel.client.UpdateException;
import dev.petrel.delta.PatchApplier;
import dev.petrel.delta.PatchException;
import dev.petrel.delta.PatchHeader;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Makes an update from the offer's patch when it can: downloads the patch (resumable, verified like
 * any download), applies it to the kept base artifact with memory in megabytes, and proves the
 * result against the signed statement. On any failure it deletes what it wrote, says why, and
 * leaves the full download to the caller.
 */
public final class PatchDownload {
  /** Whatever a patch declares, it may not expand beyond this (nor beyond 64 × the new file). */
  private static final long MAX_EXPANDED = PatchApplier.DEFAULT_MAX_EXPANDED;

  /** How a patch attempt ended. */
  public record Outcome(Path file, String failure) {
    static Outcome failed(String reason) {
      return new Outcome(null, reason);
    }
  }

  private final Downloader downloader;

  public PatchDownload(Downloader downloader) {
    this.downloader = downloader;
  }

  /**
   * Tries the offer's patch.
   *
   * @return the proven file, or a failure reason (null when there was no patch for this device)
   * @throws UpdateException {@code CANCELLED} only: the patch's partial download is kept
   */
  public Outcome tryPatch(
      Offer offer,
      ReleaseStatement statement,
      Config config,
      SafeListener listener,
      Cancellation cancellation)
      throws UpdateException {
    Patch patch = offer.patch();
    if (patch == null || patch.fromVersionCode() != config.installedVersionCode()) {
      return new Outcome(null, null);
    }
    Path base = BaseArtifact.find(config.base(), patch.fromSha256());
    if (base == null) {
      return Outcome.failed("missing_base: no kept artifact of the installed release");
    }
    Path patchFile;
    try {
      patchFile =
          downloader.download(
              patch.url(),
              Sha256.parse("sha256", patch.sha256()),
              patch.size(),
              config.downloads(),
              listener,
              cancellation);
    } catch (UpdateException e) {
      if (e.reason() == UpdateException.Reason.CANCELLED) {
        throw e;
      }
      return Outcome.failed("patch_download_failed: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return Outcome.failed("corrupt_patch: " + e.getMessage());
    }
    try {
      return new Outcome(apply(base, patchFile, statement, config, listener), null);
    } catch (PatchException e) {
      return Outcome.failed(e.reason().word() + ": " + e.getMessage());
    } catch (IOException e) {
      return Outcome.failed("io_error: " + e.getMessage());
    } finally {
      deleteQuietly(patchFile);
    }
  }

  private static Path apply(
      Path base, Path patchFile, ReleaseStatement statement, Config config, SafeListener listener)
      throws IOException {
    long limit = Math.min(MAX_EXPANDED, Math.max(statement.size() * 64, 256L << 20));
    PatchHeader header = PatchApplier.readHeader(patchFile, limit);
    if (header.newSize() != statement.size()
        || !Arrays.equals(header.newSha256(), statement.sha256().bytes())) {
      throw new PatchException(
          PatchException.Reason.RESULT_MISMATCH, "the patch makes another file than the offer's");
    }
    Path target = config.downloads().resolve(statement.sha256().hex());
    Path temporary = config.downloads().resolve(statement.sha256().hex() + ".patched");
    try {
      PatchApplier.apply(base, patchFile, temporary, limit, listener::patchProgress);
      if (!Proof.matches(temporary, statement.sha256(), statement.size())) {
        throw new PatchException(
            PatchException.Reason.RESULT_MISMATCH,
            "the patched file does not have the signed size and SHA-256");
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover costs disk space only; the next download cleans the directory.
    }
  }
}
