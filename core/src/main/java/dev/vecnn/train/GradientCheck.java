package dev.vecnn.train;

import dev.vecnn.kernel.Gemm;
import dev.vecnn.nn.Dense;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.Workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seed 004 section 2.2.2: compares backpropagation's gradient of one example's loss with the
 * central difference {@code (E(w + eps) - E(w - eps)) / 2 eps} for chosen weights and biases.
 * The difference should be of order eps squared. The model is left unchanged.
 */
public final class GradientCheck {
    public static final double DEFAULT_EPSILON = 0.01;

    /** A weight from input {@code input} to unit {@code unit} of a layer, or (with BIAS) the bias of {@code unit}. */
    public record Probe(int layer, Kind kind, int input, int unit) {
        public enum Kind { WEIGHT, BIAS }

        public static Probe weight(int layer, int input, int unit) {
            return new Probe(layer, Kind.WEIGHT, input, unit);
        }

        public static Probe bias(int layer, int unit) {
            return new Probe(layer, Kind.BIAS, -1, unit);
        }
    }

    /** One row of the table. */
    public record Entry(Probe probe, String label, double approximation, double backprop) {
        public double difference() {
            return Math.abs(approximation - backprop);
        }
    }

    /** The table and its epsilon. */
    public record Report(double epsilon, List<Entry> entries) {
        public Report {
            entries = List.copyOf(entries);
        }

        public double maxDifference() {
            double max = 0;
            for (Entry e : entries) max = Math.max(max, e.difference());
            return max;
        }

        /** The table in the report's layout (markdown). */
        public String toTable() {
            StringBuilder sb = new StringBuilder();
            sb.append("| Type (Location) | Approximation | Backprop | Difference |\n");
            sb.append("|---|---|---|---|\n");
            for (Entry e : entries) {
                sb.append(String.format(Locale.ROOT, "| %s | %.6f | %.6f | %.6e |%n",
                        e.label(), e.approximation(), e.backprop(), e.difference()));
            }
            return sb.toString();
        }
    }

    private GradientCheck() {}

    /**
     * The report's choice, for any depth: weights (0, 0) and (0, 1) of every layer (input to hidden
     * first), then the bias of unit 0 of every layer from the output back.
     */
    public static List<Probe> defaultProbes(Mlp model) {
        List<Probe> probes = new ArrayList<>();
        for (int l = 0; l < model.layerCount(); l++) {
            probes.add(Probe.weight(l, 0, 0));
            if (model.layer(l).out() > 1) probes.add(Probe.weight(l, 0, 1));
        }
        for (int l = model.layerCount() - 1; l >= 0; l--) probes.add(Probe.bias(l, 0));
        return probes;
    }

    /**
     * Checks {@code probes} on the example at row {@code xOff / inputs} of {@code x} with class {@code label}.
     * The loss is that one example's cross-entropy (no penalty).
     */
    public static Report run(Gemm gemm, Mlp model, float[] x, int xOff, int label, double epsilon, List<Probe> probes) {
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        Workspace ws = model.workspace(1);
        int[] labels = {label};
        model.forward(gemm, ws, x, xOff, 1);
        model.loss(ws, 1, labels, 0, true, 1f);
        model.backward(gemm, ws, x, xOff, 1);
        List<Entry> entries = new ArrayList<>();
        for (Probe p : probes) {
            Dense d = model.layer(p.layer());
            float[] values = p.kind() == Probe.Kind.WEIGHT ? d.weight() : d.bias();
            float[] grads = p.kind() == Probe.Kind.WEIGHT ? d.weightGrad() : d.biasGrad();
            int index = p.kind() == Probe.Kind.WEIGHT ? d.weightIndex(p.input(), p.unit()) : p.unit();
            double backprop = grads[index];
            float original = values[index];
            float plus = (float) (original + epsilon);
            float minus = (float) (original - epsilon);
            values[index] = plus;
            double lossPlus = lossOf(gemm, model, ws, x, xOff, labels);
            values[index] = minus;
            double lossMinus = lossOf(gemm, model, ws, x, xOff, labels);
            values[index] = original;
            // Divide by the step the floats really took, not the nominal 2 eps.
            double approx = (lossPlus - lossMinus) / ((double) plus - (double) minus);
            entries.add(new Entry(p, label(model, p), approx, backprop));
        }
        return new Report(epsilon, entries);
    }

    private static double lossOf(Gemm gemm, Mlp model, Workspace ws, float[] x, int xOff, int[] labels) {
        model.forward(gemm, ws, x, xOff, 1);
        return model.loss(ws, 1, labels, 0, false, 1f);
    }

    /** "Input to Hidden (0, 1)", "Hidden to Output (0, 0)", "Output Bias (128, 0)" as in the report; deeper nets number their hidden layers. */
    static String label(Mlp model, Probe p) {
        int layers = model.layerCount();
        String from = p.layer() == 0 ? "Input" : layers > 2 ? "Hidden " + p.layer() : "Hidden";
        String to = p.layer() == layers - 1 ? "Output" : layers > 2 ? "Hidden " + (p.layer() + 1) : "Hidden";
        if (p.kind() == Probe.Kind.WEIGHT) {
            return from + " to " + to + " (" + p.input() + ", " + p.unit() + ")";
        }
        // The report places a bias at the row after the last input, as if it were the weight of a constant input.
        return to + " Bias (" + model.layer(p.layer()).in() + ", " + p.unit() + ")";
    }
}
