package dev.petrel.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Desktop app archives and directories for the {@code petrel update} and launch tests. */
final class DesktopApps {
  private DesktopApps() {}

  /** A release archive of {@link LaunchedApp} as {@code version}/{@code code}. */
  static Path archive(Path file, String version, long code) throws IOException {
    String manifest =
        """
        {"version":"%s","version_code":%d,"main_class":"dev.petrel.cli.LaunchedApp",
         "class_path":["classes"],"jvm_options":["-Xshare:auto","-Xmx32m"],"arguments":[]}
        """
            .formatted(version, code);
    byte[] appClass;
    try (var in = LaunchedApp.class.getResourceAsStream("LaunchedApp.class")) {
      appClass = in.readAllBytes();
    }
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("petrel-app.json"));
      zip.write(manifest.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("classes/dev/petrel/cli/LaunchedApp.class"));
      zip.write(appClass);
      zip.putNextEntry(new ZipEntry("README.txt"));
      zip.write(("version " + version + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  /** An app directory whose current version is {@code version}, unpacked from its archive. */
  static Path appDir(Path root, String version, long code) throws IOException {
    Path archive = archive(Files.createTempFile(root.getParent(), "first", ".zip"), version, code);
    Path versionDir = Files.createDirectories(root.resolve("versions").resolve(version));
    try (var zip = new java.util.zip.ZipFile(archive.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        Path target = versionDir.resolve(entry.getName());
        Files.createDirectories(target.getParent());
        try (var in = zip.getInputStream(entry)) {
          Files.copy(in, target);
        }
      }
    }
    Files.writeString(root.resolve("current"), version + "\n");
    return root;
  }
}
