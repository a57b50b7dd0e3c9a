import dev.petrel.delta.PatchApplier;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Applies one patch as a device would and prints {@code apply_ms=… peak_heap_bytes=…}: the time
 * to apply (including the old file's SHA-256 check and the new file's) and the highest heap use
 * the JVM saw, summed over its heap pools. Run it with the -Xmx to prove (bench/delta-bench.sh uses
 * -Xmx64m).
 */
public final class DeltaApply {
  public static void main(String[] args) throws Exception {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long start = System.nanoTime();
    PatchApplier.apply(
        Path.of(args[0]),
        Path.of(args[1]),
        Path.of(args[2]),
        PatchApplier.DEFAULT_MAX_EXPANDED,
        PatchApplier.Progress.none());
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("apply_ms=" + millis + " peak_heap_bytes=" + peak);
  }
}
