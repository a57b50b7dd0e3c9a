package dev.petrel.server.admin;

import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the panel's browser tests: each test gets a fresh server (SQLite) and a headless Chromium
 * that has not yet opened a page; both are stopped after it, the browser first.
 */
abstract class BrowserTest {
  @TempDir Path dir;
  TestServer server;
  PanelBrowser browser;

  @BeforeEach
  void startServerAndBrowser() {
    server = TestServer.start(TestDatabase.SQLITE, dir, this::configure);
    browser = PanelBrowser.start(dir);
  }

  /** Changes the configuration the server starts with; the default keeps the test settings. */
  void configure(ServerConfig.Builder config) {}

  @AfterEach
  void stopBrowserAndServer() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }
}
