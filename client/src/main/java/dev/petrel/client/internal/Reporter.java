package dev.petrel.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Queues events in the outbox and nudges the sender. Reporting never fails an update: a write that
 * fails is dropped. Does nothing when reporting is off.
 */
public final class Reporter {
  private final Outbox outbox;
  private final EventSender sender;
  private final String deviceId;

  /**
   * @param outbox where events wait, or null when reporting is off
   * @param sender what sends them, or null when there is no server
   */
  public Reporter(Outbox outbox, EventSender sender, String deviceId) {
    this.outbox = outbox;
    this.sender = sender;
    this.deviceId = deviceId;
  }

  /**
   * The reporter {@code config} asks for: none of its parts when reporting is off, an outbox
   * without a sender when there is no server to send to.
   */
  public static Reporter forConfig(Config config, Http http, String deviceId) {
    Outbox outbox = config.reportEvents() ? new Outbox(config.outbox()) : null;
    EventSender sender =
        outbox == null || config.servers().isEmpty()
            ? null
            : new EventSender(
                outbox,
                config.servers(),
                config.app().name(),
                http,
                config.maxRetryAfter(),
                Duration.ofSeconds(2));
    return new Reporter(outbox, sender, deviceId);
  }

  /**
   * Queues an event about release {@code version} ({@code versionCode}), from the installed one.
   */
  public void report(String type, Config config, String version, long versionCode, String reason) {
    if (outbox == null) {
      return;
    }
    ClientEvent event =
        new ClientEvent(
            ClientEvent.newId(),
            type,
            config.platform().name(),
            config.channel().wireName(),
            version,
            versionCode,
            config.installedVersion().toString(),
            config.installedVersionCode(),
            deviceId,
            reason,
            Instant.now());
    try {
      outbox.add(event);
    } catch (IOException | RuntimeException e) {
      return;
    }
    if (sender != null) {
      sender.trigger();
    }
  }

  /**
   * Queues an event about the installed version itself ({@code app_started}, {@code app_crashed}),
   * written to the outbox before this returns.
   *
   * @return whether the event was written (false when reporting is off or the write failed)
   */
  public boolean reportInstalled(String type, Config config, String reason) {
    if (outbox == null) {
      return false;
    }
    try {
      outbox.add(
          new ClientEvent(
              ClientEvent.newId(),
              type,
              config.platform().name(),
              config.channel().wireName(),
              config.installedVersion().toString(),
              config.installedVersionCode(),
              null,
              null,
              deviceId,
              reason,
              Instant.now()));
    } catch (IOException | RuntimeException e) {
      return false;
    }
    if (sender != null) {
      sender.trigger();
    }
    return true;
  }

  /** Sends what waits now (in the background). */
  public void flush() {
    if (sender != null) {
      sender.trigger();
    }
  }

  /** Stops the sender. */
  public void close() {
    if (sender != null) {
      sender.close();
    }
  }

  /** The sender, for tests that wait for it; null when there is none. */
  public EventSender sender() {
    return sender;
  }
}
