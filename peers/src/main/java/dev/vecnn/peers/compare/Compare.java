package dev.vecnn.peers.compare;

/** Entry point of peers/compare.sh. */
public final class Compare {
    private Compare() {}

    public static void main(String[] args) throws Exception {
        new Comparison(CompareOptions.parse(args)).run();
    }
}
