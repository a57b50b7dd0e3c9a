package dev.petrel.delta.generate;

/**
 * Suffix arrays by induced sorting (SA-IS, Nong, Zhang and Chan 2009): linear time, and about 5.2
 * bytes of memory per input byte (the array itself plus type bits and the recursion, which reuses
 * the array's own space).
 */
final class SuffixArray {
  private SuffixArray() {}

  /**
   * The suffix array of {@code text} with the empty suffix first: {@code result[0] == text.length},
   * and {@code result[1..]} the start of every suffix in lexicographic order of the unsigned bytes.
   */
  static int[] of(byte[] text) {
    int n = text.length + 1;
    int[] sa = new int[n];
    if (n == 1) {
      return sa;
    }
    sort(new ByteText(text), sa, n, 256);
    return sa;
  }

  /** A string whose last symbol is a unique smallest sentinel 0. */
  private interface Text {
    int at(int i);
  }

  /** Bytes shifted up by one, with the sentinel appended. */
  private record ByteText(byte[] bytes) implements Text {
    @Override
    public int at(int i) {
      return i == bytes.length ? 0 : (bytes[i] & 0xff) + 1;
    }
  }

  /** The reduced string, stored in the tail of the parent's suffix array. */
  private record IntText(int[] array, int offset) implements Text {
    @Override
    public int at(int i) {
      return array[offset + i];
    }
  }

  private static void sort(Text s, int[] sa, int n, int k) {
    byte[] types = classify(s, n);
    int[] buckets = new int[k + 1];
    bucketEnds(s, buckets, n, k, true);
    java.util.Arrays.fill(sa, 0, n, -1);
    for (int i = 1; i < n; i++) {
      if (isLms(types, i)) {
        sa[--buckets[s.at(i)]] = i;
      }
    }
    induce(s, types, sa, buckets, n, k);
    int n1 = compactLms(types, sa, n);
    int names = nameLms(s, types, sa, n, n1);
    int offset = n - n1;
    if (names < n1) {
      sort(new IntText(sa, offset), sa, n1, names - 1);
    } else {
      for (int i = 0; i < n1; i++) {
        sa[sa[offset + i]] = i;
      }
    }
    placeSortedLms(s, types, sa, buckets, n, k, n1, offset);
    induce(s, types, sa, buckets, n, k);
  }

  /** Bit i set when suffix i is S-type (smaller than the suffix after it). */
  private static byte[] classify(Text s, int n) {
    byte[] types = new byte[n / 8 + 1];
    setType(types, n - 1, true);
    if (n >= 2) {
      setType(types, n - 2, false);
    }
    for (int i = n - 3; i >= 0; i--) {
      int a = s.at(i);
      int b = s.at(i + 1);
      setType(types, i, a < b || (a == b && isS(types, i + 1)));
    }
    return types;
  }

  private static void induce(Text s, byte[] types, int[] sa, int[] buckets, int n, int k) {
    bucketEnds(s, buckets, n, k, false);
    for (int i = 0; i < n; i++) {
      int j = sa[i] - 1;
      if (j >= 0 && !isS(types, j)) {
        sa[buckets[s.at(j)]++] = j;
      }
    }
    bucketEnds(s, buckets, n, k, true);
    for (int i = n - 1; i >= 0; i--) {
      int j = sa[i] - 1;
      if (j >= 0 && isS(types, j)) {
        sa[--buckets[s.at(j)]] = j;
      }
    }
  }

  private static int compactLms(byte[] types, int[] sa, int n) {
    int n1 = 0;
    for (int i = 0; i < n; i++) {
      if (isLms(types, sa[i])) {
        sa[n1++] = sa[i];
      }
    }
    return n1;
  }

  /** Names the sorted LMS substrings and moves the names, in text order, to sa's tail. */
  private static int nameLms(Text s, byte[] types, int[] sa, int n, int n1) {
    java.util.Arrays.fill(sa, n1, n, -1);
    int name = 0;
    int prev = -1;
    for (int i = 0; i < n1; i++) {
      int pos = sa[i];
      if (prev < 0 || !sameLmsSubstring(s, types, pos, prev, n)) {
        name++;
        prev = pos;
      }
      sa[n1 + pos / 2] = name - 1;
    }
    for (int i = n - 1, j = n - 1; i >= n1; i--) {
      if (sa[i] >= 0) {
        sa[j--] = sa[i];
      }
    }
    return name;
  }

  private static boolean sameLmsSubstring(Text s, byte[] types, int a, int b, int n) {
    for (int d = 0; d < n; d++) {
      if (a + d >= n || b + d >= n) {
        return false;
      }
      if (s.at(a + d) != s.at(b + d) || isS(types, a + d) != isS(types, b + d)) {
        return false;
      }
      if (d > 0 && (isLms(types, a + d) || isLms(types, b + d))) {
        return isLms(types, a + d) && isLms(types, b + d);
      }
    }
    return false;
  }

  private static void placeSortedLms(
      Text s, byte[] types, int[] sa, int[] buckets, int n, int k, int n1, int offset) {
    for (int i = 1, j = 0; i < n; i++) {
      if (isLms(types, i)) {
        sa[offset + j++] = i;
      }
    }
    for (int i = 0; i < n1; i++) {
      sa[i] = sa[offset + sa[i]];
    }
    java.util.Arrays.fill(sa, n1, n, -1);
    bucketEnds(s, buckets, n, k, true);
    for (int i = n1 - 1; i >= 0; i--) {
      int j = sa[i];
      sa[i] = -1;
      sa[--buckets[s.at(j)]] = j;
    }
  }

  private static void bucketEnds(Text s, int[] buckets, int n, int k, boolean ends) {
    java.util.Arrays.fill(buckets, 0, k + 1, 0);
    for (int i = 0; i < n; i++) {
      buckets[s.at(i)]++;
    }
    int sum = 0;
    for (int i = 0; i <= k; i++) {
      sum += buckets[i];
      buckets[i] = ends ? sum : sum - buckets[i];
    }
  }

  private static boolean isLms(byte[] types, int i) {
    return i > 0 && isS(types, i) && !isS(types, i - 1);
  }

  private static boolean isS(byte[] types, int i) {
    return (types[i >> 3] & (1 << (i & 7))) != 0;
  }

  private static void setType(byte[] types, int i, boolean s) {
    if (s) {
      types[i >> 3] |= (byte) (1 << (i & 7));
    } else {
      types[i >> 3] &= (byte) ~(1 << (i & 7));
    }
  }
}
