package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.testing.AndroidApiCheck;
import dev.petrel.delta.PatchApplier;
import dev.petrel.protocol.ReleaseStatement;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client core ({@code dev.petrel.client} and {@code .internal}) and the protocol classes it
 * uses, and the patch applier ({@code dev.petrel.delta} and the {@code .zip} reader it uses, not
 * its generator), reference only classes and methods Android 8 (API 26) has, checked on the
 * compiled bytecode against Animal Sniffer's API 26 signature. Ignored: what Android's D8 desugars
 * or backports (records' {@code Record} and {@code ObjectMethods}, string concatenation, {@code
 * List.of}/{@code Set.of}/{@code List.copyOf}). Left out: the protocol classes only publishers use
 * (key generation and signing on the JDK's EdEC), and the JVM-only {@code desktop} and {@code
 * swing} packages.
 */
class AndroidApiTest {
  private static final Set<String> JDK_ONLY_PROTOCOL =
      Set.of("Ed25519", "ReleaseKeyPair", "ReleaseSigner", "ReleasePublicKey");
  private static final Set<String> NOT_IN_SIGNATURE =
      Set.of(
          // Our own classes are checked themselves, not looked up in the signature.
          "dev/petrel/protocol/*",
          "dev/petrel/client/*",
          "dev/petrel/client/internal/*",
          "dev/petrel/delta/*",
          "dev/petrel/delta/zip/*",
          // The xz library is pure Java and ships with the app; its own classes are not checked.
          "org/tukaani/xz/*");

  @TempDir Path dir;

  @Test
  void theCoreAndTheProtocolItUsesNeedNothingAndroid8Lacks() throws Exception {
    List<File> classes = new ArrayList<>();
    classes.addAll(coreClasses(location(Updater.class)));
    classes.addAll(protocolClasses(location(ReleaseStatement.class)));
    classes.addAll(classFilesIn(location(PatchApplier.class), "dev/petrel/delta", name -> true));
    classes.addAll(
        classFilesIn(location(PatchApplier.class), "dev/petrel/delta/zip", name -> true));
    AndroidApiCheck.Result result =
        AndroidApiCheck.check(classes, NOT_IN_SIGNATURE, SignatureChecker.ANNOTATION_FQN);

    assertThat(classes).hasSizeGreaterThan(80);
    assertThat(result.errors()).isEmpty();
    assertThat(result.signatureBroken()).isFalse();
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private List<File> coreClasses(Path root) throws IOException {
    List<File> files = new ArrayList<>();
    for (String pkg : List.of("dev/petrel/client", "dev/petrel/client/internal")) {
      files.addAll(classFilesIn(root, pkg, name -> true));
    }
    return files;
  }

  private List<File> protocolClasses(Path root) throws IOException {
    return classFilesIn(
        root,
        "dev/petrel/protocol",
        name -> !JDK_ONLY_PROTOCOL.contains(name.replaceAll("(\\$.*)?\\.class$", "")));
  }

  /** The class files directly in {@code pkg} of a classes folder or jar, copied out of a jar. */
  private List<File> classFilesIn(Path root, String pkg, java.util.function.Predicate<String> keep)
      throws IOException {
    if (Files.isDirectory(root)) {
      return AndroidApiCheck.classFiles(root.resolve(pkg), keep);
    }
    Path copy = dir.resolve(pkg.replace('/', '_'));
    Files.createDirectories(copy);
    try (FileSystem jar = FileSystems.newFileSystem(root, (ClassLoader) null);
        Stream<Path> entries = Files.list(jar.getPath(pkg))) {
      for (Path entry : entries.collect(Collectors.toList())) {
        if (entry.getFileName().toString().endsWith(".class")) {
          Files.copy(entry, copy.resolve(entry.getFileName().toString()));
        }
      }
    }
    return AndroidApiCheck.classFiles(copy, keep);
  }
}
