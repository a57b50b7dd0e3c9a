package dev.petrel.server.telemetry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a client reports about an update. The wire name is the constant's name in lower case ({@code
 * install_failed}).
 *
 * <p>For release health, an install is <em>attempted</em> when it succeeded, failed, was reverted
 * or crashed on its first start, and <em>failed</em> in the last three cases.
 */
public enum ClientEventType {
  DOWNLOAD_STARTED(false, false),
  DOWNLOAD_COMPLETED(false, false),
  DOWNLOAD_FAILED(false, false),
  INSTALL_STARTED(false, false),
  INSTALL_SUCCEEDED(true, false),
  INSTALL_FAILED(true, true),
  REVERTED(true, true),
  CRASHED_ON_START(true, true),
  RECALL_APPLIED(false, false),
  /** The app started on a device (one per process start): a session, for crash-free figures. */
  APP_STARTED(false, false),
  /** The app crashed while running; the reason is a short text such as an exception class. */
  APP_CRASHED(false, false),
  /**
   * The update was made from a patch (downloaded and applied, result verified) instead of the full
   * file; {@code from_version_code} names the release it was applied to.
   */
  DELTA_APPLIED(false, false),
  /**
   * A patch could not be used (missing or altered base, corrupt patch, mismatch, no disk space);
   * the reason says which. The client then downloads the full file.
   */
  DELTA_FAILED(false, false);

  private final boolean attempt;
  private final boolean failure;
  private final String wireName;

  ClientEventType(boolean attempt, boolean failure) {
    this.attempt = attempt;
    this.failure = failure;
    this.wireName = name().toLowerCase(Locale.ROOT);
  }

  /** The name on the wire and in {@code client_events.type}. */
  public String wireName() {
    return wireName;
  }

  /** Whether this event counts as an attempted install for release health. */
  public boolean attempt() {
    return attempt;
  }

  /** Whether this event counts as a failed install for release health. */
  public boolean failure() {
    return failure;
  }

  /** The type named {@code text} on the wire, or null when there is none. */
  public static ClientEventType fromWire(String text) {
    for (ClientEventType type : values()) {
      if (type.wireName.equals(text)) {
        return type;
      }
    }
    return null;
  }

  /** Every wire name, in declaration order, for messages and documentation. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ClientEventType::wireName).toList();
  }
}
