package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How the deltas commands show a patch's figures: sizes for people and the share it saves. */
final class DeltaText {
  private DeltaText() {}

  /** A share 0–1 as a percentage with one decimal, rounded down so 99.96 % never shows 100 %. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", Math.floor(share * 1000) / 10);
  }

  /** A size for people (see {@link UploadProgress#bytes}), or null when {@code size} is null. */
  static String size(JsonNode size) {
    return size == null || size.isNull() ? null : UploadProgress.bytes(size.asLong());
  }

  /** One line saying what a patch row from the API is: state, format, sizes and saving. */
  static String summary(JsonNode delta) {
    StringBuilder line = new StringBuilder(delta.path("state").asText());
    if (delta.hasNonNull("format")) {
      line.append(", ").append(delta.path("format").asText());
    }
    if (delta.hasNonNull("patch_size")) {
      line.append(", ")
          .append(size(delta.get("patch_size")))
          .append(" of ")
          .append(size(delta.get("full_size")))
          .append(" (saves ")
          .append(percent(delta.path("saving").asDouble()))
          .append(')');
    }
    if (delta.hasNonNull("reason")) {
      line.append(": ").append(delta.path("reason").asText());
    }
    return line.toString();
  }
}
