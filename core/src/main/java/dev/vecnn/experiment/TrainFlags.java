package dev.vecnn.experiment;

import dev.vecnn.data.Normalization;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Initializer;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.WeightLayout;
import dev.vecnn.train.MomentumForm;
import dev.vecnn.train.Reduction;
import dev.vecnn.train.StopCriterion;
import dev.vecnn.train.TrainConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a training run as `vecnn train` takes them: a preset (or the default model) and flags
 * that override its values, each left null when not given. One mapping from flags to a {@link Preset},
 * shared by the train command and by sweeps, so a sweep's trial trains what `vecnn train` with the same
 * flags trains.
 */
public record TrainFlags(String preset, String hidden, String head, String init, String layout, Float learningRate,
                         Float momentum, Float l1, Float l2, String reduction, Integer batch, boolean fullBatch,
                         Integer epochs, Integer patience, Integer evalEvery, Float threshold, Long seed,
                         String normalization, Integer validation, Long splitSeed, String momentumForm, String stopOn) {

    /** Flag names as on the command line, without the leading dashes. */
    public static final Set<String> NAMES = Set.of("preset", "hidden", "head", "init", "layout", "lr", "momentum", "l1", "l2",
            "reduction", "batch", "full-batch", "epochs", "patience", "eval-every", "threshold", "seed", "normalization",
            "validation", "split-seed", "momentum-form", "stop-on");

    /**
     * Flags from name-value pairs (names of {@link #NAMES}; "full-batch" takes true or false).
     *
     * @throws IllegalArgumentException naming the flag for an unknown name or a value of the wrong kind
     */
    public static TrainFlags of(Map<String, String> values) {
        for (String name : values.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown setting '" + name + "' (known: " + String.join(", ", NAMES.stream().sorted().toList()) + ")");
            }
        }
        return new TrainFlags(values.get("preset"), values.get("hidden"), values.get("head"), values.get("init"),
                values.get("layout"), floatOf(values, "lr"), floatOf(values, "momentum"), floatOf(values, "l1"),
                floatOf(values, "l2"), values.get("reduction"), intOf(values, "batch"), boolOf(values, "full-batch"),
                intOf(values, "epochs"), intOf(values, "patience"), intOf(values, "eval-every"), floatOf(values, "threshold"),
                longOf(values, "seed"), values.get("normalization"), intOf(values, "validation"), longOf(values, "split-seed"),
                values.get("momentum-form"), values.get("stop-on"));
    }

    /** The given flags as name-value pairs (the inverse of {@link #of}), in {@link #NAMES} order of the command line. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "preset", preset);
        put(m, "hidden", hidden);
        put(m, "head", head);
        put(m, "init", init);
        put(m, "layout", layout);
        put(m, "lr", learningRate);
        put(m, "momentum", momentum);
        put(m, "momentum-form", momentumForm);
        put(m, "l1", l1);
        put(m, "l2", l2);
        put(m, "reduction", reduction);
        put(m, "batch", batch);
        if (fullBatch) m.put("full-batch", "true");
        put(m, "epochs", epochs);
        put(m, "patience", patience);
        put(m, "stop-on", stopOn);
        put(m, "eval-every", evalEvery);
        put(m, "threshold", threshold);
        put(m, "seed", seed);
        put(m, "normalization", normalization);
        put(m, "validation", validation);
        put(m, "split-seed", splitSeed);
        return m;
    }

    /** The preset the flags apply to: the named one, or a softmax model with default settings. */
    public Preset base() {
        if (preset != null) return Presets.byName(preset);
        ModelConfig m = ModelConfig.softmax(784, 10, new LayerSpec(128, dev.vecnn.kernel.Activation.TANH));
        TrainConfig c = TrainConfig.defaults(m).withEpochs(10).withPatience(0);
        DataSpec d = new DataSpec(Normalization.PER_IMAGE_ZSCORE, 12_000, DataSpec.DEFAULT_SPLIT_SEED);
        return new Preset("custom", "command line", Preset.Kind.TRAIN, "", c, d, List.of(), List.of(), 0, 0);
    }

    /**
     * The preset with every given flag applied.
     *
     * @throws IllegalArgumentException for an unknown preset, a value out of range or flags that contradict
     */
    public Preset resolve() {
        Preset p = base();
        TrainConfig c = p.config();
        ModelConfig m = c.model();
        if (hidden != null) m = new ModelConfig(m.inputs(), parseHidden(hidden), m.head(), m.classes(), m.layout(), m.init());
        if (head != null) {
            Head h = Head.parse(head);
            m = new ModelConfig(m.inputs(), m.hidden(), h, h == Head.SIGMOID_BINARY_CROSS_ENTROPY ? 2 : 10, m.layout(), m.init());
        }
        if (init != null) m = m.withInit(Initializer.parse(init));
        if (layout != null) m = m.withLayout(WeightLayout.parse(layout));
        c = c.withModel(m);
        if (learningRate != null) c = c.withLearningRate(learningRate);
        if (momentum != null || momentumForm != null) {
            c = c.withMomentum(momentum != null ? momentum : c.momentum(),
                    momentumForm != null ? MomentumForm.parse(momentumForm) : c.momentumForm());
        }
        if (l1 != null) c = c.withL1(l1);
        if (l2 != null) c = c.withL2(l2);
        if (reduction != null) c = c.withReduction(Reduction.parse(reduction));
        if (batch != null && fullBatch) throw new IllegalArgumentException("--batch and --full-batch contradict each other");
        if (batch != null) {
            if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
            c = c.withBatchSize(batch);
        }
        if (fullBatch) c = c.withFullBatch();
        if (epochs != null) c = c.withEpochs(epochs);
        if (patience != null) c = c.withPatience(patience);
        if (stopOn != null) c = c.withStopOn(StopCriterion.parse(stopOn));
        if (evalEvery != null) c = c.withEvalEvery(evalEvery);
        if (threshold != null) c = c.withThreshold(threshold);
        if (seed != null) c = c.withSeed(seed);
        DataSpec d = p.data();
        if (normalization != null || validation != null || splitSeed != null) {
            d = new DataSpec(normalization != null ? Normalization.parse(normalization) : d.normalization(),
                    validation != null ? validation : d.validationRows(), splitSeed != null ? splitSeed : d.splitSeed());
        }
        Mlp.checkSize(m);
        Preset.Kind kind = p.kind() == Preset.Kind.GRADIENT_CHECK ? p.kind()
                : m.head() == Head.SIGMOID_BINARY_CROSS_ENTROPY ? Preset.Kind.ONE_VS_REST : Preset.Kind.TRAIN;
        boolean changed = !c.equals(p.config()) || !d.equals(p.data()) || kind != p.kind();
        return new Preset(changed ? p.name() + "+flags" : p.name(), p.source(), kind, p.description(), c, d,
                changed ? List.of() : p.reported(), p.marks(), p.quickEpochs(), p.quickFloor());
    }

    /** Hidden layers as SIZE:ACTIVATION, comma-separated; "none" or blank for none. */
    public static List<LayerSpec> parseHidden(String text) {
        List<LayerSpec> layers = new ArrayList<>();
        if (text.isBlank() || text.equalsIgnoreCase("none")) return layers;
        for (String part : text.split(",")) layers.add(LayerSpec.parse(part.trim()));
        return layers;
    }

    private static void put(Map<String, String> m, String name, Object value) {
        if (value != null) m.put(name, value.toString());
    }

    private static Float floatOf(Map<String, String> v, String name) {
        String s = v.get(name);
        if (s == null) return null;
        try {
            float f = Float.parseFloat(s.trim());
            if (!Float.isFinite(f)) throw new NumberFormatException();
            return f;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + s + "'");
        }
    }

    private static Integer intOf(Map<String, String> v, String name) {
        Long l = longOf(v, name);
        if (l == null) return null;
        if (l != (int) (long) l) throw new IllegalArgumentException(name + " is out of range: " + l);
        return (int) (long) l;
    }

    private static Long longOf(Map<String, String> v, String name) {
        String s = v.get(name);
        if (s == null) return null;
        String t = s.trim();
        try {
            // JSON numbers such as 100.0 or 1e3 name whole numbers too
            double d = Double.parseDouble(t);
            if (d != Math.rint(d) || Math.abs(d) > 9.0e15) throw new NumberFormatException();
            return t.matches("-?\\d+") ? Long.parseLong(t) : (long) d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + s + "'");
        }
    }

    private static boolean boolOf(Map<String, String> v, String name) {
        String s = v.get(name);
        if (s == null) return false;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + s + "'");
        };
    }
}
