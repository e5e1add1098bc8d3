package dev.vecnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitImageTest {
    @TempDir
    Path dir;

    /** A large, off-centre vertical bar: a "1" drawn in the top-left of a big canvas. */
    private static BufferedImage bar(int w, int h, Color paper, Color ink) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, w, h);
        g.setColor(ink);
        g.fillRect(w / 10, h / 10, w / 20, h / 3);
        g.dispose();
        return img;
    }

    private static double[] centreOfMass(float[] p) {
        double m = 0, cx = 0, cy = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                m += p[y * 28 + x];
                cx += p[y * 28 + x] * x;
                cy += p[y * 28 + x] * y;
            }
        }
        return new double[] {cx / m, cy / m, m};
    }

    @Test
    void darkInkOnLightPaperBecomesACentredLightDigit() throws IOException {
        Path png = dir.resolve("one.png");
        ImageIO.write(bar(400, 300, Color.WHITE, new Color(20, 20, 90)), "png", png.toFile());
        float[] p = DigitImage.load(png);
        assertEquals(784, p.length);
        double[] c = centreOfMass(p);
        assertEquals(13.5, c[0], 1.0);
        assertEquals(13.5, c[1], 1.0);
        assertEquals(0f, p[0], "corners are background (dark)");
        int tall = 0;
        for (int y = 0; y < 28; y++) if (p[y * 28 + 13] > 0.5f || p[y * 28 + 14] > 0.5f) tall++;
        assertTrue(tall >= 18 && tall <= 21, "the bar's long side is scaled to about 20 px, got " + tall);
    }

    @Test
    void polarityDoesNotMatter() throws IOException {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        ImageIO.write(bar(120, 90, Color.WHITE, Color.BLACK), "png", a.toFile());
        ImageIO.write(bar(120, 90, Color.BLACK, Color.WHITE), "png", b.toFile());
        float[] pa = DigitImage.load(a);
        float[] pb = DigitImage.load(b);
        for (int i = 0; i < 784; i++) assertEquals(pa[i], pb[i], 1e-6);
    }

    @Test
    void blankAndNonImagesAreRefusedClearly() throws IOException {
        Path blank = dir.resolve("blank.png");
        BufferedImage img = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", blank.toFile());
        assertTrue(assertThrows(IdxFormatException.class, () -> DigitImage.load(blank)).getMessage().contains("blank"));
        Path text = Files.writeString(dir.resolve("x.png"), "not an image");
        assertTrue(assertThrows(IdxFormatException.class, () -> DigitImage.load(text)).getMessage().contains("not an image"));
        assertTrue(assertThrows(IdxFormatException.class, () -> DigitImage.load(dir.resolve("none.png"))).getMessage().contains("not found"));
    }

    /** A PNG of a few dozen bytes whose header declares {@code w x h} 8-bit grey pixels (its data is one empty row). */
    static byte[] pngHeader(int w, int h) {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(new byte[1 + w % 1000]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        chunk(png, "IDAT", z.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void aHugeImageIsRefusedFromItsHeaderBeforeDecoding() throws IOException {
        // 46000 x 46000 grey pixels decode to 2.1 GB (and 8 bytes a pixel after): more than the tests' -Xmx2g.
        Path bomb = Files.write(dir.resolve("bomb.png"), pngHeader(46_000, 46_000));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> DigitImage.load(bomb));
        assertEquals(bomb + ": image of 46000 x 46000 pixels is larger than the limit of 50000000 pixels: scale it down,"
                + " or raise it with VECNN_JAVA_OPTS=-Dvecnn.maxImagePixels=N if this is intended", e.getMessage());
    }

    @Test
    void devicesAndFoldersAreNotImages() throws IOException {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> DigitImage.load(dir));
        assertEquals(dir + ": is a directory, not a file", e.getMessage());
        // A damaged PNG (its data cut short) is one clear error, whatever the decoder throws.
        byte[] cut = pngHeader(30, 30);
        Path damaged = Files.write(dir.resolve("damaged.png"), java.util.Arrays.copyOf(cut, cut.length - 20));
        e = assertThrows(IdxFormatException.class, () -> DigitImage.load(damaged));
        assertTrue(e.getMessage().startsWith(damaged + ": "), e.getMessage());
    }
}
