package dev.petrel.client.internal;

import dev.petrel.client.Offer;

/**
 * What one source answered, not yet verified.
 *
 * @param offer the offered release as the source described it, or null for none
 * @param currentRecalled whether the installed version has been recalled
 * @param recallMessage the source's words about the recall, or null
 */
public record SourceAnswer(Offer offer, boolean currentRecalled, String recallMessage) {}
