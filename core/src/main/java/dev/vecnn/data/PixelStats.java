package dev.vecnn.data;

/** Mean and (population) standard deviation of every value in a dataset, computed in double. */
public record PixelStats(double mean, double std) {
    public static PixelStats of(Dataset data) {
        float[] x = data.x();
        double sum = 0;
        for (float v : x) sum += v;
        double mean = x.length == 0 ? 0 : sum / x.length;
        double sq = 0;
        for (float v : x) {
            double d = v - mean;
            sq += d * d;
        }
        return new PixelStats(mean, x.length == 0 ? 0 : Math.sqrt(sq / x.length));
    }
}
