package dev.vecnn.train;

import dev.vecnn.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-epoch metrics as CSV, one row per recorded epoch. Numbers are written with full precision
 * (they read back bit for bit); a value for a set that was not given is an empty cell.
 */
public final class MetricsCsv {
    public static final String HEADER =
            "epoch,train_loss,train_accuracy,val_loss,val_accuracy,test_loss,test_accuracy,"
                    + "epoch_seconds,samples_per_second,elapsed_seconds";

    private MetricsCsv() {}

    /** Writes the table to {@code file} atomically (a reader never sees half a file). */
    public static void write(Path file, List<EpochMetrics> history) throws IOException {
        AtomicFiles.writeString(file, format(history));
    }

    public static String format(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EpochMetrics m : history) {
            sb.append(m.epoch());
            for (double v : new double[] {m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(), m.testLoss(),
                    m.testAccuracy(), m.epochSeconds(), m.samplesPerSecond(), m.elapsedSeconds()}) {
                sb.append(',');
                if (!Double.isNaN(v)) sb.append(v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Reads what {@link #format} wrote; IllegalArgumentException names the bad line. */
    public static List<EpochMetrics> parse(String csv) {
        List<EpochMetrics> out = new ArrayList<>();
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("metrics table does not start with the header '" + HEADER + "'");
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) continue;
            String[] cells = lines[i].split(",", -1);
            if (cells.length != 10) throw new IllegalArgumentException("metrics line " + (i + 1) + " has " + cells.length + " cells, expected 10");
            try {
                double[] v = new double[9];
                for (int c = 0; c < 9; c++) v[c] = cells[c + 1].isEmpty() ? Double.NaN : Double.parseDouble(cells[c + 1]);
                out.add(new EpochMetrics(Integer.parseInt(cells[0]), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("metrics line " + (i + 1) + " holds a value that is not a number");
            }
        }
        return out;
    }
}
