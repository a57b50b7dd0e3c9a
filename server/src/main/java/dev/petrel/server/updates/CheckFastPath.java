package dev.petrel.server.updates;

import dev.petrel.server.web.RequestMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Serves {@code POST} on the check paths straight from Jetty, in front of Javalin, and hands every
 * other request to the handler it wraps (Javalin's) on a thread of the pool.
 *
 * <p>Why: measured on the reference machine, a constant answer through a Javalin route peaks near
 * 54k requests/s while a Jetty core handler reaches about 87k (docs/BENCHMARKS.md); the check is
 * the one path that must come close to a static file server. Everything else stays in Javalin. The
 * body is read without blocking, bounded by {@code maxBodyBytes}; the answer comes from {@link
 * CheckEndpoint}, which does no I/O.
 *
 * <p>This handler declares itself {@link InvocationType#NON_BLOCKING}, so Jetty runs it on the
 * selector thread that read the request instead of handing each request to another thread; that
 * hand-off (a wake-up and a context switch per request) cost about a third of the check's
 * throughput. The contract that comes with it: nothing here may block. Checks never do; every other
 * request is dispatched to the server's thread pool before Javalin sees it, so a slow upload or a
 * database call never holds up a selector ({@code CheckFastPathTest}).
 *
 * <p>Checks are timed here, since Javalin never sees them: two {@code nanoTime} calls and a {@link
 * RequestMetrics.Route} whose timers were registered up front, so measuring allocates nothing.
 *
 * <p>Checks that arrive through a {@link LocalConnector} (in-process, never from the network) are
 * the start's rehearsal ({@link CheckRehearsal}): they take the same code path but are answered by
 * the rehearsal endpoint, whose checks are neither recorded nor counted, and timed on meters of
 * their own that {@code /metrics} does not show.
 */
public final class CheckFastPath extends Handler.Wrapper {
  private static final String JSON = "application/json";

  private final int maxBodyBytes;
  private final Target live;
  private final Target rehearsal;

  /** An endpoint and the timers of its two paths. */
  private record Target(
      CheckEndpoint endpoint, RequestMetrics.Route seedTimers, RequestMetrics.Route v1Timers) {
    Target(CheckEndpoint endpoint, RequestMetrics metrics) {
      this(
          endpoint,
          metrics.route("POST", CheckEndpoint.PATHS.get(0)),
          metrics.route("POST", CheckEndpoint.PATHS.get(1)));
    }
  }

  /**
   * @param endpoint answers the checks of devices
   * @param rehearsal answers the checks that arrive through a {@link LocalConnector}; it must
   *     record nothing (see {@link CheckRehearsal})
   * @param metrics where the devices' checks are timed
   */
  public CheckFastPath(
      CheckEndpoint endpoint, CheckEndpoint rehearsal, int maxBodyBytes, RequestMetrics metrics) {
    this.maxBodyBytes = maxBodyBytes;
    this.live = new Target(endpoint, metrics);
    this.rehearsal = new Target(rehearsal, new RequestMetrics(new SimpleMeterRegistry()));
  }

  /** Non-blocking: checks are answered in place, everything else is dispatched (see above). */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!HttpMethod.POST.is(request.getMethod())) {
      return dispatch(request, response, callback);
    }
    String path = Request.getPathInContext(request);
    if (!CheckEndpoint.matches(path)) {
      return dispatch(request, response, callback);
    }
    long started = System.nanoTime();
    Target target =
        request.getConnectionMetaData().getConnector() instanceof LocalConnector ? rehearsal : live;
    CheckEndpoint endpoint = target.endpoint();
    // matches() admitted only the seed path (with or without a trailing slash) and /api/v1/...
    RequestMetrics.Route timers =
        path.startsWith(CheckEndpoint.SEED_PATH) ? target.seedTimers() : target.v1Timers();
    if (request.getLength() > maxBodyBytes) {
      send(response, callback, endpoint.tooLarge(), timers, started);
      return true;
    }
    // NON_BLOCKING: answering does no I/O beyond this write, so Jetty may run it where it reads.
    Content.Source.asByteArrayAsync(
        request,
        maxBodyBytes,
        Promise.Invocable.from(
            Invocable.InvocationType.NON_BLOCKING,
            (byte[] body, Throwable failure) -> {
              if (failure == null) {
                send(response, callback, endpoint.answer(path, body), timers, started);
              } else if (failure instanceof IllegalStateException) {
                // Jetty 12.1 fails the read with "Max size (N) exceeded" past maxBodyBytes;
                // CheckRejectionTest pins this so an upgrade that changes it fails loudly.
                send(response, callback, endpoint.tooLarge(), timers, started);
              } else {
                send(response, callback, endpoint.unreadable(), timers, started);
              }
            }));
    return true;
  }

  /** Hands a request that is not a check to the wrapped handler on a pool thread. */
  private boolean dispatch(Request request, Response response, Callback callback) {
    getServer().getThreadPool().execute(() -> handleWrapped(request, response, callback));
    return true;
  }

  private void handleWrapped(Request request, Response response, Callback callback) {
    try {
      if (!super.handle(request, response, callback)) {
        Response.writeError(request, response, callback, 404);
      }
    } catch (Throwable failure) {
      Response.writeError(request, response, callback, failure);
    }
  }

  /** Answers, then records the time from the request's arrival to the answer handed to Jetty. */
  private static void send(
      Response response,
      Callback callback,
      CheckEndpoint.Answer answer,
      RequestMetrics.Route timers,
      long started) {
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.json().length);
    response.write(true, ByteBuffer.wrap(answer.json()), callback);
    timers.record(answer.status(), System.nanoTime() - started);
  }
}
