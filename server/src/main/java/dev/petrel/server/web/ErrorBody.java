package dev.petrel.server.web;

/**
 * The body of every error answer: {@code {"ok":false,"code":"…","message":"…"}}.
 *
 * @param ok always false
 * @param code a stable, dotted, machine-readable code
 * @param message a sentence for people
 */
public record ErrorBody(boolean ok, String code, String message) {
  public ErrorBody(String code, String message) {
    this(false, code, message);
  }
}
