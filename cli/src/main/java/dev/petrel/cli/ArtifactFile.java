package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Sha256;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * The file {@code petrel publish} publishes: checked to be readable, hashed once in fixed-size
 * chunks (constant memory), and uploaded streaming from disk with its SHA-256 declared.
 */
final class ArtifactFile {
  /** The server's rule for a hosted file's name; other names are left out of the download URL. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private static final int HASH_BUFFER = 64 * 1024;

  /** The file's SHA-256 and length. */
  record Hashed(Sha256 sha256, long size) {}

  private final Path file;

  private ArtifactFile(Path file) {
    this.file = file;
  }

  /** {@code file}, which must be a readable regular file (a usage error names {@code --file}). */
  static ArtifactFile readable(Path file, UsageErrors usage) {
    if (!Files.exists(file)) {
      throw usage.error("--file " + file + ": no such file");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw usage.error("--file " + file + ": not a readable regular file");
    }
    return new ArtifactFile(file);
  }

  Path path() {
    return file;
  }

  /** The file's name when the server takes it for the download URL, else null. */
  String urlName() {
    String name = file.getFileName().toString();
    return FILE_NAME.matcher(name).matches() ? name : null;
  }

  /** Reads the file once, in fixed-size chunks, for its SHA-256 and length. */
  Hashed hash() {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[HASH_BUFFER];
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new Hashed(Sha256.ofDigest(digest.digest()), size);
  }

  /**
   * Uploads the file to the app at {@code appPath}, showing progress on {@code err}, and requires
   * the server to have stored exactly {@code hashed}.
   *
   * @throws CommandFailedException when the upload fails or the server stored something else
   */
  void upload(PetrelApi api, String appPath, Hashed hashed, PrintWriter err) {
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(file);
    } catch (FileNotFoundException e) {
      throw new CommandFailedException(file + " disappeared before the upload", e);
    }
    UploadProgress progress = new UploadProgress(err, hashed.size(), System.console() != null);
    String name = urlName();
    String path = appPath + "/artifacts" + (name == null ? "" : "?file_name=" + name);
    JsonNode uploaded;
    try {
      uploaded = api.upload(path, progress.counting(body), hashed.sha256().hex());
    } finally {
      progress.finish();
    }
    if (!hashed.sha256().hex().equals(uploaded.path("sha256").asText())
        || hashed.size() != uploaded.path("size").asLong(-1)) {
      throw new CommandFailedException(
          "the server stored sha256 "
              + uploaded.path("sha256").asText()
              + " and "
              + uploaded.path("size").asText()
              + " bytes, but the file hashed to "
              + hashed.sha256().hex()
              + " and "
              + hashed.size()
              + " bytes; nothing was published");
    }
  }
}
