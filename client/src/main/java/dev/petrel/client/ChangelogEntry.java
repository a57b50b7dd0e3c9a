package dev.petrel.client;

import java.util.Objects;

/**
 * One release's notes in a changelog ({@link Updater#changelog}). Immutable. The notes are not
 * signed: show them as plain text, never as markup.
 *
 * @param version the release's version, e.g. {@code 1.2.0}
 * @param versionCode its version code
 * @param releaseNotes notes for people; may be empty, never null
 * @param mandatory whether that release was published as mandatory
 */
public record ChangelogEntry(
    String version, long versionCode, String releaseNotes, boolean mandatory) {
  /** Checks that the version is present and defaults absent notes to "". */
  public ChangelogEntry {
    Objects.requireNonNull(version, "version");
    releaseNotes = releaseNotes == null ? "" : releaseNotes;
  }
}
