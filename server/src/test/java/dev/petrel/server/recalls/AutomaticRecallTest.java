package dev.petrel.server.recalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.server.db.Database;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.testing.RecallFixture;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A recall the server makes itself ({@link Recalls#recordUnsigned}, in the caller's transaction)
 * reaches devices like any other, also when written through another node (the catalogue poll).
 */
class AutomaticRecallTest extends ServerTest {

  @Test
  void anUnsignedRecallRecordedInAnotherTransactionReachesDevices() throws Exception {
    RecallFixture notes = RecallFixture.create(server, "notes");
    notes.publishSigned("linux", "1.0.0", 4);
    long bad = notes.publishSigned("linux", "1.0.1", 5);

    try (Database database = Database.open(server.jdbcUrl())) {
      database
          .jdbi()
          .useTransaction(
              handle -> {
                ReleaseDao releases = handle.attach(ReleaseDao.class);
                Release release = releases.find(new AppId("notes"), bad).orElseThrow();
                releases.setActive(release.appId(), bad, false);
                Recalls.recordUnsigned(
                    handle, release, "failure share above 5 %", "system", server.clock().instant());
                releases.bumpCatalogueRevision();
              });
    }
    JsonNode answer = notes.check("linux", "1.0.1", 5).json();
    for (int i = 0; i < 50 && !answer.get("current_recalled").asBoolean(); i++) {
      Thread.sleep(100);
      answer = notes.check("linux", "1.0.1", 5).json();
    }
    JsonNode recall =
        server
            .get("/api/v1/apps/notes/releases/" + bad + "/recall", TestServer.ADMIN_TOKEN)
            .json()
            .get("recall");

    assertThat(answer.get("current_recalled").asBoolean()).isTrue();
    assertThat(answer.get("downgrade").asBoolean()).isFalse();
    assertThat(answer.at("/recall/reason").asText()).isEqualTo("failure share above 5 %");
    assertThat(recall.get("recalled_by").asText()).isEqualTo("system");
    assertThat(recall.get("signed").asBoolean()).isFalse();
  }

  @Test
  void refusesAnInvalidReasonAndWritesNothing() {
    RecallFixture notes = RecallFixture.create(server, "notes");
    long bad = notes.publishSigned("linux", "1.0.1", 5);

    try (Database database = Database.open(server.jdbcUrl())) {
      assertThatThrownBy(
              () ->
                  database
                      .jdbi()
                      .useTransaction(
                          handle -> {
                            Release release =
                                handle
                                    .attach(ReleaseDao.class)
                                    .find(new AppId("notes"), bad)
                                    .orElseThrow();
                            Recalls.recordUnsigned(
                                handle,
                                release,
                                "x".repeat(501),
                                "system",
                                server.clock().instant());
                          }))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("reason: expected at most 500 characters, found 501");
    }
    assertThat(server.count("release_recalls")).isZero();
  }
}
