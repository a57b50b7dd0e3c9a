package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReleasePublicKeyTest {
  /** RFC 8032, section 7.1, test 1: the public key of the all-"9d61…" secret key. */
  static final String RFC8032_TEST1 =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  @Test
  void roundTripsAJdkKeyAndVerifiesItsSignatures() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    ReleasePublicKey key = ReleasePublicKey.of(pair.getPublic());
    byte[] message = "statement".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(message);
    byte[] signature = signer.sign();

    ReleasePublicKey parsed = ReleasePublicKey.parse("key", key.base64());
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(parsed.toJdkKey());
    verifier.update(message);

    assertThat(parsed).isEqualTo(key);
    assertThat(key.base64()).hasSize(44);
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(parsed.toJdkKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
  }

  @Test
  void readsTheRfc8032TestVector() {
    byte[] raw = java.util.HexFormat.of().parseHex(RFC8032_TEST1);

    ReleasePublicKey key = ReleasePublicKey.parse("key", Base64.getEncoder().encodeToString(raw));

    assertThat(key.bytes()).isEqualTo(raw);
    assertThat(key.id()).hasSize(16).isEqualTo(Sha256.of(raw).hex().substring(0, 16));
  }

  @Test
  void refusesWhatIsNotA32ByteBase64Key() {
    assertThatThrownBy(() -> ReleasePublicKey.parse("public_key", "not base64!"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("public_key: expected an Ed25519 public key as base64");
    assertThatThrownBy(
            () ->
                ReleasePublicKey.parse(
                    "public_key", Base64.getEncoder().encodeToString(new byte[31])))
        .hasMessage(
            "public_key: expected an Ed25519 public key of 32 bytes as base64, found 31 bytes");
  }
}
