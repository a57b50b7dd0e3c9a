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
  @SqlQuery("SELECT id, name, created_at FROM apps WHERE id = :id")
  Optional<App> find(AppId id);

  @SqlQuery("SELECT id, name, created_at FROM apps ORDER BY id")
  List<App> list();

  @SqlUpdate("INSERT INTO apps (id, name, created_at) VALUES (:id, :name, :createdAt)")
  void insert(AppId id, String name, Instant createdAt);
}
