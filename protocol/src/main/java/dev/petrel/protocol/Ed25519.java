package dev.petrel.protocol;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/** The JDK's Ed25519 (RFC 8032), reduced to the few operations Petrel needs. */
final class Ed25519 {
  static final int SEED_LENGTH = 32;
  static final int SIGNATURE_LENGTH = 64;

  private Ed25519() {}

  /** The private key whose RFC 8032 secret key is {@code seed}. */
  static PrivateKey privateKey(byte[] seed) {
    requireSeed(seed);
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
    } catch (GeneralSecurityException e) {
      throw missing(e);
    }
  }

  /** The 32-byte secret key of a JDK Ed25519 private key. */
  static byte[] seed(PrivateKey key) {
    if (key instanceof EdECPrivateKey edKey
        && "Ed25519".equals(edKey.getParams().getName())
        && edKey.getBytes().isPresent()) {
      return edKey.getBytes().get();
    }
    throw new IllegalArgumentException(
        "expected an Ed25519 private key, found " + key.getAlgorithm());
  }

  /**
   * Derives the public key of {@code seed}. The JDK has no call for this, but its key pair
   * generator takes the secret key as the first 32 bytes it draws from the random source; the
   * result is checked by signing and verifying, so a JDK that behaved otherwise would fail loudly
   * here.
   */
  static ReleasePublicKey publicKey(byte[] seed) {
    requireSeed(seed);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
      PublicKey derived = generator.generateKeyPair().getPublic();
      byte[] probe =
          "petrel key derivation check".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (!verify(derived, probe, sign(privateKey(seed), probe))) {
        throw new IllegalStateException("this JDK's Ed25519 key pair generator is unsupported");
      }
      return ReleasePublicKey.of(derived);
    } catch (GeneralSecurityException e) {
      throw missing(e);
    }
  }

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("expected an Ed25519 private key", e);
    } catch (GeneralSecurityException e) {
      throw missing(e);
    }
  }

  /** Whether {@code signature} is {@code key}'s over {@code message}; malformed ones are false. */
  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException e) {
      return false;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("expected an Ed25519 public key", e);
    } catch (NoSuchAlgorithmException e) {
      throw missing(e);
    }
  }

  private static void requireSeed(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "expected an Ed25519 secret key of 32 bytes, found " + seed.length + " bytes");
    }
  }

  private static IllegalStateException missing(GeneralSecurityException e) {
    return new IllegalStateException("this JDK's Ed25519 failed, which Petrel requires", e);
  }

  /** Hands out the given bytes once, then fails: feeds a known secret key to the generator. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private byte[] remaining;

    FixedRandom(byte[] bytes) {
      this.remaining = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (remaining == null || bytes.length != remaining.length) {
        throw new IllegalStateException("unexpected draw of " + bytes.length + " random bytes");
      }
      System.arraycopy(remaining, 0, bytes, 0, bytes.length);
      Arrays.fill(remaining, (byte) 0);
      remaining = null;
    }
  }
}
