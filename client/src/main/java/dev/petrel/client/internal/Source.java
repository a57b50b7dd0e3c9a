package dev.petrel.client.internal;

import dev.petrel.client.UpdateException;
import java.net.URI;

/** One place to ask for updates: a Petrel server or a static feed. */
public interface Source {
  /** Where it is, for messages and {@code CheckResult.source()}. */
  URI uri();

  /**
   * Asks for the release to install.
   *
   * @throws UpdateException {@code NETWORK} when unreachable or too slow, {@code SERVER} for an
   *     error status or a malformed answer
   */
  SourceAnswer check(Config config, String deviceId) throws UpdateException;
}
