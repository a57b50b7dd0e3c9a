package dev.petrel.server.figures;

import java.time.LocalDate;

/**
 * How many distinct devices ran one version on one platform on one UTC day.
 *
 * @param day the UTC day
 * @param platform the platform
 * @param version the version as the devices reported it
 * @param devices distinct device ids seen
 */
public record AdoptionRow(LocalDate day, String platform, String version, long devices) {}
