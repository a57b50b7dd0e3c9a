package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

  @Test
  void parsesFlutterVersionWithBuildNumber() {
    Version version = Version.parse("1.0.0+7");

    assertThat(version.major()).isEqualTo(1);
    assertThat(version.build()).isEqualTo("7");
    assertThat(version.buildNumber()).hasValue(7);
    assertThat(version.core()).hasToString("1.0.0");
  }

  @Test
  void hasNoBuildNumberWhenBuildIsNotAnInteger() {
    assertThat(Version.parse("1.0.0+exp.sha.5114f85").buildNumber()).isEmpty();
    assertThat(Version.parse("1.0.0").buildNumber()).isEmpty();
    assertThat(Version.parse("1.0.0+0").buildNumber()).isEmpty();
  }

  @Test
  void ordersBySemanticVersioningPrecedence() {
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.2.0",
            "1.10.0",
            "2.0.0");
    List<Version> shuffled = new ArrayList<>();
    for (String text : ordered) {
      shuffled.add(Version.parse(text));
    }
    Collections.shuffle(shuffled, new java.util.Random(42));
    Collections.sort(shuffled);

    assertThat(shuffled).extracting(Version::toString).containsExactlyElementsOf(ordered);
  }

  @Test
  void ignoresBuildMetadataInOrdering() {
    assertThat(Version.parse("1.0.0+1").compareTo(Version.parse("1.0.0+2"))).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.0",
        "1.0.0.0",
        "01.0.0",
        "1.0.0-",
        "1.0.0+",
        "v1.0.0",
        "1.0.0-01",
        " 1.0.0"
      })
  void rejectsMalformedVersions(String text) {
    assertThatThrownBy(() -> Version.parse("current_version", text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("current_version: ");
  }

  @Test
  void rejectsOverlongVersions() {
    assertThatThrownBy(() -> Version.parse("1.0.0-" + "a".repeat(80)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("at most 64 characters");
  }

  @Test
  void bumpsEachPart() {
    Version version = Version.parse("1.2.3-rc.1+9");

    assertThat(version.bump(Version.Bump.PATCH)).hasToString("1.2.4");
    assertThat(version.bump(Version.Bump.MINOR)).hasToString("1.3.0");
    assertThat(version.bump(Version.Bump.MAJOR)).hasToString("2.0.0");
  }

  @Test
  void roundTripsThroughText() {
    Version version = Version.parse("3.4.5-beta.2+build.77");

    assertThat(Version.parse(version.toString())).isEqualTo(version);
  }
}
