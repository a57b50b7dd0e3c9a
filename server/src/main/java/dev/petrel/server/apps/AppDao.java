package dev.petrel.server.apps;

import dev.petrel.protocol.AppId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code apps} table. */
@RegisterConstructorMapper(App.class)
public interface AppDao {
  @SqlQuery("SELECT id, name, created_at, require_signatures FROM apps WHERE id = :id")
  Optional<App> find(AppId id);

  @SqlQuery("SELECT id, name, created_at, require_signatures FROM apps ORDER BY id")
  List<App> list();

  @SqlUpdate("INSERT INTO apps (id, name, created_at) VALUES (:id, :name, :createdAt)")
  void insert(AppId id, String name, Instant createdAt);

  /**
   * Locks the app's row until the transaction ends, so that changes to its keys and its signature
   * requirement run one after the other (a no-op write: PostgreSQL locks the row, SQLite's
   * immediate transactions are serial anyway).
   *
   * @return 0 when there is no such app
   */
  @SqlUpdate("UPDATE apps SET require_signatures = require_signatures WHERE id = :id")
  int lock(AppId id);

  @SqlUpdate("UPDATE apps SET require_signatures = :requireSignatures WHERE id = :id")
  void setRequireSignatures(AppId id, boolean requireSignatures);
}
