package dev.petrel.server.admin;

import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** A panel session opened over HTTP, and requests sent with its cookie, as a browser would. */
record PanelSession(TestServer server, String cookie, String csrf, TestResponse signIn) {
  /** Signs in with {@code token} and keeps the cookie the server set. */
  static PanelSession open(TestServer server, String token) {
    TestResponse answer =
        server.send(
            server
                .request("/api/v1/session")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    if (answer.status() != 201) {
      throw new IllegalStateException("sign-in failed: " + answer);
    }
    String setCookie = answer.header("Set-Cookie");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    return new PanelSession(
        server, cookie, answer.json().at("/session/csrf_token").asText(), answer);
  }

  /** A request carrying the session cookie and nothing else. */
  HttpRequest.Builder request(String path) {
    return server.request(path).header("Cookie", cookie);
  }

  TestResponse get(String path) {
    return server.send(request(path).GET());
  }

  /** POSTs JSON with the cookie, the CSRF header and a same-origin Origin, as the panel does. */
  TestResponse post(String path, String json) {
    return server.send(
        request(path)
            .header("Origin", server.url())
            .header("X-Petrel-CSRF", csrf)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  /** POSTs JSON with the cookie but without the CSRF header. */
  TestResponse postWithoutCsrf(String path, String json) {
    return server.send(
        request(path)
            .header("Origin", server.url())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  TestResponse signOut() {
    return server.send(
        request("/api/v1/session")
            .header("Origin", server.url())
            .header("X-Petrel-CSRF", csrf)
            .DELETE());
  }
}
