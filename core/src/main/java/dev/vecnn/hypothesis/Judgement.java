package dev.vecnn.hypothesis;

/**
 * One measured value held against a reported one: the value as printed in the tables, and whether it
 * reproduces the report within the claim's stated tolerance; {@code holds} is false when nothing was measured.
 */
public record Judgement(String value, boolean holds) {
    public static final Judgement NOT_MEASURED = new Judgement("not measured", false);
}
