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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slices of a file sent through a real Javalin and Jetty, as downloads send them, with mapping
 * windows small enough that one slice spans several: the window size is the only thing the large
 * downloads of {@link LargeArtifactTest} cannot reach (it is 1 GiB).
 */
class FileBodyTest {
  static final byte[] BYTES = new byte[20 * 4096 + 123];

  @TempDir static Path dir;
  static Path file;
  static Javalin app;

  @BeforeAll
  static void start() throws IOException {
    new Random(7).nextBytes(BYTES);
    file = Files.write(dir.resolve("artifact.bin"), BYTES);
    app =
        Javalin.create(
                javalin -> {
                  javalin.startup.showJavalinBanner = false;
                  javalin.routes.get("/slice", FileBodyTest::slice);
                })
            .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  /** {@code ?start=&length=&window=}: that slice, mapped that many bytes at a time. */
  static void slice(Context ctx) throws IOException {
    long start = Long.parseLong(ctx.queryParam("start"));
    long length = Long.parseLong(ctx.queryParam("length"));
    long window = Long.parseLong(ctx.queryParam("window"));
    ctx.res().setContentLengthLong(length);
    OutputStream out = ctx.res().getOutputStream();
    ctx.header("X-Output", out instanceof HttpOutput ? "jetty" : out.getClass().getName());
    try (FileChannel channel = FileChannel.open(file)) {
      FileBody.checkHolds(channel, start, length);
      FileBody.send(channel, start, length, out, window);
    }
  }

  static HttpResponse<byte[]> get(long start, long length, long window) throws Exception {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + app.port()
                + "/slice?start="
                + start
                + "&length="
                + length
                + "&window="
                + window);
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void javalinHandsRoutesJettysOwnOutputSoFilesAreWrittenMapped() throws Exception {
    assertThat(get(0, 10, 4096).headers().firstValue("X-Output")).hasValue("jetty");
  }

  @Test
  void aSliceSpanningSeveralWindowsArrivesExactly() throws Exception {
    HttpResponse<byte[]> response = get(1001, 10_000, 4096);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(BYTES, 1001, 11_001));
  }

  @Test
  void windowsNeedNotBePageAligned() throws Exception {
    HttpResponse<byte[]> response = get(7, BYTES.length - 7, 1000);

    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(BYTES, 7, BYTES.length));
  }

  @Test
  void anEmptySliceSendsNothing() throws Exception {
    HttpResponse<byte[]> response = get(BYTES.length, 0, 4096);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void anyOtherOutputStreamGetsTheSameBytesCopied() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FileChannel channel = FileChannel.open(file)) {
      FileBody.send(channel, 5, BYTES.length - 5, out); // more than one copy buffer
    }

    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(BYTES, 5, BYTES.length));
  }

  @Test
  void aSliceBeyondTheEndOfTheFileIsRefusedBeforeAnythingIsSent() throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      assertThatThrownBy(() -> FileBody.checkHolds(channel, 10, BYTES.length))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "the artifact file holds "
                  + BYTES.length
                  + " bytes, expected "
                  + (BYTES.length + 10)
                  + " or more");
    }
  }
}
