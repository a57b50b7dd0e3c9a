package dev.petrel.server.web;

import java.util.Base64;
import java.util.function.Function;

/**
 * Reads the {@code statement} field of a signed request: the exact bytes a publisher signed, as
 * standard base64 with padding. Shared by publish and recall, which differ only in the statement's
 * size limit and their error code.
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
}
