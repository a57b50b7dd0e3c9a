package dev.petrel.client;

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
 * <p>Failure model: every method either does all it promises or throws {@link UpdateException}
 * leaving the installed app and {@code stateDir} as they were (a partial download whose bytes were
 * proven wrong is the one thing deleted). Event reporting runs in the background and never makes a
 * check, download or install wait or fail.
 *
 * <p>{@link #close()} stops the background reporter; events not yet sent stay in {@code
 * stateDir/outbox} for the next run.
 */
public final class Updater implements AutoCloseable {
  private final Settings settings;

  private Updater(Settings settings) {
    this.settings = settings;
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
   * answers 5xx or malformed JSON, or offers a release that fails verification (including an
   * unsigned one) is skipped for the next.
   *
   * @return the verified offer, or a result without one when the first answering source has none
   * @throws UpdateException when every source failed; its reason is that of the last failure
   */
  public CheckResult check() throws UpdateException {
    throw new UpdateException(UpdateException.Reason.STATE, "not implemented yet");
  }

  /**
   * Downloads {@code offer}'s artifact to {@code stateDir/downloads/<sha256>.part}, resuming a
   * partial file from an earlier attempt, and verifies it. See {@link UpdateListener} for the order
   * of calls.
   *
   * @throws UpdateException with {@code CANCELLED} (the partial file is kept for a resume), {@code
   *     NETWORK}/{@code SERVER} (kept), or {@code VERIFICATION} (the statement does not verify, or
   *     the bytes are wrong: the partial file is deleted)
   */
  public VerifiedUpdate download(Offer offer, UpdateListener listener, Cancellation cancellation)
      throws UpdateException {
    throw new UpdateException(UpdateException.Reason.STATE, "not implemented yet");
  }

  /**
   * Checks the downloaded file once more, then hands it to the {@link Installer}, writes the
   * history and queues the install events.
   *
   * @throws UpdateException {@code STATE} when no installer was configured, {@code VERIFICATION}
   *     when the file changed since it was verified, {@code INSTALL} when the installer failed
   */
  public InstallResult install(VerifiedUpdate update, UpdateListener listener)
      throws UpdateException {
    throw new UpdateException(UpdateException.Reason.STATE, "not implemented yet");
  }

  /**
   * Asks the {@link Installer} to switch back to the previous version (a user's rollback) and
   * records it.
   *
   * @param reason why, for the history and the report; may be null
   */
  public void rollback(String reason) throws UpdateException {
    throw new UpdateException(UpdateException.Reason.STATE, "not implemented yet");
  }

  /** Tells the {@link Installer} that the running version started fine (the health handshake). */
  public void markHealthy() throws UpdateException {
    throw new UpdateException(UpdateException.Reason.STATE, "not implemented yet");
  }

  /** The history, oldest first; empty when nothing happened yet or the file is unreadable. */
  public List<HistoryEntry> history() {
    return List.of();
  }

  /** This installation's device id (given to the builder, or random and kept in stateDir). */
  public String deviceId() {
    return settings.deviceId;
  }

  /** Stops the background event reporter. Idempotent. */
  @Override
  public void close() {}

  /** Validated settings, as the builder collected them. */
  static final class Settings {
    final List<URI> servers;
    final List<URI> feeds;
    final String app;
    final String platform;
    final String channel;
    final String installedVersion;
    final long installedVersionCode;
    final List<String> trustedKeys;
    final Path stateDir;
    final Installer installer;
    final String deviceId;
    final Duration connectTimeout;
    final Duration readTimeout;
    final Duration maxRetryAfter;
    final boolean reportEvents;

    Settings(Builder b) {
      this.servers = List.copyOf(b.servers);
      this.feeds = List.copyOf(b.feeds);
      this.app = b.app;
      this.platform = b.platform;
      this.channel = b.channel;
      this.installedVersion = b.installedVersion;
      this.installedVersionCode = b.installedVersionCode;
      this.trustedKeys = List.copyOf(b.trustedKeys);
      this.stateDir = b.stateDir;
      this.installer = b.installer;
      this.deviceId = b.deviceId;
      this.connectTimeout = b.connectTimeout;
      this.readTimeout = b.readTimeout;
      this.maxRetryAfter = b.maxRetryAfter;
      this.reportEvents = b.reportEvents;
    }
  }

  /**
   * Collects the updater's settings. Not thread-safe; {@link #build()} validates everything and
   * throws {@link IllegalArgumentException} naming the first bad setting.
   */
  public static final class Builder {
    private final List<URI> servers = new ArrayList<>();
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

    private Builder() {}

    /**
     * Adds a Petrel server (its base URL, e.g. {@code https://updates.example.com}); servers are
     * asked in the order added, before any feed.
     */
    public Builder server(URI baseUrl) {
      servers.add(Objects.requireNonNull(baseUrl, "server"));
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
     * This installation's device id (8–64 of {@code [A-Za-z0-9_-]}); by default a random one is
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
      return new Updater(new Settings(this));
    }
  }
}
