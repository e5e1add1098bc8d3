package dev.vecnn.hypothesis;

import static dev.vecnn.hypothesis.Reading.ACCURACY;
import static dev.vecnn.hypothesis.Reading.BALANCED;
import static dev.vecnn.hypothesis.Reading.LABEL_R2;
import static dev.vecnn.hypothesis.Reading.ONE_HOT_R2;
import static dev.vecnn.hypothesis.Reading.RECALL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalogue of issue 24: every reported number the faithful presets do not reproduce (and the ones
 * next to them), each with its tolerance, and the training variants and readings that test the causes
 * stated in docs/design/hypotheses.md before anything was run. Tolerances: 5 points for seed 000 part 1,
 * 5 points or the stated bound for seed 000 part 2's accuracies and a factor of two (same sign) for its
 * negative figure and costs, 0.5 points and 3 epochs (or 20%) for seed 004.
 */
public final class Hypotheses {
    private Hypotheses() {}

    public static final List<Integer> MARKS = List.of(1000, 2000, 5000, 10_000);

    static final List<String> OVR = List.of("ovr-lr0.01", "ovr-lr0.05", "ovr-lr0.001");
    static final List<String> MLP32 = List.of("mlp32-relu-lr0.05", "mlp32-relu-lr0.005");
    static final List<String> SEED004 = List.of("softmax-regression", "tanh-momentum", "sigmoid", "sigmoid-l1", "sigmoid-l2");
    /** Seed 004 presets that reproduce already: judged on the faithful run only. */
    static final List<String> SEED004_REPRODUCED = List.of("tanh", "relu");
    static final List<String> SIGMOID = List.of("sigmoid", "sigmoid-l1", "sigmoid-l2");

    private static final List<Reading> OVR_READINGS = List.of(ACCURACY, RECALL, BALANCED);
    private static final List<Reading> MLP_READINGS = List.of(ACCURACY, LABEL_R2, ONE_HOT_R2);
    private static final List<Reading> PLAIN = List.of(ACCURACY);

    private static final String C2 = "the penalty applied once per example of a batch (lambda x 128)";

    private static final List<Variant> VARIANTS = List.of(
            new Variant("faithful", "the preset as vecnn reads the report", Map.of(), concat(OVR, MLP32, SEED004, SEED004_REPRODUCED)),
            new Variant("A1", "pixels left in 0-255", Map.of("normalization", "raw255"), OVR),
            new Variant("A2", "weights drawn N(0, 1), not zeros", Map.of("init", "normal:1"), OVR),
            new Variant("A2u", "weights drawn U(-1, 1), not zeros", Map.of("init", "uniform:1"), OVR),
            new Variant("A5", "decision threshold 0.5, not 0.75", Map.of("threshold", "0.5"), OVR),
            new Variant("A6", "loss summed over the 10,000 images, not averaged", Map.of("reduction", "sum"), OVR),
            new Variant("B3", "pixels left in 0-255", Map.of("normalization", "raw255"), MLP32),
            new Variant("B4", "loss summed over the 60,000 images", Map.of("reduction", "sum"), MLP32),
            new Variant("B5", "softmax outputs trained by mean squared error against one-hot labels", Map.of("head", "softmax-mse"), MLP32),
            new Variant("B6", "another random draw (seed 2)", Map.of("seed", "2"), MLP32),
            new Variant("C1", "the update applied per example (batch 1)", Map.of("batch", "1"), SEED004),
            new Variant("C2", C2, Map.of("l1", "0.0128"), List.of("sigmoid-l1")),
            new Variant("C2", C2, Map.of("l2", "0.0256"), List.of("sigmoid-l2")),
            new Variant("C3", "early stopping on validation accuracy, not loss", Map.of("stop-on", "accuracy"), SEED004),
            new Variant("C4", "Nesterov momentum", Map.of("momentum-form", "nesterov"), List.of("tanh-momentum")),
            new Variant("C5", "inputs scaled to [0, 1], not z-scored per image", Map.of("normalization", "scale01"), SEED004),
            new Variant("C6", "weights drawn N(0, 1), not Xavier", Map.of("init", "normal:1"), SEED004),
            new Variant("C7", "another validation split (split seed 2)", Map.of("split-seed", "2"), SEED004));

    /**
     * A hypothesis `vecnn reproduce --quick` re-checks on every CI run: the variant, trained in full, must
     * still reproduce the claim under the reading (its value within the claim's tolerance: a floor and a ceiling).
     */
    public record QuickCheck(String preset, String variant, String claim, Reading reading) {
        public Variant variantSpec() {
            return variantsFor(preset).stream().filter(v -> v.id().equals(variant)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no variant " + variant + " for " + preset));
        }

        public Claim claimSpec() {
            return claims().stream().filter(c -> c.id().equals(claim)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no claim " + claim));
        }
    }

    /** Seed 000 part 1's "about 75%" read as recall of neurons started from N(0, 1): ten neurons, about 15 s. */
    public static final List<QuickCheck> QUICK = List.of(new QuickCheck("ovr-lr0.01", "A2", "ovr-lr0.01-average", RECALL));

    /** Every variant with the presets it runs on, in catalogue order. */
    public static List<Variant> variants() {
        return VARIANTS;
    }

    /** The variants run on {@code preset}, faithful first. */
    public static List<Variant> variantsFor(String preset) {
        return variants().stream().filter(v -> v.presets().contains(preset)).toList();
    }

    private static final List<Claim> CLAIMS = buildClaims();

    public static List<Claim> claims() {
        return CLAIMS;
    }

    private static List<Claim> buildClaims() {
        List<Claim> c = new ArrayList<>();
        // Seed 000 part 1: train values come from each digit's balanced training subset, test values from the test set.
        c.add(new Claim("ovr-lr0.01-average", "ovr-lr0.01", "average accuracy about 75% for both training and testing",
                "both averages within 5 points of 75%", OVR_READINGS, (m, r) -> {
                    double tr = mean(m, "train." + r.key()), te = mean(m, "test." + r.key());
                    return judged(String.format(Locale.ROOT, "train %s, test %s", pct(tr), pct(te)),
                            Math.abs(tr - 0.75) <= 0.05 && Math.abs(te - 0.75) <= 0.05, tr, te);
                }));
        c.add(digitClaim("ovr-lr0.01-digit0", "ovr-lr0.01", 0, 0.9083));
        c.add(digitClaim("ovr-lr0.01-digit1", "ovr-lr0.01", 1, 0.9488));
        c.add(new Claim("ovr-lr0.01-worst", "ovr-lr0.01", "digit 5 the worst", "the lowest test value is digit 5's",
                OVR_READINGS, (m, r) -> {
                    int worst = argmin(m, "test." + r.key());
                    return worst < 0 ? Judgement.NOT_MEASURED : judged("digit " + worst, worst == 5);
                }));
        c.add(new Claim("ovr-lr0.05-lowest", "ovr-lr0.05", "every digit above 80% (training and test)",
                "the lowest of the 20 values above 80%", OVR_READINGS, (m, r) -> {
                    double low = Math.min(min(m, "train." + r.key()), min(m, "test." + r.key()));
                    return judged(pct(low), low > 0.80, low);
                }));
        c.add(new Claim("ovr-lr0.05-best", "ovr-lr0.05", "best digit test accuracy 97.91%", "within 5 points",
                OVR_READINGS, (m, r) -> within(max(m, "test." + r.key()), 0.9791, 0.05)));
        c.add(new Claim("ovr-lr0.05-above90", "ovr-lr0.05", "5 digits with test accuracy above 90%", "4 to 6 digits",
                OVR_READINGS, (m, r) -> {
                    int n = count(m, "test." + r.key(), 0.90);
                    return n < 0 ? Judgement.NOT_MEASURED : judged(n + " digits", Math.abs(n - 5) <= 1);
                }));
        c.add(new Claim("ovr-lr0.001-best", "ovr-lr0.001", "best digit test accuracy 21.67%", "within 5 points",
                OVR_READINGS, (m, r) -> within(max(m, "test." + r.key()), 0.2167, 0.05)));
        // Seed 000 part 2: values at the marks of one 10,000-epoch run.
        c.add(new Claim("mlp32-lr0.05-final", "mlp32-relu-lr0.05", "test accuracy -248% at 10,000 epochs",
                "negative and within a factor of 2 (-124% to -496%)", MLP_READINGS, (m, r) -> {
                    double v = m.get("test." + r.key() + "@10000");
                    return judged(pct(v), v <= -1.24 && v >= -4.96, v);
                }));
        c.add(new Claim("mlp32-lr0.05-negative", "mlp32-relu-lr0.05", "every accuracy negative (training and test, 1000 to 10,000 epochs)",
                "all 8 values below 0", MLP_READINGS, (m, r) -> {
                    double hi = Double.NEGATIVE_INFINITY;
                    for (int e : MARKS) {
                        hi = Math.max(hi, Math.max(m.get("train." + r.key() + "@" + e), m.get("test." + r.key() + "@" + e)));
                    }
                    return Double.isNaN(hi) ? Judgement.NOT_MEASURED : judged("highest " + pct(hi), hi < 0);
                }));
        c.add(new Claim("mlp32-lr0.05-cost", "mlp32-relu-lr0.05", "cost above 2 at 1000, 2000 and 5000 epochs, close to 1 at 10,000",
                "above 2 at the first three marks, 0.5 to 2 at 10,000", PLAIN, (m, r) -> {
                    double c1 = m.get("cost@1000"), c2 = m.get("cost@2000"), c5 = m.get("cost@5000"), c10 = m.get("cost@10000");
                    return judged(String.format(Locale.ROOT, "%.2f, %.2f, %.2f, %.2f", c1, c2, c5, c10),
                            c1 > 2 && c2 > 2 && c5 > 2 && c10 >= 0.5 && c10 <= 2, c1, c2, c5, c10);
                }));
        for (String p : MLP32) {
            c.add(new Claim(p.replace("-relu", "") + "-start", p, "cost about 16 at the start", "8 to 32", PLAIN, (m, r) -> {
                double v = m.get("cost@0");
                return judged(String.format(Locale.ROOT, "%.2f", v), v >= 8 && v <= 32, v);
            }));
        }
        c.add(new Claim("mlp32-lr0.005-final", "mlp32-relu-lr0.005", "test accuracy 74.1% at 10,000 epochs", "within 5 points",
                MLP_READINGS, (m, r) -> within(m.get("test." + r.key() + "@10000"), 0.741, 0.05)));
        c.add(new Claim("mlp32-lr0.005-1000", "mlp32-relu-lr0.005", "accuracy below 30% at 1000 epochs", "below 30% (test)",
                MLP_READINGS, (m, r) -> {
                    double v = m.get("test." + r.key() + "@1000");
                    return judged(pct(v), v < 0.30, v);
                }));
        c.add(new Claim("mlp32-lr0.005-2000", "mlp32-relu-lr0.005", "accuracy above 50% at 2000 epochs", "above 50% (test)",
                MLP_READINGS, (m, r) -> {
                    double v = m.get("test." + r.key() + "@2000");
                    return judged(pct(v), v > 0.50, v);
                }));
        c.add(new Claim("mlp32-lr0.005-cost", "mlp32-relu-lr0.005", "cost below 1 at every epoch count", "below 1 at all four marks",
                PLAIN, (m, r) -> {
                    double hi = Double.NEGATIVE_INFINITY;
                    for (int e : MARKS) hi = Math.max(hi, m.get("cost@" + e));
                    return judged(String.format(Locale.ROOT, "highest %.2f", hi), hi < 1, hi);
                }));
        // Seed 004: accuracy on the test set of the restored best model, and the epoch the run stopped at.
        record S004(String preset, double accuracy, int stop) {}
        for (S004 s : List.of(new S004("softmax-regression", 0.9181, 11), new S004("tanh", 0.9773, 20),
                new S004("tanh-momentum", 0.9776, 14), new S004("relu", 0.9782, 110),
                new S004("sigmoid", 0.9788, 150), new S004("sigmoid-l1", 0.9634, 32), new S004("sigmoid-l2", 0.9641, 18))) {
            c.add(new Claim(s.preset() + "-accuracy", s.preset(), "test accuracy " + pct(s.accuracy()), "within 0.5 points",
                    PLAIN, (m, r) -> within(m.get("test.accuracy"), s.accuracy(), 0.005)));
            int slack = Math.max(3, (int) Math.round(0.2 * s.stop()));
            c.add(new Claim(s.preset() + "-stop", s.preset(), "stopped at epoch " + s.stop(), "within " + slack + " epochs",
                    PLAIN, (m, r) -> {
                        double e = m.get("stop_epoch");
                        return Double.isNaN(e) ? Judgement.NOT_MEASURED
                                : judged("epoch " + (int) e + (m.status().isEmpty() ? "" : " (" + m.status() + ")"), Math.abs(e - s.stop()) <= slack);
                    }));
        }
        return List.copyOf(c);
    }

    /** The presets that have claims, in catalogue order. */
    public static List<String> presets() {
        return claims().stream().map(Claim::preset).distinct().toList();
    }

    public static List<Claim> claimsFor(String preset) {
        return claims().stream().filter(c -> c.preset().equals(preset)).toList();
    }

    private static Claim digitClaim(String id, String preset, int digit, double reported) {
        return new Claim(id, preset, "digit " + digit + " test accuracy " + pct(reported), "within 5 points", OVR_READINGS,
                (m, r) -> within(m.get("test." + r.key() + ".d" + digit), reported, 0.05));
    }

    private static Judgement within(double v, double reported, double tolerance) {
        return judged(pct(v), Math.abs(v - reported) <= tolerance, v);
    }

    /** Not measured when any of the {@code measured} values is NaN (a run that stopped before it). */
    private static Judgement judged(String value, boolean holds, double... measured) {
        for (double v : measured) {
            if (Double.isNaN(v)) return Judgement.NOT_MEASURED;
        }
        return new Judgement(value, holds);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static double mean(Measurements m, String prefix) {
        double s = 0;
        for (int d = 0; d < 10; d++) s += m.get(prefix + ".d" + d);
        return s / 10;
    }

    private static double min(Measurements m, String prefix) {
        double v = Double.POSITIVE_INFINITY;
        for (int d = 0; d < 10; d++) v = Math.min(v, m.get(prefix + ".d" + d));
        return v;
    }

    private static double max(Measurements m, String prefix) {
        double v = Double.NEGATIVE_INFINITY;
        for (int d = 0; d < 10; d++) v = Math.max(v, m.get(prefix + ".d" + d));
        return v;
    }

    private static int argmin(Measurements m, String prefix) {
        int best = -1;
        for (int d = 0; d < 10; d++) {
            double v = m.get(prefix + ".d" + d);
            if (Double.isNaN(v)) return -1;
            if (best < 0 || v < m.get(prefix + ".d" + best)) best = d;
        }
        return best;
    }

    private static int count(Measurements m, String prefix, double above) {
        int n = 0;
        for (int d = 0; d < 10; d++) {
            double v = m.get(prefix + ".d" + d);
            if (Double.isNaN(v)) return -1;
            if (v > above) n++;
        }
        return n;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) all.addAll(l);
        return all;
    }
}
