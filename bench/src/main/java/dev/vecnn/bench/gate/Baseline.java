package dev.vecnn.bench.gate;

import dev.vecnn.io.AtomicFiles;
import dev.vecnn.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The committed reference values of the gate's figures, each with its tolerance, and a line
 * saying where they were measured. Stored as JSON:
 * <pre>{"machine": "...", "recorded": "...", "figures": {"name": {"value": 23.1, "tolerance": 0.35}}}</pre>
 */
public record Baseline(String machine, String recorded, Map<String, Entry> figures) {
    public record Entry(double value, double tolerance) {}

    public static Baseline read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    public static Baseline parse(String json, String source) {
        Object root = Json.parse(json);
        if (!(root instanceof Map<?, ?> m) || !(m.get("figures") instanceof Map<?, ?> figs)) {
            throw new IllegalArgumentException(source + ": not a gate baseline (no \"figures\" object)");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : figs.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> f) || !(f.get("value") instanceof Number v)
                    || !(f.get("tolerance") instanceof Number t)) {
                throw new IllegalArgumentException(source + ": figure " + e.getKey() + " needs a numeric value and tolerance");
            }
            entries.put(String.valueOf(e.getKey()), new Entry(v.doubleValue(), t.doubleValue()));
        }
        return new Baseline(String.valueOf(m.get("machine")), String.valueOf(m.get("recorded")), entries);
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n  \"machine\": ");
        Json.writeString(sb, machine);
        sb.append(",\n  \"recorded\": ");
        Json.writeString(sb, recorded);
        sb.append(",\n  \"figures\": {");
        String sep = "\n";
        for (Map.Entry<String, Entry> e : figures.entrySet()) {
            sb.append(sep).append("    ");
            Json.writeString(sb, e.getKey());
            sb.append(": {\"value\": ").append(String.format(Locale.ROOT, "%.6g", e.getValue().value()))
                    .append(", \"tolerance\": ").append(String.format(Locale.ROOT, "%.6g", e.getValue().tolerance())).append('}');
            sep = ",\n";
        }
        return sb.append("\n  }\n}\n").toString();
    }

    /** Writes to a temporary file beside {@code file} and renames it, so a cut-short run leaves the old baseline. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }
}
