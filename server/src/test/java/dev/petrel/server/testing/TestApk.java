package dev.petrel.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a small APK in a test: a ZIP with a binary {@code AndroidManifest.xml}, optionally a v1
 * (JAR) signature block and an APK Signing Block with a v2 and/or v3 signature, each signer's
 * signed data really signed with its key (the digests of the contents are placeholders: the server
 * reads certificates, the device verifies contents).
 */
public final class TestApk {
  private static final int V2_ID = 0x7109871a;
  private static final int V3_ID = 0xf05368c0;
  private static final int ECDSA_SHA256 = 0x0201;

  private final String packageName;
  private final long versionCode;
  private TestSigner v1;
  private TestSigner v2;
  private TestSigner v3;

  private TestApk(String packageName, long versionCode) {
    this.packageName = packageName;
    this.versionCode = versionCode;
  }

  /** An APK of {@code packageName} with {@code versionCode}, signed by nothing yet. */
  public static TestApk of(String packageName, long versionCode) {
    return new TestApk(packageName, versionCode);
  }

  /** An APK signed with {@code signer} by APK Signature Scheme v2. */
  public static byte[] signed(String packageName, long versionCode, TestSigner signer) {
    return of(packageName, versionCode).v2(signer).build();
  }

  public TestApk v1(TestSigner signer) {
    this.v1 = signer;
    return this;
  }

  public TestApk v2(TestSigner signer) {
    this.v2 = signer;
    return this;
  }

  public TestApk v3(TestSigner signer) {
    this.v3 = signer;
    return this;
  }

  public byte[] build() {
    byte[] zip = zip();
    if (v2 == null && v3 == null) {
      return zip;
    }
    ByteBuffer pairs = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    if (v2 != null) {
      pair(pairs, V2_ID, scheme(v2, false));
    }
    if (v3 != null) {
      pair(pairs, V3_ID, scheme(v3, true));
    }
    return withSigningBlock(zip, block(pairs));
  }

  private byte[] zip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      entry(out, "AndroidManifest.xml", TestManifests.manifest(packageName, versionCode));
      entry(out, "classes.dex", "dex\n035\0 test".getBytes(StandardCharsets.US_ASCII));
      if (v1 != null) {
        entry(
            out,
            "META-INF/MANIFEST.MF",
            "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        entry(out, "META-INF/CERT.EC", v1.pkcs7());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void entry(ZipOutputStream out, String name, byte[] data) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(data);
    out.closeEntry();
  }

  /** A v2 or v3 scheme value: a sequence of one signer. */
  private static byte[] scheme(TestSigner signer, boolean v3) {
    byte[] digests = prefixed(prefixed(concat(le(ECDSA_SHA256), prefixed(new byte[32]))));
    byte[] certificates = prefixed(prefixed(signer.certificateBytes()));
    byte[] sdks = v3 ? concat(le(24), le(Integer.MAX_VALUE)) : new byte[0];
    byte[] signedData = concat(digests, certificates, sdks, prefixed(new byte[0]));
    byte[] signatures =
        prefixed(prefixed(concat(le(ECDSA_SHA256), prefixed(signer.sign(signedData)))));
    byte[] body = concat(prefixed(signedData), sdks, signatures, prefixed(signer.publicKey()));
    return prefixed(prefixed(body));
  }

  private static void pair(ByteBuffer pairs, int id, byte[] value) {
    pairs.putLong(value.length + 4L).putInt(id).put(value);
  }

  private static byte[] block(ByteBuffer pairs) {
    int length = pairs.position();
    long size = length + 8 + 16;
    ByteBuffer block = ByteBuffer.allocate(length + 32).order(ByteOrder.LITTLE_ENDIAN);
    block.putLong(size).put(pairs.array(), 0, length).putLong(size);
    block.put("APK Sig Block 42".getBytes(StandardCharsets.US_ASCII));
    return block.array();
  }

  /** Inserts the block right before the central directory and moves the EOCD's offset. */
  private static byte[] withSigningBlock(byte[] zip, byte[] block) {
    ByteBuffer in = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = zip.length - 22; // ZipOutputStream writes no comment
    int directory = in.getInt(eocd + 16);
    ByteBuffer out = ByteBuffer.allocate(zip.length + block.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(zip, 0, directory).put(block).put(zip, directory, zip.length - directory);
    out.putInt(eocd + block.length + 16, directory + block.length);
    return out.array();
  }

  private static byte[] prefixed(byte[] data) {
    return concat(le(data.length), data);
  }

  private static byte[] le(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  private static byte[] concat(byte[]... parts) {
    return Der.concat(parts);
  }
}
