package dev.vecnn.data;

/** Mean and (population) standard deviation of every value in a dataset, computed in double. */
public record PixelStats(double mean, double std) {
    public static PixelStats of(Dataset data) {
        float[] x = data.buffer();
        int from = data.offset(), count = x.length - from;
        double sum = 0;
        for (int i = from; i < x.length; i++) sum += x[i];
        double mean = count == 0 ? 0 : sum / count;
        double sq = 0;
        for (int i = from; i < x.length; i++) {
            double d = x[i] - mean;
            sq += d * d;
        }
        return new PixelStats(mean, count == 0 ? 0 : Math.sqrt(sq / count));
    }
}
