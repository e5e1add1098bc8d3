package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class KernelPoolTest {
    @Test
    void runsEveryIndexExactlyOnceWithValidWorkerIds() {
        for (int threads = 1; threads <= 3; threads++) {
            try (KernelPool pool = KernelPool.create(threads)) {
                for (int round = 0; round < 200; round++) {
                    int tasks = round % 17;
                    AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(tasks, 1));
                    int t = threads;
                    pool.run(tasks, (worker, index) -> {
                        assertTrue(worker >= 0 && worker < t);
                        hits.incrementAndGet(index);
                    });
                    for (int i = 0; i < tasks; i++) assertEquals(1, hits.get(i), "index " + i);
                }
            }
        }
    }

    @Test
    void workersRecoverAfterParking() throws InterruptedException {
        try (KernelPool pool = KernelPool.create(2)) {
            for (int round = 0; round < 3; round++) {
                Thread.sleep(5); // long enough for the worker to stop spinning and park
                AtomicIntegerArray hits = new AtomicIntegerArray(8);
                pool.run(8, (w, i) -> hits.incrementAndGet(i));
                for (int i = 0; i < 8; i++) assertEquals(1, hits.get(i));
            }
        }
    }

    /**
     * The caller does not wait for parked or late workers, so a worker may wake during a later
     * region: every region must still run each of its own indices exactly once, with its own task.
     */
    @Test
    void lateWorkersNeverRunATaskOfAnotherRegion() throws InterruptedException {
        int regions = 3000;
        AtomicIntegerArray[] hits = new AtomicIntegerArray[regions];
        try (KernelPool pool = KernelPool.create(3)) {
            for (int region = 0; region < regions; region++) {
                AtomicIntegerArray h = new AtomicIntegerArray(1 + region % 7);
                hits[region] = h;
                pool.run(h.length(), (w, i) -> h.incrementAndGet(i));
                if (region % 500 == 0) Thread.sleep(3); // long enough for the workers to park
            }
        }
        // Checked at the end too: a late worker running an old region's task would show up here.
        for (int region = 0; region < regions; region++) {
            for (int i = 0; i < hits[region].length(); i++) {
                assertEquals(1, hits[region].get(i), "region " + region + " index " + i);
            }
        }
    }

    @Test
    void taskFailureReachesTheCallerAndThePoolStaysUsable() {
        try (KernelPool pool = KernelPool.create(2)) {
            assertThrows(IllegalStateException.class, () -> pool.run(10, (w, i) -> {
                if (i == 7) throw new IllegalStateException("boom");
            }));
            AtomicIntegerArray hits = new AtomicIntegerArray(4);
            pool.run(4, (w, i) -> hits.incrementAndGet(i));
            for (int i = 0; i < 4; i++) assertEquals(1, hits.get(i));
        }
    }

    @Test
    void nestedRegionsRunInline() {
        try (KernelPool pool = KernelPool.create(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(16);
            pool.run(4, (w, i) -> pool.run(4, (w2, j) -> {
                assertEquals(w, w2);
                hits.incrementAndGet(i * 4 + j);
            }));
            for (int i = 0; i < 16; i++) assertEquals(1, hits.get(i));
        }
    }

    @Test
    void partsCoverTheRangeWithAlignedBoundaries() {
        for (int length : new int[] {1, 5, 16, 100, 1001}) {
            for (int parts = 1; parts <= 4; parts++) {
                int[] hits = new int[length];
                for (int p = 0; p < parts; p++) {
                    int from = KernelPool.partStart(length, parts, p, 8), to = KernelPool.partStart(length, parts, p + 1, 8);
                    assertTrue(from % 8 == 0 || from == length, "from " + from);
                    for (int i = from; i < to; i++) hits[i]++;
                }
                for (int i = 0; i < length; i++) assertEquals(1, hits[i], "length " + length + " parts " + parts + " index " + i);
            }
        }
    }

    @Test
    void partsFollowTheWorkAndNeverExceedTheThreads() {
        assertEquals(1, KernelPool.parts(4, 99, 100), "less than one part's work");
        assertEquals(1, KernelPool.parts(4, 199, 100));
        assertEquals(2, KernelPool.parts(4, 200, 100));
        assertEquals(4, KernelPool.parts(4, 1_000_000, 100), "capped by the threads");
        assertEquals(1, KernelPool.parts(1, 1_000_000, 100));
    }
}
