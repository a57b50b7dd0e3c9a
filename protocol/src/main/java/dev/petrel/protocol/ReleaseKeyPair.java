package dev.petrel.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * An Ed25519 release key pair and its files. Immutable and thread-safe; {@link #toString()} never
 * shows the private key.
 *
 * <p>The private key file is PKCS#8 in PEM ({@code -----BEGIN PRIVATE KEY-----}), the form {@code
 * openssl genpkey -algorithm ed25519} writes and reads. It is created readable and writable by its
 * owner only (mode 600) where the file system has POSIX permissions, and {@link #readPrivateKey}
 * refuses a file that group or others may access. The public key file is one line of base64 ({@link
 * ReleasePublicKey}).
 */
public final class ReleaseKeyPair {
  /** PKCS#8 v1 for Ed25519 (RFC 8410): this DER prefix, then the 32-byte secret key. */
  private static final byte[] PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
  };

  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final byte[] seed;
  private final ReleasePublicKey publicKey;

  private ReleaseKeyPair(byte[] seed) {
    this.seed = seed.clone();
    this.publicKey = Ed25519.publicKey(seed);
  }

  /** A new key pair from {@link SecureRandom}. */
  public static ReleaseKeyPair generate() {
    byte[] seed = new byte[Ed25519.SEED_LENGTH];
    new SecureRandom().nextBytes(seed);
    return new ReleaseKeyPair(seed);
  }

  /**
   * The key pair whose RFC 8032 secret key is {@code secretKey}; for test vectors and imports.
   *
   * @throws IllegalArgumentException unless {@code secretKey} has 32 bytes
   */
  public static ReleaseKeyPair fromSecretKey(byte[] secretKey) {
    return new ReleaseKeyPair(secretKey);
  }

  /**
   * The key pair of a JDK Ed25519 private key.
   *
   * @throws IllegalArgumentException if {@code key} is not an Ed25519 private key
   */
  public static ReleaseKeyPair of(PrivateKey key) {
    return new ReleaseKeyPair(Ed25519.seed(key));
  }

  /** The public half, to register with a server and pin in clients. */
  public ReleasePublicKey publicKey() {
    return publicKey;
  }

  /** The private half as a JDK key. */
  public PrivateKey privateKey() {
    return Ed25519.privateKey(seed);
  }

  /** A signer using this pair's private key. */
  public ReleaseSigner signer() {
    return ReleaseSigner.of(this);
  }

  /** The private key as PKCS#8 PEM text: header, base64 in lines of 64, footer, newline each. */
  public String privateKeyPem() {
    byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + seed.length);
    System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, seed.length);
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return BEGIN + "\n" + body + "\n" + END + "\n";
  }

  /**
   * Reads PKCS#8 PEM text holding an Ed25519 private key.
   *
   * @param field names the input in error messages, e.g. the file name
   * @throws InvalidValueException unless {@code pem} is an unencrypted PKCS#8 Ed25519 private key
   */
  public static ReleaseKeyPair fromPem(String field, String pem) {
    String text = pem == null ? "" : pem.strip();
    if (text.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new InvalidValueException(
          field, field + ": encrypted private keys are not supported; expected " + BEGIN);
    }
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw new InvalidValueException(
          field, field + ": expected a PEM private key starting with " + BEGIN);
    }
    try {
      byte[] der =
          Base64.getMimeDecoder()
              .decode(text.substring(BEGIN.length(), text.length() - END.length()).strip());
      PrivateKey key =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
      return of(key);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidValueException(
          field, field + ": expected an Ed25519 private key in PKCS#8, found something else");
    }
  }

  /**
   * Writes the private key as PEM to a new file, mode 600 where POSIX permissions exist.
   *
   * @throws FileAlreadyExistsException if {@code file} exists: a key is never overwritten
   */
  public void writePrivateKey(Path file) throws IOException {
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(
          file.toString(), null, "refusing to overwrite an existing key file");
    }
    if (isPosix(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(file);
    }
    try {
      Files.writeString(file, privateKeyPem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /**
   * Reads a private key file written by {@link #writePrivateKey} or by OpenSSL.
   *
   * @throws IOException if the file cannot be read, or group or others may access it (POSIX only)
   * @throws InvalidValueException if it does not hold an Ed25519 private key
   */
  public static ReleaseKeyPair readPrivateKey(Path file) throws IOException {
    if (isPosix(file)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new IOException(
            file
                + ": private key file is accessible by group or others (mode "
                + PosixFilePermissions.toString(permissions)
                + "); run 'chmod 600 "
                + file
                + "'");
      }
    }
    return fromPem(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
  }

  /** Writes the public key as one base64 line and a newline, replacing {@code file}. */
  public void writePublicKey(Path file) throws IOException {
    Files.writeString(file, publicKey.base64() + "\n", StandardCharsets.US_ASCII);
  }

  /**
   * Reads a public key file: one base64 line, surrounding whitespace ignored.
   *
   * @throws InvalidValueException naming the file if it holds no Ed25519 public key
   */
  public static ReleasePublicKey readPublicKey(Path file) throws IOException {
    return ReleasePublicKey.parse(
        file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
  }

  private static boolean isPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Override
  public String toString() {
    return "ReleaseKeyPair[public " + publicKey.id() + "]";
  }
}
