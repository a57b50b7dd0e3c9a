package dev.petrel.client.desktop.internal;

/**
 * Test-only hook for the crash-safety tests: when the system property {@value #PROPERTY} names the
 * step being reached, the process prints {@code CRASH-POINT <step>} to standard output and waits to
 * be killed (the test sends SIGKILL). Without the property, {@link #reach} does nothing.
 */
public final class CrashPoints {
  /** The system property naming the step at which to stop. */
  public static final String PROPERTY = "petrel.test.crash-at";

  private CrashPoints() {}

  /** Called by the install code at each step; see the class comment. */
  public static void reach(String step) {
    String wanted = System.getProperty(PROPERTY);
    if (wanted == null || !wanted.equals(step)) {
      return;
    }
    System.out.println("CRASH-POINT " + step);
    System.out.flush();
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Not killed in time: stop as abruptly as a kill would.
    Runtime.getRuntime().halt(137);
  }
}
