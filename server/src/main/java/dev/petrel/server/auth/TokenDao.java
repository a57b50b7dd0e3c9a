package dev.petrel.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code api_tokens} table. Only SHA-256 hashes of tokens are ever stored. */
@RegisterConstructorMapper(TokenDao.Row.class)
interface TokenDao {
  /** A token row; {@code role} as stored. */
  record Row(long id, String name, String role, String tokenHash, Instant revokedAt) {}

  @SqlQuery(
      """
      SELECT id, name, role, token_hash, revoked_at FROM api_tokens
      WHERE token_hash = :hash
      """)
  Optional<Row> findByHash(String hash);

  @SqlQuery("SELECT COUNT(*) FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL")
  int countActiveAdmins();

  @SqlUpdate(
      """
      INSERT INTO api_tokens (name, role, token_hash, created_at)
      VALUES (:name, :role, :hash, :createdAt)
      """)
  void insert(String name, String role, String hash, Instant createdAt);

  /** A token as listed to admins: never its hash. */
  record Listed(long id, String name, String role, Instant createdAt, Instant revokedAt) {}

  @SqlQuery("SELECT id, name, role, created_at, revoked_at FROM api_tokens ORDER BY id")
  @RegisterConstructorMapper(Listed.class)
  List<Listed> list();

  @SqlQuery(
      "SELECT id, name, role, created_at, revoked_at FROM api_tokens WHERE token_hash = :hash")
  @RegisterConstructorMapper(Listed.class)
  Optional<Listed> findListedByHash(String hash);

  @SqlQuery("SELECT id, name, role, created_at, revoked_at FROM api_tokens WHERE id = :id")
  @RegisterConstructorMapper(Listed.class)
  Optional<Listed> findListed(long id);

  @SqlUpdate("UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
  int revoke(long id, Instant at);
}
