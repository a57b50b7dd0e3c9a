package dev.petrel.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a small IPA in a test: {@code Payload/Runner.app/} with an {@code Info.plist}, written as
 * Xcode writes it (binary, {@code bplist00}) or as XML, and a placeholder executable.
 */
public final class TestIpa {
  private TestIpa() {}

  /** The Info.plist keys of an app. */
  public static Map<String, String> info(String bundleId, String shortVersion, String build) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("CFBundleIdentifier", bundleId);
    info.put("CFBundleShortVersionString", shortVersion);
    info.put("CFBundleVersion", build);
    info.put("CFBundleDisplayName", "Field Notes");
    info.put("CFBundleName", "Runner");
    return info;
  }

  /** An IPA whose Info.plist is binary. */
  public static byte[] binary(Map<String, String> info) {
    return ipa(binaryPlist(info));
  }

  /** An IPA whose Info.plist is XML. */
  public static byte[] xml(Map<String, String> info) {
    return ipa(xmlPlist(info));
  }

  private static byte[] ipa(byte[] plist) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("Payload/Runner.app/Info.plist"));
      out.write(plist);
      out.closeEntry();
      out.putNextEntry(new ZipEntry("Payload/Runner.app/Runner"));
      out.write(new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe, 7, 0, 0, 1});
      out.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static byte[] xmlPlist(Map<String, String> info) {
    StringBuilder xml =
        new StringBuilder(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
            """);
    info.forEach(
        (key, value) ->
            xml.append("  <key>")
                .append(key)
                .append("</key>\n  <string>")
                .append(value)
                .append("</string>\n"));
    xml.append("  <key>LSRequiresIPhoneOS</key>\n  <true/>\n</dict>\n</plist>\n");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A {@code bplist00} of one dict of ASCII strings: object 0 is the dict, then the keys, then the
   * values, with two-byte offsets and one-byte references.
   */
  public static byte[] binaryPlist(Map<String, String> info) {
    List<String> strings = new ArrayList<>(info.keySet());
    strings.addAll(info.values());
    int count = 1 + strings.size();
    ByteArrayOutputStream objects = new ByteArrayOutputStream();
    objects.writeBytes("bplist00".getBytes(StandardCharsets.US_ASCII));
    int[] offsets = new int[count];
    offsets[0] = objects.size();
    objects.write(0xD0 | info.size()); // fewer than 15 entries here
    for (int i = 1; i < count; i++) {
      objects.write(i);
    }
    for (int i = 0; i < strings.size(); i++) {
      offsets[i + 1] = objects.size();
      byte[] ascii = strings.get(i).getBytes(StandardCharsets.US_ASCII);
      if (ascii.length < 15) {
        objects.write(0x50 | ascii.length);
      } else {
        objects.write(0x5F);
        objects.write(0x10);
        objects.write(ascii.length);
      }
      objects.writeBytes(ascii);
    }
    int table = objects.size();
    for (int offset : offsets) {
      objects.write(offset >> 8);
      objects.write(offset & 0xff);
    }
    ByteBuffer trailer = ByteBuffer.allocate(32);
    trailer.position(6);
    trailer.put((byte) 2).put((byte) 1).putLong(count).putLong(0).putLong(table);
    objects.writeBytes(trailer.array());
    return objects.toByteArray();
  }
}
