package dev.petrel.client.swing;

import dev.petrel.client.HistoryEntry;
import dev.petrel.client.Offer;
import java.util.List;

/** Turns the core's records into what the presenters take. */
final class Adapters {
  private Adapters() {}

  static OfferSummary summary(Offer offer) {
    return new OfferSummary(
        offer.version(), offer.releaseNotes(), offer.size(), offer.mandatory(), offer.downgrade());
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
