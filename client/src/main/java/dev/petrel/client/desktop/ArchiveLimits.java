package dev.petrel.client.desktop;

/**
 * Bounds on what unpacking one release archive may write, enforced while the bytes stream (the
 * sizes an archive declares are checked too, but never trusted). Immutable.
 *
 * @param maxTotalBytes most bytes all entries together may expand to; default 4 GiB
 * @param maxEntries most entries (files, folders, links); default 100 000
 */
public record ArchiveLimits(long maxTotalBytes, int maxEntries) {
  /** 4 GiB and 100 000 entries. */
  public static final ArchiveLimits DEFAULT = new ArchiveLimits(4L << 30, 100_000);

  /** Both bounds must be positive. */
  public ArchiveLimits {
    if (maxTotalBytes < 1 || maxEntries < 1) {
      throw new IllegalArgumentException(
          "archive limits: expected positive bounds, got "
              + maxTotalBytes
              + " bytes and "
              + maxEntries
              + " entries");
    }
  }
}
