package dev.petrel.server.updates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.ErrorBody;
import dev.petrel.server.web.JsonFields;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two check endpoints, {@code POST /api/updates/check} (the seed API, on the default app) and
 * {@code POST /api/v1/apps/{app}/check}, as one function from a path and a body to a status and a
 * JSON answer. It does not depend on the HTTP framework: {@link CheckFastPath} serves it straight
 * from Jetty, because the check is the hot path. Errors are answered exactly as {@link
 * dev.petrel.server.web.ErrorHandlers} answers them elsewhere. Thread-safe.
 */
public final class CheckEndpoint {
  private static final Logger log = LoggerFactory.getLogger(CheckEndpoint.class);

  /** The seed API's check path. */
  public static final String SEED_PATH = "/api/updates/check";

  /** The documented paths this endpoint answers with POST. */
  public static final List<String> PATHS = List.of(SEED_PATH, "/api/v1/apps/{app}/check");

  private static final String V1_PREFIX = "/api/v1/apps/";
  private static final String V1_SUFFIX = "/check";

  private final CheckService checks;
  private final RenderedAnswers answers;
  private final ObjectMapper mapper;

  public CheckEndpoint(CheckService checks, DownloadLinks links, ObjectMapper mapper) {
    this.checks = checks;
    this.answers = new RenderedAnswers(links, mapper);
    this.mapper = mapper;
  }

  /**
   * An HTTP answer.
   *
   * @param status the status code
   * @param json the UTF-8 JSON body
   */
  public record Answer(int status, byte[] json) {}

  /** Whether {@code path} is one of the check paths (a trailing slash is ignored). */
  public static boolean matches(String path) {
    String trimmed = trimSlash(path);
    return SEED_PATH.equals(trimmed) || appSegment(trimmed) != null;
  }

  /** Answers a check sent to {@code path} (one that {@link #matches}) with {@code body}. */
  public Answer answer(String path, byte[] body) {
    String trimmed = trimSlash(path);
    try {
      if (SEED_PATH.equals(trimmed)) {
        CheckQuery query = CheckRequests.parse(AppId.DEFAULT, JsonFields.parse(mapper, body));
        return new Answer(200, answers.render(RenderedAnswers.Format.SEED, checks.check(query)));
      }
      AppId app = AppId.parse("app", appSegment(trimmed));
      CheckQuery query = CheckRequests.parse(app, JsonFields.parse(mapper, body));
      return new Answer(200, answers.render(RenderedAnswers.Format.V1, checks.check(query)));
    } catch (ApiException e) {
      return error(e.status(), e.code(), e.getMessage());
    } catch (InvalidValueException e) {
      return error(400, "request.invalid_field", e.getMessage());
    } catch (RuntimeException e) {
      String reference = UUID.randomUUID().toString();
      log.error("unexpected failure answering POST {} (reference {})", path, reference, e);
      return error(
          500,
          "server.internal",
          "internal error; the server log has details under reference " + reference);
    }
  }

  /** The answer to a body larger than {@code maxBytes}, as the rest of the API gives it. */
  public Answer tooLarge() {
    return error(413, "request.too_large", "the request body is larger than this endpoint accepts");
  }

  /** The answer to a body that could not be read to its end. */
  public Answer unreadable() {
    return error(400, "request.malformed_json", "the body could not be read to its end");
  }

  private Answer error(int status, String code, String message) {
    return json(status, new ErrorBody(code, message));
  }

  private Answer json(int status, Object body) {
    try {
      return new Answer(status, mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + body.getClass().getSimpleName(), e);
    }
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The {@code {app}} of {@code /api/v1/apps/{app}/check}, or null for any other path. */
  private static String appSegment(String path) {
    if (!path.startsWith(V1_PREFIX) || !path.endsWith(V1_SUFFIX)) {
      return null;
    }
    int end = path.length() - V1_SUFFIX.length();
    if (end <= V1_PREFIX.length()) {
      return null;
    }
    String app = path.substring(V1_PREFIX.length(), end);
    return app.indexOf('/') >= 0 ? null : app;
  }
}
