package dev.petrel.android.internal;

import android.content.Context;
import android.text.format.Formatter;
import dev.petrel.client.ChangelogEntry;
import dev.petrel.client.Offer;
import java.util.List;

/** The words the update screens show, as plain text (notes are never read as markup). */
public final class NotesText {
  private NotesText() {}

  /** Every release's notes, newest first, each under its version. */
  public static String changelog(List<ChangelogEntry> entries) {
    StringBuilder text = new StringBuilder();
    for (ChangelogEntry entry : entries) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      text.append(entry.version());
      String notes = entry.releaseNotes().trim();
      text.append('\n').append(notes.isEmpty() ? "No notes for this release." : notes);
    }
    return text.toString();
  }

  /** "Version 1.2.0 · 12.3 MB", sized in the device's locale. */
  public static String versionAndSize(Context context, Offer offer) {
    return "Version " + offer.version() + " · " + Formatter.formatFileSize(context, offer.size());
  }
}
