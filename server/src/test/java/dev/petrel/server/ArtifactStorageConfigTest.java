package dev.petrel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.server.artifacts.s3.S3Location;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The artifact storage settings of {@link ServerConfig#resolve}. */
class ArtifactStorageConfigTest {

  static ArtifactStorage resolve(Map<String, String> flags, Map<String, String> env) {
    return ServerConfig.resolve(flags, env).storage();
  }

  @Test
  void byDefaultArtifactsAreFilesStreamedByTheNode() {
    ArtifactStorage storage = resolve(Map.of(), Map.of());

    assertThat(storage).isEqualTo(ArtifactStorage.FILE_SYSTEM);
    assertThat(storage.s3()).isNull();
    assertThat(storage.redirectDownloads()).isFalse();
  }

  @Test
  void anS3StoreComesFromTheEnvironmentAndRedirectsByDefault() {
    ArtifactStorage storage =
        resolve(
            Map.of(),
            Map.of(
                "PETREL_ARTIFACT_STORE", "s3://petrel-artifacts/prod/releases",
                "PETREL_S3_ENDPOINT", "https://s3.internal:9000/",
                "PETREL_S3_REGION", "eu-west-1",
                "PETREL_S3_PATH_STYLE", "true"));

    assertThat(storage.s3().location())
        .isEqualTo(new S3Location("petrel-artifacts", "prod/releases/"));
    assertThat(storage.s3().endpoint()).isEqualTo(URI.create("https://s3.internal:9000"));
    assertThat(storage.s3().region()).isEqualTo("eu-west-1");
    assertThat(storage.s3().pathStyle()).isTrue();
    assertThat(storage.redirectDownloads()).isTrue();
    assertThat(storage.cdnBaseUrl()).isNull();
    assertThat(storage.presignTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void flagsTurnRedirectsOffAndSetTheTtl() {
    ArtifactStorage storage =
        resolve(
            Map.of(
                "--artifact-store", "s3://bucket",
                "--download-redirect", "off",
                "--presign-ttl", "60"),
            Map.of("PETREL_DOWNLOAD_REDIRECT", "on"));

    assertThat(storage.s3().location()).isEqualTo(new S3Location("bucket", ""));
    assertThat(storage.s3().endpoint()).isNull();
    assertThat(storage.s3().pathStyle()).isFalse();
    assertThat(storage.redirectDownloads()).isFalse();
    assertThat(storage.presignTtl()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aCdnRedirectsDownloadsOfTheFileSystemStoreToo() {
    ArtifactStorage storage =
        resolve(Map.of("--cdn-base-url", "https://cdn.example.com/petrel/"), Map.of());

    assertThat(storage.s3()).isNull();
    assertThat(storage.redirectDownloads()).isTrue();
    assertThat(storage.cdnBaseUrl()).isEqualTo("https://cdn.example.com/petrel");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--artifact-store|gs://bucket|--artifact-store / PETREL_ARTIFACT_STORE: expected fs or s3://bucket[/prefix] (a bucket name is 3-63 of a-z 0-9 . -), found 'gs://bucket'",
        "--artifact-store|s3://Bucket_1|--artifact-store / PETREL_ARTIFACT_STORE: expected fs or s3://bucket[/prefix] (a bucket name is 3-63 of a-z 0-9 . -), found 's3://Bucket_1'",
        "--s3-endpoint|https://s3.internal|--s3-endpoint / PETREL_S3_ENDPOINT: only means something with an s3:// artifact store; set --artifact-store / PETREL_ARTIFACT_STORE to s3://bucket[/prefix]",
        "--download-redirect|on|--download-redirect / PETREL_DOWNLOAD_REDIRECT: 'on' needs somewhere to redirect to: an s3:// artifact store or --cdn-base-url / PETREL_CDN_BASE_URL",
        "--download-redirect|maybe|--download-redirect / PETREL_DOWNLOAD_REDIRECT: expected on or off, found 'maybe'",
        "--cdn-base-url|cdn.example.com|--cdn-base-url / PETREL_CDN_BASE_URL: expected an http(s) URL such as https://updates.example.com, found 'cdn.example.com'",
        "--presign-ttl|0|--presign-ttl / PETREL_PRESIGN_TTL: expected seconds from 1 to 604800 (7 days, the most S3 allows), found '0'",
      })
  void badStorageSettingsStopStartUpWithOneClearLine(String flag, String value, String message) {
    assertThatThrownBy(() -> ServerConfig.resolve(Map.of(flag, value), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void aBadPathStyleIsNamed() {
    assertThatThrownBy(
            () ->
                ServerConfig.resolve(
                    Map.of("--artifact-store", "s3://bucket", "--s3-path-style", "yes"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--s3-path-style / PETREL_S3_PATH_STYLE: expected true or false, found 'yes'");
  }
}
