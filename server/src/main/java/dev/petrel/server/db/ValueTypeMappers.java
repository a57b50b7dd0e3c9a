package dev.petrel.server.db;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.Version;
import java.lang.reflect.Type;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Teaches JDBI to store Petrel's value types as text and {@link Instant}s as epoch milliseconds,
 * which both SQLite and PostgreSQL hold the same way.
 */
final class ValueTypeMappers {
  private ValueTypeMappers() {}

  /** Binds one value type as its text; null binds as SQL NULL. */
  private static final class TextArgumentFactory<T> implements ArgumentFactory.Preparable {
    private final Class<T> type;
    private final Function<T, String> write;

    TextArgumentFactory(Class<T> type, Function<T, String> write) {
      this.type = type;
      this.write = write;
    }

    @Override
    public Optional<Function<Object, Argument>> prepare(Type wanted, ConfigRegistry config) {
      if (!type.equals(wanted)) {
        return Optional.empty();
      }
      return Optional.of(
          value -> {
            String text = value == null ? null : write.apply(type.cast(value));
            return (position, statement, context) -> {
              if (text == null) {
                statement.setNull(position, Types.VARCHAR);
              } else {
                statement.setString(position, text);
              }
            };
          });
    }
  }

  static void register(Jdbi jdbi) {
    text(jdbi, Version.class, Version::toString, text -> Version.parse("stored version", text));
    text(jdbi, Sha256.class, Sha256::hex, text -> Sha256.parse("stored sha256", text));
    text(jdbi, Platform.class, Platform::name, Platform::new);
    text(jdbi, AppId.class, AppId::name, AppId::new);
    text(jdbi, Channel.class, Channel::wireName, text -> Channel.parse("stored channel", text));
    jdbi.registerArgument(
        new AbstractArgumentFactory<Instant>(Types.BIGINT) {
          @Override
          protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, context) ->
                statement.setLong(position, value.toEpochMilli());
          }
        });
    jdbi.registerColumnMapper(
        Instant.class,
        (rs, column, context) -> {
          long millis = rs.getLong(column);
          return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
  }

  private static <T> void text(
      Jdbi jdbi, Class<T> type, Function<T, String> write, Function<String, T> read) {
    jdbi.registerArgument(new TextArgumentFactory<>(type, write));
    jdbi.registerColumnMapper(
        type,
        (rs, column, context) -> {
          String text = rs.getString(column);
          return text == null ? null : read.apply(text);
        });
  }
}
