package dev.petrel.server.apps;

import dev.petrel.protocol.AppId;
import java.time.Instant;

/**
 * An app whose releases a server distributes.
 *
 * @param id the URL identifier
 * @param name a display name
 * @param createdAt when it was created
 * @param requireSignatures whether releases must carry a statement signed by one of the app's
 *     active release keys; then the app always has at least one active key
 */
public record App(AppId id, String name, Instant createdAt, boolean requireSignatures) {}
