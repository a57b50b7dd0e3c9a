package dev.petrel.protocol;

import java.security.PrivateKey;
import java.util.Base64;

/**
 * Signs release and recall statements with an Ed25519 release key. Ed25519 is deterministic: the
 * same key and statement always give the same signature. Immutable and thread-safe.
 */
public final class ReleaseSigner {
  private final PrivateKey key;
  private final ReleasePublicKey publicKey;

  private ReleaseSigner(PrivateKey key, ReleasePublicKey publicKey) {
    this.key = key;
    this.publicKey = publicKey;
  }

  /**
   * A signer for a JDK Ed25519 private key.
   *
   * @throws IllegalArgumentException if {@code key} is not an Ed25519 private key
   */
  public static ReleaseSigner of(PrivateKey key) {
    return of(ReleaseKeyPair.of(key));
  }

  /** A signer for the private half of {@code keys}. */
  public static ReleaseSigner of(ReleaseKeyPair keys) {
    return new ReleaseSigner(keys.privateKey(), keys.publicKey());
  }

  /** The public key that verifies this signer's signatures. */
  public ReleasePublicKey publicKey() {
    return publicKey;
  }

  /** Signs {@link ReleaseStatement#canonicalBytes()} and pairs the signature with the key id. */
  public SignedStatement sign(ReleaseStatement statement) {
    byte[] signature = Ed25519.sign(key, statement.canonicalBytes());
    return new SignedStatement(
        statement, Base64.getEncoder().encodeToString(signature), publicKey.id());
  }

  /**
   * Signs {@link RecallStatement#canonicalBytes()}. The bytes carry their own {@code type}, so a
   * recall signature never passes for a release statement's, nor the other way round.
   */
  public SignedRecall sign(RecallStatement statement) {
    byte[] signature = Ed25519.sign(key, statement.canonicalBytes());
    return new SignedRecall(
        statement, Base64.getEncoder().encodeToString(signature), publicKey.id());
  }

  @Override
  public String toString() {
    return "ReleaseSigner[key " + publicKey.id() + "]";
  }
}
