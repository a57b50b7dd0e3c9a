package dev.petrel.client;

import dev.petrel.client.internal.Config;
import dev.petrel.client.internal.FeedSource;
import dev.petrel.client.internal.GitHubSource;
import dev.petrel.client.internal.Http;
import dev.petrel.client.internal.OfferVerifier;
import dev.petrel.client.internal.ServerSource;
import dev.petrel.client.internal.Source;
import dev.petrel.client.internal.SourceAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured sources in the order they are asked (servers, GitHub repositories, then feeds),
 * and the body of {@link Updater#check}: the first source that answers with nothing or with an
 * offer that verifies wins. Immutable and thread-safe.
 */
final class SourceChain {
  private final List<Source> sources;

  SourceChain(Config config, Http http) {
    List<Source> all = new ArrayList<>();
    config.servers().forEach(server -> all.add(new ServerSource(server, http)));
    config.gitHub().forEach(repo -> all.add(new GitHubSource(repo, http)));
    config.feeds().forEach(feed -> all.add(new FeedSource(feed, http)));
    this.sources = List.copyOf(all);
  }

  /**
   * Asks each source in turn; a failure (unreachable, bad answer, or an offer that does not verify)
   * moves on to the next.
   *
   * @throws UpdateException when every source failed: the last failure's reason, every message
   */
  CheckResult check(Config config, String deviceId) throws UpdateException {
    List<String> failures = new ArrayList<>();
    UpdateException last = null;
    for (Source source : sources) {
      try {
        SourceAnswer answer = source.check(config, deviceId);
        Offer offer =
            answer.offer() == null ? null : OfferVerifier.verify(answer.offer(), config).offer();
        return new CheckResult(
            offer, answer.currentRecalled(), answer.recallMessage(), source.uri());
      } catch (UpdateException e) {
        failures.add(e.getMessage());
        last = e;
      }
    }
    throw new UpdateException(
        last.reason(), "no source answered usefully: " + String.join("; ", failures), last);
  }
}
