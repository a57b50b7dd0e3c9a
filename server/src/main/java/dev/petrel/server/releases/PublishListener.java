package dev.petrel.server.releases;

import dev.petrel.server.auth.Principal;
import org.jdbi.v3.core.Handle;

/** Told of every release published, inside the publishing transaction (so it commits with it). */
@FunctionalInterface
public interface PublishListener {
  /** {@code release} was just inserted through {@code handle} as {@code request} asked. */
  void published(Handle handle, Release release, PublishRequest request, Principal actor);
}
