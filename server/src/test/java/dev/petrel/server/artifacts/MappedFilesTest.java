package dev.petrel.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slices of a mapped file sent through a real Javalin and Jetty, as downloads send them, with
 * windows small enough (and not page-aligned) that one slice spans many and the cache of windows
 * overflows: the window size is what the large downloads of {@link LargeArtifactTest} cannot reach
 * (it is 1 GiB).
 */
class MappedFilesTest {
  static final byte[] BYTES = new byte[20 * 4096 + 123];
  static final int WINDOW = 1000;

  @TempDir static Path dir;
  static Path file;
  static MappedFiles served = new MappedFiles(WINDOW, 3);
  static Javalin app;

  @BeforeAll
  static void start() throws IOException {
    new Random(7).nextBytes(BYTES);
    file = Files.write(dir.resolve("artifact.bin"), BYTES);
    app =
        Javalin.create(
                javalin -> {
                  javalin.startup.showJavalinBanner = false;
                  javalin.routes.get("/slice", MappedFilesTest::slice);
                })
            .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  /** {@code ?start=&length=}: that slice of the file, as a download sends it. */
  static void slice(Context ctx) throws IOException {
    long start = Long.parseLong(ctx.queryParam("start"));
    long length = Long.parseLong(ctx.queryParam("length"));
    var slices = served.slices(file, start, length);
    ctx.res().setContentLengthLong(length);
    OutputStream out = ctx.res().getOutputStream();
    ctx.header("X-Output", out instanceof HttpOutput ? "jetty" : out.getClass().getName());
    MappedFiles.write(slices, out);
  }

  static HttpResponse<byte[]> get(long start, long length) throws Exception {
    URI uri =
        URI.create(
            "http://127.0.0.1:" + app.port() + "/slice?start=" + start + "&length=" + length);
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void javalinHandsRoutesJettysOwnOutputSoSlicesAreWrittenWithoutACopy() throws Exception {
    assertThat(get(0, 10).headers().firstValue("X-Output")).hasValue("jetty");
  }

  @Test
  void aSliceSpanningManyWindowsArrivesExactly() throws Exception {
    HttpResponse<byte[]> response = get(1001, 50_000);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(BYTES, 1001, 51_001));
  }

  @Test
  void theWholeFileArrivesExactlyWhileOlderWindowsAreDropped() throws Exception {
    HttpResponse<byte[]> response = get(0, BYTES.length);

    assertThat(response.body()).isEqualTo(BYTES);
    assertThat(served.windowsKept()).isEqualTo(3);
  }

  @Test
  void anEmptySliceSendsNothing() throws Exception {
    HttpResponse<byte[]> response = get(BYTES.length, 0);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void downloadsOfTheSameBytesShareOneMapping() throws IOException {
    MappedFiles mapped = new MappedFiles(WINDOW, 3);

    mapped.slices(file, 10, 20);
    mapped.slices(file, 0, WINDOW);
    mapped.slices(file, 500, 20);

    assertThat(mapped.mappings()).isEqualTo(1);
  }

  @Test
  void anyOtherOutputStreamGetsTheSameBytesCopied() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    MappedFiles.write(new MappedFiles().slices(file, 5, BYTES.length - 5), out);

    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(BYTES, 5, BYTES.length));
  }

  @Test
  void aSliceBeyondTheEndOfTheFileIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> new MappedFiles().slices(file, 10, BYTES.length))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "the artifact file " + file + " holds fewer than " + (BYTES.length + 10) + " bytes");
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThatThrownBy(() -> new MappedFiles().slices(dir.resolve("missing"), 0, 1))
        .isInstanceOf(NoSuchFileException.class);
  }
}
