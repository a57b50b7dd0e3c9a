package dev.petrel.server.rehearsal;

import dev.petrel.server.updates.Catalogue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.LocalConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the requests every device makes, checks and client events, through the server's own HTTP
 * stack in-process before it listens on the network, so that a node started again under load has
 * those paths compiled before a load balancer sends it the first device. Without it, a cold JVM
 * answers its share of checks in the interpreter while its compilers catch up, and those checks
 * wait seconds (docs/BENCHMARKS.md, "The restart"); and the compiles of the events' path after the
 * port opens take CPU the whole machine needs (docs/BENCHMARKS.md, "Compiling after the port
 * opens").
 *
 * <p>The requests are built from the catalogue ({@link RehearsalRequests}) and sent over one
 * keep-alive connection of a {@link LocalConnector}: one batch of two events after every {@value
 * #CHECKS_PER_EVENT_BATCH} checks. The check path answers in-process checks with an endpoint that
 * records nothing, and the events' route hands in-process events to a sink that drops them ({@link
 * dev.petrel.server.web.InProcessRequest}), so no telemetry row, figure or meter ever shows them.
 * The database writers are not rehearsed. With no release in the catalogue there is nothing worth
 * compiling, and nothing is sent.
 *
 * <p>A start rehearses in two stages ({@link #runInTwoStages}). First on a thread of its own at
 * {@link Thread#MIN_PRIORITY}, through a connector whose threads are at that priority too: where
 * the launcher maps that priority to a higher nice value (it does on Linux, docs/operations.md), a
 * node started again on a busy machine rehearses with the CPU its neighbours leave over instead of
 * taking an equal share from them. On a machine so busy that this leaves the rehearsal cut short,
 * what is left of it runs at the node's own priority: a node that opens with its check path still
 * cold holds its share of the checks up for longer than its rehearsal would have taken.
 */
public final class StartRehearsal {
  private static final Logger log = LoggerFactory.getLogger(StartRehearsal.class);

  /**
   * The base of the download links in the rehearsal's answers, which nobody reads: it runs before
   * the server has a port, so its own URL may not be known yet.
   */
  public static final String PUBLIC_URL = "http://rehearsal.invalid";

  /** Checks sent at once on the connection (with their event batches). */
  static final int PIPELINE = 64;

  /** Checks sent for each batch of events, about the share of a fleet's traffic. */
  static final int CHECKS_PER_EVENT_BATCH = 8;

  private static final long ANSWER_TIMEOUT_SECONDS = 5;

  /**
   * What a rehearsal did.
   *
   * @param sent checks sent
   * @param answered checks answered {@code 200}
   * @param eventBatches batches of client events answered {@code 202}
   * @param took how long it took
   * @param cutShort whether it stopped with checks left to send because its time ran out or an
   *     answer did not come or could not be read; false when it sent them all, had none to send, or
   *     every check it could build was refused
   */
  public record Outcome(int sent, int answered, int eventBatches, Duration took, boolean cutShort) {
    static final Outcome NONE = new Outcome(0, 0, 0, Duration.ZERO, false);

    private Outcome then(Outcome next) {
      return new Outcome(
          sent + next.sent,
          answered + next.answered,
          eventBatches + next.eventBatches,
          took.plus(next.took),
          next.cutShort);
    }
  }

  private StartRehearsal() {}

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
   * Sends up to {@code maxChecks} checks, with a batch of events after every {@value
   * #CHECKS_PER_EVENT_BATCH}, stopping early once {@code maxTime} has passed. A request built from
   * the catalogue that is not answered as expected (a release on a channel its app no longer has,
   * say) is not sent again; when no check is left, the rehearsal stops with a warning.
   *
   * <p>Checks go {@value #PIPELINE} at a time, pipelined on the connection: on a machine whose
   * cores are busy, each hand-over between threads waits for a core, and one request at a time
   * would spend the rehearsal waiting instead of running the check path.
   *
   * @param connector an in-process connector of the started server
   * @param snapshot the catalogue the requests are built from
   * @param maxChecks the most checks sent; 0 sends none
   * @param maxTime the longest the rehearsal may take
   */
  static Outcome run(
      LocalConnector connector, Catalogue.Snapshot snapshot, int maxChecks, Duration maxTime) {
    RehearsalRequests requests = RehearsalRequests.from(snapshot, Instant.now());
    long started = System.nanoTime();
    if (!requests.hasChecks() || maxChecks <= 0) {
      return Outcome.NONE;
    }
    long deadline = started + maxTime.toNanos();
    int sent = 0;
    int answered = 0;
    int eventBatches = 0;
    boolean failed = false;
    LocalConnector.LocalEndPoint endpoint = connector.connect();
    try {
      PipelinedAnswers answers = new PipelinedAnswers(endpoint);
      while (sent < maxChecks && System.nanoTime() < deadline && requests.hasChecks()) {
        int batch = Math.min(PIPELINE, maxChecks - sent);
        List<RehearsalRequests.Template> sending = new ArrayList<>(batch + batch / 4);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch * 512);
        for (int n = sent; n < sent + batch; n++) {
          add(sending, bytes, requests.check(n), n);
          if (n % CHECKS_PER_EVENT_BATCH == CHECKS_PER_EVENT_BATCH - 1) {
            add(sending, bytes, requests.events(n / CHECKS_PER_EVENT_BATCH), n);
          }
        }
        endpoint.addInput(ByteBuffer.wrap(bytes.toByteArray()));
        sent += batch;
        for (RehearsalRequests.Template template : sending) {
          int status = answers.nextStatus(ANSWER_TIMEOUT_SECONDS);
          if (status != template.expected()) {
            log.debug("rehearsal: {} was answered {}", template.path(), status);
            requests.drop(template);
          } else if (template.isCheck()) {
            answered++;
          } else {
            eventBatches++;
          }
        }
      }
      if (!requests.hasChecks()) {
        log.warn("check rehearsal stopped after {} checks: none was answered 200", sent);
      }
    } catch (Exception e) {
      log.warn("check rehearsal stopped after {} checks: {}", sent, e.toString());
      failed = true;
    } finally {
      endpoint.close();
    }
    boolean cutShort = sent < maxChecks && requests.hasChecks() || failed;
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    return new Outcome(sent, answered, eventBatches, took, cutShort);
  }

  /** Adds {@code template}'s request numbered {@code n}, if there is one, to what is sent next. */
  private static void add(
      List<RehearsalRequests.Template> sending,
      ByteArrayOutputStream bytes,
      RehearsalRequests.Template template,
      int n) {
    if (template != null) {
      sending.add(template);
      bytes.writeBytes(template.bytes(n));
    }
  }
}
