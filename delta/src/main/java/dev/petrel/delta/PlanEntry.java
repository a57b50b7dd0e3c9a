package dev.petrel.delta;

/**
 * One deflated zip entry in a zip patch's plans.
 *
 * <p>In the inflate plan (the old archive): the entry's compressed bytes start at {@code offset} in
 * the old file, are {@code storedLength} long and inflate to {@code inflatedLength} bytes. In the
 * deflate plan (the new archive's delta-friendly form): {@code inflatedLength} bytes at {@code
 * offset} in the friendly form are deflated (raw deflate, the JDK's {@code Deflater} with {@code
 * level} and {@code strategy}) into the new archive; {@code storedLength} is the deflated length.
 *
 * @param offset where the entry's bytes start
 * @param storedLength the compressed length
 * @param inflatedLength the uncompressed length
 * @param level the deflate level, 0–9 (deflate plan only; 0 in the inflate plan)
 * @param strategy the {@code Deflater} strategy, 0–2 (deflate plan only)
 */
public record PlanEntry(
    long offset, long storedLength, long inflatedLength, int level, int strategy) {}
