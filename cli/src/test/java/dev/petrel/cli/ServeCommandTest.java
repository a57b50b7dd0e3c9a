package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void badConfigurationExitsWith2AndOneClearLine() {
    StringWriter err = new StringWriter();
    CommandLine cli = Petrel.commandLine();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("serve", "--port", "eighty", "--data-dir", dir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "petrel: invalid configuration: --port / PETREL_PORT: expected an integer from 0 to 65535, found 'eighty'");
  }

  @Test
  void theDeltaOptionsReachTheServerConfiguration() {
    StringWriter err = new StringWriter();
    CommandLine cli = Petrel.commandLine();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("serve", "--deltas", "maybe", "--data-dir", dir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "petrel: invalid configuration: --deltas / PETREL_DELTAS: expected on or off, found 'maybe'");
  }

  @Test
  void unreachableDatabaseExitsWith1() {
    StringWriter err = new StringWriter();
    CommandLine cli = Petrel.commandLine();
    cli.setErr(new PrintWriter(err));

    int exit =
        cli.execute(
            "serve",
            "--port",
            "0",
            "--data-dir",
            dir.toString(),
            "--database-url",
            "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("petrel: cannot start: cannot connect to jdbc:postgresql://127.0.0.1:1/none");
  }

  @Test
  void exitWhenReadyAnswersItsOwnRequestsThenStopsWith0() {
    StringWriter err = new StringWriter();

    int exit = serveExitWhenReady(err);

    assertThat(exit).as(err.toString()).isZero();
    assertThat(err.toString()).isEmpty();
    // The S3 half ran: a publish, a check, a redirected download and an event on its own database.
    assertThat(dir.resolve("data").resolve("s3-training").resolve("petrel.db")).isRegularFile();
  }

  @Test
  void exitWhenReadyNamesWhatFailedInTheTrainingAndStopsWith1() throws Exception {
    // The S3 half's data directory is taken by a plain file, so its server cannot start.
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data").resolve("s3-training"), "not a directory");
    StringWriter err = new StringWriter();

    int exit = serveExitWhenReady(err);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("petrel: the start-up training run failed: ")
        .doesNotContain("failed: null")
        .contains("s3-training");
  }

  /** Runs {@code serve --exit-when-ready} on {@code dir}'s data directory; its exit code. */
  private int serveExitWhenReady(StringWriter err) {
    CommandLine cli = Petrel.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(
        "serve",
        "--exit-when-ready",
        "--port",
        "0",
        "--data-dir",
        dir.resolve("data").toString(),
        "--database-url",
        "jdbc:sqlite:" + dir.resolve("petrel.db"));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void servesUntilStoppedAndPrintsTheGeneratedTokenOnce(TestDatabase database) throws Exception {
    TestDatabase.Prepared prepared = database.prepare(dir);
    try {
      serveAndStop(prepared.jdbcUrl());
    } finally {
      prepared.cleanup().run();
    }
  }

  private void serveAndStop(String jdbcUrl) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StringWriter out = new StringWriter();
    ServeCommand serve = new ServeCommand();
    serve.stopSignal = new CountDownLatch(1);
    CommandLine cli = new CommandLine(serve);
    cli.setOut(new PrintWriter(out, true));
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> exit =
          runner.submit(
              () ->
                  cli.execute(
                      "--port",
                      String.valueOf(port),
                      "--data-dir",
                      dir.toString(),
                      "--database-url",
                      jdbcUrl));

      HttpResponse<String> health = awaitHealth(port);
      serve.stopSignal.countDown();

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
      assertThat(out.toString())
          .contains("listening on http://127.0.0.1:" + port)
          .containsPattern("ptk_[A-Za-z0-9_-]{43}");
      assertThat(dir.resolve("artifacts")).isDirectory();
      // It used the database it was given, not the default SQLite file in the data dir.
      assertThat(dir.resolve("petrel.db")).doesNotExist();
      if (jdbcUrl.startsWith("jdbc:sqlite:")) {
        assertThat(dir.resolve("petrel-test.db")).exists();
      }
    } finally {
      runner.shutdownNow();
    }
  }

  private static HttpResponse<String> awaitHealth(int port) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/system/health"))
            .build();
    Exception last = null;
    for (int i = 0; i < 150; i++) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw last;
  }
}
