package dev.vecnn.peers.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The thread and BLAS settings each peer is tried with, and the fastest {@link #FINALISTS} kept per case
 * and thread count: a sweep times each setting once, briefly, and close settings trade places from run
 * to run, so the rounds time the finalists side by side and the report keeps the faster median.
 */
final class PeerSettings {
    /** One way to run a peer: a label and the environment it gets. */
    record Setting(String label, Map<String, String> env) {}

    /** How many of a sweep's fastest settings run in every round. */
    static final int FINALISTS = 2;

    private final Map<String, List<Setting>> kept = new LinkedHashMap<>(); // peer/case/threads -> finalists, fastest first
    /** Peers whose OpenBLAS ran with OPENBLAS_CORETYPE=SkylakeX in the probe: SkylakeX joins their sweep. */
    private final Set<String> skylakeXRuns = new HashSet<>();

    void skylakeXRuns(String peer) {
        skylakeXRuns.add(peer);
    }

    /** Keeps the first {@link #FINALISTS} of {@code fastestFirst} (the sweep's settings that ran, fastest first). */
    void keep(String peer, String kase, int t, List<Setting> fastestFirst) {
        if (fastestFirst.isEmpty()) return;
        kept.put(key(peer, kase, t), List.copyOf(fastestFirst.subList(0, Math.min(FINALISTS, fastestFirst.size()))));
    }

    boolean kept(String peer, String kase, int t, String label) {
        List<Setting> s = kept.get(key(peer, kase, t));
        return s != null && s.stream().anyMatch(x -> x.label().equals(label));
    }

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
        List<Setting> oneThreadFinalists = kept.get(key(peer, kase, 1));
        Setting oneThread = oneThreadFinalists == null ? null : oneThreadFinalists.get(0);
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

    /** The settings the rounds run for this peer, case and thread count: the sweep's finalists, its proxy case's, or the default. */
    List<Setting> finalistsFor(String peer, String kase, int t) {
        List<Setting> s = kept.get(key(peer, kase, t));
        if (s == null) s = kept.get(key(peer, Cases.proxy(kase), t));
        return s == null ? List.of(defaultSetting(peer, t)) : s;
    }

    /** The sweep's fastest setting (the first finalist). */
    Setting bestFor(String peer, String kase, int t) {
        return finalistsFor(peer, kase, t).get(0);
    }

    static String key(String peer, String kase, int t) {
        return peer + "/" + kase + "/" + t;
    }
}
