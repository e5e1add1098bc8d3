package dev.vecnn.cli;

import dev.vecnn.experiment.ExperimentRunner;
import dev.vecnn.experiment.Preset;
import dev.vecnn.train.EpochMetrics;
import dev.vecnn.train.RunStatus;
import java.util.List;

/** One preset's outcome in a reproduction, with the figures the report table and the floors use. */
record RunRecord(Preset preset, ExperimentRunner.Outcome outcome, double wallSeconds, List<SeedRun> otherSeeds) {

    /** The same preset trained again with another seed (initial weights and shuffles; the data split stays). */
    record SeedRun(long seed, double testAccuracy, String status) {}

    RunRecord(Preset preset, ExperimentRunner.Outcome outcome, double wallSeconds) {
        this(preset, outcome, wallSeconds, List.of());
    }

    RunRecord {
        otherSeeds = List.copyOf(otherSeeds);
    }

    /** Test accuracies of every seed run, the first being the preset's own seed. */
    double[] accuraciesOverSeeds() {
        double[] a = new double[1 + otherSeeds.size()];
        a[0] = headlineAccuracy();
        for (int i = 0; i < otherSeeds.size(); i++) a[i + 1] = otherSeeds.get(i).testAccuracy();
        return a;
    }

    /** Test accuracy of a training run, the ensemble's for one-vs-rest; NaN for a gradient check or without a test set. */
    double headlineAccuracy() {
        if (outcome.training() != null) {
            return outcome.training().test() == null ? Double.NaN : outcome.training().test().accuracy();
        }
        if (outcome.oneVsRest() != null) return outcome.oneVsRest().ensembleAccuracy();
        return Double.NaN;
    }

    boolean diverged() {
        return outcome.training() != null && outcome.training().status() == RunStatus.DIVERGED;
    }

    double samplesPerSecond() {
        return outcome.training() == null ? Double.NaN : outcome.training().samplesPerSecond();
    }

    /** Whether the run clears the --quick floor: accuracy for training, differences below 10 eps^2 for the gradient check. */
    boolean meetsFloor() {
        if (outcome.gradients() != null) {
            double eps = outcome.gradients().epsilon();
            return outcome.gradients().maxDifference() < 10 * eps * eps;
        }
        return !diverged() && headlineAccuracy() >= preset.quickFloor();
    }

    String floorText() {
        if (outcome.gradients() != null) {
            double eps = outcome.gradients().epsilon();
            return String.format(java.util.Locale.ROOT, "max difference < %.0e", 10 * eps * eps);
        }
        return "test accuracy >= " + EpochPrinter.pct(preset.quickFloor());
    }

    /** The recorded epoch exactly at {@code epoch}, or null. */
    EpochMetrics at(int epoch) {
        if (outcome.training() == null) return null;
        List<EpochMetrics> h = outcome.training().history();
        for (EpochMetrics m : h) {
            if (m.epoch() == epoch) return m;
        }
        return null;
    }
}
