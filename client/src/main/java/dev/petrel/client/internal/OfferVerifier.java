package dev.petrel.client.internal;

import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.StatementVerificationException;
import dev.petrel.protocol.StatementVerifier;
import dev.petrel.protocol.Version;
import java.util.Base64;

/**
 * Verifies an offer against the pinned keys and this installation, failing closed: the statement
 * must be signed by a pinned key, name this app and platform, belong to a channel this device
 * receives, and carry a version code above the installed one (or be the signed target of a recall
 * of the installed version). The unsigned fields a source sent beside it must agree with it.
 */
public final class OfferVerifier {
  private OfferVerifier() {}

  /**
   * @return the offer rebuilt from the verified statement (plus the unsigned notes, URL and the
   *     source's mandatory flag)
   * @throws UpdateException with {@code VERIFICATION} naming what did not match
   */
  public static VerifiedOffer verify(Offer offer, Config config) throws UpdateException {
    ReleaseStatement statement = verifiedStatement(offer, config);
    String release = "release " + statement.version() + " (" + statement.versionCode() + ")";
    require(
        statement.app().equals(config.app()),
        release + ": signed for app '" + statement.app() + "', this is '" + config.app() + "'");
    require(
        statement.platform().equals(config.platform()),
        release
            + ": signed for platform '"
            + statement.platform()
            + "', this is '"
            + config.platform()
            + "'");
    require(
        config.channel().receives(statement.channel()),
        release
            + ": signed for channel '"
            + statement.channel()
            + "', which channel '"
            + config.channel()
            + "' does not receive");
    if (offer.downgrade()) {
      RecallCheck.requireSignedDowngrade(offer, statement, config);
    } else {
      require(
          statement.versionCode() > config.installedVersionCode(),
          release
              + ": version code is not above the installed "
              + config.installedVersionCode()
              + " (a downgrade needs a signed recall)");
    }
    requireAgreement(offer, statement, release);
    return new VerifiedOffer(rebuild(offer, statement, config), statement);
  }

  private static ReleaseStatement verifiedStatement(Offer offer, Config config)
      throws UpdateException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(offer.statement());
    } catch (IllegalArgumentException e) {
      throw refused("release " + offer.version() + ": statement is not base64");
    }
    try {
      return StatementVerifier.verifyAndParse(bytes, offer.signature(), config.trustedKeys())
          .statement();
    } catch (StatementVerificationException | InvalidValueException e) {
      throw refused("release " + offer.version() + ": " + e.getMessage());
    }
  }

  private static void requireAgreement(Offer offer, ReleaseStatement statement, String release)
      throws UpdateException {
    require(
        offer.version().equals(statement.version().toString())
            && offer.versionCode() == statement.versionCode(),
        release + ": the source calls it " + offer.version() + " (" + offer.versionCode() + ")");
    require(
        offer.size() < 0 || offer.size() == statement.size(),
        release
            + ": the source says "
            + offer.size()
            + " bytes, the statement "
            + statement.size());
    require(
        offer.sha256().isEmpty() || offer.sha256().equals(statement.sha256().hex()),
        release + ": the source's checksum differs from the statement's SHA-256");
  }

  private static Offer rebuild(Offer offer, ReleaseStatement statement, Config config) {
    Version minimum = statement.minSupportedVersion();
    boolean belowMinimum = minimum != null && config.installedVersion().compareTo(minimum) < 0;
    return new Offer(
        statement.version().toString(),
        statement.versionCode(),
        statement.channel().wireName(),
        offer.mandatory() || statement.mandatory() || belowMinimum,
        offer.releaseNotes(),
        statement.size(),
        statement.sha256().hex(),
        offer.downloadUrl(),
        offer.downgrade(),
        offer.statement(),
        offer.signature(),
        offer.signingKeyId(),
        offer.recallStatement(),
        offer.recallSignature(),
        offer.patch());
  }

  static void require(boolean condition, String message) throws UpdateException {
    if (!condition) {
      throw refused(message);
    }
  }

  static UpdateException refused(String message) {
    return new UpdateException(UpdateException.Reason.VERIFICATION, "refused: " + message);
  }
}
