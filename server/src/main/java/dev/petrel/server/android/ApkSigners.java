package dev.petrel.server.android;

import dev.petrel.delta.zip.CentralDirectory;
import dev.petrel.server.archives.MalformedArchiveException;
import dev.petrel.server.archives.ZipDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The signing certificates of an APK, from the scheme Android reads first: v3 (APK Signature Scheme
 * v3, {@code 0xf05368c0}), else v2 ({@code 0x7109871a}), both in the APK Signing Block right before
 * the central directory, else v1 (the PKCS#7 {@code META-INF/*.RSA|DSA|EC} files of a JAR
 * signature). Each certificate is named by the SHA-256 of its DER encoding, as {@code apksigner
 * verify --print-certs} prints it.
 *
 * <p>This reads the certificates the APK declares; it does not verify the signatures over the APK's
 * contents. That is what the device does at install time; here the point is to catch an APK signed
 * with another key before any device downloads it.
 */
final class ApkSigners {
  /**
   * @param scheme 1, 2 or 3
   * @param certificates the lowercase hex SHA-256 of each signer's certificate, sorted
   */
  record Signers(int scheme, List<String> certificates) {}

  static final int V2_ID = 0x7109871a;
  static final int V3_ID = 0xf05368c0;
  private static final byte[] MAGIC = "APK Sig Block 42".getBytes(StandardCharsets.US_ASCII);

  private ApkSigners() {}

  /**
   * @throws MalformedArchiveException when the APK is not signed or its signature data is malformed
   */
  static Signers read(ZipDirectory apk) throws IOException {
    try {
      ByteBuffer block = signingBlock(apk);
      if (block != null) {
        ByteBuffer v3 = pair(block, V3_ID);
        if (v3 != null) {
          return new Signers(3, certificates(v3, true));
        }
        ByteBuffer v2 = pair(block, V2_ID);
        if (v2 != null) {
          return new Signers(2, certificates(v2, false));
        }
      }
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw new MalformedArchiveException("the APK Signing Block is cut short or malformed");
    }
    return v1(apk);
  }

  /** The ID-value pairs of the APK Signing Block, or null when there is none. */
  private static ByteBuffer signingBlock(ZipDirectory apk) throws IOException {
    long end = apk.centralDirectoryOffset();
    if (end < 32) {
      return null;
    }
    ByteBuffer footer = little(apk.read(end - 24, 24));
    byte[] magic = new byte[16];
    footer.get(8, magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      return null;
    }
    long size = footer.getLong(0);
    if (size < 24 || size > Math.min(end - 8, 64L * 1024 * 1024)) {
      throw new MalformedArchiveException("the APK Signing Block claims " + size + " bytes");
    }
    // The block: size (8), pairs, size (8), magic (16); the pairs lie between the two sizes.
    return little(apk.read(end - size, (int) size - 24));
  }

  private static ByteBuffer pair(ByteBuffer pairs, int id) {
    ByteBuffer all = pairs.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    while (all.remaining() >= 12) {
      long length = all.getLong();
      if (length < 4 || length > all.remaining()) {
        throw new MalformedArchiveException("an APK Signing Block entry of " + length + " bytes");
      }
      int pairId = all.getInt();
      ByteBuffer value = slice(all, (int) length - 4);
      if (pairId == id) {
        return value;
      }
    }
    return null;
  }

  /** The first certificate of each signer of a v2 or v3 block. */
  private static List<String> certificates(ByteBuffer scheme, boolean v3) {
    ByteBuffer signers = prefixed(scheme);
    TreeSet<String> digests = new TreeSet<>();
    while (signers.hasRemaining()) {
      ByteBuffer signer = prefixed(signers);
      ByteBuffer signedData = prefixed(signer);
      prefixed(signedData); // digests
      ByteBuffer certificates = prefixed(signedData);
      if (!certificates.hasRemaining()) {
        throw new MalformedArchiveException("a v" + (v3 ? 3 : 2) + " signer has no certificate");
      }
      digests.add(sha256(bytes(prefixed(certificates))));
    }
    if (digests.isEmpty()) {
      throw new MalformedArchiveException("the v" + (v3 ? 3 : 2) + " signature has no signer");
    }
    return List.copyOf(digests);
  }

  private static Signers v1(ZipDirectory apk) throws IOException {
    TreeSet<String> digests = new TreeSet<>();
    for (CentralDirectory.Entry entry : apk.entries()) {
      String name = entry.name().toUpperCase(Locale.ROOT);
      if (name.startsWith("META-INF/")
          && name.indexOf('/', 9) < 0
          && (name.endsWith(".RSA") || name.endsWith(".DSA") || name.endsWith(".EC"))) {
        digests.add(sha256(encoded(signerCertificate(entry.name(), apk.contents(entry)))));
      }
    }
    if (digests.isEmpty()) {
      throw new MalformedArchiveException(
          "the APK is not signed: no APK Signature Scheme v2 or v3 block and no v1 (JAR)"
              + " signature; Android installs only signed APKs");
    }
    return new Signers(1, List.copyOf(digests));
  }

  /** The certificate no other certificate in the PKCS#7 block was issued by: the signer's. */
  private static X509Certificate signerCertificate(String name, byte[] pkcs7) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (var certificate : factory.generateCertificates(new ByteArrayInputStream(pkcs7))) {
        certificates.add((X509Certificate) certificate);
      }
    } catch (CertificateException | RuntimeException e) {
      throw new MalformedArchiveException(name + " is not a PKCS#7 signature block", e);
    }
    for (X509Certificate candidate : certificates) {
      boolean issuesAnother =
          certificates.stream()
              .anyMatch(
                  other ->
                      other != candidate
                          && other
                              .getIssuerX500Principal()
                              .equals(candidate.getSubjectX500Principal()));
      if (!issuesAnother) {
        return candidate;
      }
    }
    throw new MalformedArchiveException(name + " holds no signer certificate");
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateException e) {
      throw new MalformedArchiveException("a v1 signer certificate cannot be encoded", e);
    }
  }

  private static ByteBuffer prefixed(ByteBuffer buffer) {
    int length = buffer.getInt();
    if (length < 0 || length > buffer.remaining()) {
      throw new MalformedArchiveException("a length-prefixed field of " + length + " bytes");
    }
    return slice(buffer, length);
  }

  private static ByteBuffer slice(ByteBuffer buffer, int length) {
    ByteBuffer slice = buffer.slice(buffer.position(), length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.position(buffer.position() + length);
    return slice;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  static String sha256(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static ByteBuffer little(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
