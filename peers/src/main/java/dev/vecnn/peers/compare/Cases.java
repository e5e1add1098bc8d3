package dev.vecnn.peers.compare;

import java.util.List;

/** The cases compared, their epoch budgets, the targets of issue 7, and which case stands in for another. */
final class Cases {
    private Cases() {}

    /**
     * Epochs per run and how many of the first are left out of the median. The full budgets leave out
     * enough epochs for every side to reach steady state: with two threads vecnn's kernels are still being
     * compiled in the first few epochs of tanh and the first 15 or so of mlp32 (docs/design/kernel-notes.md).
     * A neuron epoch takes under a millisecond, so its budget counts in thousands: on two threads the JIT
     * still compiled 280 methods in epochs 150-400 of a run, on the core the second thread needed.
     */
    record Budget(int epochs, int warmup) {}

    record CaseDef(String name, String title, Budget full, Budget quick, Budget sweep) {}

    static final List<CaseDef> ALL = List.of(
            new CaseDef("tanh", "784-128-10 tanh, batch 128, momentum 0.9 (train)", new Budget(8, 4), new Budget(2, 1), new Budget(2, 1)),
            new CaseDef("softmax", "softmax regression 784-10, batch 128 (train)", new Budget(8, 3), new Budget(2, 1), new Budget(2, 1)),
            new CaseDef("mlp32", "784-32-10 ReLU, full batch 60,000 (train)", new Budget(40, 20), new Budget(4, 1), new Budget(4, 1)),
            new CaseDef("neuron", "one-vs-rest neuron 784-1, full batch 10,000 (train)", new Budget(3000, 1500), new Budget(60, 10), new Budget(80, 20)),
            new CaseDef("infer", "784-128-10 inference, batch 1000", new Budget(60, 20), new Budget(8, 2), new Budget(10, 2)));

    /**
     * Minimum vecnn/peer ratio of samples/s, by case, peer and thread count: issue 22's targets where it
     * sets one, else issue 7's (NaN: none).
     */
    static double target(String kase, String peer, int threads) {
        return switch (kase + "/" + peer + "/" + threads) {
            case "tanh/torch/2" -> 3.0;
            case "tanh/numpy/2" -> 1.5;
            case "mlp32/torch/1" -> 2.5;
            case "mlp32/torch/2" -> 3.5;
            case "neuron/numpy/1", "neuron/numpy/2" -> 1.5;
            case "infer/torch/1" -> 1.5;
            case "infer/torch/2" -> 2.0;
            case "tanh/torch/1" -> 3.0;
            case "tanh/numpy/1" -> 1.5;
            case "softmax/torch/1", "softmax/torch/2", "neuron/torch/1", "neuron/torch/2" -> 2.0;
            case "tanh/dl4j/1", "tanh/dl4j/2" -> 1.0;
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
