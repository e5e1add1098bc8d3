package dev.vecnn.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT or SIGTERM while training: a shutdown hook asks the trainer to stop and then holds the JVM
 * until the command has reached a step boundary, written its checkpoint (atomically) and said so.
 * The JVM then exits 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM. A shutdown hook
 * rather than a signal handler: it needs no internal API and covers every signal the JVM exits on.
 */
final class Interruption implements AutoCloseable {
    /** What an in-process caller sees; a signalled JVM exits with 128 + the signal's number instead. */
    static final int EXIT_CODE = 130;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "vecnn-interrupt");

    private Interruption() {}

    static Interruption install() {
        Interruption i = new Interruption();
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    boolean requested() {
        return requested.get();
    }

    private void stopAndWait() {
        requested.set(true);
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the exit must still wait for the checkpoint
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** The command is done (stopped, finished or failed): a waiting hook lets the JVM exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs, and no longer waits
        }
    }
}
