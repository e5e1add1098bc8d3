package dev.vecnn.peers.compare;

import dev.vecnn.io.AtomicFiles;
import dev.vecnn.io.Json;
import dev.vecnn.peers.protocol.PeerOutput;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a comparison writes: NAME.csv (medians, ratios, targets), NAME-runs.csv (every run), NAME.md and NAME.png. */
final class CompareReport {
    private final CompareOptions o;
    private final List<String> peers;
    private final PeerSettings settings;
    private final List<Run> runs;
    private final Map<String, String> versions;
    private final List<String> notes;

    CompareReport(CompareOptions o, List<String> peers, PeerSettings settings, List<Run> runs, Map<String, String> versions,
                  List<String> notes) {
        this.o = o;
        this.peers = peers;
        this.settings = settings;
        this.runs = runs;
        this.versions = versions;
        this.notes = notes;
    }

    record Row(String kase, int threads, String peer, String setting, double median, int n, Double accuracy,
               double ratio, double target) {}

    List<Row> table() {
        List<Row> rows = new ArrayList<>();
        for (String kase : o.cases) {
            for (int t : o.threads) {
                double vecnn = faster(kase, t, "vecnn").median();
                for (String peer : peers) {
                    if (!Cases.applies(peer, kase)) continue;
                    Faster f = faster(kase, t, peer);
                    List<Double> accs = f.runs().stream().map(Run::accuracy).filter(a -> a != null).toList();
                    String setting = f.runs().isEmpty() ? settings.bestFor(peer, kase, t).label() : f.setting();
                    rows.add(new Row(kase, t, peer, setting, f.median(), f.runs().size(), accs.isEmpty() ? null : PeerOutput.median(accs),
                            peer.equals("vecnn") ? Double.NaN : vecnn / f.median(), Cases.target(kase, peer, t)));
                }
            }
        }
        return rows;
    }

    /** A peer's setting with the faster median over the rounds, that median and its runs. */
    record Faster(String setting, double median, List<Run> runs) {}

    /** Of the settings this peer ran in the rounds (the sweep's finalists), the one with the higher median. */
    Faster faster(String kase, int t, String peer) {
        Faster best = new Faster(null, Double.NaN, List.of());
        for (Map.Entry<String, List<Run>> e : roundsBySetting(kase, t, peer).entrySet()) {
            double m = medianRate(e.getValue());
            if (best.runs().isEmpty() || m > best.median()) best = new Faster(e.getKey(), m, e.getValue());
        }
        return best;
    }

    /** This peer's successful round runs of a case and thread count, by setting in the order they first ran. */
    private Map<String, List<Run>> roundsBySetting(String kase, int t, String peer) {
        Map<String, List<Run>> bySetting = new LinkedHashMap<>();
        for (Run r : runs) {
            if (r.phase().equals("round") && r.ok() && r.kase().equals(kase) && r.threads() == t && r.peer().equals(peer)) {
                bySetting.computeIfAbsent(r.setting(), s -> new ArrayList<>()).add(r);
            }
        }
        return bySetting;
    }

    private static double medianRate(List<Run> rs) {
        return PeerOutput.median(rs.stream().map(Run::samplesPerSecond).toList());
    }

    void write() throws IOException {
        List<Row> rows = table();
        StringBuilder csv = new StringBuilder("case,threads,peer,setting,median_samples_per_s,runs,median_test_accuracy,"
                + "vecnn_over_peer,target_ratio,target_met\n");
        for (Row r : rows) {
            csv.append(String.join(",", r.kase(), "" + r.threads(), r.peer(), quote(r.setting()), num(r.median()), "" + r.n(),
                    r.accuracy() == null ? "" : num(r.accuracy()), num(r.ratio()), num(r.target()),
                    Double.isNaN(r.target()) || Double.isNaN(r.ratio()) ? "" : r.ratio() >= r.target() ? "yes" : "no")).append('\n');
        }
        AtomicFiles.writeString(o.out.resolve(o.name + ".csv"), csv.toString());

        StringBuilder raw = new StringBuilder("phase,round,case,threads,peer,setting,samples_per_s,test_accuracy,exit,error,"
                + "others_busy_before,fingerprint,env\n");
        for (Run r : runs) {
            Object env = r.summary() == null ? null : r.summary().get("env");
            raw.append(String.join(",", r.phase(), "" + r.round(), r.kase(), "" + r.threads(), r.peer(), quote(r.setting()),
                    num(r.samplesPerSecond()), r.accuracy() == null ? "" : num(r.accuracy()), "" + r.exit(), quote(r.error()),
                    num(r.load()), "" + r.fingerprint(), quote(env == null ? "" : Json.write(env)))).append('\n');
        }
        AtomicFiles.writeString(o.out.resolve(o.name + "-runs.csv"), raw.toString());
        AtomicFiles.writeString(o.out.resolve(o.name + ".md"), markdown(rows));
        try {
            PeerChart.write(o.out.resolve(o.name + ".png"), rows.stream().map(r -> new PeerChart.Bar(
                    r.kase() + " " + r.threads() + "T", r.peer(), r.median())).toList());
        } catch (RuntimeException | LinkageError e) {
            System.out.println("compare: no chart (" + e + ")");
        }
    }

    String markdown(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# vecnn side by side with PyTorch, NumPy and Deeplearning4j\n\n");
        md.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT)))
                .append(" with `").append(o.command).append("`").append(o.quick ? " (quick: 1 round, short epochs, no sweep)" : "")
                .append(": ").append(o.rounds).append(" alternating round(s) (peer order reversed every other round), each timing run under `flock`.")
                .append(" Samples/s is the median over the epochs after the warm-up ones of one run, then the median over the rounds;")
                .append(" the ratio is vecnn's median over the peer's, both from this run.")
                .append(o.sweep ? " The fastest " + PeerSettings.FINALISTS + " settings of each peer's sweep run in every round, and"
                        + " each row shows the one whose median is higher (a short sweep run ranks close settings differently from"
                        + " run to run; the other is under Settings tried).\n\n" : " No settings were swept.\n\n");
        if (o.quick) {
            md.append("**A quick run checks the set-up, not speed.** With so few epochs vecnn is timed while the JIT compiler")
                    .append(" is still compiling its kernels (its later epochs run several times faster), and no settings were swept:")
                    .append(" the ratios and the target column below say nothing about speed. Run without --quick for that.\n\n");
        }
        md.append("| case | threads | peer | setting | samples/s | vecnn / peer | target | met | test accuracy |\n");
        md.append("|---|---:|---|---|---:|---:|---:|---|---:|\n");
        for (Row r : rows) {
            md.append("| ").append(r.kase()).append(" | ").append(r.threads()).append(" | ").append(r.peer()).append(" | ")
                    .append(r.setting()).append(" | ").append(fmt(r.median())).append(" | ")
                    .append(Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.2fx", r.ratio())).append(" | ")
                    .append(Double.isNaN(r.target()) ? "" : String.format(Locale.ROOT, "≥%.1fx", r.target())).append(" | ")
                    .append(Double.isNaN(r.target()) || Double.isNaN(r.ratio()) ? "" : r.ratio() >= r.target() ? "yes" : "**no**")
                    .append(" | ").append(r.accuracy() == null ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * r.accuracy()))
                    .append(" |\n");
        }
        md.append("\n## Accuracy (target: vecnn within 0.3 points of PyTorch, same configuration and epochs)\n\n");
        md.append("| case | threads | vecnn | PyTorch | difference (points) | met |\n|---|---:|---:|---:|---:|---|\n");
        for (Row v : rows) {
            if (!v.peer().equals("vecnn") || v.accuracy() == null) continue;
            rows.stream().filter(r -> r.peer().equals("torch") && r.kase().equals(v.kase()) && r.threads() == v.threads()
                    && r.accuracy() != null).findFirst().ifPresent(t -> {
                        double d = 100 * (v.accuracy() - t.accuracy());
                        md.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% | %.2f%% | %+.2f | %s |%n", v.kase(), v.threads(),
                                100 * v.accuracy(), 100 * t.accuracy(), d, Math.abs(d) <= 0.3 ? "yes" : "**no**"));
                    });
        }
        md.append("\n## Cases\n\n");
        for (Cases.CaseDef c : Cases.ALL) {
            if (!o.cases.contains(c.name())) continue;
            Cases.Budget b = o.quick ? c.quick() : c.full();
            md.append("- **").append(c.name()).append("**: ").append(c.title()).append("; ").append(b.epochs())
                    .append(c.name().equals("infer") ? " passes over the 10,000 test images" : " epochs").append(", the first ")
                    .append(b.warmup()).append(" left out of the median.\n");
        }
        md.append("\nSame rows on every side: the Python peers replay java.util.SplittableRandom to pick vecnn's rows, and every run")
                .append(" prints a checksum of them, which compare checks. Same initial weights too: the Python peers redraw vecnn's")
                .append(" (its SplitMix64 generator and Initializer, bit for bit) and print their checksum, also checked; DL4J draws its")
                .append(" own. They also replay vecnn's row order epoch by epoch. Hyperparameters are those of vecnn's presets (Presets.java):")
                .append(" tanh-momentum and softmax-regression (per-image z-score, 48,000 training rows, summed loss, lr 0.001, Xavier),")
                .append(" mlp32-relu-lr0.005 (pixels in [0, 1], 60,000 rows, mean loss, U(-1, 1)), ovr-lr0.05 (digit 0 against the rest,")
                .append(" 10,000 balanced rows, zero init, mean loss, threshold 0.75). Training runs fixed epochs with no validation")
                .append(" pass; the timed part of an epoch is the shuffle, batch gather, forward, loss, training accuracy, backward and update.\n");
        md.append("\n## Versions and machine\n\n");
        for (Map.Entry<String, String> e : versions.entrySet()) md.append("- ").append(e.getKey()).append(": `")
                .append(e.getValue()).append("`\n");
        md.append("\n## Settings tried\n\n");
        if (runs.stream().anyMatch(r -> r.phase().equals("sweep"))) {
            md.append("| case | threads | peer | setting | samples/s (one short run) |\n|---|---:|---|---|---:|\n");
            for (Run r : runs) {
                if (!r.phase().equals("sweep") && !r.phase().equals("probe")) continue;
                boolean chosen = r.phase().equals("sweep") && settings.kept(r.peer(), r.kase(), r.threads(), r.setting());
                md.append("| ").append(r.kase()).append(" | ").append(r.threads()).append(" | ").append(r.peer()).append(" | ")
                        .append(chosen ? "**" + r.setting() + "** (finalist)" : r.setting()).append(" | ")
                        .append(r.ok() ? fmt(r.samplesPerSecond()) : "failed: " + r.error()).append(" |\n");
            }
        } else {
            md.append("No sweep in this run: each peer ran with its thread count everywhere and OpenBLAS's core type as installed.\n");
        }
        StringBuilder finalists = new StringBuilder();
        for (String kase : o.cases) {
            for (int t : o.threads) {
                for (String peer : peers) {
                    if (peer.equals("vecnn")) continue;
                    Map<String, List<Run>> bySetting = roundsBySetting(kase, t, peer);
                    if (bySetting.size() < 2) continue;
                    for (Map.Entry<String, List<Run>> e : bySetting.entrySet()) {
                        finalists.append("| ").append(kase).append(" | ").append(t).append(" | ").append(peer).append(" | ")
                                .append(e.getKey()).append(" | ").append(fmt(medianRate(e.getValue()))).append(" | ")
                                .append(e.getValue().size()).append(" |\n");
                    }
                }
            }
        }
        if (!finalists.isEmpty()) {
            md.append("\nEvery finalist's median over the rounds (the faster one is in the table above):\n\n")
                    .append("| case | threads | peer | setting | samples/s | runs |\n|---|---:|---|---|---:|---:|\n")
                    .append(finalists);
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            for (String n : notes) md.append("- ").append(n).append('\n');
        }
        return md.toString();
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) return "n/a";
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String quote(String s) {
        if (s == null) return "";
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"").replace("\n", " ") + "\"" : s;
    }
}
