package dev.vecnn.peers.compare;

import dev.vecnn.io.Json;
import dev.vecnn.peers.protocol.PeerArgs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison of issue 7, driven by peers/compare.sh: vecnn (VecnnPeer), PyTorch and NumPy
 * (peers/*_peer.py) and Deeplearning4j (peers-dl4j, when built) train the same cases on the same
 * rows, alternately (A B C D, then D C B A, ...), with 1 and 2 threads, every peer speaking the
 * protocol of {@link PeerArgs} and PeerOutput.
 *
 * <p>First a sweep (skipped by --quick) runs each peer once per thread setting it could be given
 * ({@link PeerSettings}) and keeps, per case and thread count, the fastest {@link PeerSettings#FINALISTS};
 * the rounds run each of them, and the report keeps the one with the faster median. Every timing run is
 * wrapped in {@code flock LOCK} so it never overlaps another benchmark on the machine, and waits for a
 * quiet machine first ({@link LoadMonitor}).
 */
final class Comparison {
    private final CompareOptions o;
    private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> versions = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final PeerSettings settings = new PeerSettings();
    private final Map<String, Long> rowsFingerprint = new LinkedHashMap<>();
    private final Map<String, Long> initFingerprint = new LinkedHashMap<>();
    private final LoadMonitor quiet;
    private final HugePages hugePages = HugePages.ofThisMachine();
    private List<String> peers;
    private CompareReport report;

    Comparison(CompareOptions o) {
        this.o = o;
        this.quiet = new LoadMonitor(o, notes);
    }

    void run() throws Exception {
        Files.createDirectories(o.out);
        peers = available();
        report = new CompareReport(o, peers, settings, runs, versions, notes);
        System.out.println("compare: peers " + String.join(", ", peers) + "; cases " + String.join(", ", o.cases)
                + "; threads " + o.threads + "; " + o.rounds + " round(s)" + (o.quick ? " (quick)" : "")
                + (o.lock == null ? "" : "; each run under flock " + o.lock));
        Thread writer = new Thread(() -> {
            try {
                report.write();
                System.out.println("compare: interrupted; wrote what was measured so far to " + o.out);
            } catch (Exception ignored) {
                // exiting anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(writer);
        if (o.sweep) {
            sweep();
            report.write();
        }
        for (int round = 1; round <= o.rounds; round++) {
            for (String kase : o.cases) {
                for (int t : o.threads) {
                    List<String> order = new ArrayList<>(peers);
                    if (round % 2 == 0) Collections.reverse(order);
                    for (String peer : order) {
                        if (!Cases.applies(peer, kase)) continue;
                        List<PeerSettings.Setting> finalists = new ArrayList<>(settings.finalistsFor(peer, kase, t));
                        if (round % 2 == 0) Collections.reverse(finalists);
                        for (PeerSettings.Setting s : finalists) {
                            record(runOne("round", round, peer, kase, t, s, budget(kase, false)));
                        }
                    }
                }
            }
            report.write(); // after every round, so an interrupted run still leaves its numbers
        }
        report.write();
        Runtime.getRuntime().removeShutdownHook(writer);
        System.out.println("compare: wrote " + o.out.resolve(o.name + ".csv") + ", " + o.name + "-runs.csv, "
                + o.name + ".md, " + o.name + ".png");
    }

    private Cases.Budget budget(String kase, boolean sweep) {
        Cases.CaseDef d = Cases.byName(kase);
        return sweep ? d.sweep() : o.quick ? d.quick() : d.full();
    }

    /** The peers that can run here, with the reason for each one skipped. */
    List<String> available() throws Exception {
        List<String> ok = new ArrayList<>();
        versions.put("machine", LoadMonitor.machine());
        versions.put("memory", hugePages.describe());
        for (String p : o.peers) {
            switch (p) {
                case "vecnn" -> {
                    if (Files.isRegularFile(o.jar)) {
                        ok.add(p);
                        versions.put("vecnn", "vecnn 0.1.0" + (o.build.isEmpty() ? "" : " (" + o.build + ")") + " on " + PeerProcess.javaVersion(o.java));
                    } else skip(p, "no " + o.jar + " (build: mvn -B -q -DskipTests -pl core,peers -am package)");
                }
                case "torch", "numpy" -> {
                    String module = p;
                    String[] probe = {o.python, "-c", "import " + module + ", sys; sys.stdout.write(" + module + ".__version__)"};
                    PeerProcess.Captured c = PeerProcess.capture(List.of(probe), Map.of(), 120);
                    if (c.exit() == 0) {
                        ok.add(p);
                        versions.put(p, (p.equals("torch") ? "PyTorch " : "NumPy ") + c.out().trim());
                    } else skip(p, module + " is not importable by " + o.python + " (Debian: apt-get install python3-"
                            + (p.equals("torch") ? "torch" : "numpy") + ")");
                }
                case "dl4j" -> {
                    if (Files.isRegularFile(o.dl4jJar)) ok.add(p);
                    else skip(p, "no " + o.dl4jJar + " (build it: mvn -B -q -Pdl4j -DskipTests -pl peers-dl4j -am package)");
                }
                default -> skip(p, "unknown peer");
            }
        }
        if (ok.contains("torch") || ok.contains("numpy")) {
            PeerProcess.Captured c = PeerProcess.capture(List.of(o.python, "-c", "import sys; sys.path.insert(0, '" + o.peersDir + "'); import peerdata, json; "
                    + "print(json.dumps(peerdata.openblas_info()))"), Map.of(), 120);
            versions.put("openblas", c.out().trim());
            versions.put("python", PeerProcess.capture(List.of(o.python, "--version"), Map.of(), 60).out().trim());
        }
        return ok;
    }

    void skip(String peer, String why) {
        String line = "skipped " + peer + ": " + why;
        System.out.println("compare: " + line);
        notes.add(line);
    }

    void sweep() throws Exception {
        System.out.println("compare: sweep of each peer's settings (short runs; the fastest " + PeerSettings.FINALISTS
                + " per case and thread count run in the rounds)");
        for (String peer : peers) {
            if (peer.equals("torch") || peer.equals("numpy")) {
                // SkylakeX is the AVX-512 path: try it once so the report can say whether it runs here.
                Run r = runOne("probe", 0, peer, "tanh", 1, PeerSettings.withCore(PeerSettings.setting("blas 1, core SkylakeX",
                        "OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1"), "SkylakeX"), budget("tanh", true));
                record(r);
                if (r.ok()) settings.skylakeXRuns(peer);
                notes.add(peer + " with OPENBLAS_CORETYPE=SkylakeX: " + (r.ok() ? "runs, " + CompareReport.fmt(r.samplesPerSecond()) + " samples/s on tanh, 1 thread"
                        : "fails here (" + r.error() + "); this CPU has no AVX-512"));
            }
        }
        for (String kase : o.cases) {
            if (!o.sweepCases.contains(kase)) continue;
            for (int t : o.threads) {
                for (String peer : peers) {
                    if (peer.equals("vecnn") || !Cases.applies(peer, kase)) continue;
                    List<PeerSettings.Setting> cands = settings.candidates(peer, kase, t);
                    if (cands.size() < 2) continue;
                    Map<PeerSettings.Setting, Double> rate = new LinkedHashMap<>();
                    for (PeerSettings.Setting s : cands) {
                        Run r = runOne("sweep", 0, peer, kase, t, s, budget(kase, true));
                        record(r);
                        if (r.ok()) rate.put(s, r.samplesPerSecond());
                    }
                    List<PeerSettings.Setting> fastestFirst = new ArrayList<>(rate.keySet());
                    fastestFirst.sort((x, y) -> Double.compare(rate.get(y), rate.get(x)));
                    settings.keep(peer, kase, t, fastestFirst);
                    if (!fastestFirst.isEmpty()) {
                        System.out.println("compare:   kept for " + peer + " " + kase + " " + t + "T: " + String.join("; ",
                                settings.finalistsFor(peer, kase, t).stream().map(PeerSettings.Setting::label).toList()));
                    }
                }
            }
        }
    }

    // ---- running ----------------------------------------------------------------------------

    private List<String> command(String peer, String kase, int t, Cases.Budget b) {
        List<String> cmd = new ArrayList<>();
        if (o.lock != null) cmd.addAll(List.of("flock", o.lock));
        switch (peer) {
            case "vecnn" -> {
                cmd.addAll(List.of(o.java, "--add-modules", "jdk.incubator.vector"));
                cmd.addAll(hugePages.jvmFlags());
                cmd.addAll(List.of("-cp", o.jar.toString(), "dev.vecnn.peers.vecnn.VecnnPeer"));
            }
            case "dl4j" -> {
                cmd.addAll(List.of(o.java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
                cmd.addAll(hugePages.jvmFlags());
                cmd.addAll(List.of("-jar", o.dl4jJar.toString()));
            }
            default -> cmd.addAll(List.of(o.python, o.peersDir.resolve(peer + "_peer.py").toString()));
        }
        cmd.addAll(new PeerArgs(kase, t, b.epochs(), b.warmup(), Path.of(o.data), 1).toArgs());
        return cmd;
    }

    /** The setting's environment, and for the Python peers glibc's huge-page tunable (the JVMs get a flag in {@link #command}). */
    private Map<String, String> environment(String peer, PeerSettings.Setting s) {
        return switch (peer) {
            case "vecnn", "dl4j" -> s.env();
            default -> {
                Map<String, String> env = new LinkedHashMap<>(s.env());
                env.putAll(hugePages.pythonEnv());
                yield env;
            }
        };
    }

    private Run runOne(String phase, int round, String peer, String kase, int t, PeerSettings.Setting s, Cases.Budget b) throws Exception {
        double load = quiet.waitQuiet();
        PeerProcess.Captured c = PeerProcess.capture(command(peer, kase, t, b), environment(peer, s), o.timeoutSeconds);
        Map<String, Object> summary = null;
        for (String line : c.out().split("\n")) {
            line = line.trim();
            if (!line.startsWith("{")) continue;
            try {
                Object v = Json.parse(line);
                if (v instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("summary"))) {
                    @SuppressWarnings("unchecked") Map<String, Object> mm = (Map<String, Object>) m;
                    summary = mm;
                }
            } catch (RuntimeException ignored) {
                // a line that only looks like JSON: not ours
            }
        }
        double rate = summary == null ? Double.NaN : number(summary.get("samples_per_s"));
        Double acc = summary == null || !(summary.get("test_accuracy") instanceof Number n) ? null : n.doubleValue();
        long fp = summary == null || !(summary.get("fingerprint") instanceof Number f) ? -1 : f.longValue();
        String error = c.exit() == 0 ? (summary == null ? "no summary line" : "") : PeerProcess.describeExit(c.exit(), c.err());
        int exit = summary == null && c.exit() == 0 ? -1 : c.exit();
        Run r = new Run(phase, round, kase, t, peer, s.label(), rate, acc, fp, exit, error, load, summary);
        if (r.ok()) checkFingerprint(r);
        System.out.printf(Locale.ROOT, "compare: %-6s %s %-7s %dT %-6s %-34s %s%s  (others busy %.0f%%)%n", phase,
                round > 0 ? "r" + round : "  ", kase, t, peer, s.label(),
                r.ok() ? CompareReport.fmt(rate) + " samples/s" : "FAILED: " + error,
                acc == null ? "" : String.format(Locale.ROOT, ", test accuracy %.4f", acc), 100 * load);
        if (summary != null && summary.get("versions") instanceof Map<?, ?> v) {
            versions.putIfAbsent(peer + " (run)", Json.write(v));
        }
        return r;
    }

    void checkFingerprint(Run r) {
        if (r.fingerprint() >= 0) {
            warnIfDifferent(rowsFingerprint, r, r.fingerprint(), "trained on different rows");
        }
        if (r.summary() != null && r.summary().get("init_fingerprint") instanceof Number f) {
            warnIfDifferent(initFingerprint, r, f.longValue(), "started from different initial weights");
        }
    }

    private void warnIfDifferent(Map<String, Long> seenByCase, Run r, long fingerprint, String what) {
        Long seen = seenByCase.putIfAbsent(r.kase(), fingerprint);
        if (seen != null && seen != fingerprint) {
            String line = "WARNING: " + r.peer() + " " + what + " for " + r.kase() + " (fingerprint "
                    + fingerprint + ", others " + seen + ")";
            System.out.println("compare: " + line);
            if (!notes.contains(line)) notes.add(line);
        }
    }

    private void record(Run r) {
        runs.add(r);
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
