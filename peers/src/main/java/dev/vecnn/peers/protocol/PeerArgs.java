package dev.vecnn.peers.protocol;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line every peer takes, Java or Python (peerdata.py's common_args):
 * {@code --case NAME [--threads N] [--epochs N] [--warmup N] [--data DIR] [--seed N]}.
 * Compare builds it once ({@link #toArgs}) for whichever peer it starts.
 */
public record PeerArgs(String kase, int threads, int epochs, int warmup, Path data, long seed) {
    /** The cases of the comparison, as compare and the Python peers name them. */
    public static final List<String> CASES = List.of("tanh", "softmax", "mlp32", "neuron", "infer");

    public static Path defaultData() {
        String env = System.getenv("VECNN_DATA_DIR");
        return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "vecnn", "mnist");
    }

    public List<String> toArgs() {
        return List.of("--case", kase, "--threads", Integer.toString(threads), "--epochs", Integer.toString(epochs),
                "--warmup", Integer.toString(warmup), "--data", data.toString());
    }

    /**
     * Parses a peer's arguments, accepting only {@code supported} cases. Bad usage prints one line
     * naming the peer and exits 2, as the Python peers' argparse does.
     */
    public static PeerArgs parse(String peer, List<String> supported, String[] args) {
        String kase = null;
        int threads = 1, epochs = 3, warmup = 1;
        long seed = 1;
        Path data = defaultData();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--case" -> kase = value(args, ++i);
                    case "--threads" -> threads = Integer.parseInt(value(args, ++i));
                    case "--epochs" -> epochs = Integer.parseInt(value(args, ++i));
                    case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                    case "--data" -> data = Path.of(value(args, ++i));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    case "-h", "--help" -> {
                        System.out.println("usage: " + peer + " --case " + String.join("|", supported)
                                + " [--threads N] [--epochs N] [--warmup N] [--data DIR] [--seed N]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (kase == null) throw new IllegalArgumentException("--case is required (" + String.join(", ", supported) + ")");
            if (!supported.contains(kase)) throw new IllegalArgumentException("case " + kase + " is not implemented here ("
                    + String.join(", ", supported) + ")");
            if (threads < 1 || epochs < 1 || warmup < 0) throw new IllegalArgumentException(
                    "--threads and --epochs must be at least 1, --warmup at least 0");
        } catch (IllegalArgumentException e) {
            System.err.println(peer + ": " + e.getMessage());
            System.exit(2);
        }
        return new PeerArgs(kase, threads, epochs, warmup, data, seed);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }
}
