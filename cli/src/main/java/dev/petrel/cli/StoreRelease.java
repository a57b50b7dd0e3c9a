package dev.petrel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Version;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An app store release for {@code petrel publish --app-store-url}: nothing is uploaded, and checks
 * hand devices the store page as {@code download_url} (for iOS, the App Store page the seed's
 * dialog opens). No statement is signed: it would bind a file's SHA-256 and size, and there is no
 * file.
 */
final class StoreRelease {
  private StoreRelease() {}

  /** {@code text} if it is an https URL with a host, else a usage error naming the option. */
  static String url(String text, UsageErrors usage) {
    try {
      URI uri = new URI(text);
      if ("https".equals(uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null) {
        return text;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw usage.error(
        "--app-store-url: expected the app's https store page, e.g."
            + " https://apps.apple.com/app/id1234567890, found '"
            + text
            + "'");
  }

  /** The publish request's body. */
  static ObjectNode body(
      Platform platform,
      Channel channel,
      ReleaseNumbering.Numbered numbered,
      boolean mandatory,
      Version minimum,
      String notes,
      String url) {
    ObjectNode body = PetrelApi.object();
    body.put("download_url", url);
    body.put("platform", platform.name());
    body.put("channel", channel.wireName());
    body.put("version", numbered.version().toString());
    body.put("version_code", numbered.code());
    body.put("is_mandatory", mandatory);
    if (minimum != null) {
      body.put("min_supported_version", minimum.toString());
    }
    if (notes != null) {
      body.put("release_notes", notes);
    }
    return body;
  }
}
