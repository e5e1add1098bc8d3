package dev.vecnn.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed set of worker threads that runs indexed tasks. The calling thread works as one of the
 * workers. Which worker runs which index is not fixed, so kernels must make every index's result
 * independent of the worker that computes it (that is what keeps results bit-identical for any
 * thread count).
 *
 * <p>First version: a plain executor. The kernel work replaces it with a spinning pool.
 */
public final class KernelPool implements AutoCloseable {
    @FunctionalInterface
    public interface Task {
        /** Runs task {@code index}; {@code worker} is in [0, threads) and names per-thread scratch. */
        void run(int worker, int index);
    }

    private final int threads;
    private final ExecutorService executor;

    private KernelPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "vecnn-kernel");
            t.setDaemon(true);
            return t;
        });
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
        if (threads == 1 || tasks <= 1) {
            for (int i = 0; i < tasks; i++) {
                task.run(0, i);
            }
            return;
        }
        int workers = Math.min(threads, tasks);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[workers - 1];
        for (int w = 1; w < workers; w++) {
            final int worker = w;
            futures[w - 1] = executor.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < tasks; ) {
                    task.run(worker, i);
                }
            });
        }
        for (int i; (i = next.getAndIncrement()) < tasks; ) {
            task.run(0, i);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for kernel workers", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
