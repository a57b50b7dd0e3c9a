package dev.petrel.server.telemetry;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded many-producer, one-consumer queue without locks: producers never block or contend on a
 * lock (the check path offers to it from every request thread), and an offer over capacity fails at
 * once. The bound is kept by a counter that producers reserve before adding and the consumer
 * releases after taking.
 */
final class BoundedEventQueue<T> {
  private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  BoundedEventQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: expected at least 1, found " + capacity);
    }
    this.capacity = capacity;
  }

  /** Adds {@code item} unless the queue is full; never blocks. */
  boolean offer(T item) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      return false;
    }
    items.add(item);
    return true;
  }

  /**
   * Adds all of {@code batch}, or nothing when it does not fit in the room left; never blocks.
   * Space is reserved for the whole batch before any item is added, so concurrent batches never
   * overfill the queue.
   */
  boolean offerAll(List<T> batch) {
    int count = batch.size();
    if (size.addAndGet(count) > capacity) {
      size.addAndGet(-count);
      return false;
    }
    items.addAll(batch);
    return true;
  }

  /** Moves up to {@code max} items into {@code into}; returns how many. For the one consumer. */
  int drainTo(List<T> into, int max) {
    int taken = 0;
    for (T item; taken < max && (item = items.poll()) != null; taken++) {
      into.add(item);
    }
    size.addAndGet(-taken);
    return taken;
  }

  /** Items waiting (approximately, while producers are adding). */
  int size() {
    return size.get();
  }

  boolean isEmpty() {
    return items.isEmpty();
  }
}
