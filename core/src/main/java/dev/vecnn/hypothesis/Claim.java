package dev.vecnn.hypothesis;

import java.util.List;

/**
 * A number a report gives that a run can be held against: which preset it belongs to, the report's words,
 * the tolerance within which a measured value counts as reproducing it (stated before any run), the
 * readings it can be read with, and the rule that judges a run's measurements under a reading.
 */
public record Claim(String id, String preset, String reported, String tolerance, List<Reading> readings, Rule rule) {

    @FunctionalInterface
    public interface Rule {
        Judgement judge(Measurements m, Reading r);
    }

    public Claim {
        readings = List.copyOf(readings);
    }

    /** The fragment of the claim's heading in rendered markdown (GitHub drops the dots). */
    public String anchor() {
        return id.replace(".", "");
    }

    public Judgement judge(Measurements m, Reading r) {
        return rule.judge(m, r);
    }
}
