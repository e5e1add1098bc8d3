package dev.vecnn.bench.gate;

import dev.vecnn.bench.stats.Samples;
import dev.vecnn.io.AtomicFiles;
import dev.vecnn.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of an A/B run: one {@link AbDecision} per benchmark and candidate arm, the
 * allocation per training step (which needs no base: it must stay near zero), and the overall
 * verdict. Printed as a table, written as JSON and as markdown for a CI job's summary.
 */
public record AbReport(String title, Map<String, String> context, List<Row> rows, List<String> allocationFailures,
                       AbDecision.Rule rule) {

    /** One benchmark of one candidate arm, or a benchmark only one side has. */
    public record Row(String arm, String benchmark, AbDecision decision, String missing) {}

    /** Bytes per operation a training step may allocate in steady state (JMH's own share is a few dozen). */
    static final double STEP_ALLOCATION_LIMIT = 256;
    static final String STEP_BENCHMARK_PREFIX = "trainingStep";

    public enum Outcome { PASS, FAIL, INCONCLUSIVE }

    /** Decides every benchmark of every candidate arm against the base arm. */
    public static AbReport of(String title, Map<String, String> context, AbRunner.Samples s, String baseArm,
                              List<String> candidateArms, AbDecision.Rule rule) {
        List<Row> rows = new ArrayList<>();
        List<String> alloc = new ArrayList<>();
        for (String arm : candidateArms) {
            for (String b : s.benchmarks()) {
                double[] base = s.times(baseArm, b), cand = s.times(arm, b);
                if (base.length == 0 || cand.length == 0) {
                    rows.add(new Row(arm, b, null, base.length == 0 ? "not in the base" : "not in the candidate"));
                    continue;
                }
                rows.add(new Row(arm, b, AbDecision.decide(b, base, cand, rule), null));
                double[] bytes = s.allocations(arm, b);
                if (b.startsWith(STEP_BENCHMARK_PREFIX) && bytes.length > 0 && Samples.median(bytes) > STEP_ALLOCATION_LIMIT) {
                    alloc.add(String.format(Locale.ROOT, "%s: %s allocates %.0f B per step (limit %.0f)", arm, b,
                            Samples.median(bytes), STEP_ALLOCATION_LIMIT));
                }
            }
        }
        return new AbReport(title, context, rows, alloc, rule);
    }

    /**
     * The verdicts after a second round of new forks for every benchmark the first round did not
     * pass: a FAIL stands only if both rounds fail on their own forks, so one unlucky round of a
     * suite of a dozen benchmarks cannot fail a healthy build; otherwise the decision on the pooled
     * forks of both rounds, a FAIL there downgraded to INCONCLUSIVE unless the second round alone fails.
     */
    public static AbReport confirm(AbReport first, AbReport second, AbReport pooled) {
        List<Row> rows = new ArrayList<>();
        for (Row r : first.rows()) {
            AbDecision d1 = r.decision();
            if (d1 == null || d1.verdict() == AbDecision.Verdict.PASS) {
                rows.add(r);
                continue;
            }
            AbDecision d2 = find(second, r), all = find(pooled, r);
            if (d2 == null || all == null) {
                rows.add(r);
                continue;
            }
            boolean confirmed = d2.verdict() == AbDecision.Verdict.FAIL;
            AbDecision out;
            if (d1.verdict() == AbDecision.Verdict.FAIL) {
                out = confirmed
                        ? all.with(AbDecision.Verdict.FAIL, String.format(Locale.ROOT,
                                "%.1f%% slower, in both rounds (p = %.2g, then %.2g)", 100 * (all.ratio() - 1), d1.p(), d2.p()))
                        : all.with(AbDecision.Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
                                "slower in the first round (p = %.2g), not in the second (p = %.2g, %+.1f%%)",
                                d1.p(), d2.p(), 100 * (d2.ratio() - 1)));
            } else if (all.verdict() == AbDecision.Verdict.FAIL && !confirmed) {
                out = all.with(AbDecision.Verdict.INCONCLUSIVE, "slower on the pooled forks only (" + all.reason() + ")");
            } else {
                out = all;
            }
            rows.add(new Row(r.arm(), r.benchmark(), out, null));
        }
        return new AbReport(first.title(), first.context(), rows, pooled.allocationFailures(), first.rule());
    }

    private static AbDecision find(AbReport report, Row like) {
        for (Row r : report.rows()) {
            if (r.arm().equals(like.arm()) && r.benchmark().equals(like.benchmark())) return r.decision();
        }
        return null;
    }

    /** FAIL if any benchmark fails or a step allocates; else INCONCLUSIVE if any is; else PASS. */
    public Outcome outcome() {
        return outcome(null);
    }

    /** The outcome of one candidate arm (null: of all). */
    public Outcome outcome(String arm) {
        boolean inconclusive = false;
        for (Row r : rows) {
            if (arm != null && !r.arm().equals(arm) || r.decision() == null) continue;
            if (r.decision().verdict() == AbDecision.Verdict.FAIL) return Outcome.FAIL;
            inconclusive |= r.decision().verdict() == AbDecision.Verdict.INCONCLUSIVE;
        }
        if (allocationFailures.stream().anyMatch(f -> arm == null || f.startsWith(arm + ":"))) return Outcome.FAIL;
        return inconclusive ? Outcome.INCONCLUSIVE : Outcome.PASS;
    }

    /** Benchmarks (with their arm when there are several) whose verdict is {@code v}. */
    public List<String> benchmarks(AbDecision.Verdict v) {
        boolean several = severalArms();
        return rows.stream().filter(r -> r.decision() != null && r.decision().verdict() == v)
                .map(r -> several ? r.arm() + ": " + r.benchmark() : r.benchmark()).toList();
    }

    /** Whether rows come from more than one candidate arm (then every line names its arm). */
    private boolean severalArms() {
        return rows.stream().map(Row::arm).distinct().count() > 1;
    }

    /** The console table. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        boolean several = severalArms();
        String fmt = "%s%-28s %11s %11s %7s %17s %9s  %-12s %s%n";
        sb.append(String.format(Locale.ROOT, fmt, several ? String.format("%-14s", "arm") : "", "benchmark", "base us/op",
                "cand us/op", "ratio", CiLabel.of(rule), "p", "verdict", "why"));
        for (Row r : rows) {
            String arm = several ? String.format("%-14s", r.arm()) : "";
            if (r.decision() == null) {
                sb.append(String.format(Locale.ROOT, fmt, arm, r.benchmark(), "-", "-", "-", "-", "-",
                        "NOT COMPARED", r.missing()));
                continue;
            }
            AbDecision d = r.decision();
            sb.append(String.format(Locale.ROOT, fmt, arm, r.benchmark(), num(d.baseMedian()),
                    num(d.candidateMedian()), String.format(Locale.ROOT, "%.3f", d.ratio()),
                    String.format(Locale.ROOT, "[%.3f, %.3f]", d.interval().low(), d.interval().high()),
                    String.format(Locale.ROOT, "%.2g", d.p()), d.verdict(), d.reason()));
        }
        for (String a : allocationFailures) sb.append("ALLOCATION   ").append(a).append('\n');
        return sb.toString();
    }

    /** Markdown for a CI job summary: the context, the verdict and the table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("## ").append(title).append(": ").append(outcome()).append("\n\n");
        context.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append(String.format(Locale.ROOT, "- rule: FAIL when the candidate is slower at p < %.2g (one-sided Mann-Whitney U over"
                + " fork medians) and by more than %.0f%%; ratio = candidate / base time, with its %s bootstrap interval%n%n",
                rule.alpha(), 100 * rule.floor(), CiLabel.of(rule)));
        boolean several = severalArms();
        sb.append(several ? "| arm " : "").append("| benchmark | base us/op | candidate us/op | ratio | ").append(CiLabel.of(rule))
                .append(" | p | verdict | why |\n").append(several ? "|---" : "").append("|---|---:|---:|---:|---|---:|---|---|\n");
        for (Row r : rows) {
            if (several) sb.append("| ").append(r.arm()).append(' ');
            AbDecision d = r.decision();
            if (d == null) {
                sb.append("| ").append(r.benchmark()).append(" | - | - | - | - | - | not compared | ").append(r.missing()).append(" |\n");
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | [%.3f, %.3f] | %.2g | %s | %s |%n", r.benchmark(),
                    num(d.baseMedian()), num(d.candidateMedian()), d.ratio(), d.interval().low(), d.interval().high(), d.p(),
                    d.verdict() == AbDecision.Verdict.FAIL ? "**FAIL**" : d.verdict().toString(), d.reason()));
        }
        for (String a : allocationFailures) sb.append("\n**ALLOCATION**: ").append(a).append('\n');
        return sb.toString();
    }

    /** Everything, the fork values included, as JSON. */
    public String json() {
        StringBuilder sb = new StringBuilder("{\n  \"title\": ");
        Json.writeString(sb, title);
        sb.append(",\n  \"outcome\": ");
        Json.writeString(sb, outcome().toString());
        sb.append(String.format(Locale.ROOT, ",\n  \"alpha\": %s,\n  \"floor\": %s,\n  \"context\": {", rule.alpha(), rule.floor()));
        String sep = "\n    ";
        for (Map.Entry<String, String> e : context.entrySet()) {
            sb.append(sep);
            Json.writeString(sb, e.getKey());
            sb.append(": ");
            Json.writeString(sb, e.getValue());
            sep = ",\n    ";
        }
        sb.append("\n  },\n  \"allocation_failures\": [");
        sep = "";
        for (String a : allocationFailures) {
            sb.append(sep);
            Json.writeString(sb, a);
            sep = ", ";
        }
        sb.append("],\n  \"benchmarks\": [");
        sep = "\n    ";
        for (Row r : rows) {
            sb.append(sep).append("{\"arm\": ");
            Json.writeString(sb, r.arm());
            sb.append(", \"benchmark\": ");
            Json.writeString(sb, r.benchmark());
            AbDecision d = r.decision();
            if (d == null) {
                sb.append(", \"verdict\": \"NOT_COMPARED\", \"why\": ");
                Json.writeString(sb, r.missing());
            } else {
                sb.append(String.format(Locale.ROOT, ", \"base_us\": %s, \"candidate_us\": %s, \"ratio\": %.5f, \"ci\": [%.5f, %.5f],"
                                + " \"p\": %.4g, \"base_spread\": %.4f, \"verdict\": \"%s\", \"why\": ",
                        array(d.base()), array(d.candidate()), d.ratio(), d.interval().low(), d.interval().high(), d.p(),
                        d.baseSpread(), d.verdict()));
                Json.writeString(sb, d.reason());
            }
            sb.append('}');
            sep = ",\n    ";
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    /** Writes {@code gate.json} and {@code gate.md} into {@code dir}, each atomically. */
    public void write(Path dir, String name) throws IOException {
        AtomicFiles.writeString(dir.resolve(name + ".json"), json());
        AtomicFiles.writeString(dir.resolve(name + ".md"), markdown());
    }

    private static String array(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4f", v[i]));
        return sb.append(']').toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.1f" : v >= 1 ? "%.3f" : "%.4f", v);
    }

    private static final class CiLabel {
        static String of(AbDecision.Rule rule) {
            return String.format(Locale.ROOT, "%.0f%% CI", 100 * (1 - rule.alpha()));
        }
    }
}
