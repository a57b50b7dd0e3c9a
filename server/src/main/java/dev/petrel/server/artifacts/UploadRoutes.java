package dev.petrel.server.artifacts;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.web.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/v1/apps/{app}/artifacts} and its seed-API twin {@code POST /api/updates/upload}
 * (the default app): the raw request body becomes a stored artifact.
 *
 * <p>The body is streamed from the request into the store, never read whole ({@code ctx.body()}
 * would buffer it, and is capped at the JSON limit). Everything that can refuse the upload without
 * reading it (the token, the app, the declared length) is checked first.
 */
public final class UploadRoutes {
  static final String SHA256_HEADER = "X-Petrel-Sha256";
  static final String SIZE_HEADER = "X-Petrel-Size";

  private final Artifacts artifacts;
  private final Apps apps;
  private final Authenticator auth;
  private final DownloadLinks links;

  public UploadRoutes(Artifacts artifacts, Apps apps, Authenticator auth, DownloadLinks links) {
    this.artifacts = artifacts;
    this.apps = apps;
    this.auth = auth;
    this.links = links;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/apps/{app}/artifacts", ctx -> upload(ctx, null));
    routes.post("/api/updates/upload", ctx -> upload(ctx, AppId.DEFAULT));
  }

  private void upload(Context ctx, AppId fixedApp) throws IOException {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    AppId app = fixedApp != null ? fixedApp : AppId.parse("app", ctx.pathParam("app"));
    apps.get(app);
    refuseForms(ctx.header("Content-Type"));
    Sha256 declaredSha256 = declaredSha256(ctx);
    Long declaredSize = declaredSize(ctx);
    String fileName = ctx.queryParam("file_name");
    if (fileName != null && !FileNames.isValid(fileName)) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "file_name: expected 1-200 characters of A-Z, a-z, 0-9, '.', '_' and '-', found '"
              + cut(fileName)
              + "'");
    }
    ArtifactStore.Stored stored;
    try (InputStream body = new RequestBody(ctx.req().getInputStream())) {
      stored = artifacts.upload(app, body, declaredSha256, declaredSize, actor);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", true);
    answer.put("sha256", stored.sha256().hex());
    answer.put("size", stored.size());
    answer.put("download_url", links.hosted(stored.sha256(), fileName));
    ctx.status(201).json(answer);
  }

  /**
   * A form body is never an artifact: {@code curl -F file=@app.apk} would store the multipart
   * envelope, and {@code curl --data-binary} without a Content-Type sends a form type, which the
   * servlet container may try to parse.
   */
  private static void refuseForms(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
    if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
      throw new ApiException(
          415,
          "artifact.unsupported_media_type",
          "send the artifact's raw bytes as the body with Content-Type: application/octet-stream,"
              + " found Content-Type '"
              + cut(contentType)
              + "'");
    }
  }

  /** From the {@code X-Petrel-Sha256} header or the {@code sha256} query parameter. */
  private static Sha256 declaredSha256(Context ctx) {
    String header = ctx.header(SHA256_HEADER);
    String query = ctx.queryParam("sha256");
    Sha256 fromHeader = header == null ? null : Sha256.parse(SHA256_HEADER, header.strip());
    Sha256 fromQuery = query == null ? null : Sha256.parse("sha256", query.strip());
    if (fromHeader != null && fromQuery != null && !fromHeader.equals(fromQuery)) {
      throw ApiException.badRequest(
          "request.invalid_field",
          SHA256_HEADER + " and the sha256 query parameter disagree: " + header + " vs " + query);
    }
    return fromHeader != null ? fromHeader : fromQuery;
  }

  /**
   * From the {@code X-Petrel-Size} header (for chunked uploads) or {@code Content-Length}. A
   * Content-Length above the limit is refused here, before a byte is read.
   */
  private Long declaredSize(Context ctx) {
    long contentLength = ctx.req().getContentLengthLong();
    if (contentLength > artifacts.maxBytes()) {
      throw new ArtifactRejectedException(
          ArtifactRejectedException.Reason.TOO_LARGE,
          "Content-Length "
              + contentLength
              + " is above the limit of "
              + artifacts.maxBytes()
              + " bytes");
    }
    String header = ctx.header(SIZE_HEADER);
    if (header == null) {
      return contentLength >= 0 ? contentLength : null;
    }
    try {
      long size = Long.parseLong(header.strip());
      if (size >= 0) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "request.invalid_field",
        SIZE_HEADER + ": expected a length in bytes (0 or more), found '" + cut(header) + "'");
  }

  private static String cut(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }

  /**
   * The request body, its read failures marked as the client's ({@link
   * UploadInterruptedException}): Jetty reports a client that disconnects or sends a broken chunked
   * body as an {@code EofException} or a {@code BadMessageException} (unchecked).
   */
  private static final class RequestBody extends FilterInputStream {
    RequestBody(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException | RuntimeException e) {
        throw interrupted(e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (IOException | RuntimeException e) {
        throw interrupted(e);
      }
    }

    private static UploadInterruptedException interrupted(Exception e) {
      return new UploadInterruptedException(
          "the upload's body could not be read to its end: " + e.getMessage(), e);
    }
  }
}
