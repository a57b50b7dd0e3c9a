package dev.petrel.client.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.codehaus.mojo.animal_sniffer.logging.Logger;

/**
 * Checks compiled classes against Animal Sniffer's Android 8 (API 26) signature, for the
 * AndroidApiTests of the client and client-android modules (shared through this module's test-jar).
 * The signature's file is named by the system property {@code petrel.android.signature}, which each
 * module's surefire configuration sets.
 */
public final class AndroidApiCheck {
  /** What D8 desugars or backports, so Android 8 need not have it. */
  private static final Set<String> DESUGARED =
      Set.of(
          "java/lang/Record",
          "java/lang/runtime/ObjectMethods",
          "java/lang/invoke/StringConcatFactory",
          "java/util/List",
          "java/util/Set");

  /**
   * The outcome of one check.
   *
   * @param errors one line per reference Android 8 lacks
   * @param signatureBroken whether the signature itself could not be read whole
   */
  public record Result(List<String> errors, boolean signatureBroken) {}

  private AndroidApiCheck() {}

  /**
   * Checks {@code classes}. Not looked up in the signature: what D8 desugars or backports (records'
   * {@code Record} and {@code ObjectMethods}, string concatenation, {@code List}/{@code Set}
   * factories) and the types {@code notInSignature} names (Animal Sniffer's patterns, such as
   * {@code dev/petrel/client/*}: our own classes, checked themselves, and libraries shipped with
   * the app). Methods annotated with {@code annotation} are not checked.
   */
  public static Result check(
      Collection<File> classes, Set<String> notInSignature, String annotation) throws IOException {
    Set<String> ignored = new HashSet<>(DESUGARED);
    ignored.addAll(notInSignature);
    List<String> errors = new ArrayList<>();
    SignatureChecker checker;
    try (InputStream signature = Files.newInputStream(signature())) {
      checker = new SignatureChecker(signature, ignored, new Collecting(errors));
    }
    checker.setSourcePath(List.of());
    checker.setAnnotationTypes(List.of(annotation));
    checker.process(classes.toArray(new File[0]));
    return new Result(errors, checker.isSignatureBroken());
  }

  /** The class files directly in {@code folder} whose file names {@code keep} accepts. */
  public static List<File> classFiles(Path folder, Predicate<String> keep) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".class"))
          .filter(file -> keep.test(file.getFileName().toString()))
          .map(Path::toFile)
          .collect(Collectors.toList());
    }
  }

  /** The API 26 signature, resolved by Maven as a test dependency (see the module's pom.xml). */
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
