package dev.petrel.server.releases;

import dev.petrel.server.auth.Principal;
import java.io.IOException;
import org.jdbi.v3.core.Handle;

/**
 * A platform's own check of what is published (an APK's package and signer, an IPA's bundle), in
 * two steps: {@link #inspect} reads the artifact before the publish transaction (it may be slow),
 * and the {@link Inspected} it returns compares with earlier releases and stores what it read
 * inside that transaction. Either step refuses by throwing {@link
 * dev.petrel.server.web.ApiException}; the publish then stores nothing.
 */
public interface PublishCheck {
  /**
   * Reads what this check needs of the release about to be published.
   *
   * @param draft the release as it would be stored (id 0)
   * @return what to check and store in the transaction, or null when this check does not apply
   */
  Inspected inspect(Release draft, PublishRequest request) throws IOException;

  /** What {@link #inspect} read, applied in the publish transaction. */
  interface Inspected {
    /**
     * Called in the publish transaction after the release row is inserted and before the
     * transaction commits: compare with the app's earlier releases, store what was read, audit what
     * needs auditing. Throwing rolls the whole publish back.
     */
    void apply(Handle handle, Release published, PublishRequest request, Principal actor);
  }
}
