package dev.petrel.server.artifacts;

import java.io.IOException;

/**
 * The artifact store could not do what was asked: it was unreachable, refused the credentials, or
 * answered with an error. The request may succeed later; nothing of a failed upload is kept.
 */
public final class ArtifactStoreUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public ArtifactStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
