package dev.petrel.server.artifacts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What a file name means for a download: its media type and a safe Content-Disposition. */
public final class FileNames {
  /** The names Petrel accepts from publishers; the same rule as a release's {@code file_name}. */
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private static final Pattern UNSAFE_IN_QUOTES = Pattern.compile("[^A-Za-z0-9._-]");
  private static final int MAX_SHOWN = 200;
  private static final String OCTET_STREAM = "application/octet-stream";

  /**
   * Media types by extension. An {@code .ipa} has no registered type; Apple's over-the-air
   * distribution serves it as {@code application/octet-stream}.
   */
  private static final Map<String, String> TYPES =
      Map.of(
          "apk", "application/vnd.android.package-archive",
          "ipa", OCTET_STREAM,
          "zip", "application/zip",
          "jar", "application/java-archive",
          "exe", "application/vnd.microsoft.portable-executable",
          "dmg", "application/x-apple-diskimage",
          "msi", "application/x-msi",
          "deb", "application/vnd.debian.binary-package",
          "rpm", "application/x-rpm",
          "gz", "application/gzip");

  private FileNames() {}

  /** Whether {@code name} is acceptable as a publisher-chosen file name. */
  /**
   * Whether {@code name} is an acceptable artifact file name: 1-200 of [A-Za-z0-9._-], not starting
   * with '.', '_' or '-'.
   */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** The media type for {@code name} by its extension; {@code application/octet-stream} else. */
  public static String contentType(String name) {
    if (name == null) {
      return OCTET_STREAM;
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return OCTET_STREAM;
    }
    return TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
  }

  /**
   * {@code attachment; filename="…"} with every character outside {@code [A-Za-z0-9._-]} replaced
   * by {@code _}, so that nothing in the name can end the quoted string or the header; when that
   * changed the name, the exact name follows as RFC 8187 {@code filename*=UTF-8''…}.
   */
  public static String contentDisposition(String name) {
    String shown = name.length() > MAX_SHOWN ? name.substring(0, MAX_SHOWN) : name;
    String safe = UNSAFE_IN_QUOTES.matcher(shown).replaceAll("_");
    String header = "attachment; filename=\"" + safe + "\"";
    return safe.equals(shown) ? header : header + "; filename*=UTF-8''" + percentEncode(shown);
  }

  /** RFC 8187 value encoding: attr-chars as they are, every other UTF-8 byte as %XX. */
  private static String percentEncode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return encoded.toString();
  }
}
