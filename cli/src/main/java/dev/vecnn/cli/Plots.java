package dev.vecnn.cli;

import dev.vecnn.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts (XChart): learning curves and grouped bars. Files are written atomically. */
final class Plots {
    private Plots() {}

    /** One named line of y over x. */
    record Series(String name, double[] x, double[] y) {}

    static void lines(Path file, String title, String xLabel, String yLabel, List<Series> series, boolean logY)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisLogarithmic(logY);
        for (Series s : series) {
            if (s.x().length == 0) continue;
            var added = chart.addSeries(s.name(), s.x(), s.y());
            added.setMarker(s.x().length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        save(chart, file);
    }

    /** Unconnected points of y over x, one colour per series. */
    static void points(Path file, String title, String xLabel, String yLabel, List<Series> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Series s : series) {
            if (s.x().length > 0) chart.addSeries(s.name(), s.x(), s.y());
        }
        save(chart, file);
    }

    /** Grouped bars: one group per category, one bar per series (e.g. train and test per digit). */
    static void bars(Path file, String title, String xLabel, String yLabel, List<String> categories,
                     Map<String, double[]> seriesValues, Double yMin, Double yMax) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(540).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        if (yMin != null) chart.getStyler().setYAxisMin(yMin);
        if (yMax != null) chart.getStyler().setYAxisMax(yMax);
        for (Map.Entry<String, double[]> e : seriesValues.entrySet()) {
            List<Double> values = java.util.Arrays.stream(e.getValue()).boxed().toList();
            chart.addSeries(e.getKey(), categories, values);
        }
        save(chart, file);
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
