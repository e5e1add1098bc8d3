package dev.vecnn.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import dev.vecnn.io.AtomicFiles;
import dev.vecnn.io.InputFiles;
import dev.vecnn.io.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Brings a photo or drawing of one digit to MNIST form, the way MNIST itself was made: grey
 * levels, light ink on a dark background, the digit's bounding box scaled to fit 20x20 with its
 * aspect ratio kept, then placed in a 28x28 field so that its centre of mass is at the centre.
 * Pixels come out in [0, 1], like {@link MnistLoader}'s.
 */
public final class DigitImage {
    public static final int SIDE = 28;
    private static final int BOX = 20;
    /** A pixel counts as ink when it is this far from the background, relative to the image's range. */
    private static final double INK = 0.2;

    private DigitImage() {}

    /**
     * Reads the image's size from its header and refuses one above {@link Limits#maxImagePixels()}
     * before decoding: a PNG of a few kilobytes can decode to gigabytes of pixels.
     */
    public static float[] load(Path file) throws IdxFormatException {
        String problem = InputFiles.problem(file);
        if (problem != null) {
            throw new IdxFormatException(file, problem.equals("no such file") ? "image file not found" : problem);
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) throw notAnImage(file);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > Limits.maxImagePixels()) {
                    throw new IdxFormatException(file, "image of " + reader.getWidth(0) + " x " + reader.getHeight(0)
                            + " pixels is larger than the limit of " + Limits.maxImagePixels() + " pixels: scale it down, or "
                            + Limits.howToRaise(Limits.MAX_IMAGE_PIXELS));
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Image decoders throw unchecked exceptions on some damaged files too.
            throw new IdxFormatException(file, "cannot read the image: " + e.getMessage(), e);
        }
        if (image == null) throw notAnImage(file);
        return toMnist(image, file);
    }

    private static IdxFormatException notAnImage(Path file) {
        return new IdxFormatException(file, "not an image format Java can read (use PNG, JPEG, GIF or BMP)");
    }

    static float[] toMnist(BufferedImage image, Path name) throws IdxFormatException {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] grey = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                double alpha = ((argb >>> 24) & 0xFF) / 255.0;
                double lum = (0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF)) / 255.0;
                // Transparent pixels are paper: composite onto white.
                grey[y * w + x] = alpha * lum + (1 - alpha);
            }
        }
        // The border is mostly paper: if it is lighter than the middle, the ink is dark; make ink light.
        if (borderMean(grey, w, h) > 0.5) {
            for (int i = 0; i < grey.length; i++) grey[i] = 1 - grey[i];
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double g : grey) {
            min = Math.min(min, g);
            max = Math.max(max, g);
        }
        if (max - min < 1e-3) throw new IdxFormatException(name, "the image is blank: no digit found");
        for (int i = 0; i < grey.length; i++) grey[i] = (grey[i] - min) / (max - min);

        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey[y * w + x] > INK) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        double scale = (double) BOX / Math.max(bw, bh);
        int sw = Math.max(1, (int) Math.round(bw * scale));
        int sh = Math.max(1, (int) Math.round(bh * scale));

        BufferedImage crop = new BufferedImage(bw, bh, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int v = (int) Math.round(grey[(y0 + y) * w + x0 + x] * 255);
                crop.getRaster().setSample(x, y, 0, v);
            }
        }
        BufferedImage small = new BufferedImage(sw, sh, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(crop.getScaledInstance(sw, sh, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();

        double mass = 0, cx = 0, cy = 0;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                double v = small.getRaster().getSample(x, y, 0) / 255.0;
                mass += v;
                cx += v * x;
                cy += v * y;
            }
        }
        int offX = (int) Math.round(SIDE / 2.0 - (mass > 0 ? cx / mass : sw / 2.0) - 0.5);
        int offY = (int) Math.round(SIDE / 2.0 - (mass > 0 ? cy / mass : sh / 2.0) - 0.5);
        // Keep the whole box inside the field even when the centre of mass is far off-centre.
        offX = Math.max(0, Math.min(SIDE - sw, offX));
        offY = Math.max(0, Math.min(SIDE - sh, offY));
        float[] out = new float[SIDE * SIDE];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                out[(offY + y) * SIDE + offX + x] = small.getRaster().getSample(x, y, 0) / 255f;
            }
        }
        return out;
    }

    private static double borderMean(double[] grey, int w, int h) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < w; x++) {
            sum += grey[x] + grey[(h - 1) * w + x];
            n += 2;
        }
        for (int y = 0; y < h; y++) {
            sum += grey[y * w] + grey[y * w + w - 1];
            n += 2;
        }
        return sum / n;
    }

    /** Writes a 28x28 [0,1] image as a PNG (light ink on dark), e.g. to export a test digit. */
    public static void writePng(float[] pixels, int offset, Path file, boolean darkInkOnLight) throws IOException {
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float v = pixels[offset + y * SIDE + x];
                int g = Math.round(Math.max(0, Math.min(1, v)) * 255);
                img.getRaster().setSample(x, y, 0, darkInkOnLight ? 255 - g : g);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        AtomicFiles.write(file, png.toByteArray());
    }
}
