package dev.petrel.protocol;

import java.time.Instant;

/**
 * Collects the components of a {@link RecallStatement} by name; {@link #build()} validates them.
 * Not thread-safe; use one builder per statement.
 *
 * <p>Every component must be set except the target (default none: the recall allows no downgrade).
 */
public final class RecallStatementBuilder {
  private AppId app;
  private Platform platform;
  private Version recalledVersion;
  private Long recalledVersionCode;
  private RecallStatement.Target target;
  private String reason;
  private Instant issuedAt;

  RecallStatementBuilder() {}

  public RecallStatementBuilder app(AppId app) {
    this.app = app;
    return this;
  }

  public RecallStatementBuilder platform(Platform platform) {
    this.platform = platform;
    return this;
  }

  /** The recalled release; its version must not carry build metadata. */
  public RecallStatementBuilder recalled(Version version, long versionCode) {
    this.recalledVersion = version;
    this.recalledVersionCode = versionCode;
    return this;
  }

  /** The release devices may downgrade to; its code must be below the recalled one. */
  public RecallStatementBuilder target(Version version, long versionCode) {
    this.target = new RecallStatement.Target(version, versionCode);
    return this;
  }

  /** No downgrade (the default): devices are told of the recall and wait for a fix forward. */
  public RecallStatementBuilder noTarget() {
    this.target = null;
    return this;
  }

  /** Why the release is recalled, for people; see {@link RecallStatement} for the rules. */
  public RecallStatementBuilder reason(String reason) {
    this.reason = reason;
    return this;
  }

  /** When the statement is issued; sub-second precision is dropped. */
  public RecallStatementBuilder issuedAt(Instant issuedAt) {
    this.issuedAt = issuedAt;
    return this;
  }

  /**
   * @throws IllegalStateException naming the first component that was not set
   * @throws InvalidValueException if a component is invalid (see {@link RecallStatement})
   */
  public RecallStatement build() {
    return new RecallStatement(
        required("app", app),
        required("platform", platform),
        required("recalled_version", recalledVersion),
        required("recalled_version_code", recalledVersionCode),
        target,
        required("reason", reason),
        required("issued_at", issuedAt));
  }

  private static <T> T required(String name, T value) {
    if (value == null) {
      throw new IllegalStateException("recall statement: " + name + " is not set");
    }
    return value;
  }
}
