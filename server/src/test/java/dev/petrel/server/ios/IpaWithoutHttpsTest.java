package dev.petrel.server.ios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.HostedReleases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestIpa;
import dev.petrel.server.testing.TestResponse;
import org.junit.jupiter.api.Test;

/** A server without an https public URL cannot hand out an itms-services link, so takes no IPA. */
class IpaWithoutHttpsTest extends ServerTest {
  @Test
  void refusesAnIpaAndStoresNothing() {
    TestResponse refused =
        HostedReleases.publish(
            server,
            TestIpa.binary(TestIpa.info("com.example.fieldnotes", "1.2.0", "12")),
            "ios",
            "1.2.0",
            12,
            "FieldNotes.ipa",
            "");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("ios.https_required");
    assertThat(refused.json().get("message").asText()).contains("--public-url", "found none");
    assertThat(server.count("releases")).isZero();
    assertThat(server.count("ios_bundles")).isZero();
  }
}
