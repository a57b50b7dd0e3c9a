package dev.petrel.cli;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.Flow;

/**
 * Shows how far an upload is: a bar redrawn in place on a terminal, or a plain line at every tenth
 * of the file when the output is a log or a pipe. It counts the bytes a {@link
 * HttpRequest.BodyPublisher} hands to the HTTP client, so it never holds the file itself.
 */
final class UploadProgress {
  private static final int BAR_WIDTH = 30;

  private final PrintWriter out;
  private final long total;
  private final boolean terminal;
  private long sent;
  private int shown = -1;

  UploadProgress(PrintWriter out, long total, boolean terminal) {
    this.out = out;
    this.total = total;
    this.terminal = terminal;
  }

  /** Wraps {@code body} so that every buffer it publishes advances this progress. */
  HttpRequest.BodyPublisher counting(HttpRequest.BodyPublisher body) {
    return new Counting(body);
  }

  /** Records {@code bytes} more sent and redraws when the shown figure changes. */
  synchronized void advance(long bytes) {
    sent += bytes;
    int percent = total == 0 ? 100 : (int) Math.min(100, sent * 100 / total);
    if (terminal) {
      if (percent != shown) {
        shown = percent;
        int filled = percent * BAR_WIDTH / 100;
        out.print(
            "\ruploading ["
                + "#".repeat(filled)
                + " ".repeat(BAR_WIDTH - filled)
                + "] "
                + String.format(Locale.ROOT, "%3d %%", percent)
                + "  "
                + bytes(sent)
                + " of "
                + bytes(total));
        out.flush();
      }
    } else if (percent / 10 > shown / 10 || shown < 0) {
      shown = percent / 10 * 10;
      out.println("uploaded " + shown + " % (" + bytes(sent) + " of " + bytes(total) + ")");
      out.flush();
    }
  }

  /** Ends the bar's line on a terminal once the upload is over, whatever its outcome. */
  synchronized void finish() {
    if (terminal && shown >= 0) {
      out.println();
      out.flush();
    }
  }

  /** A size for people: bytes, KiB, MiB or GiB with one decimal. */
  static String bytes(long count) {
    if (count < 1024) {
      return count + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = count;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private final class Counting implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher body;

    Counting(HttpRequest.BodyPublisher body) {
      this.body = body;
    }

    @Override
    public long contentLength() {
      return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      body.subscribe(
          new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
              subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
              long remaining = buffer.remaining();
              subscriber.onNext(buffer);
              advance(remaining);
            }

            @Override
            public void onError(Throwable failure) {
              subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
              subscriber.onComplete();
            }
          });
    }
  }
}
