package dev.petrel.client.swing;

/**
 * What the dialogs need to know about an offered update, separated from the core's offer so the
 * presenters can be built and tested without a server.
 *
 * @param version the offered version as published, e.g. {@code 1.0.1}
 * @param releaseNotes the notes as published (plain text; may be null or empty)
 * @param size the artifact's size in bytes, or a negative number when unknown
 * @param mandatory whether the server marked the update as required
 * @param downgrade whether this replaces a recalled version with an older one
 */
record OfferSummary(
    String version, String releaseNotes, long size, boolean mandatory, boolean downgrade) {}
