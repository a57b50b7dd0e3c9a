package dev.petrel.server.admin;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code admin_sessions} table. Only SHA-256 hashes of session tokens are stored. */
interface SessionDao {
  /** A live-token session joined with the token it was opened with. */
  record Row(
      long id,
      String sessionHash,
      long tokenId,
      String tokenName,
      String role,
      Instant createdAt,
      Instant lastSeenAt,
      Instant expiresAt) {}

  @SqlQuery(
      """
      SELECT s.id, s.session_hash, s.token_id, t.name AS token_name, t.role,
             s.created_at, s.last_seen_at, s.expires_at
      FROM admin_sessions s JOIN api_tokens t ON t.id = s.token_id
      WHERE s.session_hash = :hash AND t.revoked_at IS NULL
      """)
  @RegisterConstructorMapper(Row.class)
  Optional<Row> findLive(String hash);

  @SqlUpdate(
      """
      INSERT INTO admin_sessions (session_hash, token_id, created_at, last_seen_at, expires_at)
      VALUES (:hash, :tokenId, :now, :now, :expiresAt)
      """)
  void insert(String hash, long tokenId, Instant now, Instant expiresAt);

  @SqlUpdate("UPDATE admin_sessions SET last_seen_at = :now WHERE id = :id")
  void touch(long id, Instant now);

  @SqlUpdate("DELETE FROM admin_sessions WHERE session_hash = :hash")
  int delete(String hash);

  /** Removes sessions past their absolute expiry or idle longer than {@code idleSince}. */
  @SqlUpdate("DELETE FROM admin_sessions WHERE expires_at <= :now OR last_seen_at <= :idleSince")
  int deleteExpired(Instant now, Instant idleSince);

  @SqlQuery("SELECT COUNT(*) FROM admin_sessions WHERE token_id = :tokenId")
  int countForToken(long tokenId);

  /** Removes a token's oldest session, making room under the per-token bound. */
  @SqlUpdate(
      """
      DELETE FROM admin_sessions WHERE id = (
        SELECT MIN(id) FROM admin_sessions WHERE token_id = :tokenId)
      """)
  int deleteOldestForToken(long tokenId);
}
