package dev.petrel.server.web;

import dev.petrel.protocol.InvalidValueException;
import dev.petrel.server.artifacts.ArtifactRejectedException;
import dev.petrel.server.artifacts.ArtifactStoreUnavailableException;
import dev.petrel.server.artifacts.UploadInterruptedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers. Every error is JSON {@link ErrorBody}; nothing
 * internal (stack traces, SQL, paths) reaches the wire. Unexpected failures are logged with a
 * reference that the answer repeats, so an operator can find them.
 */
public final class ErrorHandlers {
  private static final Logger log = LoggerFactory.getLogger(ErrorHandlers.class);

  private ErrorHandlers() {}

  /** Registers the mappers on {@code routes}. */
  public static void register(RoutesConfig routes) {
    routes.exception(
        ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.code(), e.getMessage()));
    routes.exception(
        InvalidValueException.class,
        (e, ctx) -> answer(ctx, 400, "request.invalid_field", e.getMessage()));
    routes.exception(HttpResponseException.class, ErrorHandlers::answerFramework);
    routes.exception(ArtifactRejectedException.class, ErrorHandlers::answerRejected);
    routes.exception(
        UploadInterruptedException.class,
        (e, ctx) -> {
          log.debug("upload to {} ended early: {}", ctx.path(), e.getMessage());
          answer(ctx, 400, "artifact.incomplete", e.getMessage());
        });
    routes.exception(ArtifactStoreUnavailableException.class, ErrorHandlers::answerStoreFailure);
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          String reference = UUID.randomUUID().toString();
          if (ctx.res().isCommitted()) {
            // Part of a body is on the wire: an error answer cannot follow it. Leaving the
            // response short makes Jetty abort it, which the client sees as a failed download.
            log.error(
                "failure after answering {} {} had begun (reference {})",
                ctx.method(),
                ctx.path(),
                reference,
                e);
            return;
          }
          ctx.res().reset(); // drop the headers of the answer that was being built
          log.error(
              "unexpected failure answering {} {} (reference {})",
              ctx.method(),
              ctx.path(),
              reference,
              e);
          answer(
              ctx,
              500,
              "server.internal",
              "internal error; the server log has details under reference " + reference);
        });
  }

  /**
   * The store's details (bucket, endpoint, its error) go to the log, not to the client; the client
   * learns that trying again later may work.
   */
  private static void answerStoreFailure(ArtifactStoreUnavailableException e, Context ctx) {
    log.warn(
        "the artifact store failed answering {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
    if (ctx.res().isCommitted()) {
      return; // part of a body is on the wire; Jetty aborts the short response
    }
    ctx.res().reset();
    ctx.header("Retry-After", "10");
    answer(
        ctx, 503, "artifacts.unavailable", "the artifact store cannot be reached; try again later");
  }

  private static void answerRejected(ArtifactRejectedException e, Context ctx) {
    switch (e.reason()) {
      case TOO_LARGE -> answer(ctx, 413, "artifact.too_large", e.getMessage());
      case DIGEST_MISMATCH -> answer(ctx, 400, "artifact.digest_mismatch", e.getMessage());
      case SIZE_MISMATCH -> answer(ctx, 400, "artifact.size_mismatch", e.getMessage());
    }
  }

  private static void answerFramework(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    switch (status) {
      case 404 ->
          answer(
              ctx, 404, "route.not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
      case 405 ->
          answer(
              ctx,
              405,
              "route.method_not_allowed",
              ctx.method() + " is not allowed on " + ctx.path());
      case 413 ->
          answer(
              ctx,
              413,
              "request.too_large",
              "the request body is larger than this endpoint accepts");
      default ->
          answer(
              ctx,
              status,
              "http." + status,
              e.getMessage() == null ? "request refused" : e.getMessage());
    }
  }

  /** Writes an error answer; usable from handlers that must answer without throwing. */
  public static void answer(Context ctx, int status, String code, String message) {
    ctx.status(status).json(new ErrorBody(code, message));
  }
}
