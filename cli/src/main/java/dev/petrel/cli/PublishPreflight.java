package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.ReleaseKeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code petrel publish} asks the server before it uploads anything, so that a publish the
 * server would refuse fails before the upload.
 */
final class PublishPreflight {
  private PublishPreflight() {}

  /** Fails before the upload when the app has no such channel: the publish would be refused. */
  static void requireChannel(PetrelApi api, AppOption app, Channel channelName) {
    List<String> names = new ArrayList<>();
    for (JsonNode defined : api.get(app.path() + "/channels").path("channels")) {
      names.add(defined.path("name").asText());
    }
    if (!names.contains(channelName.wireName())) {
      throw new CommandFailedException(
          "channel.unknown: "
              + app.id()
              + " has no channel '"
              + channelName.wireName()
              + "' (it has "
              + String.join(", ", names)
              + "); define it first (PUT /api/v1/apps/"
              + app.id()
              + "/channels/"
              + channelName.wireName()
              + "); nothing was uploaded");
    }
  }

  /** Fails before the upload when the server would refuse the signature anyway. */
  static void requireRegistered(PetrelApi api, AppOption app, ReleaseKeyPair key) {
    String id = key.publicKey().id();
    for (JsonNode registered : api.get(app.path() + "/keys").path("keys")) {
      if (id.equals(registered.path("key_id").asText())) {
        return;
      }
    }
    throw new CommandFailedException(
        "release.signature_invalid: key "
            + id
            + " is not an active release key of "
            + app.id()
            + "; register its public half with 'petrel apps keys add --app "
            + app.id()
            + " --key PREFIX.pub'");
  }
}
