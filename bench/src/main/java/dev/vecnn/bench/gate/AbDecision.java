package dev.vecnn.bench.gate;

import dev.vecnn.bench.stats.BootstrapRatio;
import dev.vecnn.bench.stats.MannWhitney;
import dev.vecnn.bench.stats.Samples;
import java.util.Locale;

/**
 * The verdict on one benchmark of an A/B run: the time per operation of each fork of the base and
 * of the candidate (one value per JVM), compared with a one-sided Mann-Whitney U test and a
 * bootstrap interval of the ratio of medians. No number from another run enters the decision.
 *
 * <ul>
 *   <li>FAIL: the candidate is slower at significance {@code alpha} AND its median time exceeds the
 *       base's by more than {@code floor};</li>
 *   <li>INCONCLUSIVE: not a failure, but this run could not have seen a slowdown the size of the
 *       floor: the base's own spread is wider than the floor (the half-width of the 95% bootstrap
 *       interval of its median, over the median: how well this run knows the base's speed, which
 *       more forks narrow), or there are too few forks for any result to reach {@code alpha};</li>
 *   <li>PASS: otherwise.</li>
 * </ul>
 */
public record AbDecision(String benchmark, double[] base, double[] candidate, double baseMedian, double candidateMedian,
                         double ratio, BootstrapRatio.Interval interval, double p, double baseSpread,
                         Verdict verdict, String reason) {

    public enum Verdict { PASS, FAIL, INCONCLUSIVE }

    /** The confidence level of the base median's interval that measures its spread. */
    static final double SPREAD_LEVEL = 0.95;

    /** The settings of a decision: significance level and the smallest slowdown worth failing for. */
    public record Rule(double alpha, double floor) {
        public static final Rule DEFAULT = new Rule(0.01, 0.05);

        public Rule {
            if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must lie in (0, 1), not " + alpha);
            if (!(floor > 0 && floor < 1)) throw new IllegalArgumentException("the floor must lie in (0, 1), not " + floor);
        }
    }

    /** This decision with another verdict and reason (the numbers unchanged). */
    public AbDecision with(Verdict v, String why) {
        return new AbDecision(benchmark, base, candidate, baseMedian, candidateMedian, ratio, interval, p, baseSpread, v, why);
    }

    /** Decides on times per operation (lower is better) of the two arms. */
    public static AbDecision decide(String benchmark, double[] base, double[] candidate, Rule rule) {
        double bm = Samples.median(base), cm = Samples.median(candidate);
        double ratio = cm / bm;
        BootstrapRatio.Interval ci = BootstrapRatio.interval(base, candidate, 1 - rule.alpha());
        double p = MannWhitney.pGreater(base, candidate);
        double spread = base.length >= 2 ? BootstrapRatio.medianHalfWidth(base, SPREAD_LEVEL) : Double.POSITIVE_INFINITY;
        Verdict v;
        String why;
        if (p < rule.alpha() && ratio > 1 + rule.floor()) {
            v = Verdict.FAIL;
            why = String.format(Locale.ROOT, "%.1f%% slower (p = %.2g < %.2g, above the %.0f%% floor)",
                    100 * (ratio - 1), p, rule.alpha(), 100 * rule.floor());
        } else if (MannWhitney.smallestP(base.length, candidate.length) >= rule.alpha()) {
            v = Verdict.INCONCLUSIVE;
            why = base.length + " + " + candidate.length + " forks cannot reach p < " + rule.alpha() + ": add forks";
        } else if (spread > rule.floor()) {
            v = Verdict.INCONCLUSIVE;
            why = String.format(Locale.ROOT, "the base's own spread (%.1f%%) is wider than the %.0f%% floor",
                    100 * spread, 100 * rule.floor());
        } else {
            v = Verdict.PASS;
            why = p < rule.alpha() && ratio > 1 ? String.format(Locale.ROOT, "%.1f%% slower, under the %.0f%% floor",
                    100 * (ratio - 1), 100 * rule.floor())
                    : ratio < 1 - rule.floor() && MannWhitney.pGreater(candidate, base) < rule.alpha()
                    ? String.format(Locale.ROOT, "%.1f%% faster", 100 * (1 - ratio)) : "no significant slowdown";
        }
        return new AbDecision(benchmark, base.clone(), candidate.clone(), bm, cm, ratio, ci, p, spread, v, why);
    }
}
