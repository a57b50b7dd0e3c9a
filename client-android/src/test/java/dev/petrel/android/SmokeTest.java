package dev.petrel.android;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Context;
import android.os.Build;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Files;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;

@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
public class SmokeTest {
  @Test
  public void runs() throws Exception {
    Context context = RuntimeEnvironment.getApplication();
    assertThat(Build.VERSION.SDK_INT).isEqualTo(34);
    try (TestServer server =
        TestServer.start(TestDatabase.SQLITE, Files.createTempDirectory("s"))) {
      assertThat(server.get("/api/system/health").status()).isEqualTo(200);
    }
    assertThat(context.getNoBackupFilesDir()).isNotNull();
  }
}
