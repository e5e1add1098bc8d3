package dev.vecnn.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How a sweep stops unpromising trials early, on the metric of each recorded epoch. Off by default. */
public enum EarlyTermination {
    NONE,
    /**
     * Median stopping rule: after {@link #GRACE_EPOCHS}, a trial stops at an epoch where its best metric so far
     * is below the median of the best-so-far of the trials before it (by index) at that epoch. To keep the
     * decision the same however trials overlap in time, a trial waits at each epoch until every trial before
     * it has passed that epoch or finished.
     */
    MEDIAN,
    /**
     * Synchronous successive halving: every trial runs to the first rung ({@link #FIRST_RUNG} epochs), the best
     * 1/{@link #ETA} go on to ETA times as many, and so on to the full epochs; a promoted trial restarts from
     * epoch 0 (the same seed gives the same epochs again), so decisions never depend on timing.
     */
    HALVING;

    public static final int GRACE_EPOCHS = 3;
    public static final int FIRST_RUNG = 2;
    public static final int ETA = 3;

    public static EarlyTermination parse(String s) {
        return switch (s) {
            case "none" -> NONE;
            case "median" -> MEDIAN;
            case "halving", "asha" -> HALVING;
            default -> throw new IllegalArgumentException("--early must be none, median or halving, got '" + s + "'");
        };
    }

    /** Rung epochs for trials of {@code epochs} epochs: 2, 6, 18, ... below it, then {@code epochs}. */
    static List<Integer> rungs(int epochs) {
        List<Integer> r = new ArrayList<>();
        for (long e = FIRST_RUNG; e < epochs; e *= ETA) r.add((int) e);
        r.add(epochs);
        return r;
    }

    /** The median rule's shared record of each trial's best metric per epoch, and its waiting. */
    static final class MedianBoard implements TrialRunner.EpochGate {
        /** bestByTrial.get(i).get(e - 1): trial i's best metric through epoch e. */
        private final Map<Integer, List<Double>> bestByTrial = new HashMap<>();
        private final Map<Integer, Integer> reached = new HashMap<>();
        private final boolean[] finished;

        MedianBoard(int trials) {
            this.finished = new boolean[trials];
        }

        @Override
        public synchronized boolean stop(Trial trial, int epoch, double metric) {
            int i = trial.index();
            double now = record(i, epoch, metric);
            notifyAll();
            if (epoch < GRACE_EPOCHS) return false;
            List<Double> others = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                while (!finished[j] && reached.getOrDefault(j, 0) < epoch) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                List<Double> b = bestByTrial.get(j);
                if (b != null && b.size() >= epoch && !Double.isNaN(b.get(epoch - 1))) others.add(b.get(epoch - 1));
            }
            if (others.isEmpty() || Double.isNaN(now)) return false;
            others.sort(Double::compare);
            int n = others.size();
            double median = n % 2 == 1 ? others.get(n / 2) : (others.get(n / 2 - 1) + others.get(n / 2)) / 2;
            return now < median;
        }

        /** Notes trial i's metric at an epoch (epochs not recorded keep the last value); returns its best so far. */
        private double record(int i, int epoch, double metric) {
            List<Double> best = bestByTrial.computeIfAbsent(i, k -> new ArrayList<>());
            double prev = best.isEmpty() ? Double.NaN : best.get(best.size() - 1);
            while (best.size() < epoch - 1) best.add(prev);
            double now = Double.isNaN(prev) ? metric : Double.isNaN(metric) ? prev : Math.max(prev, metric);
            if (best.size() == epoch - 1) best.add(now);
            reached.merge(i, epoch, Math::max);
            return now;
        }

        /** A trial finished in an earlier run: its recorded epochs count as if it had run now. */
        synchronized void preload(int index, List<double[]> epochAndMetric) {
            for (double[] em : epochAndMetric) record(index, (int) em[0], em[1]);
            finished(index);
        }

        synchronized void finished(int index) {
            finished[index] = true;
            notifyAll();
        }
    }
}
