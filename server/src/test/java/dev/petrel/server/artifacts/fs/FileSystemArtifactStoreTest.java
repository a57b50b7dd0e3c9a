package dev.petrel.server.artifacts.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.artifacts.ArtifactStoreContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreTest extends ArtifactStoreContract {
  @TempDir Path dir;

  Path root() {
    return dir.resolve("artifacts");
  }

  @Override
  protected ArtifactStore store() throws IOException {
    return new FileSystemArtifactStore(root());
  }

  @Override
  protected List<String> everythingStored() throws IOException {
    return regularFilesUnder(root());
  }

  @Test
  void storesEachArtifactUnderItsFirstTwoHexCharacters() throws IOException {
    byte[] bytes = "layout".getBytes(StandardCharsets.UTF_8);
    String hex = Sha256.of(bytes).hex();

    store().put(new ByteArrayInputStream(bytes), 100, null, null);

    assertThat(everythingStored()).containsExactly(hex.substring(0, 2) + "/" + hex);
  }

  @Test
  void theLocalFileOfAnArtifactHoldsExactlyItsBytes() throws IOException {
    byte[] bytes = "sent from the page cache".getBytes(StandardCharsets.UTF_8);
    ArtifactStore store = store();
    Sha256 sha256 = store.put(new ByteArrayInputStream(bytes), 100, null, null).sha256();

    assertThat(store.localFile(sha256))
        .hasValueSatisfying(file -> assertThat(file).hasBinaryContent(bytes));
  }

  @Test
  void startingRemovesTemporaryFilesThatACrashLeftBehind() throws IOException {
    Path tmp = Files.createDirectories(root().resolve("tmp"));
    Path stale = Files.writeString(tmp.resolve("upload-1.part"), "half an upload");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path recent = Files.writeString(tmp.resolve("upload-2.part"), "an upload in progress");

    store();

    assertThat(stale).doesNotExist();
    assertThat(recent).exists();
  }
}
