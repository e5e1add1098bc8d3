package dev.vecnn.peers.compare;

import dev.vecnn.experiment.Machine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What else the machine is doing: waits for it to be quiet before a timing run, within a budget. */
final class LoadMonitor {
    private final long waitSeconds;
    private final long budgetSeconds;
    private final double busyThreshold;
    private final List<String> notes;

    LoadMonitor(CompareOptions o, List<String> notes) {
        this.waitSeconds = o.quietWaitSeconds;
        this.budgetSeconds = o.quietBudgetSeconds;
        this.busyThreshold = o.quietBusy;
        this.notes = notes;
    }

    private long waitedNanos;

    /**
     * CPU share (0..1 of all CPUs) in use over one second; waits while it is above the threshold, up to
     * the configured time, and returns the last share measured.
     */
    double waitQuiet() throws InterruptedException {
        long allowed = Math.min(waitSeconds * 1_000_000_000L,
                Math.max(0, budgetSeconds * 1_000_000_000L - waitedNanos));
        long start = System.nanoTime();
        long deadline = start + allowed;
        double busy = busyShare();
        boolean told = false;
        while (busy > busyThreshold && System.nanoTime() < deadline) {
            if (!told) {
                System.out.printf(Locale.ROOT, "compare: waiting for a quieter machine (other processes use %.0f%% of the CPUs)%n", 100 * busy);
                told = true;
            }
            Thread.sleep(4000);
            busy = busyShare();
        }
        waitedNanos += System.nanoTime() - start;
        if (busy > busyThreshold && waitSeconds > 0) {
            String line = String.format(Locale.ROOT, "some runs started while other processes used more than %.0f%% of the CPUs"
                    + " (see the busy column of the runs CSV)", 100 * busyThreshold);
            if (!notes.contains(line)) notes.add(line);
        }
        return busy;
    }

    static double busyShare() throws InterruptedException {
        long[] a = cpuTimes();
        Thread.sleep(1000);
        long[] b = cpuTimes();
        if (a == null || b == null || b[1] == a[1]) return Double.NaN;
        return (double) (b[0] - a[0]) / (b[1] - a[1]);
    }

    /** {busy, total} jiffies over all CPUs from /proc/stat, or null off Linux. */
    static long[] cpuTimes() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) total += Long.parseLong(f[i]);
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[] {total - idle, total};
        } catch (Exception e) {
            return null;
        }
    }

    /** The CPU model, its widest vector extension and the cores visible, for the report. */
    static String machine() {
        return Machine.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible";
    }
}
