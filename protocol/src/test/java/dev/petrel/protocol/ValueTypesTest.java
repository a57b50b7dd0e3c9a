package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void sha256NormalisesCaseAndDigestsBytes() {
    Sha256 upper =
        Sha256.parse(
            "checksum", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");

    assertThat(upper).isEqualTo(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
    assertThat(upper.hex()).startsWith("ba7816bf");
  }

  @Test
  void sha256BytesRoundTripThroughHex() {
    Sha256 digest = Sha256.of("round trip".getBytes(StandardCharsets.US_ASCII));

    assertThat(Sha256.ofDigest(digest.bytes())).isEqualTo(digest);
    assertThat(digest.bytes()).hasSize(32);
  }

  @Test
  void sha256RejectsWrongLengthAndNonHex() {
    assertThatThrownBy(() -> Sha256.parse("checksum", "sha256..."))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "checksum: expected a SHA-256 digest of 64 hexadecimal characters, found 'sha256...'");
    assertThatThrownBy(() -> Sha256.parse("checksum", "g".repeat(64)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void platformAcceptsLowercaseNamesOnly() {
    assertThat(Platform.parse("platform", "linux-arm64").name()).isEqualTo("linux-arm64");
    assertThatThrownBy(() -> Platform.parse("platform", "Android"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("platform: expected a lowercase platform name");
    assertThatThrownBy(() -> Platform.parse("platform", "a".repeat(33)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void appIdAndDeviceIdValidateTheirSyntax() {
    assertThat(AppId.parse("app", "my-app").name()).isEqualTo("my-app");
    assertThatThrownBy(() -> AppId.parse("app", "-x")).isInstanceOf(InvalidValueException.class);
    assertThat(DeviceId.parse("device_id", "abc123").value()).isEqualTo("abc123");
    assertThatThrownBy(() -> DeviceId.parse("device_id", "has space"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> DeviceId.parse("device_id", "x".repeat(129)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void moreAdventurousChannelsReceiveMoreStableReleases() {
    assertThat(Channel.ALPHA.receives(Channel.BETA)).isTrue();
    assertThat(Channel.ALPHA.receives(Channel.STABLE)).isTrue();
    assertThat(Channel.BETA.receives(Channel.ALPHA)).isFalse();
    assertThat(Channel.STABLE.receives(Channel.BETA)).isFalse();
    assertThat(Channel.parse("channel", "beta")).isEqualTo(Channel.BETA);
    assertThat(Channel.parse("channel", "beta")).isSameAs(Channel.BETA);
  }

  @Test
  void appChannelsAreNamesThatReceiveOnlyThemselvesByTheBuiltInOrder() {
    Channel internal = Channel.parse("channel", "internal");

    assertThat(internal.isBuiltIn()).isFalse();
    assertThat(internal).isEqualTo(Channel.parse("channel", "internal"));
    assertThat(internal.receives(internal)).isTrue();
    assertThat(internal.receives(Channel.STABLE)).isFalse();
    assertThat(Channel.ALPHA.receives(internal)).isFalse();
    assertThatThrownBy(() -> Channel.parse("channel", "Nightly Builds"))
        .hasMessage(
            "channel: expected a lowercase channel name like stable, beta or alpha,"
                + " found 'Nightly Builds'");
  }
}
