package dev.petrel.cli;

import dev.petrel.protocol.Feed;
import dev.petrel.protocol.FeedVerifier;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.StatementVerificationException;
import dev.petrel.protocol.VerifiedFeedRelease;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petrel feed verify}: checks a feed file as a client would, with pinned public keys alone.
 * Exit 0 when every entry verifies, 1 with the reason when the feed is refused.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Verifies a feed file with public keys alone, as a client does: exit 0 verified, 1 refused.")
final class FeedVerifyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--file", required = true, paramLabel = "FEED", description = "The feed.json.")
  Path file;

  @Mixin AppOption app;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "Pinned public key file (PREFIX.pub); repeatable, any of them may sign.")
  List<Path> keyFiles = new ArrayList<>();

  @Override
  public Integer call() {
    List<ReleasePublicKey> pinned = new ArrayList<>();
    for (Path key : keyFiles) {
      pinned.add(readKey(key));
    }
    byte[] bytes = read(file);
    List<VerifiedFeedRelease> verified;
    try {
      verified = FeedVerifier.verify(bytes, app.id(), pinned);
    } catch (InvalidValueException | StatementVerificationException e) {
      throw new CommandFailedException("refused " + file + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("verified " + file + ": " + verified.size() + " signed release(s) of " + app.id());
    for (VerifiedFeedRelease release : verified) {
      ReleaseStatement statement = release.statement();
      out.println(
          "  "
              + statement.platform()
              + "/"
              + statement.channel()
              + " "
              + statement.version()
              + " ("
              + statement.versionCode()
              + ") sha256 "
              + statement.sha256().hex()
              + " key "
              + release.signed().keyId());
    }
    out.flush();
    return 0;
  }

  private ReleasePublicKey readKey(Path key) {
    try {
      if (Files.readString(key, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY")) {
        // Never echo any of it in an error message; point at the public half instead.
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--key " + key + ": this is a private key; pass the public key file (PREFIX.pub)");
      }
      return ReleaseKeyPair.readPublicKey(key);
    } catch (NoSuchFileException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--key " + key + ": no such file");
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + key + ": " + e, e);
    } catch (InvalidValueException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static byte[] read(Path feed) {
    try {
      long size = Files.size(feed);
      if (size > Feed.MAX_BYTES) {
        throw new CommandFailedException(
            "refused " + feed + ": expected at most " + Feed.MAX_BYTES + " bytes, found " + size);
      }
      return Files.readAllBytes(feed);
    } catch (NoSuchFileException e) {
      throw new CommandFailedException(feed + ": no such file", e);
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + feed + ": " + e, e);
    }
  }
}
