package dev.petrel.client.internal;

import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateException.Reason;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a download's status line: where the body starts, or why to retry or give up. */
final class Ranges {
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

  private Ranges() {}

  /**
   * The offset in the artifact where the body starts: 0 for a full answer (200), {@code have} for
   * an acceptable partial one (206).
   *
   * @throws Downloader.Retry for 429, 503, other 5xx, 416 and partial answers that do not fit
   *     (after discarding the part file, so the retry starts over)
   * @throws UpdateException for answers no retry will fix
   */
  static long startOf(
      HttpURLConnection connection, int status, long have, long size, PartFile part, URI url)
      throws Downloader.Retry, UpdateException, IOException {
    if (status == 200) {
      long declared = connection.getContentLengthLong();
      if (declared >= 0 && declared != size) {
        throw new UpdateException(
            Reason.VERIFICATION,
            "refused: "
                + url
                + ": the server's file is "
                + declared
                + " bytes, the signed statement says "
                + size);
      }
      return 0;
    }
    if (status == 206) {
      return partialStart(connection, have, size, part, url);
    }
    if (status == 416) {
      part.discard();
      throw new Downloader.Retry(failure(url, status), Duration.ZERO);
    }
    if (status == 429 || status == 503) {
      Duration wait = Http.retryAfter(connection);
      throw new Downloader.Retry(failure(url, status), wait == null ? Duration.ofSeconds(1) : wait);
    }
    if (status >= 500) {
      throw new Downloader.Retry(failure(url, status), null);
    }
    throw failure(url, status);
  }

  private static long partialStart(
      HttpURLConnection connection, long have, long size, PartFile part, URI url)
      throws Downloader.Retry, UpdateException, IOException {
    String range = connection.getHeaderField("Content-Range");
    Matcher matcher = range == null ? null : CONTENT_RANGE.matcher(range.trim());
    String validator = Validators.of(connection);
    boolean fits =
        have > 0
            && matcher != null
            && matcher.matches()
            && Long.parseLong(matcher.group(1)) == have
            && Long.parseLong(matcher.group(2)) == size - 1
            && (validator == null || validator.equals(part.validator()));
    if (matcher != null
        && matcher.matches()
        && !"*".equals(matcher.group(3))
        && Long.parseLong(matcher.group(3)) != size) {
      throw new UpdateException(
          Reason.VERIFICATION,
          "refused: "
              + url
              + ": the server's file is "
              + matcher.group(3)
              + " bytes, the signed statement says "
              + size);
    }
    if (!fits) {
      part.discard();
      throw new Downloader.Retry(
          new UpdateException(
              Reason.SERVER,
              url + ": a partial answer (" + range + ") that does not continue the download"),
          Duration.ZERO);
    }
    return have;
  }

  private static UpdateException failure(URI url, int status) {
    return new UpdateException(
        Reason.SERVER, url + ": answered HTTP " + status + " to the download");
  }
}
