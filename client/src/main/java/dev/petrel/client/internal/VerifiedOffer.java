package dev.petrel.client.internal;

import dev.petrel.client.Offer;
import dev.petrel.protocol.ReleaseStatement;

/**
 * An offer whose statement verified, with the statement itself: the only source of the size and
 * SHA-256 a download is held to.
 *
 * @param offer the offer, its signed fields taken from {@code statement}
 * @param statement the verified statement
 */
public record VerifiedOffer(Offer offer, ReleaseStatement statement) {}
