package dev.vecnn.cli;

import dev.vecnn.kernel.KernelPool;
import picocli.CommandLine.Option;

/** --threads, shared by every command that computes. Results do not depend on it, only speed does. */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N",
            description = "Kernel threads (default: the number of processors). Results are bit-identical for any N.")
    Integer threads;

    /** The thread count, checked: commands call this before any work, so a bad value is bad usage up front. */
    int count() {
        int n = threads == null ? KernelPool.defaultThreads() : threads;
        if (n < 1 || n > 1024) throw new BadUsage("--threads must be between 1 and 1024, got " + n);
        return n;
    }

    KernelPool pool() {
        return KernelPool.create(count());
    }
}
