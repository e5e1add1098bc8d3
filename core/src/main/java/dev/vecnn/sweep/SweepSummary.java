package dev.vecnn.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A sweep's finished trials sorted by a metric, best first, as a table. */
public final class SweepSummary {
    private final SweepSpec spec;
    private final String metric;
    private final List<Map<String, Object>> sorted;
    private final List<String> axes;
    private final int trials;

    private SweepSummary(SweepSpec spec, String metric, List<Map<String, Object>> sorted, List<String> axes, int trials) {
        this.spec = spec;
        this.metric = metric;
        this.sorted = sorted;
        this.axes = axes;
        this.trials = trials;
    }

    /**
     * The records of {@code spec}'s trials sorted by {@code metric} (null: the spec's; a trial without it,
     * such as one that failed, sorts last).
     */
    public static SweepSummary of(SweepSpec spec, List<Map<String, Object>> records, String metric) {
        String m = metric != null ? metric : spec.metric();
        List<Trial> trials = spec.trials();
        Set<String> hashes = new java.util.HashSet<>();
        for (Trial t : trials) hashes.add(t.hash());
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Map<String, Object> r : records) if (hashes.contains(String.valueOf(r.get("hash")))) mine.add(r);
        mine.sort(Comparator.comparingDouble((Map<String, Object> r) -> {
            double v = value(r, m);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : -v;
        }).thenComparingLong(r -> ((Number) r.get("index")).longValue()));
        Set<String> axes = new LinkedHashSet<>();
        for (SweepSpec.GridAxis g : spec.grid()) axes.add(g.name());
        for (SweepSpec.RandomAxis r : spec.random()) axes.add(r.name());
        return new SweepSummary(spec, m, List.copyOf(mine), List.copyOf(axes), trials.size());
    }

    /** The metric's value in a record (NaN when absent); "best_val_accuracy" falls back to test accuracy without a validation set. */
    public static double value(Map<String, Object> record, String metric) {
        Object v = record.get(metric);
        if (v == null && metric.equals("best_val_accuracy")) v = record.get("test_accuracy");
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** [epoch, metric] of each recorded epoch: validation accuracy, else test accuracy. */
    static List<double[]> metricHistory(Map<String, Object> record) {
        List<double[]> out = new ArrayList<>();
        if (!(record.get("history") instanceof List<?> h)) return out;
        for (Object o : h) {
            if (!(o instanceof Map<?, ?> e) || !(e.get("epoch") instanceof Number ep)) continue;
            Object v = e.get("val_accuracy") != null ? e.get("val_accuracy") : e.get("test_accuracy");
            out.add(new double[] {ep.doubleValue(), v instanceof Number n ? n.doubleValue() : Double.NaN});
        }
        return out;
    }

    public List<Map<String, Object>> rows() {
        return sorted;
    }

    /** The sweep's name. */
    public String name() {
        return spec.name();
    }

    public List<String> axes() {
        return axes;
    }

    public String metric() {
        return metric;
    }

    /** The best trial's record, or null when none has the metric. */
    public Map<String, Object> best() {
        return sorted.isEmpty() || Double.isNaN(value(sorted.get(0), metric)) ? null : sorted.get(0);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Sweep ").append(spec.name()).append("\n\n");
        int total = trials;
        long epochsRun = 0, epochsPlanned = 0;
        java.util.Map<String, Integer> statuses = new java.util.TreeMap<>();
        for (Map<String, Object> r : sorted) {
            statuses.merge(String.valueOf(r.get("status")), 1, Integer::sum);
            epochsRun += r.get("epochs_run") instanceof Number n ? n.longValue() : 0;
            epochsPlanned += r.get("epochs_planned") instanceof Number n ? n.longValue() : 0;
        }
        md.append(sorted.size()).append(" of ").append(total).append(" trials finished (");
        List<String> parts = new ArrayList<>();
        statuses.forEach((s, n) -> parts.add(n + " " + s));
        md.append(String.join(", ", parts)).append("); sorted by ").append(metric).append(", best first. ");
        md.append("Epochs run ").append(epochsRun).append(" of ").append(epochsPlanned).append(" planned");
        if (epochsPlanned > epochsRun) md.append(" (").append(epochsPlanned - epochsRun).append(" saved by early termination or early stopping)");
        md.append(".\n\n");
        md.append("| rank | trial |");
        for (String a : axes) md.append(' ').append(a).append(" |");
        boolean testColumn = !metric.equals("test_accuracy");
        md.append(" status | ").append(metric).append(testColumn ? " | test accuracy" : "").append(" | epochs | wall (s) |\n|---:|---:|");
        for (int i = 0; i < axes.size(); i++) md.append("---|");
        md.append(testColumn ? "---|---:|---:|---:|---:|\n" : "---|---:|---:|---:|\n");
        int rank = 1;
        for (Map<String, Object> r : sorted) {
            md.append("| ").append(rank++).append(" | ").append(r.get("index")).append(" |");
            Map<?, ?> values = r.get("axes") instanceof Map<?, ?> m ? m : Map.of();
            for (String a : axes) md.append(' ').append(values.get(a) == null ? "" : values.get(a)).append(" |");
            md.append(' ').append(r.get("status")).append(" | ").append(pct(value(r, metric))).append(" | ");
            if (testColumn) md.append(pct(value(r, "test_accuracy"))).append(" | ");
            md.append(r.get("epochs_run")).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", ((Number) r.get("wall_seconds")).doubleValue())).append(" |\n");
        }
        Map<String, Object> best = best();
        if (best != null) md.append("\nBest: trial ").append(best.get("index")).append(", `").append(best.get("command")).append("`\n");
        return md.toString();
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }
}
