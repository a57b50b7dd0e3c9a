package dev.petrel.android;

import java.time.Duration;

/** The Android-side settings a {@link PetrelAndroidBuilder} validated. */
record PetrelSettings(
    String notificationChannel,
    int jobId,
    Duration checkInterval,
    Duration checkJitter,
    boolean unmeteredOnly,
    boolean installInBackground,
    AndroidUpdateListener listener,
    long installedVersionCode) {}
