package dev.petrel.server.updates;

import dev.petrel.server.releases.Release;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  private static final long ANSWER_TIMEOUT_SECONDS = 5;

  /**
   * What a rehearsal did.
   *
   * @param sent checks sent
   * @param answered checks answered {@code 200}
   * @param took how long it took
   */
  public record Outcome(int sent, int answered, Duration took) {}

  private CheckRehearsal() {}

  /**
   * Sends up to {@code maxChecks} checks, stopping early once {@code maxTime} has passed or when a
   * check is not answered {@code 200} (logged: the rehearsal then has nothing to teach).
   *
   * @param connector an in-process connector of the started server
   * @param snapshot the catalogue the checks are built from
   * @param maxChecks the most checks sent; 0 sends none
   * @param maxTime the longest the rehearsal may take
   */
  public static Outcome run(
      LocalConnector connector, Catalogue.Snapshot snapshot, int maxChecks, Duration maxTime) {
    List<String[]> templates = templates(snapshot);
    long started = System.nanoTime();
    if (templates.isEmpty() || maxChecks <= 0) {
      return new Outcome(0, 0, Duration.ZERO);
    }
    long deadline = started + maxTime.toNanos();
    int sent = 0;
    int answered = 0;
    LocalConnector.LocalEndPoint endpoint = connector.connect();
    try {
      while (sent < maxChecks && System.nanoTime() < deadline) {
        String[] template = templates.get(sent % templates.size());
        endpoint.addInput(ByteBuffer.wrap(request(template, sent)));
        sent++;
        ByteBuffer answer =
            endpoint.waitForResponse(false, ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        int status = status(answer);
        if (status != 200) {
          log.warn("check rehearsal stopped: a check for {} was answered {}", template[0], status);
          break;
        }
        answered++;
      }
    } catch (Exception e) {
      log.warn("check rehearsal stopped after {} checks: {}", sent, e.toString());
    } finally {
      endpoint.close();
    }
    return new Outcome(sent, answered, Duration.ofNanos(System.nanoTime() - started));
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

  /** The status code of an HTTP/1.1 answer, or -1 when there was none. */
  private static int status(ByteBuffer answer) {
    if (answer == null || answer.remaining() < 12) {
      return -1;
    }
    String line =
        StandardCharsets.US_ASCII
            .decode(answer.duplicate().limit(answer.position() + 12))
            .toString();
    try {
      return Integer.parseInt(line.substring(9, 12));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
