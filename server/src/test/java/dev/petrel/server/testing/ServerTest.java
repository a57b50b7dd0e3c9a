package dev.petrel.server.testing;

import dev.petrel.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the tests that talk to one real server per test: each subclass runs once on SQLite and
 * once on PostgreSQL, and every test gets a fresh server and an empty database.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
public abstract class ServerTest {
  @Parameter protected TestDatabase database;
  @TempDir protected Path dir;
  protected TestServer server;

  @BeforeEach
  void startServer() {
    server = TestServer.start(database, dir, this::configure);
  }

  /** Changes the configuration the server starts with; the default keeps it. */
  protected void configure(ServerConfig.Builder config) {}

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
