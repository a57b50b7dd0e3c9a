package dev.petrel.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {
  @ParameterizedTest
  @CsvSource({
    "app.apk, application/vnd.android.package-archive",
    "App.APK, application/vnd.android.package-archive",
    "app.ipa, application/octet-stream",
    "app.zip, application/zip",
    "app.jar, application/java-archive",
    "setup.exe, application/vnd.microsoft.portable-executable",
    "app.dmg, application/x-apple-diskimage",
    "setup.msi, application/x-msi",
    "app.tar.gz, application/gzip",
    "app.unknown, application/octet-stream",
    "app, application/octet-stream",
    "app., application/octet-stream"
  })
  void mediaTypeFollowsTheExtension(String name, String type) {
    assertThat(FileNames.contentType(name)).isEqualTo(type);
  }

  @Test
  void noNameIsAnOctetStream() {
    assertThat(FileNames.contentType(null)).isEqualTo("application/octet-stream");
  }

  @Test
  void aPlainNameIsQuotedAsItIs() {
    assertThat(FileNames.contentDisposition("app-1.0.0.apk"))
        .isEqualTo("attachment; filename=\"app-1.0.0.apk\"");
  }

  @Test
  void quotesBackslashesAndLineBreaksCannotEscapeTheHeader() {
    String header = FileNames.contentDisposition("a\"b\\c\r\nSet-Cookie: x=1.apk");

    assertThat(header)
        .startsWith("attachment; filename=\"a_b_c__Set-Cookie__x_1.apk\"; filename*=UTF-8''")
        .doesNotContain("\r", "\n", "\\")
        .endsWith("a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1.apk");
  }

  @Test
  void aNonAsciiNameKeepsItsExactFormInTheExtendedParameter() {
    assertThat(FileNames.contentDisposition("приложение.apk"))
        .isEqualTo(
            "attachment; filename=\"__________.apk\"; filename*=UTF-8''"
                + "%D0%BF%D1%80%D0%B8%D0%BB%D0%BE%D0%B6%D0%B5%D0%BD%D0%B8%D0%B5.apk");
  }

  @Test
  void publisherNamesFollowTheReleaseFileNameRule() {
    assertThat(FileNames.isValid("app-1.0.0+1.apk")).isFalse();
    assertThat(FileNames.isValid("app-1.0.0_1.apk")).isTrue();
    assertThat(FileNames.isValid(".hidden")).isFalse();
    assertThat(FileNames.isValid("a".repeat(201))).isFalse();
  }
}
