package dev.petrel.cli;

import dev.petrel.server.ConfigException;
import dev.petrel.server.PetrelServer;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.db.DatabaseUnavailableException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code petrel serve}: runs the update server until interrupted, then shuts it down gracefully
 * (in-flight requests finish, queued telemetry is written).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Petrel server. Each option falls back to its environment variable, then its default.",
      "On first start without PETREL_ADMIN_TOKEN, an admin token is generated and printed once."
    })
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", description = "Address to listen on (PETREL_HOST, default 127.0.0.1).")
  String host;

  @Option(names = "--port", description = "Port (PETREL_PORT, default 8080; 0 picks a free one).")
  String port;

  @Option(
      names = "--data-dir",
      description = "SQLite and artifacts (PETREL_DATA_DIR, default ./petrel-data).")
  String dataDir;

  @Option(
      names = "--database-url",
      description =
          "jdbc:sqlite: or jdbc:postgresql: URL (PETREL_DATABASE_URL, default SQLite in the data dir).")
  String databaseUrl;

  @Option(
      names = "--public-url",
      description =
          "Base of download URLs handed to devices (PETREL_PUBLIC_URL, default http://host:port).")
  String publicUrl;

  @Option(
      names = "--max-upload-size",
      description = "Largest artifact accepted, e.g. 2GiB (PETREL_MAX_UPLOAD_SIZE, default 2GiB).")
  String maxUploadSize;

  @Mixin ServeStorageOptions storage;

  @Mixin ServeDeltaOptions deltas;

  @Mixin ServeTelemetryOptions telemetry;

  @Option(
      names = "--catalogue-poll-ms",
      description =
          "How often to look for catalogue changes made through other nodes; on PostgreSQL the"
              + " fallback to LISTEN/NOTIFY (PETREL_CATALOGUE_POLL_MS, default 2000).")
  String cataloguePollMs;

  @Option(
      names = "--check-rehearsal",
      description =
          "Checks a start sends itself in-process before it listens, so that its check path is"
              + " compiled before devices arrive; 0 for none (PETREL_CHECK_REHEARSAL,"
              + " default 20000, at most 10 s at the lowest priority and 10 s more at its own).")
  String checkRehearsal;

  @Option(
      names = "--exit-when-ready",
      description =
          "Start, answer a readiness probe and an update check over HTTP, then stop: the"
              + " launcher's training run for its class data archive (docs/operations.md).",
      hidden = true)
  boolean exitWhenReady;

  /** Set by tests to stop a server started in-process; null when run from the command line. */
  CountDownLatch stopSignal;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig config;
    try {
      config = ServerConfig.resolve(flags(), System.getenv());
    } catch (ConfigException e) {
      err.println("petrel: invalid configuration: " + e.getMessage());
      err.flush();
      return 2;
    }
    PetrelServer server;
    try {
      server =
          PetrelServer.start(
              config, Clock.systemUTC(), new PrintStream(new WriterOutputStream(out), true));
    } catch (DatabaseUnavailableException | UncheckedIOException | ConfigException e) {
      err.println("petrel: cannot start: " + e.getMessage());
      err.flush();
      return 1;
    } catch (RuntimeException e) {
      err.println("petrel: cannot start: " + describe(e));
      err.flush();
      return 1;
    }
    out.println(
        "Petrel "
            + PetrelServer.version()
            + " listening on http://"
            + config.host()
            + ":"
            + server.port()
            + " (data in "
            + config.dataDir()
            + (config.storage().s3() == null
                ? ""
                : ", artifacts in " + config.storage().s3().location())
            + ")");
    out.flush();
    if (exitWhenReady) {
      return StartupTraining.exercise(server, config, err);
    }
    CountDownLatch stopped = stopSignal != null ? stopSignal : new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "petrel-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopSignal != null) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
    }
    return 0;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  /**
   * Every text option of this command and its mixins, keyed by its flag ({@code --port}), null when
   * not given; the server's configuration reads the settings it knows from it.
   */
  private Map<String, String> flags() {
    Map<String, String> flags = new HashMap<>();
    for (OptionSpec option : spec.options()) {
      if (option.type() == String.class) {
        flags.put(option.longestName(), option.getValue());
      }
    }
    return flags;
  }
}
