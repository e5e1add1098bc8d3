package dev.vecnn.sweep;

import dev.vecnn.experiment.TrainFlags;
import dev.vecnn.io.Json;
import dev.vecnn.io.JsonException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep: a base training run (a preset and flags, as `vecnn train` takes them) and axes that vary it.
 * In JSON:
 * <pre>
 * {"name": "seed004", "base": {"preset": "sigmoid", "epochs": 60},
 *  "grid": {"hidden": ["128:sigmoid", "128:tanh"], "l2": [0, 1e-4]},
 *  "random": {"count": 4, "seed": 7, "lr": {"log-uniform": [1e-4, 1e-2]}, "momentum": {"uniform": [0, 0.9]},
 *             "init": {"choice": ["xavier", "he"]}},
 *  "metric": "best_val_accuracy"}
 * </pre>
 * Trials are every grid point times {@code count} random draws (one trial per grid point without a
 * random section), in a fixed order; each draw is seeded by the sweep seed and the trial's index.
 */
public record SweepSpec(String name, Map<String, String> base, List<GridAxis> grid, int randomCount, long randomSeed,
                        List<RandomAxis> random, String metric) {

    /** Metrics a summary can sort by, best first; the first is the default. */
    public static final List<String> METRICS = List.of("best_val_accuracy", "test_accuracy", "final_val_accuracy");

    /**
     * An axis of listed values. A flag's axis lists that flag's values; any other name lists objects of flags
     * ({"penalty": [{"l1": 0}, {"l1": 1e-4}, {"l2": 1e-4}]}), each value labelled by its flags.
     *
     * @param settings the flags each value sets, in the order of {@code values}
     */
    public record GridAxis(String name, List<String> values, List<Map<String, String>> settings) {}

    /** An axis drawn at random: uniform or log-uniform on [low, high], or a choice among listed values. */
    public record RandomAxis(String name, String kind, double low, double high, List<String> choices) {
        String draw(dev.vecnn.nn.Rng rng) {
            return switch (kind) {
                case "uniform" -> Float.toString((float) (low + (high - low) * rng.nextDouble()));
                case "log-uniform" -> Float.toString((float) Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * rng.nextDouble()));
                case "int-uniform" -> Long.toString((long) low + rng.nextInt((int) (high - low + 1)));
                default -> choices.get(rng.nextInt(choices.size()));
            };
        }
    }

    /** Reads and checks a spec file; every problem is one message naming the file and what to change. */
    public static SweepSpec read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new SweepSpecException(file + ": not UTF-8 text: a sweep spec is a JSON file");
        }
        return parse(text, file.toString());
    }

    /** Parses a spec; {@code source} names it in messages. */
    public static SweepSpec parse(String text, String source) {
        Object root;
        try {
            root = Json.parse(text);
        } catch (JsonException e) {
            throw new SweepSpecException(source + ": not valid JSON (" + e.getMessage() + ")");
        }
        if (!(root instanceof Map<?, ?> top)) throw new SweepSpecException(source + ": the spec must be a JSON object");
        for (Object key : top.keySet()) {
            if (!List.of("name", "base", "grid", "random", "metric").contains(key)) {
                throw new SweepSpecException(source + ": unknown key '" + key + "' (known: name, base, grid, random, metric)");
            }
        }
        String name = top.get("name") instanceof String s ? s : stem(source);
        Map<String, String> base = settings(source, "base", top.get("base"));
        List<GridAxis> grid = new ArrayList<>();
        if (top.get("grid") != null) {
            if (!(top.get("grid") instanceof Map<?, ?> g)) throw new SweepSpecException(source + ": 'grid' must be an object of lists");
            for (Map.Entry<?, ?> e : g.entrySet()) {
                String axis = String.valueOf(e.getKey());
                if (!(e.getValue() instanceof List<?> values) || values.isEmpty()) {
                    throw new SweepSpecException(source + ": grid axis '" + axis + "' must be a non-empty list of values");
                }
                List<String> labels = new ArrayList<>();
                List<Map<String, String>> settings = new ArrayList<>();
                boolean flag = TrainFlags.NAMES.contains(axis);
                for (Object v : values) {
                    if (flag) {
                        String value = scalar(source, "grid axis '" + axis + "'", v);
                        labels.add(value);
                        settings.add(Map.of(axis, value));
                    } else if (v instanceof Map<?, ?>) {
                        Map<String, String> set = settings(source, "grid axis '" + axis + "'", v);
                        if (set.isEmpty()) throw new SweepSpecException(source + ": grid axis '" + axis + "': an empty object sets nothing");
                        StringBuilder label = new StringBuilder();
                        set.forEach((k, x) -> label.append(label.isEmpty() ? "" : " ").append(k).append('=').append(x));
                        labels.add(label.toString());
                        settings.add(set);
                    } else {
                        throw new SweepSpecException(source + ": grid: '" + axis + "' is not a flag of vecnn train, so its values must be "
                                + "objects of flags (e.g. {\"l1\": 0.0001}); flags: " + String.join(", ", TrainFlags.NAMES.stream().sorted().toList()));
                    }
                }
                if (new java.util.HashSet<>(labels).size() != labels.size()) {
                    throw new SweepSpecException(source + ": grid axis '" + axis + "' lists a value twice");
                }
                grid.add(new GridAxis(axis, List.copyOf(labels), List.copyOf(settings)));
            }
        }
        int count = 1;
        long seed = 1;
        List<RandomAxis> random = new ArrayList<>();
        if (top.get("random") != null) {
            if (!(top.get("random") instanceof Map<?, ?> r)) throw new SweepSpecException(source + ": 'random' must be an object");
            for (Map.Entry<?, ?> e : r.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("count") || key.equals("seed")) {
                    if (!(e.getValue() instanceof Long n) || n < 1 && key.equals("count") || n > 1_000_000 && key.equals("count")) {
                        throw new SweepSpecException(source + ": random '" + key + "' must be a whole number"
                                + (key.equals("count") ? " from 1 to 1000000" : ""));
                    }
                    if (key.equals("count")) count = (int) (long) n;
                    else seed = n;
                    continue;
                }
                random.add(randomAxis(source, flagName(source, "random", key), e.getValue()));
            }
            if (random.isEmpty()) throw new SweepSpecException(source + ": 'random' names no axis to draw");
        }
        java.util.Set<String> set = new java.util.HashSet<>();
        for (GridAxis g : grid) for (Map<String, String> m : g.settings()) set.addAll(m.keySet());
        for (RandomAxis ra : random) {
            if (set.contains(ra.name())) throw new SweepSpecException(source + ": '" + ra.name() + "' is set by both a grid and a random axis");
        }
        String metric = top.get("metric") == null ? METRICS.get(0) : String.valueOf(top.get("metric"));
        if (!METRICS.contains(metric)) throw new SweepSpecException(source + ": unknown metric '" + metric + "' (known: " + String.join(", ", METRICS) + ")");
        SweepSpec spec = new SweepSpec(name, base, List.copyOf(grid), count, seed, List.copyOf(random), metric);
        spec.check(source);
        return spec;
    }

    /** Every trial, in order. */
    public List<Trial> trials() {
        List<Trial> out = new ArrayList<>();
        int points = 1;
        for (GridAxis g : grid) points = Math.multiplyExact(points, g.values().size());
        int index = 0;
        for (int p = 0; p < points; p++) {
            Map<String, String> point = new LinkedHashMap<>();
            Map<String, String> pointFlags = new LinkedHashMap<>();
            int rest = p;
            // the last axis varies fastest
            int[] pick = new int[grid.size()];
            for (int a = grid.size() - 1; a >= 0; a--) {
                pick[a] = rest % grid.get(a).values().size();
                rest /= grid.get(a).values().size();
            }
            for (int a = 0; a < grid.size(); a++) {
                point.put(grid.get(a).name(), grid.get(a).values().get(pick[a]));
                pointFlags.putAll(grid.get(a).settings().get(pick[a]));
            }
            for (int d = 0; d < randomCount; d++) {
                Map<String, String> axes = new LinkedHashMap<>(point);
                Map<String, String> flags = new LinkedHashMap<>(base);
                flags.putAll(pointFlags);
                dev.vecnn.nn.Rng rng = new dev.vecnn.nn.Rng(randomSeed * 1_000_003L + index);
                for (RandomAxis r : random) {
                    String v = r.draw(rng);
                    axes.put(r.name(), v);
                    flags.put(r.name(), v);
                }
                out.add(Trial.of(index++, flags, axes));
            }
        }
        return out;
    }

    /** Every trial's settings resolve to a training run; the first that does not is named. */
    private void check(String source) {
        long total = (long) randomCount;
        for (GridAxis g : grid) total *= g.values().size();
        if (total > 100_000) throw new SweepSpecException(source + ": " + total + " trials: more than 100000; narrow the grid");
        for (Trial t : trials()) {
            try {
                t.trainFlags().resolve();
            } catch (IllegalArgumentException e) {
                throw new SweepSpecException(source + ": trial " + t.index() + " (" + t.describeAxes() + "): " + e.getMessage());
            }
        }
    }

    private static Map<String, String> settings(String source, String where, Object value) {
        Map<String, String> m = new LinkedHashMap<>();
        if (value == null) return m;
        if (!(value instanceof Map<?, ?> map)) throw new SweepSpecException(source + ": '" + where + "' must be an object of flags");
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String flag = flagName(source, where, e.getKey());
            m.put(flag, scalar(source, where + " '" + flag + "'", e.getValue()));
        }
        return m;
    }

    private static RandomAxis randomAxis(String source, String axis, Object value) {
        if (!(value instanceof Map<?, ?> m) || m.size() != 1) {
            throw new SweepSpecException(source + ": random axis '" + axis + "' must be one of {\"uniform\": [lo, hi]}, "
                    + "{\"log-uniform\": [lo, hi]}, {\"int-uniform\": [lo, hi]} or {\"choice\": [values]}");
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String kind = String.valueOf(e.getKey());
        if (!(e.getValue() instanceof List<?> args) || args.isEmpty()) {
            throw new SweepSpecException(source + ": random axis '" + axis + "': " + kind + " needs a non-empty list");
        }
        if (kind.equals("choice")) {
            List<String> choices = new ArrayList<>();
            for (Object v : args) choices.add(scalar(source, "random axis '" + axis + "'", v));
            return new RandomAxis(axis, kind, 0, 0, List.copyOf(choices));
        }
        if (!List.of("uniform", "log-uniform", "int-uniform").contains(kind)) {
            throw new SweepSpecException(source + ": random axis '" + axis + "': unknown distribution '" + kind
                    + "' (uniform, log-uniform, int-uniform, choice)");
        }
        if (args.size() != 2 || !(args.get(0) instanceof Number lo) || !(args.get(1) instanceof Number hi)
                || !(lo.doubleValue() < hi.doubleValue()) || kind.equals("log-uniform") && lo.doubleValue() <= 0) {
            throw new SweepSpecException(source + ": random axis '" + axis + "': " + kind + " takes [low, high] with low < high"
                    + (kind.equals("log-uniform") ? " and low > 0" : ""));
        }
        return new RandomAxis(axis, kind, lo.doubleValue(), hi.doubleValue(), List.of());
    }

    private static String flagName(String source, String where, Object key) {
        String flag = String.valueOf(key);
        if (!TrainFlags.NAMES.contains(flag)) {
            throw new SweepSpecException(source + ": " + where + ": unknown setting '" + flag + "' (the flags of vecnn train, without dashes: "
                    + String.join(", ", TrainFlags.NAMES.stream().sorted().toList()) + ")");
        }
        return flag;
    }

    private static String scalar(String source, String where, Object v) {
        if (v instanceof String s) return s;
        if (v instanceof Long || v instanceof Boolean) return String.valueOf(v);
        // a JSON number as written (0.0001, not 1.0E-4)
        if (v instanceof Double d) return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        throw new SweepSpecException(source + ": " + where + ": values must be strings, numbers or booleans, got " + Json.write(v));
    }

    private static String stem(String source) {
        String f = Path.of(source).getFileName().toString();
        int dot = f.lastIndexOf('.');
        return (dot > 0 ? f.substring(0, dot) : f).toLowerCase(Locale.ROOT);
    }
}
