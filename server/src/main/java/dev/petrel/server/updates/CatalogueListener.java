package dev.petrel.server.updates;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the {@link Catalogue} the moment another node commits a catalogue change, on PostgreSQL:
 * a trigger on {@code catalogue_revision} sends {@code NOTIFY petrel_catalogue} in the changing
 * transaction (PostgreSQL delivers it at commit), and this listener, on its own connection outside
 * the pool, reloads when one arrives.
 *
 * <p>A notification can be missed (the connection drops, the database restarts); the catalogue's
 * revision poll stays on as the fallback, and after every reconnect the listener reloads once in
 * case something changed while it was away. Notifications are per database, not per schema: one for
 * another schema costs a single revision query and no reload. Runs one daemon thread.
 */
public final class CatalogueListener implements AutoCloseable {
  /** The channel the migration's trigger notifies. */
  public static final String CHANNEL = "petrel_catalogue";

  private static final Logger log = LoggerFactory.getLogger(CatalogueListener.class);

  /** How long one wait for notifications lasts; bounds how long {@link #close()} waits. */
  private static final int WAIT_MILLIS = 500;

  private static final long RECONNECT_MILLIS = 1_000;

  private final String jdbcUrl;
  private final Catalogue catalogue;
  private final Thread thread;
  private volatile boolean closed;

  private CatalogueListener(String jdbcUrl, Catalogue catalogue) {
    this.jdbcUrl = jdbcUrl;
    this.catalogue = catalogue;
    this.thread = new Thread(this::listenLoop, "petrel-catalogue-listen");
    this.thread.setDaemon(true);
  }

  /**
   * Starts listening for catalogue changes on the PostgreSQL database at {@code jdbcUrl}.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL
   */
  public static CatalogueListener start(String jdbcUrl, Catalogue catalogue) {
    CatalogueListener listener = new CatalogueListener(jdbcUrl, catalogue);
    listener.thread.start();
    return listener;
  }

  private void listenLoop() {
    boolean first = true;
    while (!closed) {
      try (Connection listening = DriverManager.getConnection(jdbcUrl)) {
        try (Statement statement = listening.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        if (!first) {
          catalogue.reloadIfChanged(); // whatever was committed while the connection was down
        }
        first = false;
        awaitNotifications(listening.unwrap(PGConnection.class));
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        log.warn(
            "catalogue listener lost its connection; polling covers the gap: {}", e.getMessage());
        pause();
      }
    }
  }

  private void awaitNotifications(PGConnection listening) throws SQLException {
    while (!closed) {
      PGNotification[] notifications = listening.getNotifications(WAIT_MILLIS);
      if (notifications != null && notifications.length > 0) {
        catalogue.reloadIfChanged();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(RECONNECT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Stops listening and closes the connection; waits up to 5 s for the thread to end. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("catalogue listener did not stop within 5 s");
    }
  }
}
