package dev.petrel.server.apps;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.ReleasePublicKey;
import java.util.List;

/**
 * What a publish of an app must satisfy: whether a signed statement is required, and the keys that
 * may sign one. When {@code requireSignatures} is true, {@code activeKeys} is not empty.
 *
 * @param app the app
 * @param requireSignatures whether unsigned releases are refused
 * @param activeKeys the app's active release keys, oldest first
 */
public record SigningPolicy(
    AppId app, boolean requireSignatures, List<ReleasePublicKey> activeKeys) {
  public SigningPolicy {
    activeKeys = List.copyOf(activeKeys);
  }
}
