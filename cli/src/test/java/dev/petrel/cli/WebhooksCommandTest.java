package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code petrel webhooks …} against a real server. */
class WebhooksCommandTest extends ServerTest {
  private CliRun petrel(String... args) {
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN), args);
  }

  @Test
  void addListTestReadTheLogAndRemove() {
    CliRun added =
        petrel(
            "webhooks",
            "add",
            "--app",
            "default",
            "--url",
            "http://127.0.0.1:9/hook",
            "--kind",
            "slack",
            "--event",
            "rollout.halted",
            "--event",
            "release.recalled");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out())
        .contains("added webhook 1")
        .contains("signing secret (shown only now): whsec_");

    CliRun list = petrel("webhooks", "list", "--app", "default");
    assertThat(list.out())
        .contains("http://127.0.0.1:9/hook", "slack", "rollout.halted,release.recalled")
        .doesNotContain("whsec_");

    assertThat(petrel("webhooks", "test", "--app", "default", "--id", "1").out())
        .contains("queued a test alert for webhook 1");
    server.server().webhookWorker().runOnce();
    CliRun log = petrel("webhooks", "deliveries", "--app", "default", "--id", "1");
    assertThat(log.out()).contains("test", "pending", "ConnectException");

    assertThat(petrel("webhooks", "remove", "--app", "default", "--id", "1").exit()).isZero();
    assertThat(petrel("webhooks", "list", "--app", "default").out()).doesNotContain("127.0.0.1:9");
  }

  @Test
  void badInputIsRefusedWithTheServersReason() {
    CliRun bad = petrel("webhooks", "add", "--app", "default", "--url", "ftp://x");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("url: expected an http or https URL");
    assertThat(petrel("webhooks", "remove", "--app", "default", "--id", "7").err())
        .contains("webhook.not_found");
  }
}
