package dev.vecnn.peers.compare;

import java.util.List;

/** The cases compared, their epoch budgets, the targets of issue 7, and which case stands in for another. */
final class Cases {
    private Cases() {}

    /**
     * Epochs per run and how many of the first are left out of the median. The full budgets leave out
     * enough epochs for every side to reach steady state: with 2 threads on 2 vCPUs vecnn's kernels were
     * still being compiled in epochs 2-4 of the tanh case (99-133k samples/s there, 263-307k from epoch 5).
     */
    record Budget(int epochs, int warmup) {}

    record CaseDef(String name, String title, Budget full, Budget quick, Budget sweep) {}

    static final List<CaseDef> ALL = List.of(
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

    /** The swept case whose best setting stands in for {@code kase} when it was not swept itself. */
    static String proxy(String kase) {
        return switch (kase) {
            case "softmax", "infer" -> "tanh";
            case "neuron" -> "mlp32";
            default -> kase;
        };
    }

    static CaseDef byName(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** DL4J implements only the tanh case. */
    static boolean applies(String peer, String kase) {
        return !peer.equals("dl4j") || kase.equals("tanh");
    }
}
