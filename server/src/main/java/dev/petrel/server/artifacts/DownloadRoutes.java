package dev.petrel.server.artifacts;

import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.web.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET} and {@code HEAD /downloads/{sha256}[/{name}]}: serves stored artifacts with
 * single-range requests, a strong ETag and {@code If-Range}/{@code If-None-Match}. No token is
 * needed: a digest is unguessable, and devices download without credentials.
 *
 * <p>The body goes to the servlet's own output stream, so neither Javalin (no result stream, so no
 * ETag generation, compression or range handling of its own) nor Jetty sees it as anything but
 * bytes, and memory stays constant whatever the size. From a store that keeps local files it is
 * written from the file mapped into memory, never copied through the heap ({@link MappedFiles});
 * from any other store (S3 with redirects off) it is copied through one fixed buffer. {@code HEAD}
 * answers exactly what {@code GET} would, range included, without the body.
 *
 * <p>With {@link DownloadRedirects} (an S3 store, a CDN), a {@code GET} of a stored artifact is
 * answered {@code 302 Found} to where the bytes are served, which handles {@code Range} itself, so
 * the node carries no bytes. {@code HEAD} and {@code If-None-Match} are still answered here: they
 * carry no bytes either, and a pre-signed URL is signed for {@code GET} only.
 */
public final class DownloadRoutes {
  private static final Logger log = LoggerFactory.getLogger(DownloadRoutes.class);
  private static final int BUFFER = 64 * 1024;

  /** Content-addressed: the bytes behind a URL never change, so anyone may cache them for good. */
  static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

  private final ArtifactStore store;
  private final DownloadRedirects redirects;
  private final MappedFiles mappedFiles = new MappedFiles();

  /** Streams every download through this node. */
  public DownloadRoutes(ArtifactStore store) {
    this(store, null);
  }

  /**
   * @param redirects where a {@code GET} is sent, or null to stream the bytes through this node
   */
  public DownloadRoutes(ArtifactStore store, DownloadRedirects redirects) {
    this.store = store;
    this.redirects = redirects;
  }

  public void register(RoutesConfig routes) {
    routes.get("/downloads/{sha256}", this::download);
    routes.head("/downloads/{sha256}", this::download);
    routes.get("/downloads/{sha256}/{name}", this::download);
    routes.head("/downloads/{sha256}/{name}", this::download);
  }

  private void download(Context ctx) throws IOException {
    String digest = ctx.pathParam("sha256");
    Sha256 sha256 = parse(digest);
    ArtifactStore.Stored stored = store.stat(sha256).orElseThrow(() -> notFound(digest));
    long size = stored.size();
    String etag = "\"" + sha256.hex() + "\"";
    if (anyMatches(ctx.header("If-None-Match"), etag)) {
      describe(ctx, etag, ctx.pathParamMap().get("name"));
      ctx.status(304);
      return;
    }
    if (redirects != null && ctx.method() == HandlerType.GET) {
      ctx.header(
          "Location", redirects.locationOf(sha256, ctx.pathParamMap().get("name")).toString());
      ctx.header("Cache-Control", redirects.cacheControl());
      ctx.status(302);
      return;
    }
    ByteRange range = ByteRange.select(ctx.header("Range"), ctx.header("If-Range"), etag, size);
    if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
      ctx.header("Accept-Ranges", "bytes");
      ctx.header("Content-Range", "bytes */" + size);
      throw new ApiException(
          416,
          "download.range_not_satisfiable",
          "the Range header asks for no byte of this " + size + "-byte artifact");
    }
    try {
      Optional<Path> file = store.localFile(sha256);
      if (file.isPresent()) {
        sendFile(ctx, file.get(), range, etag, size);
      } else {
        sendStream(ctx, sha256, range, etag, size);
      }
    } catch (NoSuchFileException e) {
      throw notFound(digest); // removed between stat and open
    }
  }

  /** From a local file, without copying the bytes through the heap ({@link MappedFiles}). */
  private void sendFile(Context ctx, Path file, ByteRange range, String etag, long size)
      throws IOException {
    List<ByteBuffer> slices = mappedFiles.slices(file, range.start(), range.length());
    OutputStream out = answer(ctx, range, etag, size);
    if (out != null) {
      try {
        MappedFiles.write(slices, out);
      } catch (IOException e) {
        clientWentAway(e);
      }
    }
  }

  /** From the store's stream (an S3 object), through one fixed buffer. */
  private void sendStream(Context ctx, Sha256 sha256, ByteRange range, String etag, long size)
      throws IOException {
    try (InputStream in = store.open(sha256, range.start(), range.length())) {
      OutputStream out = answer(ctx, range, etag, size);
      if (out != null) {
        send(in, out);
      }
    }
  }

  /**
   * Sets status and headers of a {@code 200} or {@code 206}; returns where the body goes, or null
   * for {@code HEAD}.
   */
  private static OutputStream answer(Context ctx, ByteRange range, String etag, long size)
      throws IOException {
    describe(ctx, etag, ctx.pathParamMap().get("name"));
    if (range.kind() == ByteRange.Kind.PARTIAL) {
      ctx.status(206);
      ctx.header("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
    } else {
      ctx.status(200);
    }
    HttpServletResponse response = ctx.res();
    response.setContentLengthLong(range.length());
    return ctx.method() == HandlerType.HEAD ? null : response.getOutputStream();
  }

  /** The headers every answer about an existing artifact carries. */
  private static void describe(Context ctx, String etag, String name) {
    ctx.header("ETag", etag);
    ctx.header("Accept-Ranges", "bytes");
    ctx.header("Cache-Control", CACHE_CONTROL);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(FileNames.contentType(name));
    if (name != null) {
      ctx.header("Content-Disposition", FileNames.contentDisposition(name));
    }
  }

  /**
   * Copies through one buffer. A failed write means the client went away (a download paused or
   * cancelled): routine, not an error. Jetty then aborts the short response.
   */
  private static void send(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER];
    for (int read; (read = in.read(buffer)) != -1; ) {
      try {
        out.write(buffer, 0, read);
      } catch (IOException e) {
        clientWentAway(e);
        return;
      }
    }
  }

  private static void clientWentAway(IOException e) {
    log.debug("download ended by the client: {}", e.toString());
  }

  /** {@code If-None-Match}: {@code *} or a list of ETags, compared weakly (RFC 9110 §13.1.2). */
  static boolean anyMatches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static Sha256 parse(String digest) {
    try {
      return Sha256.parse("sha256", digest);
    } catch (InvalidValueException e) {
      throw notFound(digest);
    }
  }

  private static ApiException notFound(String digest) {
    String shown = digest.length() > 80 ? digest.substring(0, 80) + "…" : digest;
    return ApiException.notFound(
        "artifact.not_found", "no artifact is stored under the SHA-256 '" + shown + "'");
  }
}
