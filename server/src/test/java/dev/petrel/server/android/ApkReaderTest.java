package dev.petrel.server.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.delta.zip.ZipSource;
import dev.petrel.server.archives.MalformedArchiveException;
import dev.petrel.server.archives.ZipDirectory;
import dev.petrel.server.testing.TestApk;
import dev.petrel.server.testing.TestSigner;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The APK reader on APKs built in the test, and on every kind of damage done to them. */
class ApkReaderTest {
  private static final TestSigner OLD = TestSigner.create("old");
  private static final TestSigner NEW = TestSigner.create("new");

  private static ApkInfo read(byte[] apk) throws IOException {
    return ApkInfo.read(ZipDirectory.read(ZipSource.of(apk)));
  }

  @Test
  void readsThePackageTheVersionCodeAndTheV2Signer() throws IOException {
    ApkInfo info = read(TestApk.signed("com.example.notes", 4_000_000_007L % 2_000_000_000, OLD));

    assertThat(info.packageName()).isEqualTo("com.example.notes");
    assertThat(info.versionCode()).isEqualTo(4_000_000_007L % 2_000_000_000);
    assertThat(info.signers()).isEqualTo(OLD.certificateSha256());
    assertThat(info.scheme()).isEqualTo(2);
  }

  @Test
  void prefersV3ThenV2ThenV1() throws IOException {
    ApkInfo v3 = read(TestApk.of("a.b", 1).v1(OLD).v2(OLD).v3(NEW).build());
    ApkInfo v2 = read(TestApk.of("a.b", 1).v1(NEW).v2(OLD).build());
    ApkInfo v1 = read(TestApk.of("a.b", 1).v1(NEW).build());

    assertThat(v3.scheme()).isEqualTo(3);
    assertThat(v3.signers()).isEqualTo(NEW.certificateSha256());
    assertThat(v2.scheme()).isEqualTo(2);
    assertThat(v2.signers()).isEqualTo(OLD.certificateSha256());
    assertThat(v1.scheme()).isEqualTo(1);
    assertThat(v1.signers()).isEqualTo(NEW.certificateSha256());
  }

  @Test
  void answersDamagedApksOnlyWithMalformedArchiveException() {
    byte[] apk = TestApk.of("com.example.notes", 3).v1(OLD).v2(OLD).v3(NEW).build();
    Random random = new Random(12);
    for (int round = 0; round < 3000; round++) {
      byte[] damaged =
          round % 10 == 0 ? Arrays.copyOf(apk, random.nextInt(apk.length)) : apk.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0 && round % 10 != 0; flips--) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      try {
        read(damaged);
      } catch (MalformedArchiveException expected) {
        // what a damaged APK may cause
      } catch (IOException | RuntimeException e) {
        throw new AssertionError("round " + round + " threw " + e, e);
      }
    }
  }
}
