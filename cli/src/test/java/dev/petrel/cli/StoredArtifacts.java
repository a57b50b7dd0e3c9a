package dev.petrel.cli;

import dev.petrel.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a test server holds in its artifact store on disk: proof that an upload happened or not. */
final class StoredArtifacts {
  private StoredArtifacts() {}

  /** The number of files (stored artifacts and temporary uploads) in {@code server}'s store. */
  static long count(TestServer server) throws IOException {
    Path artifacts = server.config().dataDir().resolve("artifacts");
    if (!Files.exists(artifacts)) {
      return 0;
    }
    try (var files = Files.walk(artifacts)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
