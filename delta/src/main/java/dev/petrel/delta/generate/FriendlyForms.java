package dev.petrel.delta.generate;

import dev.petrel.delta.PlanEntry;
import dev.petrel.delta.ZipLayout;
import dev.petrel.delta.zip.ZipSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the delta-friendly forms of two archives: the old one with every deflated entry that
 * inflates cleanly inflated (its inflate plan), and the new one with every entry inflated that the
 * JDK's {@code Deflater} can re-deflate byte for byte (its deflate plan). Entries that cannot be
 * reproduced stay compressed and are diffed as they are. Each form is built in one array of its
 * exact size, so memory is the form itself plus the largest entry.
 */
final class FriendlyForms {
  /**
   * One side.
   *
   * @param bytes the friendly form
   * @param plan its plan
   */
  record Side(byte[] bytes, List<PlanEntry> plan) {}

  private FriendlyForms() {}

  /**
   * The old archive's friendly form, or null when it is not a plain zip, is too large, or has a
   * deflated entry that does not inflate to exactly the size its directory says (the device
   * inflates every deflated entry of the old archive).
   */
  static Side old(byte[] archive) throws IOException {
    List<PlanEntry> plan = ZipLayout.deflatedEntries(ZipSource.of(archive));
    if (plan == null) {
      return null;
    }
    for (PlanEntry entry : plan) {
      int offset = (int) entry.offset();
      int length = (int) entry.storedLength();
      if (DeflateMatcher.inflate(archive, offset, length, entry.inflatedLength()) == null) {
        return null;
      }
    }
    byte[] form = assemble(archive, plan, false);
    return form == null ? null : new Side(form, plan);
  }

  /** The new archive's friendly form, or null when it is not a plain zip or too large. */
  static Side young(byte[] archive) throws IOException {
    List<PlanEntry> entries = ZipLayout.deflatedEntries(ZipSource.of(archive));
    if (entries == null) {
      return null;
    }
    DeflateMatcher matcher = new DeflateMatcher();
    List<PlanEntry> plan = new ArrayList<>();
    long grown = 0;
    for (PlanEntry entry : entries) {
      int offset = (int) entry.offset();
      int length = (int) entry.storedLength();
      byte[] inflated = DeflateMatcher.inflate(archive, offset, length, entry.inflatedLength());
      DeflateMatcher.Settings settings =
          inflated == null ? null : matcher.find(inflated, archive, offset, length);
      if (settings != null) {
        plan.add(
            new PlanEntry(
                offset + grown, length, inflated.length, settings.level(), settings.strategy()));
        grown += inflated.length - length;
      }
    }
    byte[] form = assemble(archive, plan, true);
    return form == null ? null : new Side(form, plan);
  }

  /**
   * The archive with the planned entries inflated. For the new side the plan's offsets are already
   * in the friendly form; for the old side they are in the archive.
   */
  private static byte[] assemble(byte[] archive, List<PlanEntry> plan, boolean friendlyOffsets) {
    long size = archive.length;
    for (PlanEntry entry : plan) {
      size += entry.inflatedLength() - entry.storedLength();
    }
    if (size > Integer.MAX_VALUE - 16) {
      return null;
    }
    byte[] form = new byte[(int) size];
    int from = 0;
    int to = 0;
    long grown = 0;
    for (PlanEntry entry : plan) {
      int offset = (int) (friendlyOffsets ? entry.offset() - grown : entry.offset());
      System.arraycopy(archive, from, form, to, offset - from);
      to += offset - from;
      int stored = (int) entry.storedLength();
      int inflated = (int) entry.inflatedLength();
      DeflateMatcher.inflateInto(archive, offset, stored, form, to, inflated);
      to += inflated;
      from = offset + stored;
      grown += inflated - stored;
    }
    System.arraycopy(archive, from, form, to, archive.length - from);
    return form;
  }
}
