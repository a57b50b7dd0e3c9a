package dev.petrel.client;

import java.net.URI;

/**
 * What a check found. Immutable.
 *
 * @param offer the verified release to install, or null when there is none
 * @param currentRecalled whether the source says the installed version has been recalled
 *     (deactivated after devices installed it)
 * @param recallMessage the source's words about that recall for people (for example "publish a fix
 *     forward"), or null
 * @param source the server or feed that answered
 */
public record CheckResult(Offer offer, boolean currentRecalled, String recallMessage, URI source) {

  /** Whether there is something to download and install. */
  public boolean updateAvailable() {
    return offer != null;
  }
}
