package dev.vecnn.cli;

import dev.vecnn.train.EpochMetrics;
import dev.vecnn.train.OneVsRestResult;
import dev.vecnn.train.TrainResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The PNGs of a reproduction: learning curves per run, per-digit accuracy bars for one-vs-rest. */
final class ReproducePlots {
    private ReproducePlots() {}

    /** Writes the run's plots into {@code dir}; returns their file names, for the markdown. */
    static List<String> write(Path dir, RunRecord run) throws IOException {
        List<String> files = new ArrayList<>();
        String name = run.preset().name();
        if (run.outcome().training() != null) {
            TrainResult r = run.outcome().training();
            List<EpochMetrics> h = r.history();
            if (h.isEmpty()) return files;
            String loss = name + "-loss.png";
            Plots.lines(dir.resolve(loss), name + ": mean cross-entropy per example", "epoch", "loss",
                    series(h, EpochMetrics::trainLoss, EpochMetrics::valLoss, EpochMetrics::testLoss), maxOf(h) > 20 * minOf(h));
            String acc = name + "-accuracy.png";
            Plots.lines(dir.resolve(acc), name + ": accuracy", "epoch", "accuracy",
                    series(h, EpochMetrics::trainAccuracy, EpochMetrics::valAccuracy, EpochMetrics::testAccuracy), false);
            files.add(acc);
            files.add(loss);
        }
        if (run.outcome().oneVsRest() != null) {
            OneVsRestResult r = run.outcome().oneVsRest();
            List<String> digits = new ArrayList<>();
            for (int d = 0; d < r.trainAccuracy().length; d++) digits.add(Integer.toString(d));
            Map<String, double[]> bars = new LinkedHashMap<>();
            bars.put("train (balanced subset)", r.trainAccuracy());
            bars.put("test (all 10,000, binarised)", r.testAccuracy());
            String file = name + "-digits.png";
            Plots.bars(dir.resolve(file), name + ": accuracy of each digit's neuron at threshold "
                    + run.preset().config().threshold(), "digit", "accuracy", digits, bars, 0.0, 1.0);
            files.add(file);
        }
        return files;
    }

    private static List<Plots.Series> series(List<EpochMetrics> h, ToDoubleFunction<EpochMetrics> train,
                                             ToDoubleFunction<EpochMetrics> val, ToDoubleFunction<EpochMetrics> test) {
        List<Plots.Series> s = new ArrayList<>();
        s.add(of("train", h, train));
        if (h.get(0).hasValidation()) s.add(of("validation", h, val));
        if (h.get(0).hasTest()) s.add(of("test", h, test));
        return s;
    }

    private static Plots.Series of(String name, List<EpochMetrics> h, ToDoubleFunction<EpochMetrics> f) {
        double[] x = new double[h.size()];
        double[] y = new double[h.size()];
        for (int i = 0; i < h.size(); i++) {
            x[i] = h.get(i).epoch();
            y[i] = f.applyAsDouble(h.get(i));
        }
        return new Plots.Series(name, x, y);
    }

    private static double maxOf(List<EpochMetrics> h) {
        return h.stream().mapToDouble(EpochMetrics::trainLoss).max().orElse(1);
    }

    private static double minOf(List<EpochMetrics> h) {
        return Math.max(1e-9, h.stream().mapToDouble(EpochMetrics::trainLoss).min().orElse(1));
    }
}
