package dev.petrel.client.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The uncaught-exception handler behind {@code Updater.reportCrashes()}: the first exception no
 * code caught, in any thread, writes one {@code app_crashed} event to the outbox (synchronously, so
 * it survives the process) and the marker file {@value #MARKER} in the state directory, which tells
 * the desktop launcher that this crash is reported already; then the exception goes on to the
 * handler installed before, or is printed as the JVM would.
 *
 * <p>The reason is the exception's class name and those of its causes, never a message or a stack
 * trace, which may carry user data.
 */
public final class CrashHook implements Thread.UncaughtExceptionHandler {
  /** The marker's file name in the state directory. */
  public static final String MARKER = "crash-reported";

  /** Longest reason sent. */
  static final int MAX_REASON = 200;

  private final Reporter reporter;
  private final java.util.function.Supplier<Config> config;
  private final Thread.UncaughtExceptionHandler previous;
  private final AtomicBoolean reported = new AtomicBoolean();

  private CrashHook(
      Reporter reporter,
      java.util.function.Supplier<Config> config,
      Thread.UncaughtExceptionHandler previous) {
    this.reporter = reporter;
    this.config = config;
    this.previous = previous;
  }

  /** Installs a hook as the default handler, keeping the one before it; returns the hook. */
  public static synchronized CrashHook install(
      Reporter reporter, java.util.function.Supplier<Config> config) {
    Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
    if (current instanceof CrashHook hook) {
      return hook;
    }
    CrashHook hook = new CrashHook(reporter, config, current);
    Thread.setDefaultUncaughtExceptionHandler(hook);
    return hook;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable failure) {
    try {
      if (reported.compareAndSet(false, true)) {
        Config now = config.get();
        if (reporter.reportInstalled("app_crashed", now, reason(failure))) {
          Files.write(now.stateDir().resolve(MARKER), new byte[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Reporting must never hide the crash itself.
    } finally {
      if (previous != null) {
        previous.uncaughtException(thread, failure);
      } else {
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        failure.printStackTrace();
      }
    }
  }

  /** The class names of {@code failure} and its causes, e.g. {@code a.B caused by c.D}. */
  static String reason(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.getClass().getName());
    Throwable cause = failure.getCause();
    for (int depth = 0; cause != null && cause != failure && depth < 3; depth++) {
      text.append(" caused by ").append(cause.getClass().getName());
      cause = cause.getCause();
    }
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text.toString();
  }

  /** Whether {@code stateDir} holds a marker, deleting it: the crash was reported by the hook. */
  public static boolean takeMarker(Path stateDir) {
    try {
      return Files.deleteIfExists(stateDir.resolve(MARKER));
    } catch (IOException e) {
      return false;
    }
  }
}
