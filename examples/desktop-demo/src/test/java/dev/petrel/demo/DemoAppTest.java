package dev.petrel.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.desktop.AppManifest;
import java.awt.Component;
import java.awt.Container;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JLabel;
import javax.swing.JPanel;
import org.junit.jupiter.api.Test;

class DemoAppTest {
  @Test
  void knowsTheVersionItWasBuiltAs() {
    DemoVersion version = DemoVersion.ofThisBuild();

    assertThat(version.version()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(version.versionCode()).isPositive();
  }

  @Test
  void windowShowsTheVersionAndTheStatusLiterally() {
    JPanel content = DemoWindow.content(new DemoVersion("1.0.1", 2), "<html><b>status");

    assertThat(((JLabel) find(content, "version")).getText()).isEqualTo("Version 1.0.1");
    JLabel status = find(content, "status");
    assertThat(status.getText()).isEqualTo("<html><b>status");
    assertThat(status.getClientProperty("html")).isNull();
  }

  @Test
  void eachVersionCodeGetsAnotherColour() {
    assertThat(DemoWindow.colourOf(new DemoVersion("1.0.0", 1)))
        .isNotEqualTo(DemoWindow.colourOf(new DemoVersion("1.0.1", 2)));
  }

  @Test
  void releaseManifestIsOneTheLauncherAccepts() throws Exception {
    String template =
        Files.readString(Path.of("src/main/package/petrel-app.json"), StandardCharsets.UTF_8);
    String json = template.replace("${demo.version}", "1.0.1").replace("${demo.versionCode}", "2");

    AppManifest manifest =
        AppManifest.parse("petrel-app.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(manifest.version()).isEqualTo("1.0.1");
    assertThat(manifest.versionCode()).isEqualTo(2);
    assertThat(manifest.mainClass()).isEqualTo(DemoApp.class.getName());
    assertThat(manifest.classPath()).containsExactly("lib/*");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Component> T find(Container root, String name) {
    for (Component child : root.getComponents()) {
      if (name.equals(child.getName())) {
        return (T) child;
      }
      if (child instanceof Container container) {
        T found = find(container, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
