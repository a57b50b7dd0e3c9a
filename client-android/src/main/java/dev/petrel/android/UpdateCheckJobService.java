package dev.petrel.android;

import android.app.job.JobParameters;
import android.app.job.JobService;

/**
 * The background check {@link PetrelAndroid#scheduleChecks()} schedules: checks, downloads an
 * update with its progress notification, then leaves a "ready to install" notification (or
 * installs, when {@link PetrelAndroidBuilder#installInBackground} is on). Declare it in the app's
 * manifest:
 *
 * <pre>{@code
 * <service android:name="dev.petrel.android.UpdateCheckJobService"
 *     android:permission="android.permission.BIND_JOB_SERVICE" android:exported="false"/>
 * }</pre>
 *
 * <p>When Android stops the job (the network went away), the download stops and keeps its partial
 * file; the job is rescheduled and resumes it.
 */
public final class UpdateCheckJobService extends JobService {
  @Override
  public boolean onStartJob(JobParameters params) {
    PetrelAndroid petrel = PetrelAndroid.instanceOrNull();
    if (petrel == null) {
      return false;
    }
    petrel.checkInBackground(reschedule -> jobFinished(params, reschedule));
    return true;
  }

  @Override
  public boolean onStopJob(JobParameters params) {
    PetrelAndroid petrel = PetrelAndroid.instanceOrNull();
    if (petrel != null) {
      petrel.cancelDownload();
    }
    return true;
  }
}
