package dev.petrel.client;

import java.net.URI;
import java.util.Objects;

/**
 * A patch from the installed release to an offered one, as a server offers it beside the full
 * download. {@link Updater#download} uses it only when the artifact kept from the installed release
 * has {@code fromSha256}; the patched file is verified against the offer's signed statement like a
 * full download, so the patch itself needs no signature. Any failure falls back to the full file.
 *
 * @param format {@code petrel-zip-1} or {@code petrel-bsdiff-1}
 * @param fromVersionCode the version code it applies to
 * @param fromSha256 the SHA-256 of the artifact it applies to, lower-case hex
 * @param url where it downloads
 * @param size its length in bytes
 * @param sha256 its SHA-256, lower-case hex
 */
public record Patch(
    String format, long fromVersionCode, String fromSha256, URI url, long size, String sha256) {
  /** Checks that every part is present. */
  public Patch {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(fromSha256, "fromSha256");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sha256, "sha256");
  }
}
