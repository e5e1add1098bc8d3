package dev.vecnn.data;

import java.util.Locale;

/**
 * How pixels (already scaled to [0, 1] by the loader) are normalised before training.
 * Statistics for {@link #STANDARDIZE} come from the training split only, never from the data
 * they are applied to, so validation and test numbers stay honest.
 */
public enum Normalization {
    /** Pixels in [0, 1] as loaded (seed 000). */
    SCALE01,
    /** Each image minus its own mean, divided by its own standard deviation (seed 004, section 1.1). */
    PER_IMAGE_ZSCORE,
    /** Every pixel minus the training set's mean pixel value, divided by its standard deviation. */
    STANDARDIZE,
    /** Pixels as the IDX file stores them, 0 to 255: a setting for testing what unscaled inputs do. */
    RAW255;

    public static Normalization parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "scale01", "none", "unit" -> SCALE01;
            case "zscore", "per-image-zscore", "image-zscore" -> PER_IMAGE_ZSCORE;
            case "standardize", "standardise", "dataset-zscore" -> STANDARDIZE;
            case "raw255", "raw" -> RAW255;
            default -> throw new IllegalArgumentException("unknown normalisation '" + name
                    + "': use scale01, zscore (per image), standardize (training-set mean and std) or raw255 (0-255)");
        };
    }

    public String cliName() {
        return switch (this) {
            case SCALE01 -> "scale01";
            case PER_IMAGE_ZSCORE -> "zscore";
            case STANDARDIZE -> "standardize";
            case RAW255 -> "raw255";
        };
    }

    /**
     * Normalises {@code data}. STANDARDIZE uses {@code trainingStats}, the statistics of the
     * training split (see {@link PixelStats#of}); the other modes ignore them.
     */
    public Dataset apply(Dataset data, PixelStats trainingStats) {
        return switch (this) {
            case SCALE01 -> data;
            case PER_IMAGE_ZSCORE -> data.withFeatures(data.name(), perImageZscore(data));
            case STANDARDIZE -> data.withFeatures(data.name(), standardize(data, trainingStats.mean(), trainingStats.std()));
            case RAW255 -> data.withFeatures(data.name(), raw255(data, new float[data.buffer().length]));
        };
    }

    /**
     * As {@link #apply}, writing the result over {@code data}'s own values, for a dataset nobody else
     * holds (a split just copied out of the loaded set). The same values as apply, without a second
     * copy of the set: first writes to fresh pages make a 150 MB copy cost a large part of a second.
     */
    public Dataset applyOwned(Dataset data, PixelStats trainingStats) {
        switch (this) {
            case SCALE01 -> { return data; }
            case PER_IMAGE_ZSCORE -> perImageZscore(data, data.buffer());
            case STANDARDIZE -> standardize(data, trainingStats.mean(), trainingStats.std(), data.buffer());
            case RAW255 -> raw255(data, data.buffer());
        }
        return data.withFeatures(data.name(), data.buffer()); // the pixels no longer decode to these values
    }

    /** Normalises one image of {@code features} values in place (for predictions on single images). */
    public void applyInPlace(float[] image, PixelStats trainingStats) {
        applyOwned(new Dataset("image", image, 1, image.length, new int[1], 1), trainingStats);
    }

    static float[] perImageZscore(Dataset data) {
        return perImageZscore(data, new float[data.buffer().length]);
    }

    /** Into {@code out}, which may be data's own array: a row is read whole before it is written. */
    private static float[] perImageZscore(Dataset data, float[] out) {
        int f = data.features();
        float[] x = data.buffer();
        for (int r = 0; r < data.rows(); r++) {
            int off = data.rowStart(r);
            double sum = 0;
            for (int j = 0; j < f; j++) sum += x[off + j];
            double mean = sum / f;
            double sq = 0;
            for (int j = 0; j < f; j++) {
                double d = x[off + j] - mean;
                sq += d * d;
            }
            double std = Math.sqrt(sq / f);
            // A blank image has no spread: centre it and leave it at zero rather than divide by 0.
            double scale = std > 0 ? 1 / std : 1;
            for (int j = 0; j < f; j++) out[off + j] = (float) ((x[off + j] - mean) * scale);
        }
        return out;
    }

    /** Into {@code out}, which may be data's own array: the loader's [0, 1] pixels back to 0-255. */
    private static float[] raw255(Dataset data, float[] out) {
        float[] x = data.buffer();
        for (int i = data.offset(); i < x.length; i++) out[i] = x[i] * 255f;
        return out;
    }

    static float[] standardize(Dataset data, double mean, double std) {
        return standardize(data, mean, std, new float[data.buffer().length]);
    }

    private static float[] standardize(Dataset data, double mean, double std, float[] out) {
        float[] x = data.buffer();
        double scale = std > 0 ? 1 / std : 1;
        for (int i = data.offset(); i < x.length; i++) out[i] = (float) ((x[i] - mean) * scale);
        return out;
    }
}
