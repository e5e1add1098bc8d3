package dev.vecnn.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of worker threads that runs indexed tasks. The calling thread works as one of the
 * workers. Which worker runs which index is not fixed, so kernels must make every index's result
 * independent of the worker that computes it (that is what keeps results bit-identical for any
 * thread count).
 *
 * <p>Built for many short parallel regions (a training step holds several per layer): a region is
 * published by bumping a generation counter; idle workers spin on it for a short while before they
 * park, so back-to-back regions cost microseconds rather than a park/unpark round trip. The caller
 * waits for the region's tasks, not for the workers: when a worker is parked (a gap between regions
 * longer than its spin) the caller takes every task itself instead of waiting tens of microseconds
 * for the worker to wake, and the late worker finds nothing left. Tasks are claimed with the region's
 * generation, so a late worker can never take a task of a later region. The pool never has more than
 * {@code threads} threads busy: {@code threads - 1} workers plus the caller.
 *
 * <p>A task that calls {@link #run} again runs the inner region inline on its own thread (with its
 * own worker index), so nested use is safe but not parallel. Concurrent callers from different
 * threads are serialised.
 */
public final class KernelPool implements AutoCloseable {
    @FunctionalInterface
    public interface Task {
        /** Runs task {@code index}; {@code worker} is in [0, threads) and names per-thread scratch. */
        void run(int worker, int index);
    }

    /** How long an idle worker polls for the next region before it parks (bridges a step's serial stretches). */
    private static final long SPIN_NANOS = 1000L * Tuning.ACTIVE.poolSpinMicros();

    private final int threads;
    private final Worker[] workers;
    private final ReentrantLock callerLock = new ReentrantLock();

    // The current region, published to the workers by the volatile write of `generation`.
    // Volatile so that a claim that succeeds pairs with the task and count of its own region.
    private volatile Task task;
    private volatile int taskCount;
    /** Generation (high 32 bits) and next unclaimed task index (low 32 bits) of the current region. */
    private final AtomicLong claim = new AtomicLong();
    private final AtomicInteger unfinishedTasks = new AtomicInteger();
    private volatile Throwable failure;
    private volatile long generation;
    private volatile boolean closed;
    private boolean inRegion;

    private KernelPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int w = 1; w < threads; w++) {
            Worker worker = new Worker(w);
            workers[w - 1] = worker;
            worker.start();
        }
    }

    public static KernelPool create(int threads) {
        return new KernelPool(threads);
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} for every index in [0, tasks) and returns when all are done. */
    public void run(int tasks, Task task) {
        if (tasks <= 0) {
            return;
        }
        Thread current = Thread.currentThread();
        if (current instanceof Worker w && w.pool() == this) {
            runInline(w.index, tasks, task);
            return;
        }
        if (threads == 1 || tasks == 1) {
            runInline(0, tasks, task);
            return;
        }
        callerLock.lock();
        try {
            if (inRegion) { // a task of this caller's region called run again
                runInline(0, tasks, task);
                return;
            }
            if (closed) {
                throw new IllegalStateException("kernel pool is closed");
            }
            inRegion = true;
            try {
                runParallel(tasks, task);
            } finally {
                inRegion = false;
            }
        } finally {
            callerLock.unlock();
        }
    }

    /**
     * How many parts a piece of {@code work} gets on this pool: at most one per thread, and fewer when a part
     * would get less than {@code minWorkPerPart} (a parallel region costs microseconds). Every split in
     * vecnn is decided here, from sizes and the thread count only, never from timing.
     */
    public int parts(long work, long minWorkPerPart) {
        return parts(threads, work, minWorkPerPart);
    }

    /** The parts of an elementwise pass over {@code elements} values (its split never changes a value). */
    public int elementwiseParts(long elements) {
        return parts(elements, Tuning.ACTIVE.minElementsPerTask());
    }

    /** {@link #parts(long, long)} for a pool of {@code threads}. */
    public static int parts(int threads, long work, long minWorkPerPart) {
        return (int) Math.max(1, Math.min(threads, work / Math.max(1, minWorkPerPart)));
    }

    /**
     * Start of part {@code index} of {@code parts} near-equal parts of [0, length), at a multiple of
     * {@code unit} (a register tile, a block): part i is [partStart(i), partStart(i + 1)). Keep part i on
     * task index i in every pass over the same rows, so a row tends to be read on the core that wrote it.
     */
    public static int partStart(int length, int parts, int index, int unit) {
        int units = (length + unit - 1) / unit;
        return Math.min(length, (int) ((long) units * index / parts) * unit);
    }

    private static void runInline(int worker, int tasks, Task task) {
        for (int i = 0; i < tasks; i++) {
            task.run(worker, i);
        }
    }

    private void runParallel(int tasks, Task task) {
        long g = generation + 1;
        // The claim first: from here a worker still draining an earlier region finds its generation
        // gone and takes nothing, so it cannot pair the old claim with the new task and count.
        claim.set(g << 32);
        this.task = task;
        this.taskCount = tasks;
        this.failure = null;
        unfinishedTasks.set(tasks);
        generation = g; // volatile write: publishes the fields above
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w);
            }
        }
        drain(g, 0);
        long spins = 0;
        while (unfinishedTasks.get() != 0) {
            if (++spins < 1 << 14) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // a worker may have been descheduled by another process
            }
        }
        this.task = null;
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error err) throw err;
            throw new IllegalStateException(t);
        }
    }

    /** Runs unclaimed tasks of region {@code g} until none is left or the region is over. */
    private void drain(long g, int worker) {
        while (true) {
            long c = claim.get();
            if (c >>> 32 != (g & 0xffffffffL)) {
                return;
            }
            // Read after the claim: if the compare-and-set below succeeds, the region was still g.
            Task t = task;
            int i = (int) c;
            if (i >= taskCount) {
                return;
            }
            if (!claim.compareAndSet(c, c + 1)) {
                continue;
            }
            try {
                t.run(worker, i);
            } catch (Throwable e) {
                recordFailure(e);
            } finally {
                unfinishedTasks.decrementAndGet();
            }
        }
    }

    private void recordFailure(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    private final class Worker extends Thread {
        final int index;
        volatile boolean parked;

        Worker(int index) {
            super("vecnn-kernel-" + index);
            this.index = index;
            setDaemon(true);
        }

        KernelPool pool() {
            return KernelPool.this;
        }

        @Override
        public void run() {
            // Not `generation`: the first region may be published before this thread gets to run.
            long seen = 0;
            while (true) {
                long g = awaitGeneration(seen);
                if (g == seen) {
                    return; // closed
                }
                seen = g;
                drain(g, index);
            }
        }

        /** Returns the next generation after {@code seen}, or {@code seen} once the pool closes. */
        private long awaitGeneration(long seen) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            int spins = 0;
            while (true) {
                long g = generation;
                if (g != seen) {
                    return g;
                }
                if (closed) {
                    return seen;
                }
                if ((++spins & 63) != 0 || System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                // Dekker handshake with runParallel: we publish `parked` then re-read `generation`;
                // the caller publishes `generation` then reads `parked`, so one of us sees the other.
                parked = true;
                if (generation == seen && !closed) {
                    LockSupport.park(this);
                }
                parked = false;
                deadline = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
