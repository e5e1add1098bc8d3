package dev.vecnn.kernel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The round trip of one cache line between two threads (each waits for the other's increment of a shared
 * counter, then increments it): the latency every line pays that one core writes and the other then reads,
 * which sets what a split of work between cores may share per step. Prints the mean round trip per round;
 * arg: rounds (default 3), 2 million round trips each.
 */
public class CrossCoreRoundTrip {
  static final AtomicLong LINE = new AtomicLong();

  public static void main(String[] a) throws InterruptedException {
    int rounds = a.length > 0 ? Integer.parseInt(a[0]) : 3;
    long trips = 2_000_000;
    for (int round = 0; round < rounds; round++) {
      LINE.set(0);
      Thread other = new Thread(() -> bounce(1, trips));
      other.start();
      long start = System.nanoTime();
      bounce(0, trips);
      long end = System.nanoTime();
      other.join();
      System.out.printf("round trip %.0f ns%n", (end - start) / (double) trips);
    }
  }

  /** Waits for the counter to reach each value of this thread's parity, then increments it. */
  private static void bounce(long first, long trips) {
    for (long v = first; v < 2 * trips; v += 2) {
      while (LINE.get() != v) Thread.onSpinWait();
      LINE.set(v + 1);
    }
  }
}
