package dev.petrel.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.server.admin.AdminRoutes;
import dev.petrel.server.admin.AdminSessions;
import dev.petrel.server.admin.SessionRoutes;
import dev.petrel.server.alerts.Alerts;
import dev.petrel.server.alerts.WebhookRoutes;
import dev.petrel.server.alerts.WebhookWorker;
import dev.petrel.server.alerts.Webhooks;
import dev.petrel.server.android.ApkPublishCheck;
import dev.petrel.server.apidocs.ApiDocsRoutes;
import dev.petrel.server.apps.AppRoutes;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.apps.ReleaseKeyRoutes;
import dev.petrel.server.apps.ReleaseKeys;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.artifacts.ArtifactStoreUnavailableException;
import dev.petrel.server.artifacts.Artifacts;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.artifacts.DownloadRoutes;
import dev.petrel.server.artifacts.UploadRoutes;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.audit.AuditRoutes;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.TokenRoutes;
import dev.petrel.server.auth.Tokens;
import dev.petrel.server.db.Database;
import dev.petrel.server.db.Dialect;
import dev.petrel.server.deltas.DeltaPlanner;
import dev.petrel.server.deltas.DeltaRoutes;
import dev.petrel.server.deltas.DeltaWorker;
import dev.petrel.server.deltas.Deltas;
import dev.petrel.server.figures.FigureRoutes;
import dev.petrel.server.figures.Figures;
import dev.petrel.server.ios.IosPublishCheck;
import dev.petrel.server.ios.ItmsLinks;
import dev.petrel.server.ios.ManifestRoutes;
import dev.petrel.server.recalls.RecallRoutes;
import dev.petrel.server.recalls.Recalls;
import dev.petrel.server.releases.ReleaseRoutes;
import dev.petrel.server.releases.Releases;
import dev.petrel.server.rollouts.ChannelRoutes;
import dev.petrel.server.rollouts.Channels;
import dev.petrel.server.rollouts.ExperimentRoutes;
import dev.petrel.server.rollouts.Experiments;
import dev.petrel.server.rollouts.Gates;
import dev.petrel.server.rollouts.HealthCounts;
import dev.petrel.server.rollouts.HealthMonitor;
import dev.petrel.server.rollouts.RampAdvancer;
import dev.petrel.server.rollouts.RolloutJobs;
import dev.petrel.server.rollouts.RolloutRoutes;
import dev.petrel.server.rollouts.Rollouts;
import dev.petrel.server.seed.SeedRoutes;
import dev.petrel.server.system.LogFormat;
import dev.petrel.server.system.StartPriority;
import dev.petrel.server.system.SystemRoutes;
import dev.petrel.server.telemetry.CheckRecorder;
import dev.petrel.server.telemetry.CheckSink;
import dev.petrel.server.telemetry.ClientEventWriter;
import dev.petrel.server.telemetry.EventIngest;
import dev.petrel.server.telemetry.EventRoutes;
import dev.petrel.server.telemetry.ReleaseHealthCounts;
import dev.petrel.server.telemetry.TelemetryPruner;
import dev.petrel.server.updates.Catalogue;
import dev.petrel.server.updates.CatalogueListener;
import dev.petrel.server.updates.ChangelogRoutes;
import dev.petrel.server.updates.CheckEndpoint;
import dev.petrel.server.updates.CheckFastPath;
import dev.petrel.server.updates.CheckRehearsal;
import dev.petrel.server.updates.CheckService;
import dev.petrel.server.web.ErrorHandlers;
import dev.petrel.server.web.HttpListener;
import dev.petrel.server.web.RequestMetrics;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one wiring class: builds every service with {@code new}, registers every route, starts the
 * HTTP server, and shuts all of it down in order. Nothing else creates services.
 */
public final class PetrelServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PetrelServer.class);

  /** Largest JSON body accepted by the API; artifact uploads stream and have their own limit. */
  static final long MAX_JSON_BODY = 1024 * 1024;

  /** How often the webhook worker looks for due deliveries. */
  static final Duration WEBHOOK_INTERVAL = Duration.ofSeconds(2);

  static final Duration DELTA_INTERVAL = Duration.ofSeconds(2);

  /**
   * The longest each of the two stages of a start's check rehearsal takes ({@link
   * CheckRehearsal#runInTwoStages}); how many checks it sends is {@link
   * ServerConfig#checkRehearsal()} (docs/BENCHMARKS.md, "The check rehearsal").
   */
  static final Duration REHEARSAL_TIME = Duration.ofSeconds(10);

  /**
   * How long after its port opens a node's threads stay at {@link StartPriority#START}: its first
   * traffic still compiles what the check rehearsal did not reach (the network connector, client
   * events, the writers), and on a machine it shares with busy neighbours that warm-up runs with
   * the CPU they leave (docs/operations.md, "A node started again under load").
   */
  public static final Duration SETTLE = Duration.ofSeconds(60);

  private final ServerConfig config;
  private final Database database;
  private final Catalogue catalogue;
  private final CatalogueListener catalogueListener;
  private final TelemetryPruner pruner;
  private final CheckRecorder recorder;
  private final ClientEventWriter eventWriter;
  private final RolloutJobs rolloutJobs;
  private final WebhookWorker webhookWorker;
  private final DeltaWorker deltaWorker;
  private final ArtifactBackend artifactBackend;
  private final HttpListener listener;
  private final CheckRehearsal.Outcome rehearsal;
  private final Javalin app;
  private final Thread settler;

  private PetrelServer(ServerConfig config, Clock clock, PrintStream console, Duration settle)
      throws IOException {
    LogFormat.check(System.getenv(LogFormat.VARIABLE));
    this.config = config;
    Files.createDirectories(config.dataDir());
    OptionalInt startNice = StartPriority.niceOfThisThread();
    long started = System.nanoTime();
    this.database = Database.open(config.databaseUrl());
    long databaseOpen = System.nanoTime();
    try {
      ObjectMapper mapper = dev.petrel.server.web.Json.newMapper();
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(metrics);
      new JvmThreadMetrics().bindTo(metrics);
      RequestMetrics requestMetrics = new RequestMetrics(metrics);

      AuditLog audit = new AuditLog(clock);
      Tokens tokens = new Tokens(database.jdbi(), clock);
      announce(tokens.bootstrap(config.adminToken(), audit), console);
      AdminSessions sessions = new AdminSessions(database.jdbi(), audit, clock);
      Authenticator auth = new Authenticator(tokens, sessions);

      this.catalogue = new Catalogue(database.jdbi());
      long catalogueStart = System.nanoTime();
      catalogue.reload();
      long catalogueLoaded = System.nanoTime();
      catalogue.startPolling(config.cataloguePollMillis());
      // On PostgreSQL other nodes' changes arrive by NOTIFY at once; the poll is the fallback.
      this.catalogueListener =
          database.dialect() == Dialect.POSTGRESQL
              ? CatalogueListener.start(config.databaseUrl(), catalogue)
              : null;
      this.recorder =
          new CheckRecorder(
              database.jdbi(), config.telemetry().queue(), 1000, CheckRecorder.LINGER);
      recorder.bindTo(metrics);
      this.eventWriter = new ClientEventWriter(database.jdbi(), config.telemetry().queue(), 1000);
      eventWriter.bindTo(metrics);
      this.pruner = new TelemetryPruner(database.jdbi(), clock, config.telemetry().retention());
      pruner.start();

      this.artifactBackend = ArtifactBackend.open(config);
      ArtifactStore store = artifactBackend.store();
      // A hosted IPA is handed out as an itms-services link to its install manifest.
      DownloadLinks links = new DownloadLinks(this::publicUrl, List.of(new ItmsLinks()));
      Apps apps = new Apps(database.jdbi(), audit, clock, catalogue::reload);
      ReleaseKeys releaseKeys = new ReleaseKeys(database.jdbi(), audit, clock);
      // Install outcomes for the automatic halt come from the client events telemetry stores.
      ReleaseHealthCounts healthCounts =
          new ReleaseHealthCounts(database.jdbi(), clock, config.telemetry().retention());
      HealthCounts installOutcomes =
          new HealthCounts() {
            @Override
            public Counts counts(long release, Instant since) {
              ReleaseHealthCounts.Counts counts = healthCounts.counts(release, since);
              return new Counts(counts.attempted(), counts.failed());
            }

            @Override
            public Counts sessions(long release, Instant since) {
              ReleaseHealthCounts.Counts counts = healthCounts.sessions(release, since);
              return new Counts(counts.attempted(), counts.failed());
            }
          };
      DeltaPlanner deltaPlanner = new DeltaPlanner(config.deltas(), clock);
      Path deltaWork = config.dataDir().resolve("delta-work");
      this.deltaWorker =
          new DeltaWorker(
              database.jdbi(), store, config.deltas(), deltaWork, clock, catalogue::reload);
      if (config.deltas().enabled()) {
        deltaWorker.start(DELTA_INTERVAL);
      }
      Deltas deltas =
          new Deltas(database.jdbi(), store, audit, clock, catalogue::reload, deltaWork);
      Rollouts rollouts =
          new Rollouts(database.jdbi(), audit, clock, catalogue::reload, installOutcomes);
      Releases releases =
          new Releases(
              database.jdbi(),
              store,
              audit,
              clock,
              catalogue::reload,
              (handle, release, request, actor) -> {
                rollouts.published(handle, release, request.ramp(), actor);
                deltaPlanner.published(handle, release);
              },
              List.of(
                  new ApkPublishCheck(store, audit),
                  new IosPublishCheck(store, config::publicUrl)));
      Channels channels = new Channels(database.jdbi(), audit, clock, catalogue::reload);
      Experiments experiments = new Experiments(database.jdbi(), audit, clock, catalogue::reload);
      // Alerts are queued in the transaction of what they tell, then sent by the webhook worker.
      Alerts alerts = new Alerts(mapper, clock);
      this.rolloutJobs =
          new RolloutJobs(
              new HealthMonitor(database.jdbi(), audit, clock, catalogue::reload, alerts),
              installOutcomes,
              new RampAdvancer(database.jdbi(), audit, clock, catalogue::reload, alerts));
      rolloutJobs.start();
      this.webhookWorker = new WebhookWorker(database.jdbi(), alerts, clock);
      webhookWorker.start(WEBHOOK_INTERVAL);
      Webhooks webhooks = new Webhooks(database.jdbi(), audit, clock, alerts);
      Recalls recalls = new Recalls(database.jdbi(), audit, clock, catalogue::reload, alerts);
      CheckService checks = new CheckService(catalogue, recorder, clock, metrics);
      CheckService rehearsalChecks =
          new CheckService(catalogue, CheckSink.DISCARD, clock, new SimpleMeterRegistry());
      Artifacts artifacts = new Artifacts(database.jdbi(), store, audit, config.maxUploadBytes());

      AppRoutes appRoutes = new AppRoutes(apps, releaseKeys, auth, mapper);
      ReleaseKeyRoutes releaseKeyRoutes = new ReleaseKeyRoutes(releaseKeys, auth, mapper);
      ReleaseRoutes releaseRoutes = new ReleaseRoutes(releases, auth, links, mapper);
      ManifestRoutes manifestRoutes = new ManifestRoutes(releases, database.jdbi(), links);
      RecallRoutes recallRoutes = new RecallRoutes(recalls, auth, links, mapper);
      CheckEndpoint checkEndpoint = new CheckEndpoint(checks, links, mapper);
      // The rehearsal runs before the listener has a port, so its download links get a stand-in.
      CheckEndpoint rehearsalEndpoint =
          new CheckEndpoint(
              rehearsalChecks,
              new DownloadLinks(() -> CheckRehearsal.PUBLIC_URL, List.of(new ItmsLinks())),
              mapper);
      ChangelogRoutes changelogRoutes = new ChangelogRoutes(catalogue, clock);
      SeedRoutes seedRoutes = new SeedRoutes(catalogue, releases, auth, links, mapper, clock);
      TokenRoutes tokenRoutes = new TokenRoutes(tokens, auth, audit, mapper);
      UploadRoutes uploadRoutes = new UploadRoutes(artifacts, apps, auth, links);
      DownloadRoutes downloadRoutes = new DownloadRoutes(store, artifactBackend.redirects());
      RolloutRoutes rolloutRoutes =
          new RolloutRoutes(rollouts, new Gates(database.jdbi(), audit, clock), auth, mapper);
      ChannelRoutes channelRoutes = new ChannelRoutes(channels, auth, mapper);
      ExperimentRoutes experimentRoutes = new ExperimentRoutes(experiments, auth, mapper);
      SystemRoutes systemRoutes =
          new SystemRoutes(database.jdbi(), catalogue, metrics, clock, version());
      EventRoutes eventRoutes =
          new EventRoutes(new EventIngest(catalogue, eventWriter, clock), mapper, metrics);
      FigureRoutes figureRoutes =
          new FigureRoutes(new Figures(database.jdbi(), clock), releases, apps, experiments, auth);
      ApiDocsRoutes apiDocsRoutes = ApiDocsRoutes.load();
      SessionRoutes sessionRoutes =
          new SessionRoutes(
              sessions,
              auth,
              config.publicUrl() != null && config.publicUrl().startsWith("https://"));
      AuditRoutes auditRoutes = new AuditRoutes(database.jdbi(), auth);
      WebhookRoutes webhookRoutes = new WebhookRoutes(webhooks, apps, auth, mapper);
      DeltaRoutes deltaRoutes = new DeltaRoutes(deltas, auth, links, mapper);
      AdminRoutes adminRoutes = AdminRoutes.load();
      long servicesBuilt = System.nanoTime();

      this.listener = new HttpListener(config.host(), config.port());
      AtomicReference<ThreadPool> requestThreads = new AtomicReference<>();

      this.app =
          Javalin.create(
              javalin -> {
                javalin.startup.showJavalinBanner = false;
                javalin.startup.showOldJavalinVersionWarning = false;
                javalin.jetty.addConnector(listener::attach);
                javalin.http.maxRequestSize = MAX_JSON_BODY;
                javalin.http.compressionStrategy = CompressionStrategy.NONE;
                javalin.jsonMapper(new JavalinJackson(mapper, false));
                // The check path bypasses Javalin; Javalin nests itself inside this wrapper.
                javalin.jetty.modifyServer(
                    server -> {
                      requestThreads.set(server.getThreadPool());
                      threadsPriority(server.getThreadPool(), StartPriority.START);
                      server.setHandler(
                          new CheckFastPath(
                              checkEndpoint,
                              rehearsalEndpoint,
                              (int) MAX_JSON_BODY,
                              requestMetrics));
                    });
                javalin.requestLogger.http(requestMetrics::record);
                ErrorHandlers.register(javalin.routes);
                systemRoutes.register(javalin.routes);
                seedRoutes.register(javalin.routes);
                changelogRoutes.register(javalin.routes);
                appRoutes.register(javalin.routes);
                releaseKeyRoutes.register(javalin.routes);
                releaseRoutes.register(javalin.routes);
                manifestRoutes.register(javalin.routes);
                rolloutRoutes.register(javalin.routes);
                channelRoutes.register(javalin.routes);
                experimentRoutes.register(javalin.routes);
                recallRoutes.register(javalin.routes);
                tokenRoutes.register(javalin.routes);
                uploadRoutes.register(javalin.routes);
                downloadRoutes.register(javalin.routes);
                eventRoutes.register(javalin.routes);
                figureRoutes.register(javalin.routes);
                apiDocsRoutes.register(javalin.routes);
                sessionRoutes.register(javalin.routes);
                auditRoutes.register(javalin.routes);
                webhookRoutes.register(javalin.routes);
                deltaRoutes.register(javalin.routes);
                adminRoutes.register(javalin.routes);
              });
      app.start();
      long httpStarted = System.nanoTime();
      // Built: the rehearsal's second stage runs at the node's own priority; the threads that serve
      // devices stay at the start's until the node has settled.
      Thread.currentThread().setPriority(Thread.NORM_PRIORITY);
      this.rehearsal =
          CheckRehearsal.runInTwoStages(
              listener.lowPriorityLocal(),
              listener.local(),
              catalogue.snapshot(),
              config.checkRehearsal(),
              REHEARSAL_TIME,
              REHEARSAL_TIME);
      long rehearsed = System.nanoTime();
      listener.open();
      this.settler =
          StartPriority.restoreAfter(
              settle,
              () -> threadsPriority(requestThreads.get(), Thread.NORM_PRIORITY),
              raised -> logSettled(settle, startNice, raised));
      // Where a start's time goes, for docs/BENCHMARKS.md "Start to ready" and slow hosts.
      log.info(
          "started in {} ms: database and migrations {} ms, catalogue {} ms, other services {} ms,"
              + " HTTP {} ms, check rehearsal {} ms ({} checks)",
          millis(started, System.nanoTime()),
          millis(started, databaseOpen),
          millis(catalogueStart, catalogueLoaded),
          millis(databaseOpen, servicesBuilt) - millis(catalogueStart, catalogueLoaded),
          millis(servicesBuilt, httpStarted) + millis(rehearsed, System.nanoTime()),
          millis(httpStarted, rehearsed),
          rehearsal.answered());
    } catch (RuntimeException | IOException e) {
      closeQuietly();
      throw e;
    }
  }

  private static void threadsPriority(ThreadPool pool, int priority) {
    if (pool instanceof QueuedThreadPool threads) {
      threads.setThreadsPriority(priority);
    }
  }

  private static void logSettled(Duration settle, OptionalInt startNice, int raised) {
    OptionalInt now = StartPriority.niceOfThisThread();
    if (startNice.isPresent() && now.isPresent() && startNice.getAsInt() != now.getAsInt()) {
      log.info(
          "settled: {} s after the port opened, {} threads went from the start's nice {} to {}",
          settle.toSeconds(),
          raised,
          startNice.getAsInt(),
          now.getAsInt());
    }
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  /**
   * Starts a server and returns once it accepts connections. The calling thread builds it at {@link
   * StartPriority#START} and is back at {@link Thread#NORM_PRIORITY} when this returns or throws.
   *
   * @param console where a generated admin token is printed, once
   * @throws ConfigException, {@link dev.petrel.server.db.DatabaseUnavailableException} or an {@link
   *     IOException} when it cannot start; nothing is left running then
   */
  public static PetrelServer start(ServerConfig config, Clock clock, PrintStream console) {
    return start(config, clock, console, SETTLE);
  }

  /** {@link #start}, the node's threads raised {@code settle} after its port opens. */
  static PetrelServer start(
      ServerConfig config, Clock clock, PrintStream console, Duration settle) {
    StartPriority.lower();
    boolean started = false;
    try {
      PetrelServer server = new PetrelServer(config, clock, console, settle);
      started = true;
      return server;
    } catch (ArtifactStoreUnavailableException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the data directory " + config.dataDir() + ": " + e.getMessage(), e);
    } finally {
      Thread.currentThread().setPriority(Thread.NORM_PRIORITY);
      if (!started) {
        StartPriority.restore();
      }
    }
  }

  private static void announce(Optional<String> generatedToken, PrintStream console) {
    generatedToken.ifPresent(
        token -> {
          console.println(
              "Petrel generated an admin token. It is shown only this once; store it safely:");
          console.println();
          console.println("    " + token);
          console.println();
          console.println("Use it as 'Authorization: Bearer <token>'. Only its hash is stored.");
        });
  }

  /** The port the server listens on (the real one when configured with port 0). */
  public int port() {
    return listener.port();
  }

  /** The base of download URLs: the configured public URL, or {@code http://host:port}. */
  public String publicUrl() {
    if (config.publicUrl() != null) {
      return config.publicUrl();
    }
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  /** An HTTP route the server answers: a method and a path with {@code {param}} placeholders. */
  public record Route(String method, String path) {}

  /**
   * Every HTTP route served, e.g. {@code GET /api/system/health}: the check paths served in front
   * of Javalin and the routes registered in it (before/after filters left out). Tests compare these
   * with the published API description ({@code openapi.yaml}).
   */
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    CheckEndpoint.PATHS.forEach(path -> routes.add(new Route("POST", path)));
    // Javalin 7 lists its endpoints only through its "unsafe" internal state.
    app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .forEach(endpoint -> routes.add(new Route(endpoint.method.name(), endpoint.path)));
    return List.copyOf(routes);
  }

  /** What the start's check rehearsal did before the server listened. */
  public CheckRehearsal.Outcome checkRehearsal() {
    return rehearsal;
  }

  /**
   * The background rollout jobs (health monitor, ramp advancer), for tests that run them on a test
   * clock instead of waiting for their interval.
   */
  public RolloutJobs rolloutJobs() {
    return rolloutJobs;
  }

  /** The telemetry pruner, for tests that prune on a test clock instead of waiting. */
  public TelemetryPruner telemetryPruner() {
    return pruner;
  }

  /** The webhook worker, for tests that send deliveries on a test clock instead of waiting. */
  public WebhookWorker webhookWorker() {
    return webhookWorker;
  }

  /** The patch worker, for tests that make patches now instead of waiting for it. */
  public DeltaWorker deltaWorker() {
    return deltaWorker;
  }

  /** The server's own version, from its build. */
  public static String version() {
    Properties properties = new Properties();
    try (var in = PetrelServer.class.getResourceAsStream("/petrel-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  /** Stops taking requests, writes the queued telemetry, and closes the database. Idempotent. */
  @Override
  public void close() {
    closeQuietly();
  }

  private synchronized void closeQuietly() {
    if (settler != null && settler.isAlive()) {
      // Not settled yet: threads the start made may outlive the node (Javalin's among them).
      settler.interrupt();
      StartPriority.restore();
    }
    if (app != null) {
      app.stop();
    }
    if (rolloutJobs != null) {
      rolloutJobs.close();
    }
    if (deltaWorker != null) {
      deltaWorker.close();
    }
    if (webhookWorker != null) {
      webhookWorker.close();
    }
    if (pruner != null) {
      pruner.close();
    }
    if (recorder != null) {
      recorder.close();
    }
    if (eventWriter != null) {
      eventWriter.close();
    }
    if (catalogueListener != null) {
      catalogueListener.close();
    }
    if (catalogue != null) {
      catalogue.close();
    }
    if (artifactBackend != null) {
      artifactBackend.close();
    }
    database.close();
  }
}
