package dev.petrel.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppManifestTest {
  private static AppManifest parse(String json) {
    return AppManifest.parse("petrel-app.json", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void buildsTheCommandFromTheVersionFolder() {
    AppManifest manifest =
        parse(
            """
            {"version":"1.0.1","version_code":5,"main_class":"com.example.Main",
             "class_path":["app.jar","lib/*"],"jvm_options":["-Xmx256m"],"arguments":["--quiet"]}
            """);
    Path folder = Path.of("/opt/app/versions/1.0.1");
    assertThat(manifest.command(Path.of("/usr/bin/java"), folder, List.of("-Dp=1")))
        .containsExactly(
            "/usr/bin/java",
            "-Xmx256m",
            "-Dp=1",
            "-cp",
            "/opt/app/versions/1.0.1/app.jar"
                + java.io.File.pathSeparator
                + "/opt/app/versions/1.0.1/lib/*",
            "com.example.Main",
            "--quiet");
  }

  @Test
  void anUnpackedJarCanNameTheVersionFolderItself() {
    AppManifest manifest =
        parse(
            "{\"version\":\"2.0.0\",\"version_code\":9,\"main_class\":\"a.Main\","
                + "\"class_path\":[\".\"]}");
    assertThat(manifest.classPath()).containsExactly(".");
    assertThat(manifest.jvmOptions()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"class_path\":[\"../other/app.jar\"] | class_path: expected a path relative to the version directory",
        "\"class_path\":[\"/etc/app.jar\"] | class_path: expected a path relative",
        "\"class_path\":[\"lib\\\\app.jar\"] | class_path: expected a path relative",
        "\"class_path\":[] | class_path: expected at least one entry",
        "\"class_path\":[\"a.jar\"],\"jvm_options\":[\"-cp\"] | jvm_options: expected options starting with '-' other than -cp",
        "\"class_path\":[\"a.jar\"],\"jvm_options\":[\"Xmx1g\"] | jvm_options: expected options starting with '-'",
        "\"class_path\":[\"a.jar\"],\"main\":\"x\" | unknown key 'main'",
      })
  void refusesManifestsThatCouldReachOutsideOrTakeOverTheCommand(String members, String message) {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"version\":\"1.0.1\",\"version_code\":5,\"main_class\":\"com.example.Main\","
                        + members
                        + "}"))
        .hasMessageStartingWith("petrel-app.json: ")
        .hasMessageContaining(message);
  }
}
