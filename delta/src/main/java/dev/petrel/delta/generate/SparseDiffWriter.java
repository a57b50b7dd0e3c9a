package dev.petrel.delta.generate;

import dev.petrel.delta.Varints;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes diff bytes as two streams, the lengths of the zero runs (varints) and the non-zero bytes
 * between them, as {@code dev.petrel.delta.SparseDiffReader} reads them back. Closing writes the
 * final run and closes both streams.
 */
final class SparseDiffWriter extends OutputStream {
  private final OutputStream runs;
  private final OutputStream values;
  private long zeros;

  SparseDiffWriter(OutputStream runs, OutputStream values) {
    this.runs = runs;
    this.values = values;
  }

  @Override
  public void write(int b) throws IOException {
    if ((b & 0xff) == 0) {
      zeros++;
      return;
    }
    writeRun();
    values.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  private void writeRun() throws IOException {
    Varints.write(runs, zeros);
    zeros = 0;
  }

  @Override
  public void close() throws IOException {
    try {
      writeRun();
    } finally {
      try {
        runs.close();
      } finally {
        values.close();
      }
    }
  }
}
