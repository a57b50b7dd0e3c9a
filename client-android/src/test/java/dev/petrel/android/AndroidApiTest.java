package dev.petrel.android;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.codehaus.mojo.animal_sniffer.logging.Logger;
import org.junit.Test;

/**
 * This module's bytecode references only classes, methods and fields Android 8 (API 26) has,
 * checked against Animal Sniffer's API 26 signature — except in methods marked {@code @SinceApi},
 * which run only behind an SDK check. Ignored as in the core's check: what Android's D8 desugars
 * (records, string concatenation, {@code List.of}/{@code Set.of}), and our own classes, which are
 * checked themselves (the core by the client module's AndroidApiTest).
 */
public class AndroidApiTest {
  private static final Set<String> DESUGARED =
      Set.of(
          "java/lang/Record",
          "java/lang/runtime/ObjectMethods",
          "java/lang/invoke/StringConcatFactory",
          "java/util/List",
          "java/util/Set",
          "dev/petrel/android/*",
          "dev/petrel/android/internal/*",
          "dev/petrel/client/*",
          "dev/petrel/client/internal/*");

  @Test
  public void thisModuleNeedsNothingAndroid8LacksOutsideSinceApiMethods() throws Exception {
    Path root =
        Path.of(PetrelAndroid.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<File> classes = new ArrayList<>();
    classes.addAll(classFiles(root.resolve("dev/petrel/android")));
    classes.addAll(classFiles(root.resolve("dev/petrel/android/internal")));
    List<String> errors = new ArrayList<>();
    SignatureChecker checker;
    try (InputStream signature = Files.newInputStream(signature())) {
      checker = new SignatureChecker(signature, DESUGARED, new Collecting(errors));
    }
    checker.setSourcePath(List.of());
    checker.setAnnotationTypes(List.of("dev.petrel.android.internal.SinceApi"));

    checker.process(classes.toArray(new File[0]));

    assertThat(classes).hasSizeGreaterThan(15);
    assertThat(errors).isEmpty();
    assertThat(checker.isSignatureBroken()).isFalse();
  }

  private static List<File> classFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".class"))
          .map(Path::toFile)
          .collect(Collectors.toList());
    }
  }

  /** The API 26 signature, resolved by Maven as a test dependency (see client-android/pom.xml). */
  private static Path signature() {
    String file = System.getProperty("petrel.android.signature");
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      throw new IllegalStateException("the android-api-level-26 signature is missing: " + file);
    }
    return Path.of(file);
  }

  /** Keeps the checker's errors. */
  private static final class Collecting implements Logger {
    private final List<String> errors;

    Collecting(List<String> errors) {
      this.errors = errors;
    }

    @Override
    public void info(String message) {}

    @Override
    public void info(String message, Throwable t) {}

    @Override
    public void debug(String message) {}

    @Override
    public void debug(String message, Throwable t) {}

    @Override
    public void warn(String message) {}

    @Override
    public void warn(String message, Throwable t) {}

    @Override
    public void error(String message) {
      errors.add(message);
    }

    @Override
    public void error(String message, Throwable t) {
      errors.add(message);
    }
  }
}
