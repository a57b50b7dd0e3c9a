package dev.petrel.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Without PETREL_ADMIN_TOKEN the first start generates an admin token and prints it once. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class BootstrapTokenTest {
  static final Pattern TOKEN = Pattern.compile("ptk_[A-Za-z0-9_-]{43}");

  @Parameter TestDatabase database;
  @TempDir Path dir;

  @Test
  void generatesAWorkingTokenOnFirstStartAndPrintsItOnlyOnce() {
    try (TestServer server = TestServer.start(database, dir, BootstrapTokenTest::withoutToken)) {
      Matcher printed = TOKEN.matcher(server.console());
      assertThat(printed.find()).as(server.console()).isTrue();
      String token = printed.group();

      assertThat(server.get("/api/updates/versions", token).status()).isEqualTo(200);

      server.restart();
      assertThat(TOKEN.matcher(server.console()).results().count()).isEqualTo(1);
      assertThat(server.get("/api/updates/versions", token).status()).isEqualTo(200);
    }
  }

  private static void withoutToken(ServerConfig.Builder config) {
    config.adminToken(null);
  }
}
