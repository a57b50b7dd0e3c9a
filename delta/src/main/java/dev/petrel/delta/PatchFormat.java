package dev.petrel.delta;

/** The two kinds of patch, with the names the check answer and the API use for them. */
public enum PatchFormat {
  /** A bsdiff-class diff of the files' bytes as they are. */
  BINARY("petrel-bsdiff-1", 1),
  /**
   * A diff of the archives' delta-friendly forms (deflated entries inflated) plus the plan that
   * re-deflates the new archive byte for byte.
   */
  ZIP("petrel-zip-1", 2);

  private final String wireName;
  private final int code;

  PatchFormat(String wireName, int code) {
    this.wireName = wireName;
    this.code = code;
  }

  /** The name in JSON answers, e.g. {@code petrel-zip-1}. */
  public String wireName() {
    return wireName;
  }

  /** The format byte in the patch header. */
  int code() {
    return code;
  }

  /** The format with this header byte, or null. */
  static PatchFormat ofCode(int code) {
    for (PatchFormat format : values()) {
      if (format.code == code) {
        return format;
      }
    }
    return null;
  }

  /**
   * The format with this wire name.
   *
   * @throws IllegalArgumentException when no format has it
   */
  public static PatchFormat ofWireName(String name) {
    for (PatchFormat format : values()) {
      if (format.wireName.equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown patch format: " + name);
  }
}
