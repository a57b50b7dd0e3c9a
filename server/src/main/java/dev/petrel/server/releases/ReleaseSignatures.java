package dev.petrel.server.releases;

import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.server.apps.SigningPolicy;
import dev.petrel.server.web.ApiException;
import java.util.Objects;

/**
 * Checks the signed statement of a publish: the signature against the app's active release keys,
 * then the statement against the release it is published with, field by field. The server checks as
 * a courtesy, so that a publisher's mistake or a foreign signature fails at publish time and not on
 * every device; devices still verify against the keys they pin. Stateless.
 */
final class ReleaseSignatures {
  private ReleaseSignatures() {}

  /**
   * Returns {@code draft} with its statement, signature and signing key, or unchanged when the
   * request is unsigned and the app accepts that.
   *
   * @throws ApiException 400 {@code release.signature_required}, {@code release.signature_invalid},
   *     {@code release.statement_invalid} or {@code release.statement_mismatch}
   */
  static Release check(SigningPolicy policy, PublishRequest request, Release draft) {
    if (!request.signed()) {
      if (policy.requireSignatures()) {
        throw ApiException.badRequest(
            "release.signature_required",
            "app '"
                + policy.app()
                + "' requires signed releases: give statement and signature, signed with one of"
                + " its active release keys "
                + policy.keyIds());
      }
      return draft;
    }
    byte[] bytes = request.statementBytes();
    ReleasePublicKey key =
        policy.signerOf(
            bytes, request.signature(), "the signature", ReleaseSignatures::invalidSignature);
    ReleaseStatement statement;
    try {
      statement = ReleaseStatement.parse(bytes);
    } catch (InvalidValueException e) {
      throw invalidStatement(e.getMessage());
    }
    requireMatch(statement, draft);
    return draft.withSignature(request.statement(), request.signature(), key.id());
  }

  private static void requireMatch(ReleaseStatement statement, Release release) {
    same("app", statement.app().name(), release.appId().name());
    same("platform", statement.platform().name(), release.platform().name());
    same("channel", statement.channel().wireName(), release.channel().wireName());
    same("version", statement.version().toString(), release.version().toString());
    same("version_code", statement.versionCode(), release.versionCode());
    same(
        "sha256",
        statement.sha256().hex(),
        release.sha256() == null ? null : release.sha256().hex());
    same("size", statement.size(), release.fileSize());
    same("mandatory", statement.mandatory(), release.mandatory());
    same(
        "min_supported_version",
        statement.minSupportedVersion() == null ? null : statement.minSupportedVersion().toString(),
        release.minSupportedVersion() == null ? null : release.minSupportedVersion().toString());
  }

  private static void same(String field, Object signed, Object published) {
    if (!Objects.equals(signed, published)) {
      throw ApiException.badRequest(
          "release.statement_mismatch",
          field
              + ": the signed statement says "
              + signed
              + " but the release being published has "
              + published);
    }
  }

  static ApiException invalidSignature(String message) {
    return ApiException.badRequest("release.signature_invalid", message);
  }

  static ApiException invalidStatement(String message) {
    return ApiException.badRequest("release.statement_invalid", message);
  }
}
