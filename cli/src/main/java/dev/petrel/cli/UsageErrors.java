package dev.petrel.cli;

import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.ReleaseKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Turns bad input to one command into picocli usage errors (exit 2, message on stderr): values that
 * fail to parse and private key files that cannot be read. Used before any request is made.
 */
final class UsageErrors {
  private final CommandLine.Model.CommandSpec spec;

  UsageErrors(CommandLine.Model.CommandSpec spec) {
    this.spec = spec;
  }

  /** A usage error saying {@code message}. */
  CommandLine.ParameterException error(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** What {@code parser} returns; its {@link InvalidValueException} becomes a usage error. */
  <T> T parse(Supplier<T> parser) {
    try {
      return parser.get();
    } catch (InvalidValueException e) {
      throw error(e.getMessage());
    }
  }

  /**
   * The Ed25519 release key pair in {@code keyFile} (the {@code PREFIX.key} that {@code petrel keys
   * generate} writes), named {@code --key} in the errors.
   */
  ReleaseKeyPair privateKey(Path keyFile) {
    if (!Files.exists(keyFile)) {
      throw error("--key " + keyFile + ": no such file");
    }
    try {
      return ReleaseKeyPair.readPrivateKey(keyFile);
    } catch (InvalidValueException e) {
      throw error(
          "--key "
              + keyFile
              + ": not an Ed25519 private key (pass PREFIX.key from 'petrel keys generate')");
    } catch (IOException e) {
      throw error("--key " + e.getMessage());
    }
  }
}
