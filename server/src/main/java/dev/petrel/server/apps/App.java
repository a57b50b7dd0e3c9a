package dev.petrel.server.apps;

import dev.petrel.protocol.AppId;
import java.time.Instant;

/**
 * An app whose releases a server distributes.
 *
 * @param id the URL identifier
 * @param name a display name
 * @param createdAt when it was created
 */
public record App(AppId id, String name, Instant createdAt) {}
