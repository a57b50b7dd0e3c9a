package dev.petrel.client.internal;

import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.InvalidValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** This installation's device id, made at random once and kept in {@code stateDir/device_id}. */
public final class DeviceIds {
  private DeviceIds() {}

  /**
   * The builder's device id: {@code given} validated, or the one kept in {@code stateDir} (made
   * when none is kept).
   *
   * @throws IllegalArgumentException when {@code given} is malformed or the kept id cannot be read
   *     or written
   */
  public static String resolve(String given, Path stateDir) {
    if (given != null) {
      return Validation.deviceId(given);
    }
    try {
      return loadOrCreate(stateDir);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "stateDir: cannot keep the device id: " + e.getMessage(), e);
    }
  }

  /** The kept id, or a new random one written atomically when none (or a broken one) is kept. */
  public static String loadOrCreate(Path stateDir) throws IOException {
    Path file = stateDir.resolve("device_id");
    if (Files.exists(file) && Files.size(file) <= 256) {
      String kept = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
      try {
        return DeviceId.parse("device_id", kept).value();
      } catch (InvalidValueException e) {
        // A broken file: replace it below.
      }
    }
    String id = UUID.randomUUID().toString();
    AtomicFiles.write(file, (id + "\n").getBytes(StandardCharsets.UTF_8));
    return id;
  }
}
