package dev.petrel.server.testing;

import dev.petrel.protocol.ReleasePublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;

/** Fresh Ed25519 release public keys for tests. */
public final class TestKeys {
  private TestKeys() {}

  /** A new random release public key. */
  public static ReleasePublicKey generate() {
    try {
      return ReleasePublicKey.of(
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
    }
  }

  /** The request body that adds {@code keys} with no label. */
  public static String addBody(ReleasePublicKey... keys) {
    StringBuilder json = new StringBuilder("{\"public_keys\":[");
    for (int i = 0; i < keys.length; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(keys[i].base64()).append('"');
    }
    return json.append("]}").toString();
  }
}
