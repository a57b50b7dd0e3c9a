package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Feed;
import dev.petrel.protocol.FeedRelease;
import dev.petrel.protocol.SignedStatement;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Mirrors a published release to GitHub Releases: the release tagged {@code v<version>} (created as
 * a draft, or the existing one when another platform was mirrored first), the artifact as an asset,
 * then {@code petrel-feed-<platform>.json} — a signed feed whose one entry points at that asset —
 * and only then makes a new release visible. On failure it deletes what it added, so GitHub never
 * shows a release without its feed.
 */
final class GitHubMirror {
  private final GitHubReleases github;
  private final PrintWriter err;

  GitHubMirror(GitHubReleases github, PrintWriter err) {
    this.github = github;
    this.err = err;
  }

  /** The tag of a version: {@code v} and the version without build metadata. */
  static String tag(String version) {
    int plus = version.indexOf('+');
    return "v" + (plus < 0 ? version : version.substring(0, plus));
  }

  /** The feed asset's name for {@code platform}; the client looks for exactly this name. */
  static String feedName(String platform) {
    return "petrel-feed-" + platform + ".json";
  }

  /**
   * Mirrors one release.
   *
   * @param signed the release's signed statement (the feed's one entry)
   * @param file the artifact
   * @param fileName the asset's name
   * @param notes the release body (may be null)
   * @return the release's {@code html_url}
   */
  String mirror(SignedStatement signed, Path file, String fileName, String notes) {
    var statement = signed.statement();
    String tag = tag(statement.version().toString());
    String feed = feedName(statement.platform().name());
    JsonNode release = github.byTag(tag);
    boolean created = release == null;
    if (created) {
      release =
          github.create(
              tag,
              statement.app().name() + " " + statement.version(),
              notes,
              true,
              !statement.channel().wireName().equals("stable"));
    } else {
      refuseTaken(release, fileName, tag);
      refuseTaken(release, feed, tag);
    }
    long releaseId = release.path("id").asLong();
    List<Long> uploaded = new ArrayList<>();
    try {
      err.println("uploading " + fileName + " to GitHub " + github.repo() + " " + tag + " …");
      err.flush();
      JsonNode asset = github.upload(release, fileName, file, "application/octet-stream");
      uploaded.add(asset.path("id").asLong());
      String url = asset.path("browser_download_url").asText();
      Feed document =
          new Feed(statement.app(), Instant.now(), List.of(FeedRelease.of(signed, url)));
      uploaded.add(uploadFeed(release, feed, document.toJson()));
      if (created) {
        release = github.publish(releaseId);
      }
      return release.path("html_url").asText();
    } catch (RuntimeException e) {
      undo(created, releaseId, uploaded);
      throw e;
    }
  }

  private long uploadFeed(JsonNode release, String name, byte[] json) {
    Path temp = null;
    try {
      temp = Files.createTempFile("petrel-feed-", ".json");
      Files.write(temp, json);
      return github.upload(release, name, temp, "application/json").path("id").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the feed to a temporary file", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  private void refuseTaken(JsonNode release, String name, String tag) {
    for (JsonNode asset : release.path("assets")) {
      if (name.equals(asset.path("name").asText())) {
        throw new CommandFailedException(
            "github.asset_exists: the GitHub release "
                + tag
                + " of "
                + github.repo()
                + " already has an asset named "
                + name
                + "; nothing was uploaded to GitHub");
      }
    }
  }

  private void undo(boolean created, long releaseId, List<Long> uploaded) {
    try {
      if (created) {
        github.delete(releaseId);
      } else {
        for (long asset : uploaded) {
          github.deleteAsset(asset);
        }
      }
    } catch (RuntimeException cleanup) {
      err.println("could not undo the partial GitHub release: " + cleanup.getMessage());
      err.flush();
    }
  }
}
