package dev.petrel.cli;

import dev.petrel.protocol.ReleaseKeyPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petrel keys generate}: a new Ed25519 release key pair in {@code PREFIX.key} (private,
 * owner only) and {@code PREFIX.pub}. It never overwrites a key file: a lost release key cannot be
 * recovered, so replacing one is left to a deliberate {@code rm}.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates an Ed25519 release key pair: PREFIX.key (private, PKCS#8 PEM, mode 600) and"
          + " PREFIX.pub (one base64 line). Prints the public key and its key id.",
      "Never overwrites an existing file: remove it first if you really mean to replace a key."
    })
final class KeysGenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "PREFIX",
      description = "Writes PREFIX.key and PREFIX.pub, e.g. --out keys/release.")
  Path prefix;

  @Override
  public Integer call() {
    Path privateFile = sibling(".key");
    Path publicFile = sibling(".pub");
    for (Path file : new Path[] {privateFile, publicFile}) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new CommandFailedException(
            file + " already exists; refusing to overwrite a key file (remove it first)");
      }
    }
    Path parent = privateFile.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new CommandFailedException("no such directory: " + parent);
    }
    ReleaseKeyPair pair = ReleaseKeyPair.generate();
    try {
      pair.writePrivateKey(privateFile);
    } catch (IOException e) {
      throw new CommandFailedException("cannot write " + privateFile + ": " + e.getMessage(), e);
    }
    try {
      pair.writePublicKey(publicFile);
    } catch (IOException e) {
      deleteQuietly(privateFile);
      throw new CommandFailedException("cannot write " + publicFile + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("public key  " + pair.publicKey().base64());
    out.println("key id      " + pair.publicKey().id());
    out.println(
        "wrote " + privateFile + " (private: keep it secret and backed up) and " + publicFile);
    out.flush();
    return 0;
  }

  private Path sibling(String extension) {
    Path name = prefix.getFileName();
    if (name == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--out: expected a file name prefix, found '" + prefix + "'");
    }
    return prefix.resolveSibling(name + extension);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The original failure is the one to report.
    }
  }
}
