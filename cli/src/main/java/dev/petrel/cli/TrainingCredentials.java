package dev.petrel.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Made-up AWS credentials for the start-up training run's {@link TrainingBucket}, as the system
 * properties the SDK's default chain reads first (before the environment, a profile or an instance
 * role, which the training must neither use nor wait for). Closing puts back what was there.
 */
final class TrainingCredentials implements AutoCloseable {
  private static final Map<String, String> VALUES =
      Map.of("aws.accessKeyId", "petrel-training", "aws.secretAccessKey", "petrel-training");

  private final Map<String, String> previous = new LinkedHashMap<>();

  private TrainingCredentials() {}

  /** Sets the properties until {@link #close()}. */
  static TrainingCredentials set() {
    TrainingCredentials credentials = new TrainingCredentials();
    VALUES.forEach(
        (name, value) -> {
          credentials.previous.put(name, System.getProperty(name));
          System.setProperty(name, value);
        });
    return credentials;
  }

  @Override
  public void close() {
    previous.forEach(
        (name, value) -> {
          if (value == null) {
            System.clearProperty(name);
          } else {
            System.setProperty(name, value);
          }
        });
  }
}
