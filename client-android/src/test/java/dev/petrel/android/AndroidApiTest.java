package dev.petrel.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.testing.AndroidApiCheck;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/**
 * This module's bytecode references only classes, methods and fields Android 8 (API 26) has,
 * checked against Animal Sniffer's API 26 signature — except in methods marked {@code @SinceApi},
 * which run only behind an SDK check. Ignored as in the core's check: what Android's D8 desugars
 * (records, string concatenation, {@code List.of}/{@code Set.of}), and our own classes, which are
 * checked themselves (the core by the client module's AndroidApiTest). The checking itself is the
 * client module's {@code AndroidApiCheck}, from its test-jar.
 */
public class AndroidApiTest {
  private static final Set<String> NOT_IN_SIGNATURE =
      Set.of(
          "dev/petrel/android/*",
          "dev/petrel/android/internal/*",
          "dev/petrel/client/*",
          "dev/petrel/client/internal/*");

  @Test
  public void thisModuleNeedsNothingAndroid8LacksOutsideSinceApiMethods() throws Exception {
    Path root =
        Path.of(PetrelAndroid.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<File> classes = new ArrayList<>();
    classes.addAll(AndroidApiCheck.classFiles(root.resolve("dev/petrel/android"), name -> true));
    classes.addAll(
        AndroidApiCheck.classFiles(root.resolve("dev/petrel/android/internal"), name -> true));

    AndroidApiCheck.Result result =
        AndroidApiCheck.check(classes, NOT_IN_SIGNATURE, "dev.petrel.android.internal.SinceApi");

    assertThat(classes).hasSizeGreaterThan(15);
    assertThat(result.errors()).isEmpty();
    assertThat(result.signatureBroken()).isFalse();
  }
}
