package dev.petrel.delta.generate;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bsdiff algorithm (Percival, "Naive differences of executable code", 2003) over whole byte
 * arrays: finds approximate matches of the new bytes in the old through a suffix array, and emits
 * control triples (add, copy, seek), the byte-wise differences of the matched regions (mostly
 * zeros, so they compress well) and the new bytes no match covers.
 */
final class BsDiff {
  private final byte[] old;
  private final byte[] young;
  private final int[] suffixes;
  private int matchPosition;

  private BsDiff(byte[] old, byte[] young) {
    this.old = old;
    this.young = young;
    this.suffixes = SuffixArray.of(old);
  }

  /** Writes the three streams of the diff from {@code old} to {@code young}. */
  static void diff(
      byte[] old, byte[] young, DataOutputStream control, OutputStream diff, OutputStream extra)
      throws IOException {
    new BsDiff(old, young).run(control, diff, extra);
  }

  private void run(DataOutputStream control, OutputStream diff, OutputStream extra)
      throws IOException {
    int oldSize = old.length;
    int newSize = young.length;
    int scan = 0;
    int len = 0;
    int pos = 0;
    int lastScan = 0;
    int lastPos = 0;
    int lastOffset = 0;
    byte[] buffer = new byte[64 * 1024];
    while (scan < newSize) {
      int oldScore = 0;
      int scsc = scan += len;
      for (; scan < newSize; scan++) {
        len = search(scan);
        pos = matchPosition;
        for (; scsc < scan + len; scsc++) {
          if (scsc + lastOffset < oldSize && old[scsc + lastOffset] == young[scsc]) {
            oldScore++;
          }
        }
        if ((len == oldScore && len != 0) || len > oldScore + 8) {
          break;
        }
        if (scan + lastOffset < oldSize && old[scan + lastOffset] == young[scan]) {
          oldScore--;
        }
      }
      if (len != oldScore || scan == newSize) {
        int lenF = forwardExtension(lastScan, lastPos, scan);
        int lenB = scan < newSize ? backwardExtension(lastScan, scan, pos) : 0;
        if (lastScan + lenF > scan - lenB) {
          int overlap = (lastScan + lenF) - (scan - lenB);
          int lenS = overlapSplit(lastScan, lastPos, lenF, scan, pos, lenB, overlap);
          lenF += lenS - overlap;
          lenB -= lenS;
        }
        writeDiff(diff, lastScan, lastPos, lenF, buffer);
        int extraLength = (scan - lenB) - (lastScan + lenF);
        extra.write(young, lastScan + lenF, extraLength);
        control.writeLong(lenF);
        control.writeLong(extraLength);
        control.writeLong((long) (pos - lenB) - (lastPos + lenF));
        lastScan = scan - lenB;
        lastPos = pos - lenB;
        lastOffset = pos - scan;
      }
    }
  }

  private int forwardExtension(int lastScan, int lastPos, int scan) {
    int s = 0;
    int best = 0;
    int lenF = 0;
    for (int i = 0; lastScan + i < scan && lastPos + i < old.length; ) {
      if (old[lastPos + i] == young[lastScan + i]) {
        s++;
      }
      i++;
      if (s * 2 - i > best * 2 - lenF) {
        best = s;
        lenF = i;
      }
    }
    return lenF;
  }

  private int backwardExtension(int lastScan, int scan, int pos) {
    int s = 0;
    int best = 0;
    int lenB = 0;
    for (int i = 1; scan >= lastScan + i && pos >= i; i++) {
      if (old[pos - i] == young[scan - i]) {
        s++;
      }
      if (s * 2 - i > best * 2 - lenB) {
        best = s;
        lenB = i;
      }
    }
    return lenB;
  }

  private int overlapSplit(
      int lastScan, int lastPos, int lenF, int scan, int pos, int lenB, int overlap) {
    int s = 0;
    int best = 0;
    int lenS = 0;
    for (int i = 0; i < overlap; i++) {
      if (young[lastScan + lenF - overlap + i] == old[lastPos + lenF - overlap + i]) {
        s++;
      }
      if (young[scan - lenB + i] == old[pos - lenB + i]) {
        s--;
      }
      if (s > best) {
        best = s;
        lenS = i + 1;
      }
    }
    return lenS;
  }

  private void writeDiff(OutputStream diff, int lastScan, int lastPos, int lenF, byte[] buffer)
      throws IOException {
    for (int done = 0; done < lenF; ) {
      int n = Math.min(buffer.length, lenF - done);
      for (int i = 0; i < n; i++) {
        buffer[i] = (byte) (young[lastScan + done + i] - old[lastPos + done + i]);
      }
      diff.write(buffer, 0, n);
      done += n;
    }
  }

  /** The longest match of young[from..] in old; its old position is left in matchPosition. */
  private int search(int from) {
    int start = 0;
    int end = old.length;
    while (end - start >= 2) {
      int middle = start + (end - start) / 2;
      if (compare(suffixes[middle], from) < 0) {
        start = middle;
      } else {
        end = middle;
      }
    }
    int x = matchLength(suffixes[start], from);
    int y = matchLength(suffixes[end], from);
    if (x > y) {
      matchPosition = suffixes[start];
      return x;
    }
    matchPosition = suffixes[end];
    return y;
  }

  private int compare(int oldFrom, int newFrom) {
    int n = Math.min(old.length - oldFrom, young.length - newFrom);
    int i = Arrays.mismatch(old, oldFrom, oldFrom + n, young, newFrom, newFrom + n);
    return i < 0 ? 0 : Integer.compare(old[oldFrom + i] & 0xff, young[newFrom + i] & 0xff);
  }

  private int matchLength(int oldFrom, int newFrom) {
    int n = Math.min(old.length - oldFrom, young.length - newFrom);
    int i = Arrays.mismatch(old, oldFrom, oldFrom + n, young, newFrom, newFrom + n);
    return i < 0 ? n : i;
  }
}
