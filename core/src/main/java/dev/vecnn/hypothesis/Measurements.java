package dev.vecnn.hypothesis;

import dev.vecnn.train.EpochMetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of a preset under one variant measured, by name: "test.accuracy", "test.recall.d3",
 * "train.label_r2@1000", "cost@0", "stop_epoch", ... (the runner documents each key), with the run's
 * status and per-epoch history for plots.
 */
public final class Measurements {
    private final Map<String, Double> values = new LinkedHashMap<>();
    private String status = "";
    private List<EpochMetrics> history = List.of();

    public void put(String key, double value) {
        values.put(key, value);
    }

    /** The value, or NaN when the run did not measure it (a diverged run stops early). */
    public double get(String key) {
        Double v = values.get(key);
        return v == null ? Double.NaN : v;
    }

    public Map<String, Double> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public String status() {
        return status;
    }

    public void status(String s) {
        this.status = s;
    }

    public List<EpochMetrics> history() {
        return history;
    }

    public void history(List<EpochMetrics> h) {
        this.history = List.copyOf(h);
    }
}
