package dev.petrel.client.internal;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.protocol.Version;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns the builder's raw settings into a {@link Config}, naming the first bad one. */
public final class Validation {
  private Validation() {}

  /** The raw settings. */
  public record Raw(
      List<URI> servers,
      List<GitHubRepo> gitHub,
      List<URI> feeds,
      String app,
      String platform,
      String channel,
      String installedVersion,
      long installedVersionCode,
      List<String> trustedKeys,
      Path stateDir,
      Duration connectTimeout,
      Duration readTimeout,
      Duration maxRetryAfter,
      int downloadAttempts,
      boolean reportEvents) {}

  /**
   * Validates {@code raw} and creates the state directory's folders.
   *
   * @throws IllegalArgumentException naming the setting
   */
  public static Config validate(Raw raw) {
    if (raw.servers().isEmpty() && raw.gitHub().isEmpty() && raw.feeds().isEmpty()) {
      throw new IllegalArgumentException(
          "no sources: add at least one server(URI), gitHub(String) or feed(URI)");
    }
    for (URI uri : raw.servers()) {
      requireHttp("server", uri);
    }
    for (URI uri : raw.feeds()) {
      requireHttp("feed", uri);
    }
    try {
      AppId app = AppId.parse("app", required("app", raw.app()));
      Platform platform = Platform.parse("platform", required("platform", raw.platform()));
      Channel channel = Channel.parse("channel", required("channel", raw.channel()));
      Version version =
          Version.parse("installedVersion", required("installedVersion", raw.installedVersion()));
      if (raw.installedVersionCode() < 1) {
        throw new IllegalArgumentException(
            "installedVersion: expected a version code of 1 or more, found "
                + raw.installedVersionCode());
      }
      return new Config(
          List.copyOf(raw.servers()),
          List.copyOf(raw.gitHub()),
          List.copyOf(raw.feeds()),
          app,
          platform,
          channel,
          version.core(),
          raw.installedVersionCode(),
          keys(raw.trustedKeys()),
          stateDir(raw.stateDir()),
          positive("connectTimeout", raw.connectTimeout()),
          positive("readTimeout", raw.readTimeout()),
          notNegative("maxRetryAfter", raw.maxRetryAfter()),
          attempts(raw.downloadAttempts()),
          raw.reportEvents());
    } catch (InvalidValueException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A device id given to the builder, checked like the server checks it. */
  public static String deviceId(String text) {
    try {
      return DeviceId.parse("deviceId", text).value();
    } catch (InvalidValueException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static List<ReleasePublicKey> keys(List<String> texts) {
    if (texts.isEmpty()) {
      throw new IllegalArgumentException(
          "trustedKey: pin at least one release public key; unsigned updates are never installed");
    }
    List<ReleasePublicKey> keys = new ArrayList<>();
    for (String text : texts) {
      keys.add(ReleasePublicKey.parse("trustedKey", text));
    }
    return List.copyOf(keys);
  }

  private static Path stateDir(Path dir) {
    if (dir == null) {
      throw new IllegalArgumentException("stateDir: required");
    }
    Path absolute = dir.toAbsolutePath();
    try {
      Files.createDirectories(absolute.resolve("downloads"));
      Files.createDirectories(absolute.resolve("outbox"));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "stateDir: cannot create " + absolute + ": " + e.getMessage(), e);
    }
    return absolute;
  }

  private static void requireHttp(String what, URI uri) {
    if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(what + ": expected an http or https URL, found " + uri);
    }
  }

  private static String required(String what, String value) {
    if (value == null) {
      throw new IllegalArgumentException(what + ": required");
    }
    return value;
  }

  private static Duration positive(String what, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + ": expected a positive duration, found " + value);
    }
    return value;
  }

  private static Duration notNegative(String what, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(what + ": expected zero or more, found " + value);
    }
    return value;
  }

  private static int attempts(int attempts) {
    if (attempts < 1 || attempts > 100) {
      throw new IllegalArgumentException("downloadAttempts: expected 1 to 100, found " + attempts);
    }
    return attempts;
  }
}
