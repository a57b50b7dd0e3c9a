package dev.petrel.client;

import dev.petrel.client.internal.ChangelogReader;
import dev.petrel.client.internal.Config;
import dev.petrel.client.internal.CrashHook;
import dev.petrel.client.internal.DeviceIds;
import dev.petrel.client.internal.GitHubRepo;
import dev.petrel.client.internal.Http;
import dev.petrel.client.internal.Reporter;
import dev.petrel.client.internal.SafeListener;
import dev.petrel.client.internal.Validation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The updater: checks the configured sources for a newer release, downloads it resumably, verifies
 * it against pinned release keys (failing closed), installs it through an {@link Installer}, rolls
 * back, keeps a history and reports events. Built by {@link #builder()}. Thread-safe: calls may
 * come from any thread; downloads and installs are serialised per updater.
 *
 * <p>Failure model: every method either does all it promises or throws {@link UpdateException}. A
 * refused update ({@code VERIFICATION}) leaves the installed app and {@code stateDir} as they were,
 * except that a partial download whose bytes were proven wrong is deleted and the outbox gains the
 * failure report. A download stopped by the network or a cancellation keeps its partial file for
 * the resume; an installer's failure is recorded in the history. Event reporting runs in the
 * background and never makes a check, download or install wait or fail.
 *
 * <p>{@link #close()} stops the background reporter; events not yet sent stay in {@code
 * stateDir/outbox} for the next run.
 */
public final class Updater implements AutoCloseable {
  private final Object lock = new Object();
  private final SourceChain sources;
  private final String deviceId;
  private final Reporter reporter;
  private final Operations operations;
  private final ChangelogReader changelogs;

  private Updater(Config config, Installer installer, String deviceId) {
    this.deviceId = deviceId;
    Http http = new Http(config.connectTimeout(), config.readTimeout());
    this.sources = new SourceChain(config, http);
    this.changelogs = new ChangelogReader(http);
    this.reporter = Reporter.forConfig(config, http, deviceId);
    this.operations = new Operations(config, installer, http, reporter);
    reporter.flush();
  }

  /**
   * A builder with every default set; at least one source, app, platform, installed version, one
   * trusted key and a state directory are required.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Asks the sources in order (servers, then feeds) for a release newer than the installed one, and
   * verifies what the first answering source offers. A source that cannot be reached, times out,
   * answers an error status or malformed JSON, or offers a release that fails verification
   * (including an unsigned one) is skipped for the next.
   *
   * @return the verified offer, or a result without one when the first answering source has none
   * @throws UpdateException when every source failed; its reason is that of the last failure and
   *     its message lists every source's failure
   */
  public CheckResult check() throws UpdateException {
    return sources.check(operations.config(), deviceId);
  }

  /**
   * The release notes of every release between the installed one and {@code offer}, newest first,
   * for an update dialog: asks the configured servers in order ({@code GET
   * /api/v1/apps/{app}/changelog}) and keeps the first answer. Never empty: when no server answers
   * (or only feeds are configured), or for a recall's downgrade, it is just {@code offer}'s own
   * notes. The notes are unsigned text for people; nothing is installed from them.
   */
  public List<ChangelogEntry> changelog(Offer offer) {
    Objects.requireNonNull(offer, "offer");
    List<ChangelogEntry> own =
        List.of(
            new ChangelogEntry(
                offer.version(), offer.versionCode(), offer.releaseNotes(), offer.mandatory()));
    if (offer.downgrade()) {
      return own;
    }
    for (URI server : operations.config().servers()) {
      try {
        List<ChangelogEntry> entries =
            changelogs.read(server, operations.config(), deviceId, offer.versionCode());
        if (!entries.isEmpty() && entries.get(0).versionCode() == offer.versionCode()) {
          return entries;
        }
      } catch (IOException e) {
        // Notes are a courtesy: try the next server, then fall back to the offer's own.
      }
    }
    return own;
  }

  /**
   * Verifies {@code offer}'s signed statement, then downloads its artifact to {@code
   * stateDir/downloads/<sha256>.part}, resuming a partial file from an earlier attempt (or an
   * earlier run of the app), and proves its size and SHA-256 against the statement. Broken
   * connections, timeouts, 429/503 (after {@code Retry-After}, capped) and 5xx are retried with
   * resume, up to {@link Builder#downloadAttempts} connections. See {@link UpdateListener} for the
   * order of calls.
   *
   * @throws UpdateException with {@code CANCELLED} (the partial file is kept for a resume), {@code
   *     NETWORK}/{@code SERVER} (kept), or {@code VERIFICATION} (the statement does not verify, or
   *     the bytes are wrong: then the partial file is deleted)
   */
  public VerifiedUpdate download(Offer offer, UpdateListener listener, Cancellation cancellation)
      throws UpdateException {
    Objects.requireNonNull(offer, "offer");
    SafeListener safe = new SafeListener(listener, offer);
    Cancellation cancel = cancellation == null ? Cancellation.none() : cancellation;
    synchronized (lock) {
      return operations.download(offer, safe, cancel);
    }
  }

  /**
   * Checks the downloaded file once more (statement, size, SHA-256), then hands it to the {@link
   * Installer}, writes the history and queues the install events.
   *
   * @throws UpdateException {@code STATE} when no installer was configured, {@code VERIFICATION}
   *     when the statement or the file does not verify, {@code INSTALL} when the installer failed
   */
  public InstallResult install(VerifiedUpdate update, UpdateListener listener)
      throws UpdateException {
    Objects.requireNonNull(update, "update");
    SafeListener safe = new SafeListener(listener, update.offer());
    synchronized (lock) {
      return operations.install(update, safe);
    }
  }

  /**
   * Reports the outcome of an install whose {@link Installer} {@linkplain Installer#finishesLater()
   * finishes later}: {@code install_succeeded} when {@code failure} is null, otherwise {@code
   * install_failed} with {@code failure} as the reason; both are recorded in the history. Android's
   * updater calls it from its install-status receiver, and in the next process when the new version
   * code is found installed. Never waits for the network and never throws.
   *
   * @param version the release that was being installed, e.g. {@code 1.2.0}
   * @param versionCode its version code
   * @param failure why it failed, for people; null when it succeeded
   */
  public void reportInstallOutcome(String version, long versionCode, String failure) {
    Objects.requireNonNull(version, "version");
    synchronized (lock) {
      operations.reportInstallOutcome(version, versionCode, failure);
    }
  }

  /**
   * Asks the {@link Installer} to switch back to the previous version (a user's rollback), records
   * it in the history and reports it.
   *
   * @param reason why, for the history and the report; may be null
   * @throws UpdateException {@code STATE} without an installer, {@code INSTALL} when it failed
   */
  public void rollback(String reason) throws UpdateException {
    synchronized (lock) {
      operations.rollback(reason);
    }
  }

  /**
   * Tells the {@link Installer} that the running version started fine (the health handshake).
   *
   * @throws UpdateException {@code STATE} without an installer, {@code INSTALL} when it failed
   */
  public void markHealthy() throws UpdateException {
    synchronized (lock) {
      operations.requireInstaller("mark the running version healthy").markHealthy();
    }
  }

  /**
   * Reports that the installed version started: one {@code app_started} event, a session in the
   * release's crash-free figures. Call it once per process start when the app is up (for example
   * beside {@link #markHealthy()}). The event is written to the outbox and sent in the background;
   * this never waits for the network and never throws. Does nothing when reporting is off.
   */
  public void reportStarted() {
    reporter.reportInstalled("app_started", operations.config(), null);
  }

  /**
   * Reports this process's crash, if it has one: installs a default uncaught-exception handler
   * that, for the first exception no code caught (in any thread), writes one {@code app_crashed}
   * event to the outbox before the process dies — with the class names of the exception and its
   * causes, never a message or stack trace — and then passes the exception on to the handler
   * installed before (or prints it as the JVM does). The event is sent with the others, at the
   * latest on the next start. The desktop launcher reports a crash outside the JVM's reach (a
   * native crash, a kill) from the exit code instead, and not twice. Calling it again does nothing.
   */
  public void reportCrashes() {
    CrashHook.install(reporter, operations::config);
  }

  /**
   * The history, oldest first; empty when nothing happened yet.
   *
   * @throws UpdateException {@code STATE} when {@code history.json} cannot be read
   */
  public List<HistoryEntry> history() throws UpdateException {
    return operations.history();
  }

  /** This installation's device id (given to the builder, or random and kept in stateDir). */
  public String deviceId() {
    return deviceId;
  }

  /** The version this updater considers installed (changes after an install or rollback). */
  public String installedVersion() {
    return operations.config().installedVersion().toString();
  }

  /** Stops the background event reporter; unsent events stay in the outbox. Idempotent. */
  @Override
  public void close() {
    reporter.close();
  }

  /** The event reporter, for tests that wait for it. */
  Reporter reporter() {
    return reporter;
  }

  /**
   * Collects the updater's settings. Not thread-safe; {@link #build()} validates everything and
   * throws {@link IllegalArgumentException} naming the first bad setting.
   */
  public static final class Builder {
    private final List<URI> servers = new ArrayList<>();
    private final List<GitHubRepo> gitHub = new ArrayList<>();
    private final List<URI> feeds = new ArrayList<>();
    private String app;
    private String platform;
    private String channel = "stable";
    private String installedVersion;
    private long installedVersionCode;
    private final List<String> trustedKeys = new ArrayList<>();
    private Path stateDir;
    private Installer installer;
    private String deviceId;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private boolean reportEvents = true;
    private int downloadAttempts = 5;

    private Builder() {}

    /**
     * Adds a Petrel server (its base URL, e.g. {@code https://updates.example.com}); servers are
     * asked in the order added, before any feed.
     */
    public Builder server(URI baseUrl) {
      servers.add(Objects.requireNonNull(baseUrl, "server"));
      return this;
    }

    /**
     * Adds a GitHub repository ({@code OWNER/REPO}) whose releases {@code petrel publish --github}
     * made, asked after the servers and before the feeds, through the public GitHub API. Its
     * releases' signed feed assets are verified against the pinned keys like any feed.
     *
     * @throws IllegalArgumentException when {@code ownerAndRepo} is not {@code OWNER/REPO}
     */
    public Builder gitHub(String ownerAndRepo) {
      return gitHub(ownerAndRepo, GitHubRepo.GITHUB_API);
    }

    /**
     * Adds a GitHub repository served by the REST API at {@code apiBase} (a GitHub Enterprise
     * server's {@code https://HOST/api/v3}).
     *
     * @throws IllegalArgumentException when {@code ownerAndRepo} is not {@code OWNER/REPO} or the
     *     URL is not http(s)
     */
    public Builder gitHub(String ownerAndRepo, URI apiBase) {
      gitHub.add(GitHubRepo.parse("gitHub", ownerAndRepo, apiBase));
      return this;
    }

    /** Adds a static signed feed (the URL of its JSON document), asked after every server. */
    public Builder feed(URI feedUrl) {
      feeds.add(Objects.requireNonNull(feedUrl, "feed"));
      return this;
    }

    /** The app id, as registered on the server (required). */
    public Builder app(String app) {
      this.app = app;
      return this;
    }

    /**
     * The platform, e.g. {@code linux}, {@code windows}, {@code macos}, {@code android} (required).
     */
    public Builder platform(String platform) {
      this.platform = platform;
      return this;
    }

    /** The channel: {@code stable} (the default), {@code beta} or {@code alpha}. */
    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    /** The installed version and its version code (required; only higher codes are offered). */
    public Builder installedVersion(String version, long versionCode) {
      this.installedVersion = version;
      this.installedVersionCode = versionCode;
      return this;
    }

    /**
     * Pins a release public key (base64 of the 32 Ed25519 key bytes); repeat during a key rotation.
     * At least one is required: unsigned releases are always refused.
     */
    public Builder trustedKey(String base64) {
      trustedKeys.add(base64);
      return this;
    }

    /**
     * The updater's own directory (downloads, history, outbox, device id); required, created if
     * missing.
     */
    public Builder stateDir(Path stateDir) {
      this.stateDir = stateDir;
      return this;
    }

    /** What installs a verified update; without one, {@link Updater#install} refuses. */
    public Builder installer(Installer installer) {
      this.installer = installer;
      return this;
    }

    /**
     * This installation's device id (1–128 of {@code [A-Za-z0-9._:-]}); by default a random one is
     * made once and kept in {@code stateDir/device_id}.
     */
    public Builder deviceId(String deviceId) {
      this.deviceId = deviceId;
      return this;
    }

    /** How long to wait for a connection; default 10 seconds. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** How long a read may wait for the next bytes; default 30 seconds. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /**
     * The longest {@code Retry-After} (on 429 and 503) honoured before retrying; longer waits fail
     * the attempt instead. Default 60 seconds; zero never waits.
     */
    public Builder maxRetryAfter(Duration cap) {
      this.maxRetryAfter = cap;
      return this;
    }

    /**
     * How many connections one {@link Updater#download} may open, resuming after each broken one;
     * default 5, at least 1.
     */
    public Builder downloadAttempts(int attempts) {
      this.downloadAttempts = attempts;
      return this;
    }

    /** Whether to report download and install events to the servers; default true. */
    public Builder reportEvents(boolean report) {
      this.reportEvents = report;
      return this;
    }

    /**
     * Validates the settings and builds the updater.
     *
     * @throws IllegalArgumentException naming the first missing or bad setting
     */
    public Updater build() {
      Config config =
          Validation.validate(
              new Validation.Raw(
                  servers,
                  gitHub,
                  feeds,
                  app,
                  platform,
                  channel,
                  installedVersion,
                  installedVersionCode,
                  trustedKeys,
                  stateDir,
                  connectTimeout,
                  readTimeout,
                  maxRetryAfter,
                  downloadAttempts,
                  reportEvents));
      String id = DeviceIds.resolve(deviceId, config.stateDir());
      return new Updater(config, installer, id);
    }
  }
}
