package dev.petrel.server.testing;

import dev.petrel.server.PetrelServer;
import dev.petrel.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real Petrel server on port 0 over a real database, and a real HTTP client to talk to it. Close
 * it to stop the server and drop its database.
 */
public final class TestServer implements AutoCloseable {
  /** The bootstrap admin token every test server starts with. */
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef0123456789";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final TestDatabase.Prepared database;
  private final ServerConfig config;
  private final TestClock clock;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private PetrelServer server;

  private TestServer(TestDatabase.Prepared database, ServerConfig config, TestClock clock) {
    this.database = database;
    this.config = config;
    this.clock = clock;
  }

  /** Starts a server on {@code kind}, data under {@code dir}. */
  public static TestServer start(TestDatabase kind, Path dir) {
    return start(kind, dir, config -> {});
  }

  /**
   * Starts a server whose configuration {@code customize} may change. The builder it is handed
   * holds the test settings: port 0, data under {@code dir/data}, the prepared database, {@link
   * #ADMIN_TOKEN}, and a catalogue poll of 200 ms.
   */
  public static TestServer start(
      TestDatabase kind, Path dir, Consumer<ServerConfig.Builder> customize) {
    TestDatabase.Prepared database = kind.prepare(dir);
    ServerConfig.Builder builder =
        ServerConfig.builder()
            .port(0)
            .dataDir(dir.resolve("data"))
            .databaseUrl(database.jdbcUrl())
            .adminToken(ADMIN_TOKEN)
            .cataloguePollMillis(200)
            // a start with releases rehearses its check path; a few checks keep restarts quick
            .checkRehearsal(200);
    customize.accept(builder);
    ServerConfig config = builder.build();
    TestServer test = new TestServer(database, config, TestClock.startingNow());
    try {
      test.startServer();
    } catch (RuntimeException e) {
      database.cleanup().run();
      throw e;
    }
    return test;
  }

  private void startServer() {
    server =
        PetrelServer.start(config, clock, new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  /** Stops the server (flushing telemetry) and starts a new one on the same database and data. */
  public void restart() {
    server.close();
    startServer();
  }

  /** Stops the server but keeps its database, e.g. to inspect what it flushed. */
  public void stop() {
    server.close();
  }

  public PetrelServer server() {
    return server;
  }

  public ServerConfig config() {
    return config;
  }

  /**
   * Starts a second node on this server's database: port 0, its own data directory, no public URL,
   * its own catalogue poll interval. The caller closes it.
   */
  public PetrelServer startAnotherNode(Path dataDir, long pollMillis, Clock nodeClock) {
    ServerConfig other =
        config.toBuilder()
            .port(0)
            .dataDir(dataDir)
            .publicUrl(null)
            .cataloguePollMillis(pollMillis)
            .build();
    return PetrelServer.start(other, nodeClock, new PrintStream(OutputStream.nullOutputStream()));
  }

  public TestClock clock() {
    return clock;
  }

  /** What the server printed to its console (a generated admin token, for instance). */
  public String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  public String jdbcUrl() {
    return database.jdbcUrl();
  }

  /** {@code SELECT COUNT(*)} over a table, read straight from the database. */
  public long count(String table) {
    return queryLong("SELECT COUNT(*) FROM " + table);
  }

  /** Runs a query returning one number, straight against the database. */
  public long queryLong(String sql) {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public TestResponse get(String path) {
    return send(request(path).GET());
  }

  public TestResponse get(String path, String token) {
    return send(authorized(request(path), token).GET());
  }

  /** POSTs a JSON body without a token. */
  public TestResponse post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json").POST(body(json)));
  }

  /** POSTs a JSON body with {@code Authorization: Bearer <token>}. */
  public TestResponse post(String path, String json, String token) {
    return send(
        authorized(request(path), token)
            .header("Content-Type", "application/json")
            .POST(body(json)));
  }

  /** PATCHes a JSON body with {@code Authorization: Bearer <token>}. */
  public TestResponse patch(String path, String json, String token) {
    return send(
        authorized(request(path), token)
            .header("Content-Type", "application/json")
            .method("PATCH", body(json)));
  }

  /** POSTs a JSON body as the bootstrap admin. */
  public TestResponse postAsAdmin(String path, String json) {
    return post(path, json, ADMIN_TOKEN);
  }

  /** Sends any request built on {@link #request(String)}. */
  public TestResponse send(HttpRequest.Builder builder) {
    try {
      HttpResponse<byte[]> response =
          HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new TestResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request builder for {@code path} on this server, with a 30 s timeout. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
  }

  private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json == null ? "" : json, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      database.cleanup().run();
    }
  }
}
