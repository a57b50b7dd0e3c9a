package dev.petrel.server.testing;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

/**
 * An APK signing key made with JDK classes: an EC P-256 key pair and a self-signed X.509
 * certificate for it, DER-encoded by hand (the JDK has no public API to issue one).
 */
public final class TestSigner {
  private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";

  private final KeyPair keys;
  private final X509Certificate certificate;

  private TestSigner(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A fresh key and a certificate with subject {@code CN=<name>}. */
  public static TestSigner create(String name) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      byte[] subject = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(name))));
      byte[] algorithm = Der.sequence(Der.oid(ECDSA_SHA256));
      byte[] tbs =
          Der.sequence(
              Der.context(0, Der.integer(2)),
              Der.integer(System.nanoTime() & 0x7fffffffL),
              algorithm,
              subject,
              Der.sequence(Der.utcTime("250101000000Z"), Der.utcTime("491231235959Z")),
              subject,
              keys.getPublic().getEncoded());
      byte[] der = Der.sequence(tbs, algorithm, Der.bitString(sign(keys, tbs)));
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      return new TestSigner(keys, certificate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test signing key", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate's DER bytes. */
  public byte[] certificateBytes() {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lowercase hex SHA-256 of the certificate, as {@code apksigner} prints it. */
  public String certificateSha256() {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificateBytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The X.509 SubjectPublicKeyInfo of the key. */
  public byte[] publicKey() {
    return keys.getPublic().getEncoded();
  }

  /** An ECDSA-with-SHA-256 signature of {@code data}. */
  public byte[] sign(byte[] data) {
    try {
      return sign(keys, data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sign(KeyPair keys, byte[] data) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(keys.getPrivate());
    signature.update(data);
    return signature.sign();
  }

  /**
   * A PKCS#7 SignedData holding only the certificate, as the {@code META-INF/CERT.EC} of a v1 (JAR)
   * signature carries it (without a signer info: the server reads the certificate only).
   */
  public byte[] pkcs7() {
    byte[] signedData =
        Der.sequence(
            Der.integer(1),
            Der.set(),
            Der.sequence(Der.oid("1.2.840.113549.1.7.1")),
            Der.context(0, certificateBytes()),
            Der.set());
    return Der.sequence(Der.oid("1.2.840.113549.1.7.2"), Der.context(0, signedData));
  }
}
