package dev.petrel.server.artifacts;

import dev.petrel.protocol.Sha256;

/**
 * Where an artifact lives relative to a store's root: {@code <first two hex digits>/<sha256 hex>},
 * e.g. {@code 9f/9f86d0…}. The same in every store (a directory on disk, a key prefix in a bucket)
 * and behind a CDN, so that {@code <cdn base url>/<content address>} names the same bytes.
 */
public final class ContentAddress {
  private ContentAddress() {}

  /** The content address of {@code sha256}. */
  public static String of(Sha256 sha256) {
    String hex = sha256.hex();
    return hex.substring(0, 2) + "/" + hex;
  }
}
