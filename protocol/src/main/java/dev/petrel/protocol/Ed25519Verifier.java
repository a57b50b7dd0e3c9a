package dev.petrel.protocol;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Ed25519 signature verification (RFC 8032, section 5.1.7) in plain Java, for runtimes without the
 * JDK's EdEC provider (Android before API 33) and used by {@link StatementVerifier} everywhere, so
 * that every runtime verifies with the same code. Written from the RFC with {@link BigInteger}
 * arithmetic: it is not constant-time, which verification of public data does not need. Stateless
 * and thread-safe.
 *
 * <p>The check is the cofactorless one the JDK also makes: {@code encode([S]B - [k]A)} must equal
 * the signature's {@code R} bytes, with {@code S < L} and {@code A} a canonical point encoding.
 */
final class Ed25519Verifier {
  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  private static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger D2 = D.shiftLeft(1).mod(P);
  private static final BigInteger SQRT_M1 =
      BigInteger.valueOf(2).modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
  private static final BigInteger TWO = BigInteger.valueOf(2);
  private static final Point BASE = basePoint();

  private Ed25519Verifier() {}

  /**
   * Whether {@code signature} is {@code publicKey}'s Ed25519 signature over {@code message}.
   * Malformed keys or signatures (wrong length, not a point, {@code S >= L}) are simply false.
   */
  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || signature.length != 64) {
      return false;
    }
    Point a = decode(publicKey);
    if (a == null) {
      return false;
    }
    byte[] r = Arrays.copyOfRange(signature, 0, 32);
    BigInteger s = littleEndian(Arrays.copyOfRange(signature, 32, 64));
    if (s.compareTo(L) >= 0) {
      return false;
    }
    BigInteger k = littleEndian(sha512(r, publicKey, message)).mod(L);
    Point check = Point.sumOfMultiples(s, BASE, k, a.negate());
    return MessageDigest.isEqual(check.encode(), r);
  }

  /** Whether {@code publicKey} is the canonical encoding of a point on the curve. */
  static boolean isValidPublicKey(byte[] publicKey) {
    return publicKey.length == 32 && decode(publicKey) != null;
  }

  /** RFC 8032, 5.1.3: the point encoded by 32 bytes, or null when they encode none. */
  static Point decode(byte[] encoded) {
    byte[] bytes = encoded.clone();
    int xSign = (bytes[31] & 0xff) >>> 7;
    bytes[31] &= 0x7f;
    BigInteger y = littleEndian(bytes);
    if (y.compareTo(P) >= 0) {
      return null;
    }
    BigInteger ySquared = y.multiply(y).mod(P);
    BigInteger u = ySquared.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(ySquared).add(BigInteger.ONE).mod(P);
    BigInteger x = squareRootOfRatio(u, v);
    if (x == null) {
      return null;
    }
    if (x.signum() == 0 && xSign == 1) {
      return null;
    }
    if (x.testBit(0) != (xSign == 1)) {
      x = P.subtract(x);
    }
    return Point.affine(x, y);
  }

  /** A root of {@code u / v} mod p, or null when there is none (RFC 8032, 5.1.3, step 3). */
  private static BigInteger squareRootOfRatio(BigInteger u, BigInteger v) {
    BigInteger v3 = v.pow(3).mod(P);
    BigInteger v7 = v3.multiply(v3).multiply(v).mod(P);
    BigInteger exponent = P.subtract(BigInteger.valueOf(5)).shiftRight(3);
    BigInteger x = u.multiply(v3).multiply(u.multiply(v7).modPow(exponent, P)).mod(P);
    BigInteger vx2 = v.multiply(x).multiply(x).mod(P);
    if (vx2.equals(u)) {
      return x;
    }
    if (vx2.equals(P.subtract(u).mod(P))) {
      return x.multiply(SQRT_M1).mod(P);
    }
    return null;
  }

  private static Point basePoint() {
    BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
    byte[] encoded = toLittleEndian(y);
    Point base = decode(encoded); // x is even (positive) for the standard base point
    if (base == null) {
      throw new IllegalStateException("the Ed25519 base point does not decode");
    }
    return base;
  }

  static BigInteger littleEndian(byte[] bytes) {
    byte[] bigEndian = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      bigEndian[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  /** The 32 little-endian bytes of {@code value}, which is below 2^255. */
  private static byte[] toLittleEndian(BigInteger value) {
    byte[] bigEndian = value.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < Math.min(32, bigEndian.length); i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }

  private static byte[] sha512(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-512");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this runtime has no SHA-512, which Ed25519 requires", e);
    }
  }

  /** A point in extended homogeneous coordinates (RFC 8032, 5.1.4): x = X/Z, y = Y/Z, xy = T/Z. */
  static final class Point {
    private static final Point NEUTRAL =
        new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
    private final BigInteger x;
    private final BigInteger y;
    private final BigInteger z;
    private final BigInteger t;

    private Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
      this.x = x;
      this.y = y;
      this.z = z;
      this.t = t;
    }

    static Point affine(BigInteger x, BigInteger y) {
      return new Point(x, y, BigInteger.ONE, x.multiply(y).mod(P));
    }

    /** The complete addition law of the twisted Edwards curve with a = -1 (also doubles). */
    Point plus(Point other) {
      BigInteger a = y.subtract(x).multiply(other.y.subtract(other.x)).mod(P);
      BigInteger b = y.add(x).multiply(other.y.add(other.x)).mod(P);
      BigInteger c = t.multiply(D2).multiply(other.t).mod(P);
      BigInteger d = z.multiply(TWO).multiply(other.z).mod(P);
      BigInteger e = b.subtract(a);
      BigInteger f = d.subtract(c);
      BigInteger g = d.add(c);
      BigInteger h = b.add(a);
      return new Point(
          e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
    }

    Point negate() {
      return new Point(P.subtract(x).mod(P), y, z, P.subtract(t).mod(P));
    }

    /**
     * {@code [a]p + [b]q} with one shared chain of doublings (Straus–Shamir), about 40 % fewer
     * point operations than two separate multiplications.
     */
    static Point sumOfMultiples(BigInteger a, Point p, BigInteger b, Point q) {
      Point both = p.plus(q);
      Point result = NEUTRAL;
      for (int bit = Math.max(a.bitLength(), b.bitLength()) - 1; bit >= 0; bit--) {
        result = result.plus(result);
        boolean inA = a.testBit(bit);
        boolean inB = b.testBit(bit);
        if (inA && inB) {
          result = result.plus(both);
        } else if (inA) {
          result = result.plus(p);
        } else if (inB) {
          result = result.plus(q);
        }
      }
      return result;
    }

    /** RFC 8032, 5.1.2: y little-endian, with x's low bit in the top bit of the last byte. */
    byte[] encode() {
      BigInteger inverse = z.modInverse(P);
      BigInteger affineX = x.multiply(inverse).mod(P);
      BigInteger affineY = y.multiply(inverse).mod(P);
      byte[] out = toLittleEndian(affineY);
      if (affineX.testBit(0)) {
        out[31] |= (byte) 0x80;
      }
      return out;
    }
  }
}
