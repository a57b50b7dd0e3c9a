package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.FeedVerifier;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.VerifiedFeedRelease;
import dev.petrel.server.testing.GitHubStandIn;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code petrel publish --github} against the GitHub stand-in, and a desktop app whose only source
 * is that GitHub repository updating from it with {@code petrel update}.
 */
class GitHubMirrorTest extends ServerTest {
  static final String REPO = "acme/photo-viewer";

  private GitHubStandIn github;
  private ReleaseKeyPair pair;
  private Path key;

  @BeforeEach
  void startGitHubAndRegisterAKey() throws Exception {
    github = GitHubStandIn.start().repository(REPO);
    pair = ReleaseKeyPair.generate();
    key = dir.resolve("release.key");
    pair.writePrivateKey(key);
    TestResponse added =
        server.postAsAdmin(
            "/api/v1/apps/default/keys",
            "{\"public_keys\":[\"" + pair.publicKey().base64() + "\"]}");
    assertThat(added.status()).as(added.text()).isEqualTo(201);
  }

  @AfterEach
  void stopGitHub() {
    if (github != null) {
      github.close();
    }
  }

  private CliRun publish(String version, long code, String platform, String... extra)
      throws Exception {
    return publishTo(REPO, version, code, platform, extra);
  }

  private CliRun publishTo(String repo, String version, long code, String platform, String... extra)
      throws Exception {
    Path zip =
        DesktopApps.archive(dir.resolve("app-" + version + "-" + platform + ".zip"), version, code);
    List<String> args =
        new ArrayList<>(
            List.of(
                "publish",
                "--app",
                "default",
                "--platform",
                platform,
                "--file",
                zip.toString(),
                "--version",
                version,
                "--version-code",
                Long.toString(code),
                "--notes",
                "Notes of " + version,
                "--github",
                repo));
    args.addAll(List.of(extra));
    return CliRun.run(
        Map.of(
            "PETREL_SERVER",
            server.url(),
            "PETREL_TOKEN",
            TestServer.ADMIN_TOKEN,
            "GITHUB_TOKEN",
            GitHubStandIn.TOKEN,
            "GITHUB_API_URL",
            github.api().toString()),
        args.toArray(String[]::new));
  }

  private long petrelReleases() {
    return server.count("releases");
  }

  @Test
  void publishCreatesTheGitHubReleaseWithTheFileAndAFeedThatVerifies() throws Exception {
    CliRun run = publish("1.2.0", 12, "linux", "--key", key.toString());
    assertThat(run.exit()).as(run.err()).isZero();

    JsonNode release = github.releases(REPO).get(0);
    assertThat(release.path("tag_name").asText()).isEqualTo("v1.2.0");
    assertThat(release.path("draft").asBoolean()).isFalse();
    assertThat(release.path("prerelease").asBoolean()).isFalse();
    assertThat(release.path("body").asText()).isEqualTo("Notes of 1.2.0");
    assertThat(run.out()).contains("github        " + release.path("html_url").asText());
    byte[] zip = Files.readAllBytes(dir.resolve("app-1.2.0-linux.zip"));
    assertThat(github.asset(REPO, "v1.2.0", "app-1.2.0-linux.zip")).isEqualTo(zip);
    List<VerifiedFeedRelease> feed =
        FeedVerifier.verify(
            github.asset(REPO, "v1.2.0", "petrel-feed-linux.json"),
            new AppId("default"),
            List.of(pair.publicKey()));
    assertThat(feed)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.statement().versionCode()).isEqualTo(12);
              assertThat(entry.downloadUrl())
                  .isEqualTo(
                      github.api() + "/" + REPO + "/releases/download/v1.2.0/app-1.2.0-linux.zip");
            });
  }

  @Test
  void aBetaReleaseIsAPrereleaseAndASecondPlatformJoinsTheSameRelease() throws Exception {
    assertThat(
            publish("2.0.0-beta.1", 20, "linux", "--key", key.toString(), "--channel", "beta")
                .exit())
        .isZero();
    CliRun windows =
        publish("2.0.0-beta.1", 20, "windows", "--key", key.toString(), "--channel", "beta");
    assertThat(windows.exit()).as(windows.err()).isZero();

    assertThat(github.releases(REPO))
        .singleElement()
        .satisfies(
            release -> {
              assertThat(release.path("prerelease").asBoolean()).isTrue();
              List<String> names = new ArrayList<>();
              release.path("assets").forEach(asset -> names.add(asset.path("name").asText()));
              assertThat(names)
                  .containsExactly(
                      "app-2.0.0-beta.1-linux.zip", "petrel-feed-linux.json",
                      "app-2.0.0-beta.1-windows.zip", "petrel-feed-windows.json");
            });
  }

  @Test
  void refusesWithoutAKeyOrATokenBeforeUploadingAnything() throws Exception {
    CliRun unsigned = publish("1.2.0", 12, "linux");
    assertThat(unsigned.exit()).isEqualTo(2);
    assertThat(unsigned.err()).contains("--github needs --key");

    Path zip = DesktopApps.archive(dir.resolve("app.zip"), "1.2.0", 12);
    CliRun noToken =
        CliRun.run(
            Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN),
            "publish",
            "--app",
            "default",
            "--platform",
            "linux",
            "--file",
            zip.toString(),
            "--version",
            "1.2.0",
            "--key",
            key.toString(),
            "--github",
            REPO);
    assertThat(noToken.exit()).isEqualTo(2);
    assertThat(noToken.err()).contains("GITHUB_TOKEN");

    CliRun badRepo = publishTo("a/b/c", "1.2.0", 12, "linux", "--key", key.toString());
    assertThat(badRepo.exit()).isEqualTo(2);
    assertThat(badRepo.err()).contains("--github: expected OWNER/REPO, found 'a/b/c'");

    assertThat(petrelReleases()).isZero();
    assertThat(github.requests()).isEmpty();
  }

  @Test
  void anUnknownRepositoryStopsThePublishBeforePetrelStoresARelease() throws Exception {
    CliRun run = publishTo("acme/nothing", "1.2.0", 12, "linux", "--key", key.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("github.refused").contains("404");
    assertThat(petrelReleases()).isZero();
  }

  @Test
  void aDesktopAppWhoseOnlySourceIsGitHubUpdatesFromIt() throws Exception {
    Path app = DesktopApps.appDir(dir.resolve("app"), "1.0.0", 1);
    writeGitHubConfig(app, pair.publicKey().base64());
    assertThat(publish("1.0.1", 2, "linux", "--key", key.toString()).exit()).isZero();

    CliRun check = CliRun.run("update", "check", "--app-dir=" + app);
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out()).contains("update available: 1.0.0 -> 1.0.1").contains("Notes of 1.0.1");
    CliRun install = CliRun.run("update", "install", "--app-dir=" + app);
    assertThat(install.exit()).as(install.err() + install.out()).isZero();
    assertThat(Files.readString(app.resolve("current"))).isEqualTo("1.0.1\n");
    assertThat(app.resolve("versions/1.0.1/README.txt")).hasContent("version 1.0.1");
  }

  @Test
  void aBetaDeviceSkipsNewerAlphaPrereleasesAndTakesTheNewestBeta() throws Exception {
    Path app = DesktopApps.appDir(dir.resolve("app"), "1.0.0", 1);
    assertThat(publish("1.0.1", 2, "linux", "--key", key.toString()).exit()).isZero();
    assertThat(
            publish("1.1.0-beta.1", 3, "linux", "--key", key.toString(), "--channel", "beta")
                .exit())
        .isZero();
    assertThat(
            publish("1.2.0-alpha.1", 4, "linux", "--key", key.toString(), "--channel", "alpha")
                .exit())
        .isZero();

    writeGitHubConfig(app, pair.publicKey().base64(), "beta");
    CliRun beta = CliRun.run("update", "check", "--app-dir=" + app);
    assertThat(beta.out()).as(beta.err()).contains("update available: 1.0.0 -> 1.1.0-beta.1");

    writeGitHubConfig(app, pair.publicKey().base64(), "stable");
    CliRun stable = CliRun.run("update", "check", "--app-dir=" + app);
    assertThat(stable.out()).as(stable.err()).contains("update available: 1.0.0 -> 1.0.1");
  }

  @Test
  void aTamperedFeedAssetIsRefusedAndNothingIsInstalled() throws Exception {
    Path app = DesktopApps.appDir(dir.resolve("app"), "1.0.0", 1);
    writeGitHubConfig(app, pair.publicKey().base64());
    assertThat(publish("1.0.1", 2, "linux", "--key", key.toString()).exit()).isZero();
    String feed =
        new String(github.asset(REPO, "v1.0.1", "petrel-feed-linux.json"), StandardCharsets.UTF_8);
    github.tamper(
        REPO,
        "v1.0.1",
        "petrel-feed-linux.json",
        feed.replace("\"version_code\": 2", "\"version_code\": 3")
            .getBytes(StandardCharsets.UTF_8));

    CliRun install = CliRun.run("update", "install", "--app-dir=" + app);
    assertThat(install.exit()).isNotZero();
    assertThat(install.err() + install.out()).contains("petrel-feed-linux.json");
    assertThat(Files.readString(app.resolve("current"))).isEqualTo("1.0.0\n");
    assertThat(app.resolve("versions/1.0.1")).doesNotExist();
  }

  private void writeGitHubConfig(Path app, String publicKey) throws Exception {
    writeGitHubConfig(app, publicKey, "stable");
  }

  private void writeGitHubConfig(Path app, String publicKey, String channel) throws Exception {
    Files.writeString(
        app.resolve("updater_config.json"),
        """
        {"app":"default","platform":"linux","servers":[],"github":["%s"],"github_api":"%s",
         "public_keys":["%s"],"auto_install":false,"update_channel":"%s"}
        """
            .formatted(REPO, github.api(), publicKey, channel));
  }
}
