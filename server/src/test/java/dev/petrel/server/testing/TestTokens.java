package dev.petrel.server.testing;

/** API tokens of any role for tests, issued through the server's own token API. */
public final class TestTokens {
  private TestTokens() {}

  /**
   * Issues a token of {@code role} ({@code viewer}, {@code publisher} or {@code admin}) as the
   * bootstrap admin and returns it.
   */
  public static String issue(TestServer server, String role) {
    TestResponse issued =
        server.postAsAdmin(
            "/api/v1/tokens", "{\"name\":\"test-" + role + "\",\"role\":\"" + role + "\"}");
    if (issued.status() != 201) {
      throw new IllegalStateException("cannot issue a " + role + " token: " + issued);
    }
    return issued.json().get("token").asText();
  }
}
