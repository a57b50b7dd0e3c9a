package dev.petrel.cli;

import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleasePublicKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code petrel keys show}: the public key and key id of a private key file. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Prints the public key and key id of a private key file (refused if group or others may"
            + " read it).")
final class KeysShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "Private key file, as written by 'petrel keys generate' or OpenSSL.")
  Path key;

  @Override
  public Integer call() {
    ReleasePublicKey publicKey = read(key).publicKey();
    PrintWriter out = spec.commandLine().getOut();
    out.println("public key  " + publicKey.base64());
    out.println("key id      " + publicKey.id());
    out.flush();
    return 0;
  }

  /** Reads a private key file; every failure is one line naming the file. */
  static ReleaseKeyPair read(Path file) {
    try {
      return ReleaseKeyPair.readPrivateKey(file);
    } catch (NoSuchFileException e) {
      throw new CommandFailedException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new CommandFailedException(file + ": permission denied", e);
    } catch (IOException | InvalidValueException e) {
      throw new CommandFailedException(e.getMessage(), e);
    }
  }
}
