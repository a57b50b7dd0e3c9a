package dev.petrel.server.testing;

import dev.petrel.protocol.Sha256;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** API tokens of any role for tests, stored straight in a test server's database. */
public final class TestTokens {
  private TestTokens() {}

  /**
   * Stores a token of {@code role} ({@code viewer}, {@code publisher} or {@code admin}) the way the
   * server does (its SHA-256 hash) and returns the token.
   */
  public static String issue(TestServer server, String role) {
    String token = "ptk_test_" + role + "_0123456789abcdef0123456789abcdef";
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, "test-" + role);
      insert.setString(2, role);
      insert.setString(3, Sha256.of(token.getBytes(StandardCharsets.UTF_8)).hex());
      insert.setLong(4, server.clock().millis());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store a " + role + " token: " + e.getMessage(), e);
    }
    return token;
  }
}
