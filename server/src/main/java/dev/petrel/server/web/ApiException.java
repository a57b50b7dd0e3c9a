package dev.petrel.server.web;

/**
 * An error a handler throws to answer the request with {@code {"ok":false,"code":…,"message":…}}.
 *
 * <p>Handlers throw; {@link ErrorHandlers} maps. The code is stable and machine-readable (clients
 * branch on it), the message is for people and never contains a stack trace or secret.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /**
   * @param status the HTTP status, 4xx or 5xx
   * @param code a stable dotted code such as {@code release.duplicate_version}
   * @param message what went wrong, for a person
   */
  public ApiException(int status, String code, String message) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status: expected 400-599, found " + status);
    }
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** 400 with the given code. */
  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  /** 404 with the given code. */
  public static ApiException notFound(String code, String message) {
    return new ApiException(404, code, message);
  }

  /** 409 with the given code. */
  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }
}
