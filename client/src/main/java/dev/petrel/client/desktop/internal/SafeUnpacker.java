package dev.petrel.client.desktop.internal;

import dev.petrel.client.desktop.ArchiveLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip (or jar) into an empty folder, refusing anything that could write outside it or
 * without bound: {@code ..} segments, backslashes (so {@code ..\} never becomes a traversal on
 * Windows), absolute paths and drive letters, symbolic links whose target leaves the folder,
 * duplicate entries, more entries or bytes than {@link ArchiveLimits} allow. Bytes are counted as
 * they are written; an entry that inflates past its declared size is refused at that byte. Every
 * file is fsynced. On failure the caller deletes the folder.
 */
public final class SafeUnpacker {
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
  private static final int MAX_NAME_LENGTH = 1024;
  private static final int BUFFER = 64 * 1024;

  private final ArchiveLimits limits;
  private long written;

  public SafeUnpacker(ArchiveLimits limits) {
    this.limits = limits;
  }

  /**
   * Unpacks {@code archive} into {@code target}, which must be an empty folder.
   *
   * @throws ArchiveException naming the entry and the rule it broke
   */
  public void unpack(Path archive, Path target) throws IOException {
    List<CentralDirectory.Entry> directory = CentralDirectory.read(archive, limits.maxEntries());
    Set<String> paths = new HashSet<>();
    for (CentralDirectory.Entry entry : directory) {
      checkName(entry.name());
      if (!paths.add(stripSlash(entry.name()))) {
        throw new ArchiveException("duplicate entry '" + entry.name() + "'");
      }
    }
    List<String[]> links = new ArrayList<>();
    try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
      checkSameDirectory(zip, directory);
      long declared = 0;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        declared += Math.max(0, entries.nextElement().getSize());
        if (declared > limits.maxTotalBytes()) {
          throw overLimit();
        }
      }
      entries = zip.entries();
      for (int i = 0; entries.hasMoreElements(); i++) {
        ZipEntry entry = entries.nextElement();
        Path path = resolve(target, entry.getName());
        if (directory.get(i).symlink()) {
          links.add(new String[] {entry.getName(), readLinkTarget(zip, entry)});
        } else if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          copy(zip, entry, path);
          CrashPoints.reach("unpacked-one-file");
        }
      }
    } catch (ZipException e) {
      throw new ArchiveException("not a readable zip archive: " + e.getMessage(), e);
    }
    createLinks(target, links);
  }

  private void copy(ZipFile zip, ZipEntry entry, Path path) throws IOException {
    long declared = entry.getSize();
    long entryBytes = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = zip.getInputStream(entry);
        FileChannel channel =
            FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        entryBytes += n;
        written += n;
        if (declared >= 0 && entryBytes > declared) {
          throw new ArchiveException(
              "entry '" + entry.getName() + "' expands beyond its declared " + declared + " bytes");
        }
        if (written > limits.maxTotalBytes()) {
          throw overLimit();
        }
        out.write(buffer, 0, n);
      }
      channel.force(true);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new ArchiveException(
          "entry '" + entry.getName() + "' collides with an earlier entry on this file system");
    }
  }

  private String readLinkTarget(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes(MAX_NAME_LENGTH + 1);
      if (bytes.length > MAX_NAME_LENGTH) {
        throw new ArchiveException("link '" + entry.getName() + "' has an overlong target");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Links come last, so no file is ever written through one; each must resolve inside. */
  private static void createLinks(Path target, List<String[]> links) throws IOException {
    Path root = target.toRealPath();
    for (String[] link : links) {
      Path path = resolve(target, link[0]);
      String linkTarget = link[1];
      Path lexical = path.getParent().resolve(linkTarget).normalize();
      if (linkTarget.isEmpty()
          || linkTarget.startsWith("/")
          || linkTarget.contains("\\")
          || DRIVE.matcher(linkTarget).matches()
          || !lexical.startsWith(target)) {
        throw new ArchiveException(
            "link '" + link[0] + "' points outside the version folder: '" + linkTarget + "'");
      }
      Files.createDirectories(path.getParent());
      Files.createSymbolicLink(path, Path.of(linkTarget));
    }
    for (String[] link : links) {
      Path path = resolve(target, link[0]);
      Path resolved =
          Files.exists(path) ? path.toRealPath() : path.getParent().toRealPath().resolve(link[1]);
      if (!resolved.normalize().startsWith(root)) {
        throw new ArchiveException("link '" + link[0] + "' resolves outside the version folder");
      }
    }
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new ArchiveException("entry name of " + name.length() + " characters refused");
    }
    if (name.indexOf('\\') >= 0) {
      throw new ArchiveException("entry '" + name + "' contains a backslash");
    }
    if (name.startsWith("/") || DRIVE.matcher(name).matches() || name.indexOf(':') >= 0) {
      throw new ArchiveException("entry '" + name + "' is an absolute path");
    }
    if (name.indexOf('\0') >= 0) {
      throw new ArchiveException("entry name contains a NUL character");
    }
    String[] segments = stripSlash(name).split("/", -1);
    for (String segment : segments) {
      if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
        throw new ArchiveException("entry '" + name + "' has a '" + segment + "' path segment");
      }
    }
  }

  private static Path resolve(Path target, String name) {
    Path path = target.resolve(stripSlash(name)).normalize();
    if (!path.startsWith(target) || path.equals(target)) {
      throw new ArchiveException("entry '" + name + "' leaves the version folder");
    }
    return path;
  }

  private static String stripSlash(String name) {
    return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
  }

  private static void checkSameDirectory(ZipFile zip, List<CentralDirectory.Entry> directory) {
    List<String> names = new ArrayList<>();
    zip.stream().forEach(entry -> names.add(entry.getName()));
    List<String> expected = new ArrayList<>();
    directory.forEach(entry -> expected.add(entry.name()));
    if (!names.equals(expected)) {
      throw new ArchiveException("the archive's central directory is inconsistent");
    }
  }

  private ArchiveException overLimit() {
    return new ArchiveException(
        "archive expands past the limit of " + limits.maxTotalBytes() + " bytes");
  }
}
