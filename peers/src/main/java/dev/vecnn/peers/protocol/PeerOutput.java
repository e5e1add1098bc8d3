package dev.vecnn.peers.protocol;

import dev.vecnn.io.Json;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON lines every peer prints on stdout (peerdata.py's emit and summarise): one per epoch, then
 * one summary line ({@code "summary": true}) with the median samples/s of the epochs after the warm-up,
 * the test accuracy and the fingerprints compare checks across peers.
 */
public final class PeerOutput {
    private PeerOutput() {}

    public static String epochLine(String peer, String kase, int threads, int epoch, double samplesPerSecond, double trainLoss) {
        Map<String, Object> m = head(peer, kase, threads);
        m.put("epoch", epoch);
        m.put("samples_per_s", number(samplesPerSecond));
        if (!Double.isNaN(trainLoss)) m.put("train_loss", number(trainLoss));
        return Json.write(m);
    }

    /**
     * @param initFingerprint of the initial weights, or -1 where the peer draws its own
     * @param env             the thread settings the peer ran with
     * @param versions        library and runtime versions, for the report
     */
    public static String summaryLine(String peer, PeerArgs args, List<Double> rates, double testAccuracy, long fingerprint,
                                     long initFingerprint, Map<String, String> env, Map<String, String> versions) {
        List<Double> timed = rates.size() > args.warmup() ? rates.subList(args.warmup(), rates.size()) : rates;
        Map<String, Object> m = head(peer, args.kase(), args.threads());
        m.put("summary", true);
        m.put("samples_per_s", number(median(timed)));
        m.put("epochs", rates.size());
        m.put("warmup", args.warmup());
        m.put("test_accuracy", number(testAccuracy));
        m.put("fingerprint", fingerprint);
        if (initFingerprint >= 0) m.put("init_fingerprint", initFingerprint);
        m.put("env", env);
        m.put("versions", versions);
        return Json.write(m);
    }

    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static Map<String, Object> head(String peer, String kase, int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peer", peer);
        m.put("case", kase);
        m.put("threads", threads);
        return m;
    }

    /** Six significant digits as the Python peers print them; JSON null for a value that is not finite. */
    private static Object number(double v) {
        return Double.isFinite(v) ? new Json.Raw(String.format(Locale.ROOT, "%.6g", v)) : null;
    }
}
