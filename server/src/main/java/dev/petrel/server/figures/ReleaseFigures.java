package dev.petrel.server.figures;

import java.util.List;
import java.util.Map;

/**
 * What devices did with one release in a window.
 *
 * @param checks checks from devices that ran this release
 * @param devices distinct devices among them
 * @param offers checks answered with this release
 * @param offeredDevices distinct devices among them
 * @param events client events about this release, by wire type (every type, zero when none)
 * @param attempted installs attempted (succeeded, failed, reverted, crashed on start)
 * @param failed installs failed, reverted or crashed on start
 * @param failureBasisPoints {@code failed * 10000 / attempted} rounded down, or null when none were
 *     attempted
 * @param topFailureReasons the most frequent reasons given with failure events, most frequent first
 */
public record ReleaseFigures(
    long checks,
    long devices,
    long offers,
    long offeredDevices,
    Map<String, Long> events,
    long attempted,
    long failed,
    Integer failureBasisPoints,
    List<FailureReason> topFailureReasons) {

  /**
   * How often one reason came with one type of failure.
   *
   * @param type the event type ({@code download_failed}, {@code install_failed}, {@code reverted}
   *     or {@code crashed_on_start})
   * @param reason the reason as the client gave it
   * @param count how many events gave it
   */
  public record FailureReason(String type, String reason, long count) {}
}
