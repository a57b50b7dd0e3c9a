package dev.petrel.client.swing;

import java.util.List;

/**
 * What the dialogs need to know about an offered update, separated from the core's offer so the
 * presenters can be built and tested without a server.
 *
 * @param version the offered version as published, e.g. {@code 1.0.1}
 * @param releaseNotes the notes as published (plain text; may be null or empty)
 * @param size the artifact's size in bytes, or a negative number when unknown
 * @param mandatory whether the server marked the update as required
 * @param downgrade whether this replaces a recalled version with an older one
 * @param earlier the notes of the releases between the installed one and this one, newest first
 *     (empty when there are none or they are not known)
 */
record OfferSummary(
    String version,
    String releaseNotes,
    long size,
    boolean mandatory,
    boolean downgrade,
    List<VersionNotes> earlier) {

  /** An offer without earlier releases' notes. */
  OfferSummary(
      String version, String releaseNotes, long size, boolean mandatory, boolean downgrade) {
    this(version, releaseNotes, size, mandatory, downgrade, List.of());
  }

  OfferSummary {
    earlier = List.copyOf(earlier);
  }

  /**
   * One earlier release's notes.
   *
   * @param version its version as published
   * @param notes its notes (plain text; may be empty)
   * @param mandatory whether it was published as required
   */
  record VersionNotes(String version, String notes, boolean mandatory) {}
}
