package dev.vecnn.hypothesis;

import java.util.List;
import java.util.Map;

/**
 * A training variant: the faithful preset with some `vecnn train` flags changed, the plausible mistake or
 * choice a hypothesis names (docs/design/hypotheses.md), stated before it was run.
 *
 * @param id      the hypothesis id ("A1", "C1+C2", ...) or "faithful"
 * @param text    the candidate cause in one line
 * @param flags   flags of `vecnn train` (names without dashes) applied on top of the preset
 * @param presets the presets it is run on
 */
public record Variant(String id, String text, Map<String, String> flags, List<String> presets) {
    public Variant {
        flags = Map.copyOf(flags);
        presets = List.copyOf(presets);
    }

    public boolean faithful() {
        return flags.isEmpty();
    }

    /** The flags as on the command line, sorted by name: {@code --l1 0.0128 --seed 2}. */
    public String flagsText() {
        StringBuilder sb = new StringBuilder();
        flags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.length() == 0 ? "" : " ").append("--").append(e.getKey()).append(' ').append(e.getValue()));
        return sb.toString();
    }

    /** The command line that trains this variant alone. */
    public String command(String preset) {
        return "./vecnn train --preset " + preset + (flags.isEmpty() ? "" : " " + flagsText());
    }
}
