package dev.petrel.server.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.ErrorHandlers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/v1/apps/{app}/events}: the unauthenticated endpoint where update clients report
 * what happened (devices hold no token). Everything about it is bounded: the body ({@value
 * #MAX_BODY_BYTES} bytes, refused on its declared length before reading and again while reading a
 * chunked body), the events per request, every field, and the events per client and second. It
 * answers {@code 202} only once the transaction holding the request's events has committed (the
 * writer commits what has queued up from many requests at once, so this costs a wait of a few
 * milliseconds, not throughput): a {@code 202} means durable. When the events are not committed
 * within {@value #COMMIT_WAIT_SECONDS} s (the database is down), it answers {@code 503} and the
 * client keeps them; they may still be written, and the resend is then stored once.
 */
public final class EventRoutes {
  /** The largest body accepted: 64 KiB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** How long a request waits for its events to commit before answering 503. */
  static final long COMMIT_WAIT_SECONDS = 10;

  /** Seconds a client is asked to wait when its events did not commit in time. */
  static final long NOT_COMMITTED_RETRY_SECONDS = 5;

  private final EventIngest ingest;
  private final JsonFactory json;
  private final Counter rejected;
  private final Counter rateLimited;

  public EventRoutes(EventIngest ingest, ObjectMapper mapper, MeterRegistry metrics) {
    this.ingest = ingest;
    this.json = mapper.getFactory();
    this.rejected =
        Counter.builder("petrel.client_events.rejected_requests")
            .description("event requests refused as invalid (400, 404, 413)")
            .register(metrics);
    this.rateLimited =
        Counter.builder("petrel.client_events.rate_limited_requests")
            .description("event requests refused by the per-client rate bound (429)")
            .register(metrics);
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/apps/{app}/events", this::report);
  }

  private void report(Context ctx) {
    EventIngest.Outcome outcome;
    try {
      AppId app = AppId.parse("app", ctx.pathParam("app"));
      List<ReportedEvent> events = EventBatchReader.read(json, body(ctx));
      outcome = ingest.accept(app, events, ctx.ip());
    } catch (RuntimeException e) {
      rejected.increment();
      throw e;
    }
    if (outcome instanceof EventIngest.Accepted accepted) {
      answerWhenCommitted(ctx, accepted);
    } else if (outcome instanceof EventIngest.RateLimited limited) {
      rateLimited.increment();
      retryLater(
          ctx,
          429,
          "events.rate_limited",
          "too many events from this client",
          limited.retryAfterSeconds());
    } else if (outcome instanceof EventIngest.QueueFull full) {
      retryLater(
          ctx,
          503,
          "events.busy",
          "the server is busy writing events; keep them",
          full.retryAfterSeconds());
    }
  }

  private static void answerWhenCommitted(Context ctx, EventIngest.Accepted accepted) {
    ctx.future(
        () ->
            accepted
                .committed()
                .orTimeout(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS)
                .handle(
                    (done, failure) -> {
                      if (failure == null) {
                        ctx.status(202).json(Map.of("ok", true, "accepted", accepted.count()));
                      } else {
                        retryLater(
                            ctx,
                            503,
                            "events.not_stored",
                            "the events could not be stored yet; keep them",
                            NOT_COMMITTED_RETRY_SECONDS);
                      }
                      return null;
                    }));
  }

  private static void retryLater(
      Context ctx, int status, String code, String message, long seconds) {
    ctx.header("Retry-After", Long.toString(seconds));
    ErrorHandlers.answer(ctx, status, code, message + " and retry after " + seconds + " s");
  }

  /** The body, at most {@link #MAX_BODY_BYTES}; 413 on a larger declared or actual length. */
  private static byte[] body(Context ctx) {
    if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
    byte[] buffer = new byte[8192];
    try (InputStream in = ctx.req().getInputStream()) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        if (body.size() + n > MAX_BODY_BYTES) {
          throw tooLarge();
        }
        body.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw ApiException.badRequest(
          "request.malformed_json", "the body could not be read to its end");
    }
    return body.toByteArray();
  }

  private static ApiException tooLarge() {
    return new ApiException(
        413,
        "request.too_large",
        "an events request may carry at most " + MAX_BODY_BYTES + " bytes; send fewer events");
  }
}
