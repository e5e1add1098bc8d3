package dev.vecnn.bench.peers;

import dev.vecnn.io.AtomicFiles;
import dev.vecnn.io.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The comparison of issue 7, driven by bench/peers/compare.sh: vecnn ({@link VecnnPeer}), PyTorch and
 * NumPy (bench/peers/*_peer.py) and Deeplearning4j (peers-dl4j, when built) train the same cases on
 * the same rows, alternately (A B C D, then D C B A, ...), with 1 and 2 threads.
 *
 * <p>First a sweep (skipped by --quick) runs each peer once per thread setting it could be given
 * (OpenBLAS core type as installed, which detects Zen here, or Haswell, OpenBLAS and OpenMP thread counts, OpenMP's wait policy)
 * and keeps, per case and thread count, the fastest; the rounds then use only that setting. Every
 * timing run is wrapped in {@code flock LOCK} so it never overlaps another benchmark on the machine.
 * Writes NAME.csv (medians, ratios, targets), NAME-runs.csv (every run), NAME.md and NAME.png.
 */
public final class PeerCompare {
    private PeerCompare() {}

    /**
     * Epochs per run and how many of the first are left out of the median. The full budgets leave out
     * enough epochs for every side to reach steady state: with 2 threads on 2 vCPUs vecnn's kernels were
     * still being compiled in epochs 2-4 of the tanh case (99-133k samples/s there, 263-307k from epoch 5).
     */
    record Budget(int epochs, int warmup) {}

    record CaseDef(String name, String title, Budget full, Budget quick, Budget sweep) {}

    static final List<CaseDef> CASES = List.of(
            new CaseDef("tanh", "784-128-10 tanh, batch 128, momentum 0.9 (train)", new Budget(8, 4), new Budget(2, 1), new Budget(2, 1)),
            new CaseDef("softmax", "softmax regression 784-10, batch 128 (train)", new Budget(8, 3), new Budget(2, 1), new Budget(2, 1)),
            new CaseDef("mlp32", "784-32-10 ReLU, full batch 60,000 (train)", new Budget(16, 6), new Budget(4, 1), new Budget(4, 1)),
            new CaseDef("neuron", "one-vs-rest neuron 784-1, full batch 10,000 (train)", new Budget(400, 150), new Budget(60, 10), new Budget(80, 20)),
            new CaseDef("infer", "784-128-10 inference, batch 1000", new Budget(60, 20), new Budget(8, 2), new Budget(10, 2)));

    /** Targets of issue 7: minimum vecnn/peer ratio of samples/s, by case and peer. */
    static double target(String kase, String peer) {
        return switch (kase + "/" + peer) {
            case "tanh/torch", "mlp32/torch" -> 3.0;
            case "tanh/numpy", "infer/torch" -> 1.5;
            case "softmax/torch", "neuron/torch" -> 2.0;
            case "tanh/dl4j" -> 1.0;
            default -> Double.NaN;
        };
    }

    /** One way to run a peer: a label and the environment it gets. */
    record Setting(String label, Map<String, String> env) {}

    record Run(String phase, int round, String kase, int threads, String peer, String setting, double samplesPerSecond,
               Double accuracy, long fingerprint, int exit, String error, double load, Map<String, Object> summary) {
        boolean ok() { return exit == 0 && Double.isFinite(samplesPerSecond); }
    }

    static final class Options {
        boolean quick;
        boolean sweep = true;
        /** Cases the sweep runs; the others take the best setting of the nearest swept case (see {@link #proxy}). */
        List<String> sweepCases = null;
        int rounds = 3;
        List<Integer> threads = List.of(1, 2);
        List<String> cases = CASES.stream().map(CaseDef::name).toList();
        List<String> peers = List.of("vecnn", "torch", "numpy", "dl4j");
        String data;
        String python = "/usr/bin/python3";
        Path peersDir = Path.of("bench/peers");
        Path jar = Path.of("bench/target/benchmarks.jar");
        Path dl4jJar = Path.of("peers-dl4j/target/peers-dl4j.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out;
        String name;
        String lock = "/tmp/vecnn-bench.lock";
        String command = "bench/peers/compare.sh";
        String build = "";
        long timeoutSeconds = 1200;
        /** Before each timing run, wait up to this long for other processes to use less than quietBusy of the CPUs. */
        long quietWaitSeconds = 30;
        /** All waits for quiet together stop after this many seconds; later runs start at once. */
        long quietBudgetSeconds = 900;
        double quietBusy = 0.25;
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        new Comparison(o).run();
    }

    static Options parse(String[] args) {
        Options o = new Options();
        o.data = System.getenv().getOrDefault("VECNN_DATA_DIR",
                Path.of(System.getProperty("user.home"), ".cache", "vecnn", "mnist").toString());
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> o.quick = true;
                case "--no-sweep" -> o.sweep = false;
                case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
                case "--threads" -> o.threads = java.util.Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--cases" -> o.cases = List.of(args[++i].split(","));
                case "--sweep-cases" -> o.sweepCases = List.of(args[++i].split(","));
                case "--peers" -> o.peers = List.of(args[++i].split(","));
                case "--data" -> o.data = args[++i];
                case "--python" -> o.python = args[++i];
                case "--peers-dir" -> o.peersDir = Path.of(args[++i]);
                case "--jar" -> o.jar = Path.of(args[++i]);
                case "--dl4j-jar" -> o.dl4jJar = Path.of(args[++i]);
                case "--java" -> o.java = args[++i];
                case "--out" -> o.out = Path.of(args[++i]);
                case "--name" -> o.name = args[++i];
                case "--lock" -> o.lock = args[++i];
                case "--no-lock" -> o.lock = null;
                case "--command" -> o.command = args[++i];
                case "--build" -> o.build = args[++i];
                case "--timeout" -> o.timeoutSeconds = Long.parseLong(args[++i]);
                case "--quiet-wait" -> o.quietWaitSeconds = Long.parseLong(args[++i]);
                case "--quiet-busy" -> o.quietBusy = Double.parseDouble(args[++i]);
                case "--quiet-budget" -> o.quietBudgetSeconds = Long.parseLong(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("""
                            usage: compare.sh [--quick] [--rounds N] [--threads 1,2] [--cases tanh,softmax,mlp32,neuron,infer]
                                              [--peers vecnn,torch,numpy,dl4j] [--no-sweep] [--sweep-cases LIST] [--data DIR]
                                              [--out DIR] [--name NAME] [--rounds N] [--timeout SECONDS]
                                              [--python PATH] [--lock FILE | --no-lock] [--quiet-wait SECONDS] [--quiet-busy FRACTION]
                              --quick     one round, short epochs, no settings sweep; writes to bench/target/peers-quick
                              --no-sweep  skip the sweep: run each peer with threads = N everywhere, OpenBLAS as installed
                              --sweep-cases sweep only these cases (e.g. tanh,mlp32); softmax and infer then take tanh's best
                                          setting, neuron mlp32's (minibatch-sized against full-batch-sized products)
                              --quiet-wait before each run wait up to SECONDS (default 30, 0 with --quick) until other processes
                                          use less than --quiet-busy (default 0.25) of the CPUs, at most --quiet-budget
                                          seconds in all (default 900); the busy share is recorded with each run""");
                    System.exit(0);
                }
                default -> {
                    System.err.println("compare: unknown option " + a + " (see --help)");
                    System.exit(2);
                }
            }
        }
        for (String c : o.cases) {
            if (CASES.stream().noneMatch(d -> d.name().equals(c))) {
                System.err.println("compare: unknown case " + c);
                System.exit(2);
            }
        }
        if (o.quick) {
            o.rounds = 1;
            o.sweep = false;
            if (java.util.Arrays.stream(args).noneMatch("--quiet-wait"::equals)) o.quietWaitSeconds = 0;
        }
        if (o.sweepCases == null) o.sweepCases = o.cases;
        if (o.out == null) o.out = o.quick ? Path.of("bench/target/peers-quick") : Path.of("bench/results");
        if (o.name == null) o.name = "peers";
        return o;
    }

    static final class Comparison {
        final Options o;
        final List<Run> runs = new ArrayList<>();
        final Map<String, String> versions = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, Setting> best = new LinkedHashMap<>(); // peer/case/threads -> setting
        /** Peers whose OpenBLAS ran with OPENBLAS_CORETYPE=SkylakeX in the probe: SkylakeX joins their sweep. */
        final Set<String> skylakeXRuns = new HashSet<>();
        final Map<String, Long> vecnnFingerprint = new LinkedHashMap<>();
        final Map<String, Long> initFingerprint = new LinkedHashMap<>();
        List<String> peers;

        Comparison(Options o) {
            this.o = o;
        }

        void run() throws Exception {
            Files.createDirectories(o.out);
            peers = available();
            System.out.println("compare: peers " + String.join(", ", peers) + "; cases " + String.join(", ", o.cases)
                    + "; threads " + o.threads + "; " + o.rounds + " round(s)" + (o.quick ? " (quick)" : "")
                    + (o.lock == null ? "" : "; each run under flock " + o.lock));
            Thread writer = new Thread(() -> {
                try {
                    writeReports();
                    System.out.println("compare: interrupted; wrote what was measured so far to " + o.out);
                } catch (Exception ignored) {
                    // exiting anyway
                }
            });
            Runtime.getRuntime().addShutdownHook(writer);
            if (o.sweep) {
                sweep();
                writeReports();
            }
            for (int round = 1; round <= o.rounds; round++) {
                for (String kase : o.cases) {
                    for (int t : o.threads) {
                        List<String> order = new ArrayList<>(peers);
                        if (round % 2 == 0) java.util.Collections.reverse(order);
                        for (String peer : order) {
                            if (!applies(peer, kase)) continue;
                            Setting s = bestFor(peer, kase, t);
                            Run r = runOne("round", round, peer, kase, t, s, budget(kase, false));
                            record(r);
                        }
                    }
                }
                writeReports(); // after every round, so an interrupted run still leaves its numbers
            }
            writeReports();
            Runtime.getRuntime().removeShutdownHook(writer);
            System.out.println("compare: wrote " + o.out.resolve(o.name + ".csv") + ", " + o.name + "-runs.csv, "
                    + o.name + ".md, " + o.name + ".png");
        }

        static boolean applies(String peer, String kase) {
            return !peer.equals("dl4j") || kase.equals("tanh");
        }

        Budget budget(String kase, boolean sweep) {
            CaseDef d = CASES.stream().filter(c -> c.name().equals(kase)).findFirst().orElseThrow();
            return sweep ? d.sweep() : o.quick ? d.quick() : d.full();
        }

        /** The peers that can run here, with the reason for each one skipped. */
        List<String> available() throws Exception {
            List<String> ok = new ArrayList<>();
            versions.put("machine", machine());
            for (String p : o.peers) {
                switch (p) {
                    case "vecnn" -> {
                        if (Files.isRegularFile(o.jar)) {
                            ok.add(p);
                            versions.put("vecnn", "vecnn 0.1.0" + (o.build.isEmpty() ? "" : " (" + o.build + ")") + " on " + javaVersion(o.java));
                        } else skip(p, "no " + o.jar + " (build: mvn -B -q -DskipTests -pl core,bench -am package)");
                    }
                    case "torch", "numpy" -> {
                        String module = p;
                        String[] probe = {o.python, "-c", "import " + module + ", sys; sys.stdout.write(" + module + ".__version__)"};
                        Captured c = capture(List.of(probe), Map.of(), 120);
                        if (c.exit == 0) {
                            ok.add(p);
                            versions.put(p, (p.equals("torch") ? "PyTorch " : "NumPy ") + c.out.trim());
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
                Captured c = capture(List.of(o.python, "-c", "import sys; sys.path.insert(0, '" + o.peersDir + "'); import peerdata, json; "
                        + "print(json.dumps(peerdata.openblas_info()))"), Map.of(), 120);
                versions.put("openblas", c.out.trim());
                versions.put("python", capture(List.of(o.python, "--version"), Map.of(), 60).out.trim());
            }
            return ok;
        }

        void skip(String peer, String why) {
            String line = "skipped " + peer + ": " + why;
            System.out.println("compare: " + line);
            notes.add(line);
        }

        // ---- settings -------------------------------------------------------------------------

        static Setting setting(String label, String... kv) {
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) env.put(kv[i], kv[i + 1]);
            return new Setting(label, env);
        }

        static Setting defaultSetting(String peer, int t) {
            String n = Integer.toString(t);
            return switch (peer) {
                case "vecnn" -> setting("KernelPool " + t);
                case "torch" -> setting("omp " + t + ", blas " + t + ", core as installed", "OMP_NUM_THREADS", n, "OPENBLAS_NUM_THREADS", n);
                case "dl4j" -> setting("omp " + t + ", blas " + t, "OMP_NUM_THREADS", n, "OPENBLAS_NUM_THREADS", n);
                default -> setting("blas " + t + ", core as installed", "OPENBLAS_NUM_THREADS", n);
            };
        }

        /**
         * What an expert user of each peer would try. With 1 thread: OpenBLAS's core type as installed (it
         * may take Zen 5 for an AVX2 core), forced to Haswell, and forced to SkylakeX (the AVX-512 kernels)
         * when the probe showed that it runs here (on a CPU without AVX-512 it dies of SIGILL). With 2
         * threads: the faster core type of the 1-thread sweep, and the ways to
         * share two cores between OpenMP (PyTorch's own loops, nd4j) and OpenBLAS, including OpenMP's
         * passive wait policy, because spinning OpenMP threads fight OpenBLAS's on 2 cores.
         */
        List<Setting> candidates(String peer, String kase, int t) {
            List<Setting> out = new ArrayList<>();
            List<String[]> cores = new ArrayList<>(List.of(new String[] {"core as installed", null},
                    new String[] {"core Haswell", "Haswell"}));
            if (skylakeXRuns.contains(peer)) cores.add(new String[] {"core SkylakeX", "SkylakeX"});
            Setting oneThread = best.get(key(peer, kase, 1));
            String core = oneThread == null ? null : oneThread.env().get("OPENBLAS_CORETYPE");
            String coreLabel = core == null ? "core as installed" : "core " + core;
            switch (peer) {
                case "torch" -> {
                    if (t == 1) {
                        for (String[] c : cores) out.add(withCore(setting("omp 1, blas 1, " + c[0], "OMP_NUM_THREADS", "1",
                                "OPENBLAS_NUM_THREADS", "1"), c[1]));
                    } else {
                        String n = Integer.toString(t);
                        out.add(withCore(setting("omp " + t + ", blas " + t + ", " + coreLabel, "OMP_NUM_THREADS", n, "OPENBLAS_NUM_THREADS", n), core));
                        out.add(withCore(setting("omp " + t + " passive, blas " + t + ", " + coreLabel, "OMP_NUM_THREADS", n,
                                "OPENBLAS_NUM_THREADS", n, "OMP_WAIT_POLICY", "PASSIVE"), core));
                        out.add(withCore(setting("omp 1, blas " + t + ", " + coreLabel, "OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", n), core));
                        out.add(withCore(setting("omp " + t + " passive, blas 1, " + coreLabel, "OMP_NUM_THREADS", n,
                                "OPENBLAS_NUM_THREADS", "1", "OMP_WAIT_POLICY", "PASSIVE"), core));
                    }
                }
                case "numpy" -> {
                    if (t == 1) {
                        for (String[] c : cores) out.add(withCore(setting("blas 1, " + c[0], "OPENBLAS_NUM_THREADS", "1"), c[1]));
                    } else {
                        out.add(withCore(setting("blas " + t + ", " + coreLabel, "OPENBLAS_NUM_THREADS", Integer.toString(t)), core));
                        out.add(withCore(setting("blas 1, " + coreLabel, "OPENBLAS_NUM_THREADS", "1"), core));
                    }
                }
                case "dl4j" -> {
                    if (t > 1) {
                        String n = Integer.toString(t);
                        out.add(setting("omp " + t + ", blas " + t, "OMP_NUM_THREADS", n, "OPENBLAS_NUM_THREADS", n));
                        out.add(setting("omp " + t + " passive, blas " + t, "OMP_NUM_THREADS", n, "OPENBLAS_NUM_THREADS", n,
                                "OMP_WAIT_POLICY", "PASSIVE"));
                        out.add(setting("omp 1, blas " + t, "OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", n));
                    }
                }
                default -> { }
            }
            return out;
        }

        static Setting withCore(Setting s, String core) {
            if (core == null) return s;
            Map<String, String> env = new LinkedHashMap<>(s.env());
            env.put("OPENBLAS_CORETYPE", core);
            return new Setting(s.label(), env);
        }

        Setting bestFor(String peer, String kase, int t) {
            Setting s = best.get(key(peer, kase, t));
            if (s == null) s = best.get(key(peer, proxy(kase), t));
            return s == null ? defaultSetting(peer, t) : s;
        }

        static String key(String peer, String kase, int t) {
            return peer + "/" + kase + "/" + t;
        }

        void sweep() throws Exception {
            System.out.println("compare: sweep of each peer's settings (short runs; the fastest per case and thread count is kept)");
            for (String peer : peers) {
                if (peer.equals("torch") || peer.equals("numpy")) {
                    // SkylakeX is the AVX-512 path: try it once so the report can say whether it runs here.
                    Run r = runOne("probe", 0, peer, "tanh", 1, withCore(setting("blas 1, core SkylakeX",
                            "OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1"), "SkylakeX"), budget("tanh", true));
                    record(r);
                    if (r.ok()) skylakeXRuns.add(peer);
                    notes.add(peer + " with OPENBLAS_CORETYPE=SkylakeX: " + (r.ok() ? "runs, " + fmt(r.samplesPerSecond) + " samples/s on tanh, 1 thread"
                            : "fails here (" + r.error() + "); this CPU has no AVX-512"));
                }
            }
            for (String kase : o.cases) {
                if (!o.sweepCases.contains(kase)) continue;
                for (int t : o.threads) {
                    for (String peer : peers) {
                        if (peer.equals("vecnn") || !applies(peer, kase)) continue;
                        List<Setting> cands = candidates(peer, kase, t);
                        if (cands.size() < 2) continue;
                        Run fastest = null;
                        Setting chosen = null;
                        for (Setting s : cands) {
                            Run r = runOne("sweep", 0, peer, kase, t, s, budget(kase, true));
                            record(r);
                            if (r.ok() && (fastest == null || r.samplesPerSecond() > fastest.samplesPerSecond())) {
                                fastest = r;
                                chosen = s;
                            }
                        }
                        if (chosen != null) {
                            best.put(key(peer, kase, t), chosen);
                            System.out.println("compare:   best for " + peer + " " + kase + " " + t + "T: " + chosen.label());
                        }
                    }
                }
            }
        }

        // ---- running ----------------------------------------------------------------------------

        List<String> command(String peer, String kase, int t, Budget b) {
            List<String> cmd = new ArrayList<>();
            if (o.lock != null) cmd.addAll(List.of("flock", o.lock));
            String e = Integer.toString(b.epochs()), w = Integer.toString(b.warmup()), th = Integer.toString(t);
            switch (peer) {
                case "vecnn" -> cmd.addAll(List.of(o.java, "--add-modules", "jdk.incubator.vector", "-cp", o.jar.toString(),
                        "dev.vecnn.bench.peers.VecnnPeer"));
                case "dl4j" -> cmd.addAll(List.of(o.java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                        "-jar", o.dl4jJar.toString()));
                default -> cmd.addAll(List.of(o.python, o.peersDir.resolve(peer + "_peer.py").toString()));
            }
            cmd.addAll(List.of("--case", kase, "--threads", th, "--epochs", e, "--warmup", w, "--data", o.data));
            return cmd;
        }

        Run runOne(String phase, int round, String peer, String kase, int t, Setting s, Budget b) throws Exception {
            double load = waitQuiet();
            Captured c = capture(command(peer, kase, t, b), s.env(), o.timeoutSeconds);
            Map<String, Object> summary = null;
            for (String line : c.out.split("\n")) {
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
            String error = c.exit == 0 ? (summary == null ? "no summary line" : "") : describeExit(c.exit, c.err);
            int exit = summary == null && c.exit == 0 ? -1 : c.exit;
            Run r = new Run(phase, round, kase, t, peer, s.label(), rate, acc, fp, exit, error, load, summary);
            if (r.ok()) checkFingerprint(r);
            System.out.printf(Locale.ROOT, "compare: %-6s %s %-7s %dT %-6s %-34s %s%s  (others busy %.0f%%)%n", phase,
                    round > 0 ? "r" + round : "  ", kase, t, peer, s.label(),
                    r.ok() ? fmt(rate) + " samples/s" : "FAILED: " + error,
                    acc == null ? "" : String.format(Locale.ROOT, ", test accuracy %.4f", acc), 100 * load);
            if (summary != null && summary.get("versions") instanceof Map<?, ?> v) {
                versions.putIfAbsent(peer + " (run)", toJson(v));
            }
            return r;
        }

        void checkFingerprint(Run r) {
            if (r.fingerprint() >= 0) {
                warnIfDifferent(vecnnFingerprint, r, r.fingerprint(), "trained on different rows");
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

        static String describeExit(int exit, String err) {
            String tail = err.strip();
            int nl = tail.lastIndexOf('\n');
            if (nl >= 0) tail = tail.substring(nl + 1);
            if (tail.length() > 160) tail = tail.substring(0, 160);
            String sig = exit > 128 ? " = signal " + (exit - 128) + (exit == 132 ? " SIGILL, illegal instruction" : exit == 137
                    ? " SIGKILL" : exit == 139 ? " SIGSEGV" : "") : "";
            return "exit " + exit + sig + (tail.isEmpty() ? "" : ": " + tail);
        }

        record Captured(int exit, String out, String err) {}

        Captured capture(List<String> cmd, Map<String, String> env, long timeoutSeconds) throws Exception {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> e = pb.environment();
            e.keySet().removeIf(k -> k.startsWith("OPENBLAS_") || k.startsWith("OMP_") || k.startsWith("GOMP_")
                    || k.equals("MKL_NUM_THREADS"));
            e.putAll(env);
            Path errFile = Files.createTempFile("peer-", ".err");
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = br.readLine()) != null) {
                        synchronized (out) {
                            out.append(line).append('\n');
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            int exit;
            if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                exit = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                exit = 124;
            }
            reader.join();
            String err = Files.readString(errFile);
            Files.deleteIfExists(errFile);
            synchronized (out) {
                return new Captured(exit, out.toString(), exit == 124 ? "timed out after " + timeoutSeconds + " s" : err);
            }
        }

        /**
         * CPU share (0..1 of all CPUs) used by other processes over one second; waits while it is above
         * the threshold, up to the configured time, and returns the last share measured.
         */
        long waitedNanos;

        double waitQuiet() throws InterruptedException {
            long allowed = Math.min(o.quietWaitSeconds * 1_000_000_000L,
                    Math.max(0, o.quietBudgetSeconds * 1_000_000_000L - waitedNanos));
            long start = System.nanoTime();
            long deadline = start + allowed;
            double busy = busyShare();
            boolean told = false;
            while (busy > o.quietBusy && System.nanoTime() < deadline) {
                if (!told) {
                    System.out.printf(Locale.ROOT, "compare: waiting for a quieter machine (other processes use %.0f%% of the CPUs)%n", 100 * busy);
                    told = true;
                }
                Thread.sleep(4000);
                busy = busyShare();
            }
            waitedNanos += System.nanoTime() - start;
            if (busy > o.quietBusy && o.quietWaitSeconds > 0) {
                String line = String.format(Locale.ROOT, "some runs started while other processes used more than %.0f%% of the CPUs"
                        + " (see the busy column of the runs CSV)", 100 * o.quietBusy);
                if (!notes.contains(line)) notes.add(line);
            }
            return busy;
        }

        static double busyShare() throws InterruptedException {
            long[] a = cpuTimes();
            Thread.sleep(1000);
            long[] b = cpuTimes();
            if (a == null || b == null || b[1] == a[1]) return Double.NaN;
            return (double) (b[0] - a[0]) / (b[1] - a[1]);
        }

        /** {busy, total} jiffies over all CPUs from /proc/stat, or null off Linux. */
        static long[] cpuTimes() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) total += Long.parseLong(f[i]);
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                return new long[] {total - idle, total};
            } catch (Exception e) {
                return null;
            }
        }

        static double load() {
            try {
                return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            } catch (Exception e) {
                return Double.NaN;
            }
        }

        String machine() {
            String cpu = "unknown CPU";
            try {
                for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (l.startsWith("model name")) {
                        cpu = l.substring(l.indexOf(':') + 1).trim();
                        break;
                    }
                }
                String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                        .findFirst().orElse("");
                cpu += flags.contains("avx512f") ? ", AVX-512" : flags.contains("avx2") ? ", AVX2" + (flags.contains(" fma") ? " + FMA" : "") + ", no AVX-512" : "";
            } catch (IOException ignored) {
                // not Linux
            }
            return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores visible";
        }

        String javaVersion(String java) throws Exception {
            Captured c = capture(List.of(java, "-XshowSettings:properties", "-version"), Map.of(), 60);
            String v = "";
            for (String l : c.err.split("\n")) {
                l = l.trim();
                if (l.startsWith("java.runtime.version")) v = l.substring(l.indexOf('=') + 1).trim();
                if (l.startsWith("java.vm.name")) v = l.substring(l.indexOf('=') + 1).trim() + " " + v;
            }
            return v.isBlank() ? java : v;
        }

        // ---- reports ----------------------------------------------------------------------------

        record Row(String kase, int threads, String peer, String setting, double median, int n, Double accuracy,
                   double ratio, double target) {}

        List<Row> table() {
            List<Row> rows = new ArrayList<>();
            for (String kase : o.cases) {
                for (int t : o.threads) {
                    double vecnn = median(kase, t, "vecnn");
                    for (String peer : peers) {
                        if (!applies(peer, kase)) continue;
                        List<Run> rs = runs.stream().filter(r -> r.phase().equals("round") && r.ok() && r.kase().equals(kase)
                                && r.threads() == t && r.peer().equals(peer)).toList();
                        double m = median(kase, t, peer);
                        List<Double> accs = rs.stream().map(Run::accuracy).filter(a -> a != null).toList();
                        String setting = rs.isEmpty() ? bestFor(peer, kase, t).label()
                                : rs.get(0).setting();
                        rows.add(new Row(kase, t, peer, setting, m, rs.size(), accs.isEmpty() ? null : med(accs),
                                peer.equals("vecnn") ? Double.NaN : vecnn / m, target(kase, peer)));
                    }
                }
            }
            return rows;
        }

        double median(String kase, int t, String peer) {
            return med(runs.stream().filter(r -> r.phase().equals("round") && r.ok() && r.kase().equals(kase)
                    && r.threads() == t && r.peer().equals(peer)).map(Run::samplesPerSecond).toList());
        }

        static double med(List<Double> v) {
            return VecnnPeer.median(v);
        }

        synchronized void record(Run r) {
            runs.add(r);
        }

        synchronized void writeReports() throws IOException {
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
                        num(r.load()), "" + r.fingerprint(), quote(env == null ? "" : toJson(env)))).append('\n');
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
                    .append(" the ratio is vecnn's median over the peer's, both from this run. Each peer runs at its fastest setting of the sweep.\n\n");
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
            for (CaseDef c : CASES) {
                if (!o.cases.contains(c.name())) continue;
                Budget b = budget(c.name(), false);
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
                    boolean chosen = best.containsKey(key(r.peer(), r.kase(), r.threads()))
                            && best.get(key(r.peer(), r.kase(), r.threads())).label().equals(r.setting()) && r.phase().equals("sweep");
                    md.append("| ").append(r.kase()).append(" | ").append(r.threads()).append(" | ").append(r.peer()).append(" | ")
                            .append(chosen ? "**" + r.setting() + "** (kept)" : r.setting()).append(" | ")
                            .append(r.ok() ? fmt(r.samplesPerSecond()) : "failed: " + r.error()).append(" |\n");
                }
            } else {
                md.append("No sweep in this run: each peer ran with its thread count everywhere and OpenBLAS's core type as installed.\n");
            }
            if (!notes.isEmpty()) {
                md.append("\n## Notes\n\n");
                for (String n : notes) md.append("- ").append(n).append('\n');
            }
            return md.toString();
        }
    }

    /** Compact JSON of a parsed value (maps, lists, strings, numbers, booleans, null). */
    static String toJson(Object v) {
        StringBuilder sb = new StringBuilder();
        appendJson(sb, v);
        return sb.toString();
    }

    private static void appendJson(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                Json.writeString(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                appendJson(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                appendJson(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof String str) {
            Json.writeString(sb, str);
        } else if (v == null || v == Json.NULL) {
            sb.append("null");
        } else {
            sb.append(v);
        }
    }

    /** The swept case whose best setting stands in for {@code kase} when it was not swept itself. */
    static String proxy(String kase) {
        return switch (kase) {
            case "softmax", "infer" -> "tanh";
            case "neuron" -> "mlp32";
            default -> kase;
        };
    }

    static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
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
