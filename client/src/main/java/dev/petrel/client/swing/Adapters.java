package dev.petrel.client.swing;

import dev.petrel.client.ChangelogEntry;
import dev.petrel.client.HistoryEntry;
import dev.petrel.client.Offer;
import java.util.List;

/** Turns the core's records into what the presenters take. */
final class Adapters {
  private Adapters() {}

  static OfferSummary summary(Offer offer) {
    return summary(offer, List.of());
  }

  /**
   * The offer with the notes of the releases below it from {@code changelog} (newest first, as
   * {@link dev.petrel.client.Updater#changelog} gives it; the offer's own entry is skipped).
   */
  static OfferSummary summary(Offer offer, List<ChangelogEntry> changelog) {
    List<OfferSummary.VersionNotes> earlier =
        changelog.stream()
            .filter(entry -> entry.versionCode() < offer.versionCode())
            .map(
                entry ->
                    new OfferSummary.VersionNotes(
                        entry.version(), entry.releaseNotes(), entry.mandatory()))
            .toList();
    return new OfferSummary(
        offer.version(),
        offer.releaseNotes(),
        offer.size(),
        offer.mandatory(),
        offer.downgrade(),
        earlier);
  }

  static List<HistoryRow> rows(List<HistoryEntry> history) {
    return history.stream()
        .map(
            entry ->
                new HistoryRow(
                    entry.at(),
                    entry.kind(),
                    entry.fromVersion(),
                    entry.toVersion(),
                    entry.outcome(),
                    entry.reason()))
        .toList();
  }
}
