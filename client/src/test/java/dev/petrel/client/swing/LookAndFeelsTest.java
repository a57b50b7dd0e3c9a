package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.swing.UIManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LookAndFeelsTest {
  @AfterEach
  void reset() throws Exception {
    System.clearProperty("petrel.ui.theme");
    UIManager.setLookAndFeel(UIManager.getCrossPlatformLookAndFeelClassName());
  }

  @Test
  void installsFlatLafInTheThemeAskedFor() {
    System.setProperty("petrel.ui.theme", "dark");
    assertThat(LookAndFeels.install()).isEqualTo(LookAndFeels.FLAT_DARK);
    assertThat(((com.formdev.flatlaf.FlatLaf) UIManager.getLookAndFeel()).isDark()).isTrue();
  }

  @Test
  void aLightChoiceGivesTheLightLook() {
    System.setProperty("petrel.ui.theme", "Light");
    assertThat(LookAndFeels.install()).isEqualTo(LookAndFeels.FLAT_LIGHT);
  }

  @Test
  void readsTheChoiceCaseInsensitivelyAndLeavesAnythingElseToTheSystem() {
    assertThat(LookAndFeels.parse(" DARK ")).isEqualTo(LookAndFeels.Theme.DARK);
    assertThat(LookAndFeels.parse("light")).isEqualTo(LookAndFeels.Theme.LIGHT);
    assertThat(LookAndFeels.parse("system")).isNull();
    assertThat(LookAndFeels.parse(null)).isNull();
  }

  @Test
  void aGtkThemeEndingInDarkMeansDarkOnLinux() {
    assertThat(LookAndFeels.detectSystemTheme("Linux", "Adwaita:dark"))
        .isEqualTo(LookAndFeels.Theme.DARK);
  }

  @Test
  void aProbeThatCannotRunPrintsNothing() {
    assertThat(LookAndFeels.output(List.of("petrel-no-such-command-xyz"))).isEmpty();
    assertThat(LookAndFeels.output(List.of("echo", "prefer-dark"))).contains("prefer-dark");
  }
}
