package dev.vecnn.bench.report;

import dev.vecnn.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Turns JMH JSON results into markdown tables (one per benchmark class) and, optionally, one PNG
 * bar chart per class, for RESULTS.md. Runs that measure the same thing on the same shape (same
 * method, same shape parameters such as {@code model}) form a group; the fastest variant of each
 * group is marked as its winner and every other variant is shown relative to it. Figures are
 * medians over the measurement iterations, in the most telling unit the run reports: samples/s
 * (aux counter {@code samples}), GB/s ({@code gbytes}), GFLOP/s ({@code gflops}), else JMH's own.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.vecnn.bench.report.JmhSummary RESULTS.json [--md OUT.md] [--png-dir DIR]</pre>
 */
public final class JmhSummary {
    /** Parameters that name the problem (its shape); all others name the variant being compared. */
    static final Set<String> SHAPE_PARAMS = Set.of("model", "shape", "elements", "rows", "activation", "size");

    /** Classes whose runs belong in another class's table (the scalar engine is only run on small shapes). */
    static final Map<String, String> SAME_TABLE = Map.of("ReferenceEngineBenchmark", "EngineBenchmark");

    /** One line under each table's heading. */
    static final Map<String, String> DESCRIPTIONS = Map.of(
            "LayoutBenchmark", "Weights `in x out` vs `out x in`, activations batch-major vs feature-major, 1 and 2 threads;"
                    + " packed GEMM. Samples/s.",
            "EngineBenchmark", "Packed-blocked GEMM vs the unpacked Vector API loop vs the scalar reference (small shapes"
                    + " only), one thread, batch-major, `in x out`. Samples/s.",
            "EpilogueBenchmark", "Bias and activation fused into the GEMM write-back vs separate passes, batch-major,"
                    + " `in x out`, packed GEMM. Samples/s.",
            "ActivationBenchmark", "Elementwise activations, one thread: forward 8 bytes per element, backward 12. GB/s.",
            "SoftmaxCrossEntropyBenchmark", "Fused softmax + cross-entropy + gradient over rows of 10 logits, one thread."
                    + " GB/s.");

    private JmhSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: JmhSummary RESULTS.json [--md OUT.md] [--png-dir DIR]");
            System.exit(2);
        }
        Path md = null, pngDir = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--md" -> md = Path.of(args[++i]);
                case "--png-dir" -> pngDir = Path.of(args[++i]);
                default -> {
                    System.err.println("JmhSummary: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        JmhResults results = JmhResults.read(Path.of(args[0]));
        String text = markdown(results);
        if (md == null) {
            System.out.print(text);
        } else {
            AtomicFiles.writeString(md, text);
        }
        if (pngDir != null) {
            Files.createDirectories(pngDir);
            for (Map.Entry<String, List<Group>> e : groupsByClass(results).entrySet()) {
                chart(e.getKey(), e.getValue(), pngDir.resolve(e.getKey() + ".png"));
            }
        }
    }

    /** One row: a variant, its median in the chosen unit, the spread, allocation. */
    record Row(JmhResults.Run run, String variant, double median, double min, double max, String unit,
               boolean higherIsBetter, double bytesPerOp) {}

    /** Rows measuring the same thing on the same shape. */
    record Group(String method, String shape, List<Row> rows) {
        Row winner() {
            Row best = null;
            for (Row r : rows) {
                if (best == null || (r.higherIsBetter() ? r.median() > best.median() : r.median() < best.median())) best = r;
            }
            return best;
        }

        String label() {
            return shape.isEmpty() ? method : method + " " + shape;
        }
    }

    static Map<String, List<Group>> groupsByClass(JmhResults results) {
        Map<String, Map<String, Group>> byClass = new LinkedHashMap<>();
        for (JmhResults.Run run : results.runs()) {
            List<String> shape = new ArrayList<>(), variant = new ArrayList<>();
            for (Map.Entry<String, String> p : run.params().entrySet()) {
                (SHAPE_PARAMS.contains(p.getKey()) ? shape : variant).add(p.getKey() + "=" + p.getValue());
            }
            String shapeText = String.join(" ", shape);
            String table = SAME_TABLE.getOrDefault(run.className(), run.className());
            Group g = byClass.computeIfAbsent(table, k -> new LinkedHashMap<>())
                    .computeIfAbsent(run.method() + "|" + shapeText, k -> new Group(run.method(), shapeText, new ArrayList<>()));
            g.rows().add(row(run, variant.isEmpty() ? run.method() : String.join(" ", variant)));
        }
        Map<String, List<Group>> out = new LinkedHashMap<>();
        byClass.forEach((cls, groups) -> out.put(cls, List.copyOf(groups.values())));
        return out;
    }

    private static Row row(JmhResults.Run run, String variant) {
        JmhResults.Metric m = run.primary();
        String unit = m.unit();
        boolean higher = !run.mode().equals("avgt") && !run.mode().equals("sample") && !run.mode().equals("ss");
        for (String[] aux : new String[][] {{"samples", "samples/s"}, {"gbytes", "GB/s"}, {"gflops", "GFLOP/s"}}) {
            JmhResults.Metric a = run.secondary().get(aux[0]);
            if (a != null) {
                m = a;
                unit = aux[1];
                higher = true;
                break;
            }
        }
        JmhResults.Metric alloc = run.secondary().get("gc.alloc.rate.norm");
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : m.iterations()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (m.iterations().length == 0) min = max = m.score();
        return new Row(run, variant, m.median(), min, max, unit, higher, alloc == null ? Double.NaN : alloc.median());
    }

    static String markdown(JmhResults results) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Group>> e : groupsByClass(results).entrySet()) {
            List<Group> groups = e.getValue();
            boolean alloc = groups.stream().flatMap(g -> g.rows().stream()).anyMatch(r -> !Double.isNaN(r.bytesPerOp()));
            Set<String> units = new LinkedHashSet<>();
            groups.forEach(g -> g.rows().forEach(r -> units.add(r.unit())));
            sb.append("### ").append(e.getKey()).append("\n\n");
            if (DESCRIPTIONS.containsKey(e.getKey())) sb.append(DESCRIPTIONS.get(e.getKey())).append(' ');
            sb.append("Median of the measurement iterations (min-max in brackets); **bold** marks the winner of each group.\n\n");
            sb.append("| benchmark | shape | variant | ").append(String.join(" / ", units)).append(" | vs winner |")
                    .append(alloc ? " B/op |" : "").append('\n');
            sb.append("|---|---|---|---:|---:|").append(alloc ? "---:|" : "").append('\n');
            for (Group g : groups) {
                Row w = g.winner();
                for (Row r : g.rows()) {
                    boolean win = r == w;
                    String value = fmt(r.median()) + " (" + fmt(r.min()) + "-" + fmt(r.max()) + ")";
                    sb.append("| ").append(g.method()).append(" | ").append(g.shape().isEmpty() ? "-" : g.shape())
                            .append(" | ").append(win ? "**" + r.variant() + "**" : r.variant())
                            .append(" | ").append(win ? "**" + value + "**" : value)
                            .append(" | ").append(win ? "winner" : String.format(Locale.ROOT, "%.2fx", r.median() / w.median()))
                            .append(" |");
                    if (alloc) sb.append(' ').append(Double.isNaN(r.bytesPerOp()) ? "-" : fmt(r.bytesPerOp())).append(" |");
                    sb.append('\n');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Three significant figures, plain notation. */
    static String fmt(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A grouped bar chart: each group's variants as a percentage of the group's winner. */
    static void chart(String title, List<Group> groups, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> categories = groups.stream().map(Group::label).toList();
        Set<String> variants = new LinkedHashSet<>();
        groups.forEach(g -> g.rows().forEach(r -> variants.add(r.variant())));
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(1000, Math.min(1800, 30 * categories.size() * variants.size())))
                .height(900).title(title + ": % of the fastest variant per group (median)")
                .xAxisTitle("benchmark and shape").yAxisTitle("% of winner").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setOverlapped(false);
        for (String v : variants) {
            List<Double> ys = new ArrayList<>();
            for (Group g : groups) {
                Row w = g.winner();
                Double y = 0.0;
                for (Row r : g.rows()) {
                    if (r.variant().equals(v)) {
                        y = 100 * (r.higherIsBetter() ? r.median() / w.median() : w.median() / r.median());
                    }
                }
                ys.add(y);
            }
            chart.addSeries(v, categories, ys);
        }
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
