package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --server} and {@code --token} without a server to talk to. */
class ServerOptionsTest {
  @Test
  void anUnreachableServerExits1NamingItsUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;

    CliRun run = CliRun.run(Map.of("PETREL_SERVER", url), "apps", "list");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo(
            "petrel: cannot reach the server at "
                + url
                + " (connection refused); is it running? Set it with --server or PETREL_SERVER");
  }

  @Test
  void theFlagWinsOverTheEnvironment() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;

    CliRun run =
        CliRun.run(
            Map.of("PETREL_SERVER", "http://127.0.0.1:1"), "apps", "list", "--server", url + "/");

    assertThat(run.err()).contains("cannot reach the server at " + url + " ");
  }

  @Test
  void aMalformedServerUrlIsBadUsage() {
    CliRun run = CliRun.run("apps", "list", "--server", "127.0.0.1:8080");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "--server / PETREL_SERVER: expected an http:// or https:// URL, found '127.0.0.1:8080'");
  }

  @Test
  void aMissingTokenFileIsBadUsage() {
    CliRun run = CliRun.run("apps", "list", "--token", "@/nonexistent/petrel-token");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--token @/nonexistent/petrel-token: no such file");
  }

  @Test
  void aGroupCommandAloneIsBadUsage() {
    assertThat(CliRun.run("apps").exit()).isEqualTo(2);
    assertThat(CliRun.run("apps", "keys").exit()).isEqualTo(2);
  }
}
