package dev.vecnn.kernel;

import jdk.incubator.vector.FloatVector;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every block size, tile, dispatch threshold and splitting floor of the kernels and the trainer, chosen
 * once at start-up ({@link #ACTIVE}) from the vector width and the cache sizes, each overridable by a
 * {@code vecnn.*} system property (the name in {@link #toMetadata()}). Logged by the CLI and written into
 * model files and reproduce reports.
 *
 * <p>Two kinds of field. Those that change where sums are rounded ({@link #resultFields()}: the tile, the
 * depth block, the formulation thresholds, the row block of full-batch passes) follow the vector width
 * only, so two machines of one width train the same bits. Those that leave every bit alone (row and
 * column cache blocks, splitting floors, the pool's spin) may follow the machine's caches.
 *
 * @param lanes floats per vector
 * @param tileRows rows of the packed register tile: 8 (broadcast A) or 6 (pre-broadcast A)
 * @param kc depth of a packed panel (changes rounding)
 * @param mc rows of a packed A block (L2)
 * @param nc columns of a packed B block
 * @param dotMaxN widest C, A untransposed, for the dot formulation
 * @param dotMaxK deepest product for the dot formulation
 * @param streamMinN narrowest C for the streamed formulation
 * @param streamMaxN widest C for the streamed formulation, A untransposed
 * @param streamMaxNTransA widest C for the streamed formulation, A transposed
 * @param bInPlaceMaxTiles slabs of at most this many tiles of rows read an untransposed B in place
 * @param narrowMaxN widest C for the narrow formulation (0 turns it off)
 * @param narrowMaxK deepest product for the narrow formulation
 * @param swapMaxN widest C, A transposed, computed as C^T
 * @param minSlabFlops flops a packed, dot or transposed-streamed slab needs to be worth a parallel region
 * @param minRowSlabFlops the same for the row-split matrix-vector, narrow and streamed formulations
 * @param minElementsPerTask elements an elementwise task (activations, update, gather) needs
 * @param minSoftmaxRowsPerTask rows a softmax-loss task needs
 * @param chunkRows rows per block of a large minibatch, and per group of a full-batch epoch (fixes the
 *     partition of its sums)
 * @param blockRows rows a full-batch epoch takes through forward and backward at once, sized so they stay
 *     in a core's L2 between the two (fixes the order of a group's sum, so it does not follow the cache)
 * @param poolSpinMicros how long an idle pool worker polls before it parks
 */
public record Tuning(int lanes, int tileRows, int kc, int mc, int nc,
                     int dotMaxN, int dotMaxK, int streamMinN, int streamMaxN, int streamMaxNTransA,
                     int bInPlaceMaxTiles, int narrowMaxN, int narrowMaxK, int swapMaxN,
                     long minSlabFlops, long minRowSlabFlops, long minElementsPerTask, int minSoftmaxRowsPerTask,
                     int chunkRows, int blockRows, int poolSpinMicros) {

    public Tuning {
        if (lanes < 1 || (tileRows != 8 && tileRows != 6)) {
            throw new IllegalArgumentException("tile of " + tileRows + " rows over " + lanes + " lanes: rows must be 8 or 6");
        }
        if (kc < 1 || mc < tileRows || nc < 2 * lanes || chunkRows < 1 || blockRows < 1 || poolSpinMicros < 0
                || minSlabFlops < 1 || minRowSlabFlops < 1 || minElementsPerTask < 1 || minSoftmaxRowsPerTask < 1) {
            throw new IllegalArgumentException("tuning out of range: " + this);
        }
    }

    /**
     * The defaults for a vector of {@code lanes} floats on a machine with {@code l2Bytes} of L2 per
     * core (0 when unknown). Only {@link #mc} follows the cache: it never changes a bit.
     */
    public static Tuning defaults(int lanes, long l2Bytes) {
        int tileRows = lanes >= 16 ? 8 : 6;
        int aStride = tileRows == 8 ? 1 : lanes;
        int kc = tileRows == 8 ? 256 : 128;
        int mc = tileRows == 8 ? 192 : 96;
        if (l2Bytes > 0) { // the packed A block takes at most half of L2
            int fits = (int) Math.min(Integer.MAX_VALUE, l2Bytes / 2 / ((long) kc * aStride * Float.BYTES));
            mc = Math.max(tileRows, Math.min(mc, fits / tileRows * tileRows));
        }
        return new Tuning(lanes, tileRows, kc, mc, 2048,
                32, 4096, 17, 2 * lanes, 8 * lanes,
                2, lanes, 256, 48,
                4_000_000L, 500_000L, 1L << 15, 512,
                1024, 256, 500);
    }

    /** Columns of the register tile: two vectors. */
    public int tileCols() {
        return 2 * lanes;
    }

    /** Floats per packed A element: 1 for the broadcasting 8-row tile, a vector for the 6-row tile. */
    public int aStride() {
        return tileRows == 8 ? 1 : lanes;
    }

    /** The fields that decide where sums are rounded: equal keys, equal bits for the same run. */
    public String resultFields() {
        return "lanes=" + lanes + " tileRows=" + tileRows + " kc=" + kc + " dotMaxN=" + dotMaxN + " dotMaxK=" + dotMaxK
                + " streamMinN=" + streamMinN + " streamMaxN=" + streamMaxN + " streamMaxNTransA=" + streamMaxNTransA
                + " narrowMaxN=" + narrowMaxN + " narrowMaxK=" + narrowMaxK + " swapMaxN=" + swapMaxN
                + " chunkRows=" + chunkRows + " blockRows=" + blockRows;
    }

    /** One line for logs and reports. */
    public String describe() {
        return String.format(Locale.ROOT, "%d lanes, %dx%d tile, KC %d, MC %d, NC %d, full batch in groups of %d rows, blocks of %d",
                lanes, tileRows, tileCols(), kc, mc, nc, chunkRows, blockRows);
    }

    /** Every field under its system property name ({@code vecnn.tuning.*} keys for model metadata). */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : FIELDS) m.put("vecnn.tuning." + f.name, Long.toString(f.get.apply(this)));
        return m;
    }

    private record Field(String name, String property, Function<Tuning, Long> get) {}

    /** Each field with the system property that overrides it (kept from the knobs these fields replace). */
    private static final Field[] FIELDS = {
            new Field("lanes", null, t -> (long) t.lanes),
            new Field("tileRows", "vecnn.gemm.mr", t -> (long) t.tileRows),
            new Field("kc", "vecnn.gemm.kc", t -> (long) t.kc),
            new Field("mc", "vecnn.gemm.mc", t -> (long) t.mc),
            new Field("nc", "vecnn.gemm.nc", t -> (long) t.nc),
            new Field("dotMaxN", "vecnn.gemm.dotMaxN", t -> (long) t.dotMaxN),
            new Field("dotMaxK", "vecnn.gemm.dotMaxK", t -> (long) t.dotMaxK),
            new Field("streamMinN", "vecnn.gemm.streamMinN", t -> (long) t.streamMinN),
            new Field("streamMaxN", "vecnn.gemm.streamMaxN", t -> (long) t.streamMaxN),
            new Field("streamMaxNTransA", "vecnn.gemm.streamMaxNTransA", t -> (long) t.streamMaxNTransA),
            new Field("bInPlaceMaxTiles", "vecnn.gemm.bInPlaceMaxTiles", t -> (long) t.bInPlaceMaxTiles),
            new Field("narrowMaxN", "vecnn.gemm.narrowMaxN", t -> (long) t.narrowMaxN),
            new Field("narrowMaxK", "vecnn.gemm.narrowMaxK", t -> (long) t.narrowMaxK),
            new Field("swapMaxN", "vecnn.gemm.swapMaxN", t -> (long) t.swapMaxN),
            new Field("minSlabFlops", "vecnn.gemm.minSlabFlops", t -> t.minSlabFlops),
            new Field("minRowSlabFlops", "vecnn.gemm.minRowSlabFlops", t -> t.minRowSlabFlops),
            new Field("minElementsPerTask", "vecnn.split.minElements", t -> t.minElementsPerTask),
            new Field("minSoftmaxRowsPerTask", "vecnn.split.minSoftmaxRows", t -> (long) t.minSoftmaxRowsPerTask),
            new Field("chunkRows", "vecnn.train.chunkRows", t -> (long) t.chunkRows),
            new Field("blockRows", "vecnn.train.blockRows", t -> (long) t.blockRows),
            new Field("poolSpinMicros", "vecnn.pool.spinMicros", t -> (long) t.poolSpinMicros),
    };

    /** The tuning of this JVM: defaults for its vector width and caches, then system property overrides (after FIELDS). */
    public static final Tuning ACTIVE = chosen();

    /**
     * {@code base} with every field whose system property is set replaced by it.
     *
     * @throws IllegalArgumentException naming the property when a value is not a whole number or out of range
     */
    static Tuning withOverrides(Tuning base, Function<String, String> properties) {
        long[] v = new long[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            Field f = FIELDS[i];
            v[i] = f.get.apply(base);
            String s = f.property == null ? null : properties.apply(f.property);
            if (s == null) continue;
            try {
                v[i] = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + f.property + "=" + s + ": not a whole number");
            }
        }
        int tileRows = (int) v[1];
        int lanes = (int) v[0];
        int tileCols = 2 * lanes;
        try {
            return new Tuning(lanes, tileRows, (int) v[2], roundUp((int) v[3], tileRows), roundUp((int) v[4], tileCols),
                    (int) v[5], (int) v[6], (int) v[7], (int) v[8], (int) v[9], (int) v[10],
                    (int) Math.min(lanes, v[11]), (int) v[12], (int) v[13],
                    v[14], v[15], v[16], (int) v[17], (int) v[18], (int) v[19], (int) v[20]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vecnn.* tuning properties: " + e.getMessage(), e);
        }
    }

    private static Tuning chosen() {
        Tuning base = defaults(FloatVector.SPECIES_PREFERRED.length(), CacheSizes.l2PerCore());
        return withOverrides(base, System::getProperty);
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
