package dev.petrel.android;

import android.app.job.JobParameters;
import android.app.job.JobService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.robolectric.annotation.Implementation;
import org.robolectric.annotation.Implements;
import org.robolectric.shadows.ShadowJobService;

/**
 * A job service that keeps what {@code jobFinished} was called with, and lets a test wait for it
 * (the job's work ends on a background thread). The framework shadow keeps only the flags.
 */
@Implements(JobService.class)
public class RecordingJobService extends ShadowJobService {
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile JobParameters finishedWith;
  private volatile boolean rescheduleAsked;
  private volatile int calls;

  @Implementation
  @Override
  protected void jobFinished(JobParameters params, boolean needsReschedule) {
    super.jobFinished(params, needsReschedule);
    finishedWith = params;
    rescheduleAsked = needsReschedule;
    calls++;
    finished.countDown();
  }

  /** Waits up to 15 seconds for {@code jobFinished}; the parameters it got, or null. */
  JobParameters awaitFinished() throws InterruptedException {
    finished.await(15, TimeUnit.SECONDS);
    return finishedWith;
  }

  boolean rescheduleAsked() {
    return rescheduleAsked;
  }

  int calls() {
    return calls;
  }
}
