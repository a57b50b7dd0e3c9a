package dev.petrel.server.recalls;

import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.server.apps.SigningPolicy;
import dev.petrel.server.releases.Release;
import dev.petrel.server.rollouts.RolloutRules;
import dev.petrel.server.web.ApiException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Checks a signed recall: the signature against the app's active release keys, the statement
 * against the release it recalls, and the release it names as target. As with publishing, the
 * server checks so that a mistake fails at once rather than on every device; devices still verify
 * the statement against the keys they pin. Stateless.
 */
final class RecallSignatures {
  private RecallSignatures() {}

  /**
   * A verified recall statement.
   *
   * @param statement the parsed statement
   * @param keyId the id of the active key that verified it
   */
  record Verified(RecallStatement statement, String keyId) {}

  /**
   * Verifies {@code request}'s signature and requires its statement to name {@code recalled} (app,
   * platform, version, version code) and, when the request gives one, the same reason.
   *
   * @throws ApiException 400 {@code recall.signature_invalid}, {@code recall.statement_invalid} or
   *     {@code recall.statement_mismatch}
   */
  static Verified verify(SigningPolicy policy, RecallRequest request, Release recalled) {
    byte[] bytes = request.statementBytes();
    ReleasePublicKey key =
        policy.signerOf(
            bytes, request.signature(), "the recall", RecallSignatures::invalidSignature);
    RecallStatement statement;
    try {
      statement = RecallStatement.parse(bytes);
    } catch (InvalidValueException e) {
      throw invalidStatement(e.getMessage());
    }
    same("app", statement.app().name(), recalled.appId().name());
    same("platform", statement.platform().name(), recalled.platform().name());
    same("recalled_version", statement.recalledVersion().toString(), recalled.version().toString());
    same("recalled_version_code", statement.recalledVersionCode(), recalled.versionCode());
    if (request.reason() != null) {
      same("reason", statement.reason(), request.reason());
    }
    return new Verified(statement, key.id());
  }

  /**
   * Requires the release a recall names as target to exist with that version and be a {@link
   * DowngradeTargets good downgrade target} for the recalled release's devices.
   *
   * @param found the release of the recalled one's app and platform with the named version code
   * @param rules the app channels and stopped rollouts, read in the recall's transaction
   * @param isRecalled whether the release with a given id has a recall of its own
   * @throws ApiException 400 {@code recall.target_invalid}
   */
  static Release checkTarget(
      RecallStatement.Target named,
      Release recalled,
      Optional<Release> found,
      RolloutRules rules,
      LongPredicate isRecalled,
      Instant now) {
    String label = "target " + named.version() + " (" + named.versionCode() + ")";
    Release target =
        found.orElseThrow(
            () ->
                invalidTarget(
                    label
                        + ": "
                        + recalled.appId()
                        + " has no "
                        + recalled.platform()
                        + " release with version code "
                        + named.versionCode()));
    String problem =
        target.version().toString().equals(named.version().toString())
            ? DowngradeTargets.problem(target, recalled, rules, isRecalled, now)
            : "the release with that version code is version " + target.version();
    if (problem != null) {
      throw invalidTarget(label + ": " + problem);
    }
    return target;
  }

  private static void same(String field, Object signed, Object actual) {
    if (!Objects.equals(signed, actual)) {
      throw ApiException.badRequest(
          "recall.statement_mismatch",
          field + ": the signed recall says " + signed + " but the recalled release has " + actual);
    }
  }

  static ApiException invalidSignature(String message) {
    return ApiException.badRequest("recall.signature_invalid", message);
  }

  static ApiException invalidStatement(String message) {
    return ApiException.badRequest("recall.statement_invalid", message);
  }

  private static ApiException invalidTarget(String message) {
    return ApiException.badRequest("recall.target_invalid", message);
  }
}
