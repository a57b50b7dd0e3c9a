package dev.petrel.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import android.content.ComponentName;
import java.time.Duration;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;

/** The background check is a persisted periodic job with a network constraint and a flex window. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
public class CheckJobTest {
  private AndroidFixture fixture;

  @Before
  public void start() {
    fixture = new AndroidFixture();
  }

  @After
  public void stop() {
    fixture.close();
  }

  @Test
  @SuppressWarnings("deprecation") // getNetworkType(): what API 26 devices see
  public void theCheckIsAPersistedPeriodicJobNeedingANetwork() {
    PetrelAndroid petrel =
        fixture
            .petrel()
            .checkEvery(Duration.ofHours(4))
            .checkJitter(Duration.ofMinutes(30))
            .build();

    assertThat(petrel.scheduleChecks()).isTrue();

    JobInfo job = scheduler().getPendingJob(0x7e7e1);
    assertThat(job).isNotNull();
    assertThat(job.getService())
        .isEqualTo(new ComponentName(fixture.context, UpdateCheckJobService.class));
    assertThat(job.isPeriodic()).isTrue();
    assertThat(job.getIntervalMillis()).isEqualTo(Duration.ofHours(4).toMillis());
    assertThat(job.getFlexMillis()).isEqualTo(Duration.ofMinutes(30).toMillis());
    assertThat(job.getNetworkType()).isEqualTo(JobInfo.NETWORK_TYPE_ANY);
    assertThat(job.isPersisted()).isTrue();
  }

  @Test
  @SuppressWarnings("deprecation")
  public void unmeteredOnlyWaitsForAnUnmeteredNetworkAndCancelRemovesTheJob() {
    PetrelAndroid petrel = fixture.petrel().unmeteredOnly(true).jobId(42).build();
    petrel.scheduleChecks();

    assertThat(scheduler().getPendingJob(42).getNetworkType())
        .isEqualTo(JobInfo.NETWORK_TYPE_UNMETERED);

    petrel.cancelScheduledChecks();
    assertThat(scheduler().getPendingJob(42)).isNull();
  }

  @Test
  public void anIntervalBelowAndroidsFifteenMinutesIsRefusedByName() {
    assertThatThrownBy(() -> fixture.petrel().checkEvery(Duration.ofMinutes(5)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkEvery: expected at least PT15M, found PT5M");
  }

  private JobScheduler scheduler() {
    return fixture.context.getSystemService(JobScheduler.class);
  }
}
