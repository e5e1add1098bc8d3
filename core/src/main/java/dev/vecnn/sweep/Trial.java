package dev.vecnn.sweep;

import dev.vecnn.data.Sha256;
import dev.vecnn.experiment.TrainFlags;
import dev.vecnn.io.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One training run of a sweep: the base flags with this trial's axis values over them. Its hash (of the
 * resolved flags, in name order) names it in results, so a re-run knows which trials are done, and the
 * same settings in another spec or order are the same trial.
 *
 * @param flags the flags of `vecnn train` this trial runs with
 * @param axes  the values this trial gives the sweep's axes (labels of compound axes)
 */
public record Trial(int index, Map<String, String> flags, Map<String, String> axes, String hash) {
    /** A trial of {@code flags} (base and axes together); {@code axes} labels the axis values it takes. */
    static Trial of(int index, Map<String, String> flags, Map<String, String> axes) {
        return new Trial(index, Map.copyOf(flags), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axes)), hashOf(flags));
    }

    /** The first 16 hex digits of the SHA-256 of the flags as compact JSON, names sorted. */
    static String hashOf(Map<String, String> flags) {
        String canonical = Json.write(new TreeMap<>(flags));
        return Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    public TrainFlags trainFlags() {
        return TrainFlags.of(flags);
    }

    /** "lr=0.01, hidden=128:tanh", or "base" for a sweep without axes. */
    public String describeAxes() {
        if (axes.isEmpty()) return "base";
        StringBuilder sb = new StringBuilder();
        axes.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The command that trains this trial alone. */
    public String command() {
        StringBuilder sb = new StringBuilder("./vecnn train");
        new TreeMap<>(flags).forEach((k, v) -> {
            if (k.equals("full-batch")) {
                if (v.equals("true")) sb.append(" --full-batch");
            } else {
                sb.append(" --").append(k).append(' ').append(v);
            }
        });
        return sb.toString();
    }
}
