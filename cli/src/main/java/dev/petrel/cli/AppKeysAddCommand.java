package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.ReleasePublicKey;
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
 * {@code petrel apps keys add}: registers release public keys with an app (admin), several at once
 * for a rotation; the server adds all or none. Keys are checked here first, so a typo never reaches
 * the server.
 */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Registers release public keys with an app (admin): all or none.",
      "Repeat --key and --public-key to add several at once, e.g. the new key of a rotation."
    })
final class AppKeysAddCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;

  @Mixin AppOption app;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "Public key file (PREFIX.pub from 'petrel keys generate'); repeatable.")
  List<Path> keyFiles = new ArrayList<>();

  @Option(
      names = "--public-key",
      paramLabel = "BASE64",
      description = "Public key as its base64 line; repeatable.")
  List<String> publicKeys = new ArrayList<>();

  @Option(names = "--label", paramLabel = "TEXT", description = "Note stored with the keys.")
  String label;

  @Override
  public Integer call() {
    List<ReleasePublicKey> keys = keys();
    ObjectNode body = PetrelApi.object();
    ArrayNode array = body.putArray("public_keys");
    keys.forEach(key -> array.add(key.base64()));
    if (label != null) {
      body.put("label", label);
    }
    JsonNode answer = server.api().post(app.path() + "/keys", body);
    PrintWriter out = spec.commandLine().getOut();
    JsonNode added = answer.path("added");
    if (added.isEmpty()) {
      out.println(app.id() + ": nothing added, every key was already registered");
    }
    for (JsonNode key : added) {
      out.println("added key " + key.path("key_id").asText() + " to " + app.id());
    }
    out.println(app.id() + " has " + answer.path("keys").size() + " active release key(s)");
    out.flush();
    return 0;
  }

  private List<ReleasePublicKey> keys() {
    if (keyFiles.isEmpty() && publicKeys.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: --key=FILE or --public-key=BASE64");
    }
    List<ReleasePublicKey> keys = new ArrayList<>();
    for (Path file : keyFiles) {
      keys.add(parse("--key " + file, readPublicKeyFile(file)));
    }
    for (String text : publicKeys) {
      keys.add(parse("--public-key", text));
    }
    return keys;
  }

  private ReleasePublicKey parse(String field, String text) {
    try {
      return ReleasePublicKey.parse(field, text);
    } catch (InvalidValueException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private String readPublicKeyFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--key " + file + ": no such file");
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + file + ": " + e, e);
    }
    if (text.contains("PRIVATE KEY")) {
      // Never echo it back in an error message; point at the public half instead.
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--key " + file + ": this is a private key; pass the public key file (PREFIX.pub)");
    }
    return text;
  }
}
