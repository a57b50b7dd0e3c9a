package dev.petrel.protocol;

import java.time.Instant;

/**
 * Collects the components of a {@link ReleaseStatement} by name; {@link #build()} validates them.
 * Not thread-safe; use one builder per statement.
 *
 * <p>Every component must be set except {@code mandatory} (default false) and {@code
 * minSupportedVersion} (default none).
 */
public final class ReleaseStatementBuilder {
  private AppId app;
  private Platform platform;
  private Channel channel;
  private Version version;
  private Long versionCode;
  private Sha256 sha256;
  private Long size;
  private boolean mandatory;
  private Version minSupportedVersion;
  private Instant issuedAt;

  ReleaseStatementBuilder() {}

  public ReleaseStatementBuilder app(AppId app) {
    this.app = app;
    return this;
  }

  public ReleaseStatementBuilder platform(Platform platform) {
    this.platform = platform;
    return this;
  }

  public ReleaseStatementBuilder channel(Channel channel) {
    this.channel = channel;
    return this;
  }

  /** The release's version; it must not carry build metadata (use {@link Version#core()}). */
  public ReleaseStatementBuilder version(Version version) {
    this.version = version;
    return this;
  }

  public ReleaseStatementBuilder versionCode(long versionCode) {
    this.versionCode = versionCode;
    return this;
  }

  public ReleaseStatementBuilder sha256(Sha256 sha256) {
    this.sha256 = sha256;
    return this;
  }

  /** The artifact's length in bytes. */
  public ReleaseStatementBuilder size(long size) {
    this.size = size;
    return this;
  }

  public ReleaseStatementBuilder mandatory(boolean mandatory) {
    this.mandatory = mandatory;
    return this;
  }

  /** The lowest version still supported, or null for none (the default). */
  public ReleaseStatementBuilder minSupportedVersion(Version minSupportedVersion) {
    this.minSupportedVersion = minSupportedVersion;
    return this;
  }

  /** When the statement is issued; sub-second precision is dropped. */
  public ReleaseStatementBuilder issuedAt(Instant issuedAt) {
    this.issuedAt = issuedAt;
    return this;
  }

  /**
   * @throws IllegalStateException naming the first component that was not set
   * @throws InvalidValueException if a component is invalid (see {@link ReleaseStatement})
   */
  public ReleaseStatement build() {
    return new ReleaseStatement(
        required("app", app),
        required("platform", platform),
        required("channel", channel),
        required("version", version),
        required("version_code", versionCode),
        required("sha256", sha256),
        required("size", size),
        mandatory,
        minSupportedVersion,
        required("issued_at", issuedAt));
  }

  private static <T> T required(String name, T value) {
    if (value == null) {
      throw new IllegalStateException("release statement: " + name + " is not set");
    }
    return value;
  }
}
