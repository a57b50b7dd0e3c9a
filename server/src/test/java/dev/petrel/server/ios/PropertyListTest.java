package dev.petrel.server.ios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.server.archives.MalformedArchiveException;
import dev.petrel.server.testing.TestIpa;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Binary and XML property lists, and hostile ones. */
class PropertyListTest {
  private static final Map<String, String> INFO =
      TestIpa.info("com.example.fieldnotes", "1.2.0", "12");

  @Test
  void readsTheSameDictionaryFromBothForms() {
    Object binary = PropertyList.parse(TestIpa.binaryPlist(INFO));
    Object xml = PropertyList.parse(TestIpa.xmlPlist(INFO));

    assertThat(binary).isEqualTo(INFO);
    assertThat(xml).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) xml;
    INFO.forEach((key, value) -> assertThat(map.get(key)).as(key).isEqualTo(value));
    assertThat(map.get("LSRequiresIPhoneOS")).isEqualTo(true);
  }

  @Test
  void refusesAnExternalEntityInsteadOfReadingIt() {
    byte[] hostile =
        """
        <?xml version="1.0"?>
        <!DOCTYPE plist [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <plist version="1.0"><dict><key>CFBundleIdentifier</key><string>&secret;</string></dict></plist>
        """
            .getBytes(StandardCharsets.UTF_8);

    Object parsed;
    try {
      parsed = PropertyList.parse(hostile);
    } catch (MalformedArchiveException refused) {
      return;
    }
    assertThat(((Map<?, ?>) parsed).get("CFBundleIdentifier").toString()).doesNotContain("root:");
  }

  @Test
  void refusesReferencesThatWouldExpandExponentially() {
    // 40 arrays, each holding the next one twice: 2^40 objects to read if nothing stopped it.
    int count = 41;
    ByteBuffer objects = ByteBuffer.allocate(8 + count * 3 + count + 32);
    objects.put("bplist00".getBytes(StandardCharsets.US_ASCII));
    int[] offsets = new int[count];
    for (int i = 0; i < count - 1; i++) {
      offsets[i] = objects.position();
      objects.put((byte) 0xA2).put((byte) (i + 1)).put((byte) (i + 1));
    }
    offsets[count - 1] = objects.position();
    objects.put((byte) 0x09);
    int table = objects.position();
    for (int offset : offsets) {
      objects.put((byte) offset);
    }
    objects.position(objects.position() + 6);
    objects.put((byte) 1).put((byte) 1).putLong(count).putLong(0).putLong(table);
    byte[] bomb = Arrays.copyOf(objects.array(), objects.position());

    assertThatThrownBy(() -> PropertyList.parse(bomb))
        .isInstanceOf(MalformedArchiveException.class)
        .hasMessageContaining("objects to read");
  }

  @Test
  void answersDamagedBinaryListsOnlyWithMalformedArchiveException() {
    byte[] plist = TestIpa.binaryPlist(INFO);
    Random random = new Random(7);
    for (int round = 0; round < 5000; round++) {
      byte[] damaged = plist.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        damaged[8 + random.nextInt(damaged.length - 8)] = (byte) random.nextInt(256);
      }
      try {
        PropertyList.parse(damaged);
      } catch (MalformedArchiveException expected) {
        // what a damaged list may cause
      } catch (RuntimeException e) {
        throw new AssertionError("round " + round + " threw " + e, e);
      }
    }
  }
}
