package dev.petrel.client.swing;

/**
 * The update dialog's content and rules, without Swing: what it says and which buttons it offers.
 *
 * <p>Like the mobile client's dialog: the new version, the release notes, the size, and the buttons
 * "Later" and "Update". A mandatory update has no "Later", and closing its window does not dismiss
 * it. All text from the server goes through {@link PlainText} and is shown literally.
 */
final class UpdatePrompt {
  /** What the user chose. */
  enum Choice {
    /** Download and install now. */
    UPDATE,
    /** Not now; ask again at the next check. */
    LATER
  }

  private final String appName;
  private final String installedVersion;
  private final OfferSummary offer;

  UpdatePrompt(String appName, String installedVersion, OfferSummary offer) {
    this.appName = PlainText.line(appName);
    this.installedVersion = PlainText.line(installedVersion);
    this.offer = offer;
  }

  /** The window title, e.g. {@code "Update available — Petrel Demo"}. */
  String title() {
    String what = offer.downgrade() ? "Replacement version available" : "Update available";
    return appName.isEmpty() ? what : what + " \u2014 " + appName;
  }

  /** The first line, e.g. {@code "Version 1.0.1 is available (you have 1.0.0)."}. */
  String headline() {
    String version = PlainText.line(offer.version());
    if (offer.downgrade()) {
      return "Version " + installedVersion + " was withdrawn; version " + version + " replaces it.";
    }
    if (installedVersion.isEmpty()) {
      return "Version " + version + " is available.";
    }
    return "Version " + version + " is available (you have " + installedVersion + ").";
  }

  /**
   * The release notes as plain text, or a note that there are none. When the user skipped releases,
   * each release's notes follow under its version, newest first.
   */
  String notes() {
    String own = notesOrNone(offer.releaseNotes());
    if (offer.earlier().isEmpty()) {
      return own;
    }
    StringBuilder text = new StringBuilder(heading(offer.version(), false)).append(own);
    for (OfferSummary.VersionNotes earlier : offer.earlier()) {
      text.append("\n\n").append(heading(earlier.version(), earlier.mandatory()));
      text.append(notesOrNone(earlier.notes()));
    }
    return PlainText.clean(text.toString(), PlainText.MAX_NOTES_CHARS);
  }

  private static String heading(String version, boolean mandatory) {
    return "Version " + PlainText.line(version) + (mandatory ? " (required)" : "") + "\n";
  }

  private static String notesOrNone(String notes) {
    String clean = PlainText.clean(notes, PlainText.MAX_NOTES_CHARS).strip();
    return clean.isEmpty() ? "No release notes were published for this version." : clean;
  }

  /** {@code "Size: 24.7 MB"}. */
  String sizeText() {
    return "Size: " + Formats.size(offer.size());
  }

  /** A line saying the update is required, or "" when it is not. */
  String requiredNotice() {
    return offer.mandatory() ? "This update is required to keep using " + appOrThisApp() + "." : "";
  }

  /** Whether the "Later" button is shown: only for updates that are not mandatory. */
  boolean showsLater() {
    return !offer.mandatory();
  }

  /** Whether closing the window (or Escape) counts as "Later". */
  boolean closeMeansLater() {
    return !offer.mandatory();
  }

  /** The caption of the button that starts the update. */
  String updateCaption() {
    return "Update";
  }

  /** The caption of the dismiss button (only shown when {@link #showsLater()}). */
  String laterCaption() {
    return "Later";
  }

  /** The title of the non-invasive notice a background check shows. */
  String noticeTitle() {
    return offer.mandatory() ? "Required update available" : "Update available";
  }

  /** The notice's text, e.g. {@code "Petrel Demo 1.0.1 is available (24.7 MB)."}. */
  String noticeText() {
    String what = appName.isEmpty() ? "Version" : appName;
    return what
        + " "
        + PlainText.line(offer.version())
        + " is available ("
        + Formats.size(offer.size())
        + ").";
  }

  OfferSummary offer() {
    return offer;
  }

  private String appOrThisApp() {
    return appName.isEmpty() ? "this app" : appName;
  }
}
