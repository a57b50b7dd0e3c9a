package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.client.Updater;
import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.protocol.ReleaseKeyPair;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.plaf.basic.BasicHTML;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateUiTest {
  @TempDir Path dir;

  private Updater updater() {
    return Updater.builder()
        .server(URI.create("http://127.0.0.1:9"))
        .app("demo")
        .platform("linux")
        .installedVersion("1.0.0", 1)
        .trustedKey(ReleaseKeyPair.generate().publicKey().base64())
        .stateDir(dir.resolve("state"))
        .build();
  }

  private UpdateUi.Builder ui(Updater updater) {
    return UpdateUi.builder().updater(updater).installedVersion("1.0.0").restart(() -> {});
  }

  private static String[] names(JMenu menu) {
    return Arrays.stream(menu.getMenuComponents())
        .filter(JMenuItem.class::isInstance)
        .map(item -> ((JMenuItem) item).getText())
        .toArray(String[]::new);
  }

  @Test
  void menuHasTheFourUpdateItemsWhenSettingsCanBeEdited() {
    try (Updater updater = updater();
        UpdateUi ui = ui(updater).appDirectory(AppDirectory.of(dir)).build()) {
      JMenu menu = ui.menu();

      assertThat(menu.getText()).isEqualTo("Update");
      assertThat(names(menu))
          .containsExactly(
              "Check for Updates\u2026",
              "Update History\u2026",
              "Rollback Update\u2026",
              "Settings\u2026");
      JMenuItem check = Components.find(menu.getPopupMenu(), UpdateUi.CHECK);
      assertThat(check.getClientProperty(BasicHTML.propertyKey)).isNull();
    }
  }

  @Test
  void menuLeavesOutSettingsWithoutAnAppDirectory() {
    try (Updater updater = updater();
        UpdateUi ui = ui(updater).build()) {
      assertThat(names(ui.menu()))
          .containsExactly(
              "Check for Updates\u2026", "Update History\u2026", "Rollback Update\u2026");
    }
  }

  @Test
  void builderNamesAMissingPart() {
    try (Updater updater = updater()) {
      assertThatThrownBy(() -> UpdateUi.builder().updater(updater).restart(() -> {}).build())
          .isInstanceOf(NullPointerException.class)
          .hasMessage("installedVersion");
      assertThatThrownBy(() -> UpdateUi.builder().installedVersion("1").build())
          .hasMessage("updater");
    }
  }
}
