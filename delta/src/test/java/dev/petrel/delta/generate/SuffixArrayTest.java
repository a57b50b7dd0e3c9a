package dev.petrel.delta.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SuffixArrayTest {

  @Test
  void matchesANaiveSortOnRandomTextsOverSmallAndFullAlphabets() {
    Random random = new Random(42);
    for (int round = 0; round < 400; round++) {
      int length = random.nextInt(300);
      int alphabet = 1 + random.nextInt(round % 2 == 0 ? 3 : 256);
      byte[] text = new byte[length];
      for (int i = 0; i < length; i++) {
        text[i] = (byte) (random.nextInt(alphabet) + (alphabet < 4 ? 250 : 0));
      }
      assertThat(SuffixArray.of(text)).as("text %s", Arrays.toString(text)).isEqualTo(naive(text));
    }
  }

  @Test
  void handlesTheEmptyTextAndLongRuns() {
    assertThat(SuffixArray.of(new byte[0])).containsExactly(0);
    byte[] zeros = new byte[5000];
    assertThat(SuffixArray.of(zeros)).isEqualTo(naive(zeros));
    byte[] periodic = new byte[4096];
    for (int i = 0; i < periodic.length; i++) {
      periodic[i] = (byte) "abcab".charAt(i % 5);
    }
    assertThat(SuffixArray.of(periodic)).isEqualTo(naive(periodic));
  }

  private static int[] naive(byte[] text) {
    Comparator<Integer> bySuffix =
        (a, b) -> Arrays.compareUnsigned(text, a, text.length, text, b, text.length);
    return IntStream.rangeClosed(0, text.length)
        .boxed()
        .sorted(bySuffix)
        .mapToInt(i -> i)
        .toArray();
  }
}
