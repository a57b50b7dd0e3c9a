package dev.petrel.server.apps;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.protocol.StatementVerificationException;
import dev.petrel.protocol.StatementVerifier;
import dev.petrel.server.web.ApiException;
import java.util.List;
import java.util.function.Function;

/**
 * What a publish of an app must satisfy: whether a signed statement is required, and the keys that
 * may sign one. When {@code requireSignatures} is true, {@code activeKeys} is not empty.
 *
 * @param app the app
 * @param requireSignatures whether unsigned releases are refused
 * @param activeKeys the app's active release keys, oldest first
 */
public record SigningPolicy(
    AppId app, boolean requireSignatures, List<ReleasePublicKey> activeKeys) {
  public SigningPolicy {
    activeKeys = List.copyOf(activeKeys);
  }

  /**
   * The active key whose Ed25519 signature over {@code statement} is {@code signature}.
   *
   * @param subject what the key would verify, for the message when the app has none (e.g. {@code
   *     "the signature"}, {@code "the recall"})
   * @param invalid makes the caller's 400 answer from a message
   * @throws ApiException from {@code invalid} when the app has no active key, the signature is
   *     malformed, or none of the active keys made it
   */
  public ReleasePublicKey signerOf(
      byte[] statement, String signature, String subject, Function<String, ApiException> invalid) {
    if (activeKeys.isEmpty()) {
      throw invalid.apply(
          "app has no keys: app '"
              + app
              + "' has no active release key to verify "
              + subject
              + " with; register the public key first (POST /api/v1/apps/"
              + app
              + "/keys)");
    }
    try {
      return StatementVerifier.verify(statement, signature, activeKeys);
    } catch (StatementVerificationException e) {
      throw invalid.apply(
          e.reason() == StatementVerificationException.Reason.MALFORMED_SIGNATURE
              ? "malformed signature: " + e.getMessage()
              : "not signed by a registered key: the signature was made by none of the active"
                  + " release keys "
                  + keyIds()
                  + " of app '"
                  + app
                  + "' over these statement bytes");
    }
  }

  /** The ids of the active keys, for messages. */
  public List<String> keyIds() {
    return activeKeys.stream().map(ReleasePublicKey::id).toList();
  }
}
