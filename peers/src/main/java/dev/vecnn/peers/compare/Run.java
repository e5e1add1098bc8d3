package dev.vecnn.peers.compare;

import java.util.Map;

/** One peer process: what it was asked (phase, round, case, threads, setting) and what it reported. */
record Run(String phase, int round, String kase, int threads, String peer, String setting, double samplesPerSecond,
           Double accuracy, long fingerprint, int exit, String error, double load, Map<String, Object> summary) {
    boolean ok() {
        return exit == 0 && Double.isFinite(samplesPerSecond);
    }
}
