package dev.petrel.client.internal;

import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.StatementVerificationException;
import dev.petrel.protocol.StatementVerifier;
import java.util.Base64;

/**
 * The extra proof a downgrade needs: a recall statement, signed by a pinned key, that names this
 * app and platform, recalls exactly the installed version code, and names the offered release
 * (version and code) as the one to go back to. A server alone cannot make one up.
 */
final class RecallCheck {
  private RecallCheck() {}

  static void requireSignedDowngrade(Offer offer, ReleaseStatement target, Config config)
      throws UpdateException {
    String what = "downgrade to " + target.version() + " (" + target.versionCode() + ")";
    RecallStatement recall = verifiedRecall(offer, what, config);
    OfferVerifier.require(
        recall.app().equals(config.app()) && recall.platform().equals(config.platform()),
        what + ": the recall is for " + recall.app() + " on " + recall.platform());
    OfferVerifier.require(
        recall.recalledVersionCode() == config.installedVersionCode(),
        what
            + ": the recall names version code "
            + recall.recalledVersionCode()
            + ", the installed one is "
            + config.installedVersionCode());
    RecallStatement.Target named = recall.target();
    OfferVerifier.require(
        named != null
            && named.versionCode() == target.versionCode()
            && named.version().equals(target.version()),
        what
            + ": the signed recall names "
            + (named == null
                ? "no release to go back to"
                : named.version() + " (" + named.versionCode() + ")"));
    OfferVerifier.require(
        target.versionCode() < config.installedVersionCode(),
        what + ": not below the installed " + config.installedVersionCode());
  }

  private static RecallStatement verifiedRecall(Offer offer, String what, Config config)
      throws UpdateException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(offer.recallStatement());
    } catch (IllegalArgumentException e) {
      throw OfferVerifier.refused(what + ": the recall statement is not base64");
    }
    try {
      return StatementVerifier.verifyAndParseRecall(
              bytes, offer.recallSignature(), config.trustedKeys())
          .statement();
    } catch (StatementVerificationException | InvalidValueException e) {
      throw OfferVerifier.refused(what + ": recall " + e.getMessage());
    }
  }
}
