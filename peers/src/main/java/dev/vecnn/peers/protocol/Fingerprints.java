package dev.vecnn.peers.protocol;

import dev.vecnn.data.Dataset;
import dev.vecnn.nn.Dense;
import dev.vecnn.nn.Mlp;

/**
 * The checksums every peer prints, so compare can tell that all sides trained on the same rows and
 * started from the same weights (peerdata.py's fingerprint and weights_fingerprint compute the same).
 */
public final class Fingerprints {
    private static final long P = 1_000_000_007L;

    private Fingerprints() {}

    /**
     * Sum over rows r (from 1) of r * (label + 1) * (pixel byte sum + 1), modulo 1e9+7, of rows with
     * pixels in [0, 1]: equal values mean the same rows in the same order.
     */
    public static long rows(Dataset d) {
        long total = 0;
        float[] x = d.buffer();
        int f = d.features();
        for (int r = 0; r < d.rows(); r++) {
            double s = 0;
            for (int j = 0, at = d.rowStart(r); j < f; j++) s += x[at + j] * 255.0;
            long term = ((r + 1L) * (d.labels()[r] + 1L)) % P * ((Math.round(s) + 1) % P) % P;
            total = (total + term) % P;
        }
        return total;
    }

    /**
     * Sum over every weight (layers in order, each stored in x out, row-major) of (position + 1) times
     * its float bits read as unsigned, modulo 1e9+7.
     */
    public static long weights(Mlp model) {
        long total = 0, position = 0;
        for (int l = 0; l < model.layerCount(); l++) {
            Dense d = model.layer(l);
            float[] w = d.weight();
            for (int i = 0; i < d.in(); i++) {
                for (int j = 0; j < d.out(); j++) {
                    long bits = Integer.toUnsignedLong(Float.floatToRawIntBits(w[d.weightIndex(i, j)]));
                    total = (total + (++position % P) * (bits % P)) % P;
                }
            }
        }
        return total;
    }
}
