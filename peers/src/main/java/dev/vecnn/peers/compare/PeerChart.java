package dev.vecnn.peers.compare;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import dev.vecnn.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The comparison's bar chart: one group per case and thread count, one bar per peer, heights in
 * samples/s relative to PyTorch's in the same group (PyTorch = 1), because the cases' absolute
 * speeds differ by orders of magnitude. Groups without PyTorch are scaled to vecnn instead.
 */
final class PeerChart {
    private PeerChart() {}

    record Bar(String group, String peer, double samplesPerSecond) {}

    /**
     * Redraws the chart from a summary CSV written by compare ({@link Comparison}) (for example after an interrupted
     * run, whose shutdown could not draw it): {@code PeerChart bench/results/peers.csv bench/results/peers.png}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PeerChart SUMMARY.csv OUT.png");
            System.exit(2);
        }
        List<Bar> bars = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = splitCsv(line);
            if (f.size() < 5 || f.get(4).isEmpty()) continue;
            bars.add(new Bar(f.get(0) + " " + f.get(1) + "T", f.get(2), Double.parseDouble(f.get(4))));
        }
        write(Path.of(args[1]), bars);
    }

    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    static final Map<String, String> NAMES = Map.of("vecnn", "vecnn", "torch", "PyTorch", "numpy", "NumPy", "dl4j", "Deeplearning4j");
    static final Map<String, Color> COLORS = Map.of("vecnn", new Color(0xD6, 0x4B, 0x1F), "torch", new Color(0x4C, 0x72, 0xB0),
            "numpy", new Color(0x55, 0xA8, 0x68), "dl4j", new Color(0x8C, 0x8C, 0x8C));

    static void write(Path file, List<Bar> bars) throws IOException {
        List<String> groups = new ArrayList<>(new LinkedHashSet<>(bars.stream().map(Bar::group).toList()));
        List<String> peers = new ArrayList<>(new LinkedHashSet<>(bars.stream().map(Bar::peer).toList()));
        if (groups.isEmpty()) return;
        Map<String, Double> base = new LinkedHashMap<>();
        for (String g : groups) {
            double torch = find(bars, g, "torch");
            base.put(g, Double.isFinite(torch) && torch > 0 ? torch : find(bars, g, "vecnn"));
        }
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(640)
                .title("Training and inference speed relative to PyTorch (same machine, same data, each peer at its best setting)")
                .xAxisTitle("case, threads").yAxisTitle("samples/s relative to PyTorch (higher is faster)").build();
        var s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.DARK_GRAY);
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setYAxisMin(0.0);
        for (String p : peers) {
            List<Double> ys = new ArrayList<>();
            for (String g : groups) {
                double v = find(bars, g, p);
                double b = base.get(g);
                ys.add(Double.isFinite(v) && Double.isFinite(b) && b > 0 ? v / b : 0.0);
            }
            chart.addSeries(NAMES.getOrDefault(p, p), groups, ys).setFillColor(COLORS.getOrDefault(p, Color.BLACK));
        }
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    private static double find(List<Bar> bars, String group, String peer) {
        return bars.stream().filter(b -> b.group().equals(group) && b.peer().equals(peer)).mapToDouble(Bar::samplesPerSecond)
                .findFirst().orElse(Double.NaN);
    }
}
