package dev.petrel.server.updates;

import dev.petrel.server.releases.Release;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.LocalConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends checks through the server's own HTTP stack in-process before it listens on the network, so
 * that a node started again under load has its check path compiled before a load balancer sends it
 * the first device. Without it, a cold JVM answers its share of checks in the interpreter while its
 * compilers catch up, and those checks wait seconds (docs/BENCHMARKS.md, "The restart").
 *
 * <p>The checks are built from the catalogue (each app and platform's releases, each as the
 * installed version, on its own channel, with made-up device ids) and sent over one keep-alive
 * connection of a {@link LocalConnector}; {@link CheckFastPath} answers those with an endpoint that
 * records nothing, so no telemetry row, figure or meter ever shows them. With no release in the
 * catalogue there is nothing worth compiling, and nothing is sent.
 *
 * <p>A start rehearses in two stages ({@link #runInTwoStages}). First on a thread of its own at
 * {@link Thread#MIN_PRIORITY}, through a connector whose threads are at that priority too: where
 * the launcher maps that priority to a higher nice value (it does on Linux, docs/operations.md), a
 * node started again on a busy machine rehearses with the CPU its neighbours leave over instead of
 * taking an equal share from them. On a machine so busy that this leaves the rehearsal cut short,
 * what is left of it runs at the node's own priority: a node that opens with its check path still
 * cold holds its share of the checks up for longer than its rehearsal would have taken.
 */
public final class CheckRehearsal {
  private static final Logger log = LoggerFactory.getLogger(CheckRehearsal.class);

  /**
   * The base of the download links in the rehearsal's answers, which nobody reads: it runs before
   * the server has a port, so its own URL may not be known yet.
   */
  public static final String PUBLIC_URL = "http://rehearsal.invalid";

  /** The most distinct requests built from the catalogue; they are sent round robin. */
  static final int MAX_TEMPLATES = 256;

  /** Checks sent at once on the connection. */
  static final int PIPELINE = 64;

  private static final long ANSWER_TIMEOUT_SECONDS = 5;

  /**
   * What a rehearsal did.
   *
   * @param sent checks sent
   * @param answered checks answered {@code 200}
   * @param took how long it took
   * @param cutShort whether it stopped with checks left to send because its time ran out or an
   *     answer did not come or could not be read; false when it sent them all, had none to send, or
   *     every check it could build was refused
   */
  public record Outcome(int sent, int answered, Duration took, boolean cutShort) {
    static final Outcome NONE = new Outcome(0, 0, Duration.ZERO, false);

    private Outcome then(Outcome next) {
      return new Outcome(
          sent + next.sent, answered + next.answered, took.plus(next.took), next.cutShort);
    }
  }

  private CheckRehearsal() {}

  /**
   * Up to {@code maxChecks} checks: first {@link #runAtLowPriority} through {@code lowPriority} for
   * at most {@code lowPriorityTime}; if that is {@linkplain Outcome#cutShort() cut short}, the
   * checks left are sent from the calling thread through {@code ownPriority} for at most {@code
   * ownPriorityTime}. Returns both stages' sums (and whether the second was cut short too); the
   * second stage is skipped when the calling thread is interrupted.
   *
   * @param lowPriority an in-process connector whose threads run at {@link Thread#MIN_PRIORITY}
   * @param ownPriority an in-process connector whose threads run at the caller's priority
   */
  public static Outcome runInTwoStages(
      LocalConnector lowPriority,
      LocalConnector ownPriority,
      Catalogue.Snapshot snapshot,
      int maxChecks,
      Duration lowPriorityTime,
      Duration ownPriorityTime) {
    Outcome quiet = runAtLowPriority(lowPriority, snapshot, maxChecks, lowPriorityTime);
    if (!quiet.cutShort() || Thread.currentThread().isInterrupted()) {
      return quiet;
    }
    Outcome rest = run(ownPriority, snapshot, maxChecks - quiet.sent(), ownPriorityTime);
    log.info(
        "check rehearsal: {} checks in {} ms at the lowest priority, then {} at the node's own",
        quiet.sent(),
        quiet.took().toMillis(),
        rest.sent());
    return quiet.then(rest);
  }

  /**
   * {@link #run} on a new thread at {@link Thread#MIN_PRIORITY}, waiting for it to end. Interrupted
   * while waiting, it interrupts the rehearsal (which then stops), keeps the interrupt and returns
   * what was done by then. The connector should have threads of its own at that priority too, so
   * that none of the server's threads is started from the low-priority one.
   */
  static Outcome runAtLowPriority(
      LocalConnector connector, Catalogue.Snapshot snapshot, int maxChecks, Duration maxTime) {
    AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.NONE);
    Thread rehearsal =
        new Thread(
            () -> outcome.set(run(connector, snapshot, maxChecks, maxTime)),
            "petrel-check-rehearsal");
    rehearsal.setPriority(Thread.MIN_PRIORITY);
    rehearsal.setDaemon(true);
    rehearsal.start();
    try {
      rehearsal.join();
    } catch (InterruptedException e) {
      rehearsal.interrupt();
      Thread.currentThread().interrupt();
    }
    return outcome.get();
  }

  /**
   * Sends up to {@code maxChecks} checks, stopping early once {@code maxTime} has passed. A check
   * built from the catalogue that is not answered {@code 200} (a release on a channel its app no
   * longer has, say) is not sent again; when none is left, the rehearsal stops with a warning.
   *
   * <p>Checks go {@value #PIPELINE} at a time, pipelined on the connection: on a machine whose
   * cores are busy, each hand-over between threads waits for a core, and one request at a time
   * would spend the rehearsal waiting instead of running the check path.
   *
   * @param connector an in-process connector of the started server
   * @param snapshot the catalogue the checks are built from
   * @param maxChecks the most checks sent; 0 sends none
   * @param maxTime the longest the rehearsal may take
   */
  static Outcome run(
      LocalConnector connector, Catalogue.Snapshot snapshot, int maxChecks, Duration maxTime) {
    List<String[]> templates = templates(snapshot);
    long started = System.nanoTime();
    if (templates.isEmpty() || maxChecks <= 0) {
      return Outcome.NONE;
    }
    long deadline = started + maxTime.toNanos();
    int sent = 0;
    int answered = 0;
    boolean failed = false;
    LocalConnector.LocalEndPoint endpoint = connector.connect();
    try {
      AnswerReader reader = new AnswerReader(endpoint);
      while (sent < maxChecks && System.nanoTime() < deadline && !templates.isEmpty()) {
        int batch = Math.min(PIPELINE, maxChecks - sent);
        List<String[]> sending = new ArrayList<>(batch);
        ByteArrayOutputStream requests = new ByteArrayOutputStream(batch * 256);
        for (int i = 0; i < batch; i++) {
          String[] template = templates.get((sent + i) % templates.size());
          sending.add(template);
          requests.writeBytes(request(template, sent + i));
        }
        endpoint.addInput(ByteBuffer.wrap(requests.toByteArray()));
        sent += batch;
        for (String[] template : sending) {
          int status = reader.nextStatus(ANSWER_TIMEOUT_SECONDS);
          if (status == 200) {
            answered++;
          } else {
            log.debug("check rehearsal: {} {} was answered {}", template[0], template[1], status);
            templates.remove(template);
          }
        }
      }
      if (templates.isEmpty()) {
        log.warn("check rehearsal stopped after {} checks: none was answered 200", sent);
      }
    } catch (Exception e) {
      log.warn("check rehearsal stopped after {} checks: {}", sent, e.toString());
      failed = true;
    } finally {
      endpoint.close();
    }
    boolean cutShort = sent < maxChecks && !templates.isEmpty() || failed;
    return new Outcome(sent, answered, Duration.ofNanos(System.nanoTime() - started), cutShort);
  }

  /**
   * One check per release (at most {@link #MAX_TEMPLATES}): its path, then its JSON body with a
   * {@code %d} where the device id's number goes. App names, platforms, versions and channels are
   * validated tokens, so they need no JSON escaping.
   */
  static List<String[]> templates(Catalogue.Snapshot snapshot) {
    List<String[]> templates = new ArrayList<>();
    for (List<Release> releases : snapshot.releases().values()) {
      for (Release release : releases) {
        if (templates.size() == MAX_TEMPLATES) {
          return templates;
        }
        String version = release.version().toString();
        String body =
            "{\"platform\":\""
                + release.platform().name()
                + "\",\"current_version\":\""
                + version
                + "\""
                + (version.contains("+") ? "" : ",\"version_code\":" + release.versionCode())
                + ",\"channel\":\""
                + release.channel().wireName()
                + "\",\"device_id\":\"petrel-rehearsal-%d\"}";
        templates.add(new String[] {"/api/v1/apps/" + release.appId().name() + "/check", body});
      }
    }
    return templates;
  }

  private static byte[] request(String[] template, int n) {
    byte[] body = String.format(template[1], n).getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + template[0]
            + " HTTP/1.1\r\nHost: rehearsal\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  /**
   * Reads the answers to pipelined requests off an in-process connection, one at a time: the status
   * line, the head, and as many body bytes as {@code Content-Length} says (every answer of the
   * check path has one).
   */
  private static final class AnswerReader {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private final LocalConnector.LocalEndPoint endpoint;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    AnswerReader(LocalConnector.LocalEndPoint endpoint) {
      this.endpoint = endpoint;
    }

    /**
     * The status of the next answer.
     *
     * @throws IOException when none arrives within {@code timeoutSeconds} or it cannot be read
     */
    int nextStatus(long timeoutSeconds) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (true) {
        int headEnd = indexOf(HEAD_END);
        if (headEnd >= 0) {
          String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
          long length = contentLength(head);
          if (end - headEnd - 4 >= length) {
            start = headEnd + 4 + (int) length;
            return Integer.parseInt(head.substring(9, 12));
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException("no answer within " + timeoutSeconds + " s");
        }
        append(endpoint.waitForOutput(left, TimeUnit.NANOSECONDS));
      }
    }

    private static long contentLength(String head) throws IOException {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
          return Long.parseLong(line.substring(colon + 1).trim());
        }
      }
      throw new IOException(
          "an answer without Content-Length: " + head.lines().findFirst().orElse(""));
    }

    private int indexOf(byte[] pattern) {
      outer:
      for (int i = start; i <= end - pattern.length; i++) {
        for (int j = 0; j < pattern.length; j++) {
          if (buffer[i + j] != pattern[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    private void append(ByteBuffer output) {
      if (output == null || !output.hasRemaining()) {
        return;
      }
      int n = output.remaining();
      if (end + n > buffer.length) {
        int kept = end - start;
        byte[] grown =
            kept + n > buffer.length ? new byte[Math.max(buffer.length * 2, kept + n)] : buffer;
        System.arraycopy(buffer, start, grown, 0, kept);
        buffer = grown;
        start = 0;
        end = kept;
      }
      output.get(buffer, end, n);
      end += n;
    }
  }
}
