package dev.petrel.server.web;

import java.util.Base64;
import java.util.function.Function;

/**
 * Reads the {@code statement} and {@code signature} fields of a signed request: the exact bytes a
 * publisher signed, as standard base64 with padding, and their signature. Shared by publish and
 * recall, which differ only in the statement's size limit, its name and their error code.
 */
public final class StatementText {
  private StatementText() {}

  /** The longest base64 text of {@code maxBytes} bytes. */
  public static int maxText(int maxBytes) {
    return (maxBytes + 2) / 3 * 4;
  }

  /**
   * {@code text} when it is canonical base64 of at most {@code maxBytes} bytes, null when null.
   *
   * @param what names the bytes in the message, e.g. {@code "the recall statement bytes"}
   * @param invalid makes the caller's 400 answer from a message
   */
  public static String read(
      String text, int maxBytes, String what, Function<String, ApiException> invalid) {
    if (text == null) {
      return null;
    }
    int maxText = maxText(maxBytes);
    if (text.length() > maxText) {
      throw invalid.apply(
          "statement: expected at most "
              + maxBytes
              + " bytes as base64 ("
              + maxText
              + " characters), found "
              + text.length()
              + " characters");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      bytes = null;
    }
    if (bytes == null || !Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw invalid.apply(
          "statement: expected "
              + what
              + " as standard base64 with padding, found '"
              + (text.length() > 80 ? text.substring(0, 80) + "…" : text)
              + "'");
    }
    return text;
  }

  /**
   * {@code signature} after checking that it and {@code statement} come together (both or neither)
   * and that it is at most {@code maxText} characters; a canonical Ed25519 signature is 88.
   *
   * @param statement the statement text already read by {@link #read}, or null
   * @param what names the statement in the message when it is missing, e.g. {@code "the signed
   *     recall statement"}
   * @param invalid makes the caller's answer to an overlong signature from a message
   * @throws ApiException 400 {@code request.missing_field} when only one of the two is present
   */
  public static String signature(
      String statement,
      String signature,
      int maxText,
      String what,
      Function<String, ApiException> invalid) {
    if ((statement == null) != (signature == null)) {
      throw ApiException.badRequest(
          "request.missing_field",
          statement == null
              ? "statement: required with a signature (" + what + " as base64)"
              : "signature: required with a statement (its Ed25519 signature as base64)");
    }
    if (signature != null && signature.length() > maxText) {
      throw invalid.apply(
          "malformed signature: expected 88 characters of base64, found "
              + signature.length()
              + " characters");
    }
    return signature;
  }
}
