package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-Java verifier against RFC 8032's vectors and against the JDK's own signatures. */
class Ed25519VerifierTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void acceptsRfc8032Test1() {
    assertVector(
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void acceptsRfc8032Test2() {
    assertVector(
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  }

  @Test
  void acceptsRfc8032Test3() {
    assertVector(
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
  }

  @Test
  void agreesWithTheJdkOnRandomMessagesAndTamperedOnes() throws Exception {
    Random random = new Random(20261123);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    for (int round = 0; round < 20; round++) {
      KeyPair pair = generator.generateKeyPair();
      byte[] key = ReleasePublicKey.of(pair.getPublic()).bytes();
      byte[] message = new byte[random.nextInt(300)];
      random.nextBytes(message);
      byte[] signature = jdkSign(pair, message);

      assertThat(Ed25519Verifier.verify(key, message, signature)).as("round %d", round).isTrue();

      byte[] tamperedSignature = signature.clone();
      tamperedSignature[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
      assertThat(Ed25519Verifier.verify(key, message, tamperedSignature)).isFalse();
      if (message.length > 0) {
        byte[] tamperedMessage = message.clone();
        tamperedMessage[random.nextInt(message.length)] ^= 0x01;
        assertThat(Ed25519Verifier.verify(key, tamperedMessage, signature)).isFalse();
      }
      byte[] otherKey = ReleasePublicKey.of(generator.generateKeyPair().getPublic()).bytes();
      assertThat(Ed25519Verifier.verify(otherKey, message, signature)).isFalse();
    }
  }

  @Test
  void refusesAMalleatedSignatureWithSPlusL() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] key = ReleasePublicKey.of(pair.getPublic()).bytes();
    byte[] message = {1, 2, 3};
    byte[] signature = jdkSign(pair, message);
    BigInteger order =
        BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
    BigInteger s = Ed25519Verifier.littleEndian(java.util.Arrays.copyOfRange(signature, 32, 64));
    byte[] bigEndian = s.add(order).toByteArray();
    byte[] malleated = signature.clone();
    for (int i = 0; i < 32; i++) {
      malleated[32 + i] = i < bigEndian.length ? bigEndian[bigEndian.length - 1 - i] : 0;
    }

    assertThat(Ed25519Verifier.verify(key, message, signature)).isTrue();
    assertThat(Ed25519Verifier.verify(key, message, malleated)).isFalse();
  }

  @Test
  void refusesKeysThatAreNoPointOrNotCanonical() {
    byte[] notOnCurve = null;
    for (int y = 2; notOnCurve == null; y++) {
      byte[] candidate = new byte[32];
      candidate[0] = (byte) y;
      if (Ed25519Verifier.decode(candidate) == null) {
        notOnCurve = candidate;
      }
    }
    byte[] yAboveP = new byte[32];
    java.util.Arrays.fill(yAboveP, (byte) 0xff);
    yAboveP[31] = 0x7f; // y = 2^255 - 1 >= p

    assertThat(Ed25519Verifier.isValidPublicKey(notOnCurve)).isFalse();
    assertThat(Ed25519Verifier.isValidPublicKey(yAboveP)).isFalse();
    String notOnCurveText = Base64.getEncoder().encodeToString(notOnCurve);
    assertThatThrownBy(() -> ReleasePublicKey.parse("key", notOnCurveText))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("key: not a valid Ed25519 public key");
    assertThat(Ed25519Verifier.verify(notOnCurve, new byte[0], new byte[64])).isFalse();
  }

  @Test
  void refusesWrongLengths() {
    byte[] key = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(Ed25519Verifier.verify(key, new byte[0], new byte[63])).isFalse();
    assertThat(Ed25519Verifier.verify(new byte[31], new byte[0], new byte[64])).isFalse();
  }

  private static void assertVector(String publicKey, String message, String signature) {
    byte[] key = HEX.parseHex(publicKey);
    byte[] sig = HEX.parseHex(signature);
    byte[] msg = HEX.parseHex(message);
    assertThat(Ed25519Verifier.verify(key, msg, sig)).isTrue();
    byte[] wrong = sig.clone();
    wrong[0] ^= 0x01;
    assertThat(Ed25519Verifier.verify(key, msg, wrong)).isFalse();
  }

  private static byte[] jdkSign(KeyPair pair, byte[] message) throws Exception {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(message);
    return signer.sign();
  }
}
