package dev.petrel.android;

import android.content.IntentSender;
import android.content.pm.PackageInstaller;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.robolectric.annotation.Implementation;
import org.robolectric.annotation.Implements;
import org.robolectric.shadows.ShadowPackageInstaller;

/**
 * A package-installer session that keeps what is written to it and the status receiver it was
 * committed with, and, like Android, answers only later: the test sends the status itself. (The
 * framework shadow drops the bytes and reports success at once.)
 */
@Implements(PackageInstaller.Session.class)
public class RecordingSession extends ShadowPackageInstaller.ShadowSession {
  static final List<RecordingSession> COMMITTED = new ArrayList<>();
  static int opened;

  final ByteArrayOutputStream written = new ByteArrayOutputStream();
  String fileName;
  boolean synced;
  IntentSender statusReceiver;

  @Implementation
  @Override
  protected OutputStream openWrite(String name, long offsetBytes, long lengthBytes) {
    opened++;
    fileName = name;
    return written;
  }

  @Implementation
  @Override
  protected void fsync(OutputStream out) {
    synced = out == written;
  }

  @Implementation
  @Override
  protected void commit(IntentSender statusReceiver) {
    this.statusReceiver = statusReceiver;
    COMMITTED.add(this);
  }

  static void reset() {
    COMMITTED.clear();
    opened = 0;
  }
}
