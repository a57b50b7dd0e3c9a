package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpdatePromptTest {
  private static UpdatePrompt prompt(OfferSummary offer) {
    return new UpdatePrompt("Petrel Demo", "1.0.0", offer);
  }

  private static OfferSummary offer(String notes, boolean mandatory) {
    return new OfferSummary("1.0.1", notes, 24_700_000, mandatory, false);
  }

  @Test
  void optionalUpdateOffersLaterAndUpdate() {
    UpdatePrompt prompt = prompt(offer("Fixed login", false));

    assertThat(prompt.showsLater()).isTrue();
    assertThat(prompt.closeMeansLater()).isTrue();
    assertThat(prompt.requiredNotice()).isEmpty();
    assertThat(prompt.title()).isEqualTo("Update available \u2014 Petrel Demo");
    assertThat(prompt.headline()).isEqualTo("Version 1.0.1 is available (you have 1.0.0).");
    assertThat(prompt.notes()).isEqualTo("Fixed login");
    assertThat(prompt.sizeText()).isEqualTo("Size: 24.7 MB");
  }

  @Test
  void skippedReleasesNotesFollowTheOffersNewestFirstUnderTheirVersions() {
    OfferSummary offer =
        new OfferSummary(
            "1.0.3",
            "Dark mode",
            1,
            false,
            false,
            java.util.List.of(
                new OfferSummary.VersionNotes("1.0.2", "Security fix", true),
                new OfferSummary.VersionNotes("1.0.1", "", false)));

    assertThat(prompt(offer).notes())
        .isEqualTo(
            "Version 1.0.3\nDark mode\n\n"
                + "Version 1.0.2 (required)\nSecurity fix\n\n"
                + "Version 1.0.1\nNo release notes were published for this version.");
  }

  @Test
  void mandatoryUpdateHidesLaterAndCannotBeClosedAway() {
    UpdatePrompt prompt = prompt(offer("Security fix", true));

    assertThat(prompt.showsLater()).isFalse();
    assertThat(prompt.closeMeansLater()).isFalse();
    assertThat(prompt.requiredNotice())
        .isEqualTo("This update is required to keep using Petrel Demo.");
    assertThat(prompt.noticeTitle()).isEqualTo("Required update available");
  }

  @Test
  void htmlLookingNotesAreKeptLiterally() {
    String notes = "<html><a href='file:///etc/passwd'>click</a></html>";

    assertThat(prompt(offer(notes, false)).notes()).isEqualTo(notes);
  }

  @Test
  void missingNotesSaySo() {
    assertThat(prompt(offer("  \n", false)).notes())
        .isEqualTo("No release notes were published for this version.");
  }

  @Test
  void downgradeExplainsTheWithdrawnVersion() {
    UpdatePrompt prompt = prompt(new OfferSummary("0.9.0", "", 10, true, true));

    assertThat(prompt.title()).startsWith("Replacement version available");
    assertThat(prompt.headline())
        .isEqualTo("Version 1.0.0 was withdrawn; version 0.9.0 replaces it.");
  }

  @Test
  void versionFromTheServerIsFlattenedToOneLine() {
    UpdatePrompt prompt = prompt(new OfferSummary("1.0.1\n<html>x", "", 1, false, false));

    assertThat(prompt.headline()).isEqualTo("Version 1.0.1 <html>x is available (you have 1.0.0).");
  }

  @Test
  void noticeNamesAppVersionAndSize() {
    assertThat(prompt(offer("", false)).noticeText())
        .isEqualTo("Petrel Demo 1.0.1 is available (24.7 MB).");
  }
}
