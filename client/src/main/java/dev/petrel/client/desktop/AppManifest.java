package dev.petrel.client.desktop;

import dev.petrel.client.desktop.internal.JsonObject;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.Version;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one installed version is started: the {@value #FILE_NAME} file at the top of {@code
 * versions/<version>/}, shipped inside the release archive. Example:
 *
 * <pre>{@code
 * {"version": "1.0.1", "version_code": 5, "main_class": "com.example.Main",
 *  "class_path": ["app.jar", "lib/*"], "jvm_options": ["-Xmx256m"], "arguments": []}
 * }</pre>
 *
 * {@code version} and {@code version_code} must equal the signed release's; class path entries are
 * relative to the version directory ({@code /}-separated, no {@code ..}, a trailing {@code *} means
 * every jar of that folder, {@code .} the version directory itself); JVM options must start with
 * {@code -} and may not set the class path ({@code -cp}, {@code -jar}: the launcher builds those).
 * Immutable.
 *
 * @param version the version this directory holds
 * @param versionCode its version code
 * @param mainClass the fully qualified main class
 * @param classPath class path entries relative to the version directory, 1..256
 * @param jvmOptions options passed to {@code java} before the main class, 0..64
 * @param arguments arguments passed to the main class, 0..64
 */
public record AppManifest(
    String version,
    long versionCode,
    String mainClass,
    List<String> classPath,
    List<String> jvmOptions,
    List<String> arguments) {
  /** The manifest's file name inside a version directory. */
  public static final String FILE_NAME = "petrel-app.json";

  private static final int MAX_BYTES = 64 * 1024;
  private static final Pattern MAIN_CLASS =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  private static final Pattern CLASS_PATH_ENTRY =
      Pattern.compile(
          "([A-Za-z0-9_.+@=-][A-Za-z0-9_.+@= -]*/)*([A-Za-z0-9_.+@=-][A-Za-z0-9_.+@= -]*|\\*)");
  private static final Set<String> RESERVED_OPTIONS =
      Set.of("-cp", "-classpath", "--class-path", "-jar", "--module-path", "-p", "-m", "--module");

  /** Validates every field; see the class comment. */
  public AppManifest {
    Version.parse("version", version);
    if (versionCode < 1 || versionCode > 9_007_199_254_740_991L) {
      throw new InvalidValueException(
          "version_code", "version_code: expected 1..2^53-1, got " + versionCode);
    }
    if (mainClass == null || mainClass.length() > 255 || !MAIN_CLASS.matcher(mainClass).matches()) {
      throw new InvalidValueException(
          "main_class",
          "main_class: expected a Java class name like com.example.Main, got " + mainClass);
    }
    classPath = List.copyOf(classPath);
    jvmOptions = List.copyOf(jvmOptions);
    arguments = List.copyOf(arguments);
    if (classPath.isEmpty()) {
      throw new InvalidValueException("class_path", "class_path: expected at least one entry");
    }
    for (String entry : classPath) {
      requireInside(entry);
    }
    for (String option : jvmOptions) {
      requireOption(option);
    }
  }

  /** Reads and validates {@code versionDir/petrel-app.json}. */
  public static AppManifest read(Path versionDir) throws IOException {
    Path file = versionDir.resolve(FILE_NAME);
    if (Files.size(file) > MAX_BYTES) {
      throw new InvalidValueException(
          FILE_NAME, file + ": expected at most " + MAX_BYTES + " bytes");
    }
    return parse(file.toString(), Files.readAllBytes(file));
  }

  /** Parses and validates a manifest; {@code what} names it in errors (e.g. its path). */
  public static AppManifest parse(String what, byte[] json) {
    JsonObject object = JsonObject.parse(what, json);
    String version = object.string("version", Version.MAX_LENGTH);
    try {
      AppManifest manifest =
          new AppManifest(
              version,
              object.integer("version_code", 1, 9_007_199_254_740_991L),
              object.string("main_class", 255),
              object.strings("class_path", 256, 512),
              object.strings("jvm_options", 64, 1024),
              object.strings("arguments", 64, 1024));
      object.requireNoOtherKeys();
      return manifest;
    } catch (InvalidValueException e) {
      if (e.getMessage().startsWith(what)) {
        throw e;
      }
      throw new InvalidValueException(e.field(), what + ": " + e.getMessage());
    }
  }

  /**
   * The command that starts this version: {@code java} options, the launcher's system properties,
   * the class path resolved against {@code versionDir}, the main class, then the arguments.
   */
  public List<String> command(
      Path javaExecutable, Path versionDir, List<String> launcherProperties) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable.toString());
    command.addAll(jvmOptions);
    command.addAll(launcherProperties);
    command.add("-cp");
    List<String> entries = new ArrayList<>();
    for (String entry : classPath) {
      entries.add(versionDir.toAbsolutePath().resolve(entry).toString());
    }
    command.add(String.join(File.pathSeparator, entries));
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  private static void requireInside(String entry) {
    if (entry.equals(".")) {
      return; // the version folder itself, for an unpacked jar
    }
    boolean traverses = false;
    for (String segment : entry.split("/", -1)) {
      traverses |= segment.equals("..") || segment.equals(".") || segment.isEmpty();
    }
    if (entry.length() > 512 || traverses || !CLASS_PATH_ENTRY.matcher(entry).matches()) {
      throw new InvalidValueException(
          "class_path",
          "class_path: expected a path relative to the version directory without '..', like"
              + " app.jar or lib/*, got '"
              + entry
              + "'");
    }
  }

  private static void requireOption(String option) {
    String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
    if (!option.startsWith("-") || option.length() > 1024 || RESERVED_OPTIONS.contains(name)) {
      throw new InvalidValueException(
          "jvm_options",
          "jvm_options: expected options starting with '-' other than -cp/-classpath/-jar/module"
              + " options (the launcher sets the class path), got '"
              + option
              + "'");
    }
  }
}
