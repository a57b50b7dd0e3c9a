package dev.petrel.server.telemetry;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted client events go: {@link ClientEventWriter} commits them to the database; {@link
 * #DISCARD} drops them, for events that are not a device's (the start's rehearsal).
 */
@FunctionalInterface
public interface EventSink {
  /** Drops every batch and tells at once that it is done. */
  EventSink DISCARD = events -> CompletableFuture.completedFuture(null);

  /**
   * Takes all of {@code events} or none; never blocks.
   *
   * @return a future that completes once the events are durable (at once for {@link #DISCARD}), or
   *     exceptionally when they were given up; null, taking none, when there is no room for them
   */
  CompletableFuture<Void> offer(List<ClientEvent> events);
}
