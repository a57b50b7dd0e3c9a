package dev.petrel.server.apps;

import dev.petrel.protocol.AppId;
import java.time.Instant;

/**
 * A release public key registered with an app: a row of {@code app_release_keys}.
 *
 * @param appId the app whose releases it may sign
 * @param keyId {@link dev.petrel.protocol.ReleasePublicKey#id()} of the key
 * @param publicKey the key as one base64 line
 * @param label what the publisher called it, or null
 * @param addedAt when it was registered
 * @param removedAt when it was removed, or null while it is active
 */
public record ReleaseKey(
    AppId appId, String keyId, String publicKey, String label, Instant addedAt, Instant removedAt) {

  public boolean active() {
    return removedAt == null;
  }
}
