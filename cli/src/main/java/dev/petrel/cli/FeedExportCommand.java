package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Feed;
import dev.petrel.protocol.FeedRelease;
import dev.petrel.protocol.FeedVerifier;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.StatementVerificationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petrel feed export}: writes {@code DIR/<app>/feed.json}, the newest active, fully
 * rolled-out, signed release of each platform and channel. Unsigned releases are never exported.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes DIR/APP/feed.json: per platform and channel, the newest active, fully rolled-out,"
          + " signed release (viewer).",
      "Unsigned releases are never exported; the ones newer than what was exported are listed."
    })
final class FeedExportCommand implements Callable<Integer> {
  private static final int PAGE = 1000;
  private static final int FULL_ROLLOUT = 10_000;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Mixin AppOption app;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write APP/feed.json into; created if missing.")
  Path out;

  @Override
  public Integer call() {
    PetrelApi api = server.api();
    Instant now = Instant.now();
    Map<String, JsonNode> newest = new TreeMap<>();
    List<JsonNode> unsigned = new ArrayList<>();
    for (JsonNode release : releases(api)) {
      if (!release.path("is_active").asBoolean(false)
          || release.path("rollout_basis_points").asInt(0) != FULL_ROLLOUT
          || isScheduled(release, now)) {
        continue;
      }
      if (release.path("statement").isTextual()) {
        newest.merge(group(release), release, FeedExportCommand::newer);
      } else {
        unsigned.add(release);
      }
    }
    List<FeedRelease> entries = new ArrayList<>();
    newest.values().forEach(release -> entries.add(entry(release)));
    Feed feed = new Feed(app.id(), now, entries);
    byte[] json = feed.toJson();
    checkAgainstRegisteredKeys(api, json, !entries.isEmpty());
    Path file = write(json);
    report(file, feed, skipped(unsigned, newest));
    return 0;
  }

  private List<JsonNode> releases(PetrelApi api) {
    List<JsonNode> all = new ArrayList<>();
    String base = app.path() + "/releases?limit=" + PAGE;
    for (int offset = 0; ; offset += PAGE) {
      JsonNode page = api.get(base + "&offset=" + offset).path("releases");
      page.forEach(all::add);
      if (page.size() < PAGE) {
        return all;
      }
    }
  }

  private static boolean isScheduled(JsonNode release, Instant now) {
    String published = release.path("published_at").asText(null);
    return published != null && Instant.parse(published).isAfter(now);
  }

  private static String group(JsonNode release) {
    return release.path("platform").asText() + "/" + release.path("channel").asText();
  }

  private static JsonNode newer(JsonNode a, JsonNode b) {
    return a.path("version_code").asLong() >= b.path("version_code").asLong() ? a : b;
  }

  /** The unsigned releases newer than what was exported for their platform and channel. */
  private static List<JsonNode> skipped(List<JsonNode> unsigned, Map<String, JsonNode> newest) {
    return unsigned.stream()
        .filter(
            release -> {
              JsonNode exported = newest.get(group(release));
              return exported == null
                  || release.path("version_code").asLong() > exported.path("version_code").asLong();
            })
        .sorted(
            Comparator.comparing(FeedExportCommand::group)
                .thenComparing(release -> -release.path("version_code").asLong()))
        .toList();
  }

  private FeedRelease entry(JsonNode release) {
    String what = "release " + release.path("id").asText() + " (" + group(release) + ")";
    try {
      byte[] bytes = Base64.getDecoder().decode(release.path("statement").asText());
      SignedStatement signed =
          new SignedStatement(
              ReleaseStatement.parse(bytes),
              release.path("signature").asText(null),
              release.path("signing_key_id").asText(null));
      return FeedRelease.of(signed, release.path("download_url").asText(null));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CommandFailedException(
          "the server's " + what + " has an unusable statement: " + e.getMessage(), e);
    }
  }

  /**
   * A feed that fails verification against the app's own keys (removed ones included, since they
   * signed older releases) is never written: it would only make clients fail.
   */
  private void checkAgainstRegisteredKeys(PetrelApi api, byte[] json, boolean hasEntries) {
    if (!hasEntries) {
      return;
    }
    List<ReleasePublicKey> keys = new ArrayList<>();
    String path = app.path() + "/keys?all=true";
    for (JsonNode key : api.get(path).path("keys")) {
      keys.add(ReleasePublicKey.parse("public_key", key.path("public_key").asText()));
    }
    if (keys.isEmpty()) {
      throw new CommandFailedException(
          app.id() + " has no registered release keys; nothing written");
    }
    try {
      FeedVerifier.verify(json, app.id(), keys);
    } catch (InvalidValueException | StatementVerificationException e) {
      throw new CommandFailedException(
          "the feed does not verify with "
              + app.id()
              + "'s registered keys, nothing written: "
              + e.getMessage(),
          e);
    }
  }

  /** Writes to a temporary file beside the feed, forces it to disk, then renames it into place. */
  private Path write(byte[] json) {
    Path dir = out.resolve(app.id().name());
    Path file = dir.resolve("feed.json");
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, ".feed.json.", ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(json);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new CommandFailedException("cannot write " + file + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // the rename failed too; the error above says so
        }
      }
    }
  }

  private void report(Path file, Feed feed, List<JsonNode> skipped) {
    PrintWriter print = spec.commandLine().getOut();
    print.println(
        "wrote " + file + ": " + feed.releases().size() + " signed release(s) of " + app.id());
    for (FeedRelease release : feed.releases()) {
      print.println(
          "  "
              + release.platform()
              + "/"
              + release.channel()
              + " "
              + release.version()
              + " ("
              + release.versionCode()
              + ") key "
              + release.signingKeyId());
    }
    for (JsonNode release : skipped) {
      print.println(
          "skipped unsigned "
              + group(release)
              + " "
              + release.path("version").asText()
              + " ("
              + release.path("version_code").asText()
              + "), release "
              + release.path("id").asText()
              + ": unsigned releases are never exported");
    }
    print.flush();
  }
}
