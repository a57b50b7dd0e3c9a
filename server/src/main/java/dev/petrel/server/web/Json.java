package dev.petrel.server.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson configuration of the server: snake_case field names, as the seed API uses. */
public final class Json {
  private Json() {}

  /**
   * A new mapper writing record components as snake_case fields ({@code isMandatory} → {@code
   * is_mandatory}).
   */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
