package dev.petrel.client.internal;

import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.protocol.ReleaseStatement;

/** The extra proof a downgrade needs: a recall of the installed version, signed by a pinned key. */
final class RecallCheck {
  private RecallCheck() {}

  static void requireSignedDowngrade(Offer offer, ReleaseStatement target, Config config)
      throws UpdateException {
    throw OfferVerifier.refused(
        "release "
            + target.version()
            + ": a downgrade offer, and this client cannot verify recall statements yet");
  }
}
