package dev.vecnn.bench.gate;

import dev.vecnn.bench.report.JmhResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compares a run's figures with the baseline: one row per figure, and an overall verdict. */
public final class GateComparison {
    public enum Verdict {
        OK(true), IMPROVED(true), REGRESSED(false), MISSING(false), NO_BASELINE(false);

        public final boolean passes;

        Verdict(boolean passes) {
            this.passes = passes;
        }
    }

    /** One figure: baseline and current values (NaN when unknown), verdict and an explanation. */
    public record Row(Figure figure, double baseline, double tolerance, double now, Verdict verdict, String note) {}

    private final List<Row> rows;

    private GateComparison(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    public static GateComparison compare(List<Figure> figures, Baseline baseline, JmhResults results) {
        Map<String, Double> now = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (Figure f : figures) {
            try {
                now.put(f.name(), f.compute(results));
            } catch (Figure.MissingBenchmarkException e) {
                missing.put(f.name(), e.getMessage());
            }
        }
        return compare(figures, baseline, now, missing);
    }

    /** Compares already computed values; figures in {@code missing} could not be computed (the reason is the value). */
    public static GateComparison compare(List<Figure> figures, Baseline baseline, Map<String, Double> now,
                                         Map<String, String> missing) {
        List<Row> rows = new ArrayList<>();
        for (Figure f : figures) {
            Baseline.Entry b = baseline.figures().get(f.name());
            double base = b == null ? Double.NaN : b.value(), tol = b == null ? f.defaultTolerance() : b.tolerance();
            if (missing.containsKey(f.name()) || !now.containsKey(f.name())) {
                rows.add(new Row(f, base, tol, Double.NaN, Verdict.MISSING,
                        missing.getOrDefault(f.name(), "no value measured")));
                continue;
            }
            double v = now.get(f.name());
            if (b == null) {
                rows.add(new Row(f, base, tol, v, Verdict.NO_BASELINE, "not in the baseline file: re-record with bench/gate --record"));
            } else if (Double.isNaN(v)) {
                rows.add(new Row(f, base, tol, v, Verdict.MISSING, "the measurement is not a number"));
            } else if (f.kind() == Figure.Kind.RATIO) {
                double floor = base * (1 - tol), ceiling = base * (1 + tol);
                if (v < floor) {
                    rows.add(new Row(f, base, tol, v, Verdict.REGRESSED, String.format(Locale.ROOT,
                            "%.0f%% of the baseline, below the floor %.4g", 100 * v / base, floor)));
                } else if (v > ceiling) {
                    rows.add(new Row(f, base, tol, v, Verdict.IMPROVED, String.format(Locale.ROOT,
                            "%.0f%% of the baseline: consider re-recording", 100 * v / base)));
                } else {
                    rows.add(new Row(f, base, tol, v, Verdict.OK, String.format(Locale.ROOT, "%.0f%% of the baseline", 100 * v / base)));
                }
            } else {
                double limit = base + tol;
                if (v > limit) {
                    rows.add(new Row(f, base, tol, v, Verdict.REGRESSED, String.format(Locale.ROOT, "above the limit %.4g B/op", limit)));
                } else if (v < base - tol) {
                    rows.add(new Row(f, base, tol, v, Verdict.IMPROVED, "allocates less than the baseline: consider re-recording"));
                } else {
                    rows.add(new Row(f, base, tol, v, Verdict.OK, String.format(Locale.ROOT, "limit %.4g B/op", limit)));
                }
            }
        }
        return new GateComparison(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    public boolean passed() {
        return rows.stream().allMatch(r -> r.verdict().passes);
    }

    /** Names of the figures that did not pass. */
    public List<String> failures() {
        return rows.stream().filter(r -> !r.verdict().passes).map(r -> r.figure().name()).toList();
    }

    /** Values of the figures that were measured, by name. */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Row r : rows) if (!Double.isNaN(r.now())) m.put(r.figure().name(), r.now());
        return m;
    }

    /** The table: figure, baseline, now, tolerance, verdict, note. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-28s %12s %12s %10s  %-11s %s%n", "figure", "baseline", "now", "tolerance", "verdict", "note"));
        for (Row r : rows) {
            String tol = r.figure().kind() == Figure.Kind.RATIO
                    ? String.format(Locale.ROOT, "-%.0f%%", 100 * r.tolerance())
                    : String.format(Locale.ROOT, "+%.0f B", r.tolerance());
            sb.append(String.format(Locale.ROOT, "%-28s %12s %12s %10s  %-11s %s%n", r.figure().name(), fmt(r.baseline()),
                    fmt(r.now()), tol, r.verdict(), r.note()));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
