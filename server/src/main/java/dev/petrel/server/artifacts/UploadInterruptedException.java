package dev.petrel.server.artifacts;

import java.io.IOException;

/**
 * Reading an upload's body failed: the client disconnected, stalled past the idle timeout, or sent
 * a malformed body. The client's doing, not the server's; nothing of the upload is kept.
 */
public final class UploadInterruptedException extends IOException {
  private static final long serialVersionUID = 1L;

  public UploadInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
