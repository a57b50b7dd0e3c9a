package dev.petrel.delta;

import java.io.IOException;
import java.util.List;

/**
 * The two plans of a zip patch on the device: the old archive's (derived from the old archive
 * itself, as the generator derived it) and the new one's (decoded from the patch against it), each
 * checked against the header's sizes.
 *
 * @param inflate the old archive's entries, all inflated
 * @param deflate the new friendly form's entries to deflate
 */
record ZipPlans(List<PlanEntry> inflate, List<PlanEntry> deflate) {

  static ZipPlans of(PatchHeader header, RandomReader oldArchive) throws IOException {
    List<PlanEntry> inflate = ZipLayout.deflatedEntries(oldArchive);
    if (inflate == null || inflate.size() != header.oldEntries()) {
      throw corrupt("the old archive does not have the entries the patch was made from");
    }
    long expanded = header.oldSize();
    for (PlanEntry entry : inflate) {
      expanded += entry.inflatedLength() - entry.storedLength();
    }
    if (expanded != header.friendlyOldSize()) {
      throw corrupt("the old archive does not expand to the size the patch was made from");
    }
    List<PlanEntry> deflate = PlanCodec.decode(header.plan(), inflate);
    long end = 0;
    for (PlanEntry entry : deflate) {
      if (entry.offset() < end
          || entry.inflatedLength() > header.friendlyNewSize() - entry.offset()) {
        throw corrupt("the deflate plan names an entry outside the new file or out of order");
      }
      if (entry.level() > 9 || entry.strategy() > 2) {
        throw corrupt("the deflate plan names an unknown level or strategy");
      }
      end = entry.offset() + entry.inflatedLength();
    }
    return new ZipPlans(inflate, deflate);
  }

  private static PatchException corrupt(String message) {
    return new PatchException(PatchException.Reason.CORRUPT, message);
  }
}
