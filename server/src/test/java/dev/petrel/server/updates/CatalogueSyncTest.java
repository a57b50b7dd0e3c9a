package dev.petrel.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.PetrelServer;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Two nodes on one database: a release published through one is offered by the other. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CatalogueSyncTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;

  @Test
  void aSecondNodeSeesChangesMadeThroughTheFirst() throws Exception {
    try (TestServer first = TestServer.start(database, dir);
        PetrelServer second = secondNode(first)) {
      String check = "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\"}";
      assertThat(checkOn(second, check)).contains("\"update_available\":false");

      first.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2));

      assertThat(eventually(() -> checkOn(second, check))).contains("\"update_available\":true");
    }
  }

  private static PetrelServer secondNode(TestServer first) {
    return first.startAnotherNode(
        first.config().dataDir().resolveSibling("data-2"), 100, Clock.systemUTC());
  }

  private static String checkOn(PetrelServer server, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/updates/check"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Polls for up to 5 s (the second node polls the catalogue revision every 100 ms). */
  private static String eventually(ThrowingSupplier supplier) throws Exception {
    String last = supplier.get();
    for (int i = 0; i < 50 && last.contains("\"update_available\":false"); i++) {
      Thread.sleep(100);
      last = supplier.get();
    }
    return last;
  }

  interface ThrowingSupplier {
    String get() throws Exception;
  }
}
