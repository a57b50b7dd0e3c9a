package dev.petrel.server.recalls;

import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.JsonFields;
import dev.petrel.server.web.StatementText;
import java.util.Base64;

/**
 * The body of {@code POST /api/v1/apps/{app}/releases/{id}/recall}, with its form checked (the
 * signature is checked by {@link RecallSignatures}).
 *
 * @param reason why, or null for a signed recall whose statement carries it
 * @param statement base64 of the signed recall statement's canonical bytes, or null
 * @param signature its Ed25519 signature as base64, or null; set exactly when {@code statement} is
 */
record RecallRequest(String reason, String statement, String signature) {
  /** Longest base64 text of a statement of {@link RecallStatement#MAX_BYTES} bytes. */
  static final int MAX_STATEMENT_TEXT = StatementText.maxText(RecallStatement.MAX_BYTES);

  /** Longest signature text read; a canonical Ed25519 signature is 88 characters. */
  static final int MAX_SIGNATURE_TEXT = 100;

  /**
   * @throws ApiException 400 naming the first field that is missing or malformed
   */
  static RecallRequest parse(JsonFields body) {
    String statement = statement(body.optionalText("statement"));
    String signature =
        StatementText.signature(
            statement,
            body.optionalText("signature"),
            MAX_SIGNATURE_TEXT,
            "the signed recall statement",
            RecallSignatures::invalidSignature);
    String reason = body.optionalText("reason");
    if (reason == null && statement == null) {
      throw ApiException.badRequest(
          "request.missing_field",
          "reason: required for an unsigned recall (a signed one may take it from its statement)");
    }
    if (reason != null) {
      try {
        RecallStatement.checkReason(reason);
      } catch (InvalidValueException e) {
        throw ApiException.badRequest("request.invalid_field", e.getMessage());
      }
    }
    return new RecallRequest(reason, statement, signature);
  }

  /** Whether the request carries a signed recall statement. */
  boolean signed() {
    return statement != null;
  }

  /** The statement's bytes, exactly as signed; null for an unsigned request. */
  byte[] statementBytes() {
    return statement == null ? null : Base64.getDecoder().decode(statement);
  }

  private static String statement(String text) {
    return StatementText.read(
        text,
        RecallStatement.MAX_BYTES,
        "the recall statement bytes",
        RecallSignatures::invalidStatement);
  }
}
