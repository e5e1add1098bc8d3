package dev.vecnn.cli;

import dev.vecnn.train.EpochMetrics;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: a live bar (epoch, loss, accuracy, samples/s, time left) on a terminal,
 * plain lines otherwise (CI, pipes, files), at most one every {@code lineEvery} epochs.
 */
final class EpochPrinter implements AutoCloseable {
    private final PrintWriter out;
    private final ProgressBar bar;
    private final int epochs;
    private final int lineEvery;
    private final String prefix;

    private EpochPrinter(PrintWriter out, ProgressBar bar, int epochs, int lineEvery, String prefix) {
        this.out = out;
        this.bar = bar;
        this.epochs = epochs;
        this.lineEvery = lineEvery;
        this.prefix = prefix;
    }

    /** True when a person is watching: stdout is a terminal and this is not a CI run. */
    static boolean interactive() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal() && System.getenv("CI") == null;
    }

    static EpochPrinter create(PrintWriter out, String task, int epochs, int lineEvery, boolean quiet) {
        if (!quiet && interactive()) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(epochs)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setMaxRenderedLength(140)
                    .setConsumer(new ConsoleProgressBarConsumer(System.out)).setUnit(" ep", 1).build();
            return new EpochPrinter(out, bar, epochs, lineEvery, "");
        }
        return new EpochPrinter(quiet ? null : out, null, epochs, Math.max(1, lineEvery), task.isEmpty() ? "" : task + " ");
    }

    synchronized void onEpoch(EpochMetrics m) {
        if (bar != null) {
            bar.stepTo(m.epoch());
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %s acc %s%s %,.0f/s", loss(m.trainLoss()),
                    pct(m.trainAccuracy()), m.hasValidation() ? " val " + pct(m.valAccuracy()) : "", m.samplesPerSecond()));
            return;
        }
        if (out == null || (m.epoch() % lineEvery != 0 && m.epoch() != epochs && m.epoch() != 1)) return;
        out.println(line(prefix, m, epochs));
        out.flush();
    }

    static String line(String prefix, EpochMetrics m, int epochs) {
        StringBuilder sb = new StringBuilder(prefix);
        int width = Integer.toString(epochs).length();
        sb.append(String.format(Locale.ROOT, "epoch %" + width + "d/%d  train loss %s acc %s", m.epoch(), epochs,
                loss(m.trainLoss()), pct(m.trainAccuracy())));
        if (m.hasValidation()) sb.append(String.format(Locale.ROOT, "  val loss %s acc %s", loss(m.valLoss()), pct(m.valAccuracy())));
        if (m.hasTest()) sb.append(String.format(Locale.ROOT, "  test acc %s", pct(m.testAccuracy())));
        sb.append(String.format(Locale.ROOT, "  %.2f s  %,.0f samples/s", m.epochSeconds(), m.samplesPerSecond()));
        return sb.toString();
    }

    /** A loss: fixed point normally, scientific when a run is blowing up. */
    static String loss(double v) {
        return Math.abs(v) >= 1e5 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
