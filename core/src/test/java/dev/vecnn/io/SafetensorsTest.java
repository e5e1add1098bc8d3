package dev.vecnn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layers.0.weight", new Tensor(new int[] {2, 3}, new float[] {1f, -2.5f, 3e-8f, Float.MAX_VALUE, -0f, 7f}));
        t.put("layers.0.bias", Tensor.vector(new float[] {0.5f, -0.25f, 1f / 3}));
        t.put("empty", new Tensor(new int[] {0}, new float[0]));
        return t;
    }

    private static Map<String, String> meta() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vecnn.model.hidden", "128:tanh");
        m.put("note", "quotes \" backslash \\ newline \n unicode é");
        return m;
    }

    @Test
    void roundTripKeepsTensorsBitsOrderAndMetadata() throws Exception {
        Path f = dir.resolve("m.safetensors");
        Safetensors.write(f, sample(), meta());
        SafetensorsFile read = Safetensors.read(f);
        assertEquals(sample(), read.tensors());
        assertEquals(java.util.List.copyOf(sample().keySet()), java.util.List.copyOf(read.tensors().keySet()));
        assertEquals(meta(), read.metadata());
        assertEquals(f.toString(), read.source());
    }

    @Test
    void layoutIsTheSafetensorsFormat() throws Exception {
        byte[] bytes = Safetensors.encode(sample(), meta());
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).trim();
        assertTrue(header.startsWith("{\"__metadata__\":{"), header);
        assertTrue(header.contains("\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}"), header);
        assertTrue(header.contains("\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}"), header);
        // Raw little-endian floats follow the header.
        float second = ByteBuffer.wrap(bytes, (int) (8 + n) + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(-2.5f, second);
        assertEquals(8 + n + 36, bytes.length);
    }

    @Test
    void everyTruncationIsRefusedNamingTheFile() throws Exception {
        byte[] good = Safetensors.encode(sample(), meta());
        Path f = dir.resolve("cut.safetensors");
        for (int len = 0; len < good.length; len++) {
            Files.write(f, java.util.Arrays.copyOf(good, len));
            ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.read(f), "length " + len);
            assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        }
    }

    @Test
    void corruptedHeadersAreRefusedWithAReason() {
        assertRefused("{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2, "dtype F16");
        assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "data bytes");
        assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "overlap");
        assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8, "cover");
        assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4, "bad dimension");
        assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4, "out of order");
        assertRefused("{\"__metadata__\":{\"k\":1}}", 0, "not a string");
        assertRefused("[1,2]", 0, "not a JSON object");
        assertRefused("{\"a\":", 0, "corrupted header");
        assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999],\"data_offsets\":[0,4]}}", 4, "bad dimension");
    }

    @Test
    void aHeaderLongerThanTheFileIsRefused() {
        byte[] bytes = new byte[16];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.decode(bytes, "x.safetensors"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -5);
        assertThrows(ModelFileException.class, () -> Safetensors.decode(bytes, "x.safetensors"));
    }

    @Test
    void aHeaderAboveTheLimitIsRefusedUnlessTheLimitIsRaised() throws Exception {
        byte[] good = Safetensors.encode(sample(), meta());
        long headerLength = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String old = System.getProperty(Limits.MAX_HEADER_BYTES);
        try {
            System.setProperty(Limits.MAX_HEADER_BYTES, "100");
            ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.decode(good, "h.safetensors"));
            assertEquals("h.safetensors: header of " + headerLength + " bytes is larger than the limit of 100;"
                    + " raise it with VECNN_JAVA_OPTS=-Dvecnn.maxHeaderBytes=N if this is intended", e.getMessage());
            System.setProperty(Limits.MAX_HEADER_BYTES, Long.toString(headerLength));
            assertEquals(sample(), Safetensors.decode(good, "h.safetensors").tensors());
        } finally {
            if (old == null) System.clearProperty(Limits.MAX_HEADER_BYTES);
            else System.setProperty(Limits.MAX_HEADER_BYTES, old);
        }
    }

    @Test
    void aMissingFileIsAModelFileException() {
        Path missing = dir.resolve("nope.safetensors");
        ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void seededRandomDamageNeverEscapesAsAnotherException() {
        // A deterministic complement of the fuzz test: flip bytes of a valid file anywhere.
        byte[] good = Safetensors.encode(sample(), meta());
        dev.vecnn.nn.Rng rng = new dev.vecnn.nn.Rng(99);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bad = good.clone();
            int flips = 1 + rng.nextInt(3);
            for (int i = 0; i < flips; i++) bad[rng.nextInt(bad.length)] ^= (byte) (1 + rng.nextInt(255));
            try {
                Safetensors.decode(bad, "damaged");
            } catch (ModelFileException expected) {
                assertTrue(expected.getMessage().startsWith("damaged: "));
            }
        }
    }

    private static void assertRefused(String header, int dataBytes, String reason) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.decode(b.array(), "bad.safetensors"),
                header);
        assertTrue(e.getMessage().startsWith("bad.safetensors: "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    }
}
