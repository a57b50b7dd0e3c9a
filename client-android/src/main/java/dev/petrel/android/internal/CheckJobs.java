package dev.petrel.android.internal;

import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import android.content.ComponentName;
import android.content.Context;
import java.time.Duration;

/** Schedules the periodic background check with {@link JobScheduler}. */
public final class CheckJobs {
  /** Android's shortest period for a periodic job. */
  public static final Duration MIN_INTERVAL = Duration.ofMinutes(15);

  /** Android's shortest flex window. */
  public static final Duration MIN_JITTER = Duration.ofMinutes(5);

  private CheckJobs() {}

  /**
   * Schedules (or replaces) the job: periodic every {@code interval}, run anywhere in the last
   * {@code jitter} of each period (so a fleet does not check at the same moment), only with a
   * network (unmetered when asked), persisted across reboots.
   *
   * @return whether JobScheduler accepted it
   */
  public static boolean schedule(
      Context context,
      int jobId,
      Class<?> service,
      Duration interval,
      Duration jitter,
      boolean unmeteredOnly) {
    JobInfo job =
        new JobInfo.Builder(jobId, new ComponentName(context, service))
            .setRequiredNetworkType(
                unmeteredOnly ? JobInfo.NETWORK_TYPE_UNMETERED : JobInfo.NETWORK_TYPE_ANY)
            .setPeriodic(interval.toMillis(), jitter.toMillis())
            .setPersisted(true)
            .build();
    return scheduler(context).schedule(job) == JobScheduler.RESULT_SUCCESS;
  }

  /** Cancels the job. */
  public static void cancel(Context context, int jobId) {
    scheduler(context).cancel(jobId);
  }

  private static JobScheduler scheduler(Context context) {
    return context.getSystemService(JobScheduler.class);
  }
}
