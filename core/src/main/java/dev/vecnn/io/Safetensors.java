package dev.vecnn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (huggingface/safetensors), F32 only: an 8-byte little-endian header
 * length N, N bytes of UTF-8 JSON mapping each tensor name to {@code dtype}, {@code shape} and
 * {@code data_offsets} (begin, end relative to the data section) plus a {@code __metadata__} map of
 * strings, then the raw little-endian data. Reading checks every field and that the tensors tile
 * the data section exactly, so a truncated or altered file is refused with a
 * {@link ModelFileException} rather than loaded wrong.
 */
public final class Safetensors {
    public static final String METADATA_KEY = "__metadata__";
    /** Headers larger than this are refused by default (the format's reference reader uses the same bound). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private Safetensors() {}

    /** Writes the tensors (in map order) and metadata to {@code file} atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, encode(tensors, metadata));
    }

    public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder h = new StringBuilder("{");
        boolean first = true;
        if (!metadata.isEmpty()) {
            Json.writeString(h, METADATA_KEY);
            h.append(":{");
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (!first) h.append(',');
                first = false;
                Json.writeString(h, e.getKey());
                h.append(':');
                Json.writeString(h, e.getValue());
            }
            h.append('}');
            first = false;
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
            Tensor t = e.getValue();
            if (!first) h.append(',');
            first = false;
            Json.writeString(h, e.getKey());
            h.append(":{\"dtype\":\"F32\",\"shape\":[");
            for (int i = 0; i < t.shape().length; i++) {
                if (i > 0) h.append(',');
                h.append(t.shape()[i]);
            }
            long end = offset + 4L * t.data().length;
            h.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        h.append('}');
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        while ((h.toString().getBytes(StandardCharsets.UTF_8).length % 8) != 0) h.append(' ');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        long total = 8L + header.length + offset;
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tensors too large for one file: " + total + " bytes");
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length);
        buf.put(header);
        for (Tensor t : tensors.values()) {
            buf.asFloatBuffer().put(t.data());
            buf.position(buf.position() + 4 * t.data().length);
        }
        return buf.array();
    }

    /**
     * Reads and checks {@code file}; every failure is a {@link ModelFileException} naming it. Only a
     * regular file within {@link Limits#maxModelFileBytes()} is read, and never more than its size.
     */
    public static SafetensorsFile read(Path file) throws ModelFileException {
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            String problem = InputFiles.problem(attributes);
            if (problem != null) throw new ModelFileException(file, problem);
            long size = attributes.size();
            if (size > Limits.maxModelFileBytes()) {
                throw ModelFileException.advised(file.toString(), "file of " + size + " bytes is larger than the limit of "
                        + Limits.maxModelFileBytes() + " bytes for " + Limits.maxParameters() + " parameters; "
                        + Limits.howToRaise(Limits.MAX_PARAMETERS));
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) size);
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file");
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file.toString(), "cannot be read (" + e.getMessage() + ")", e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes a whole file held in memory; {@code source} names it in messages. */
    public static SafetensorsFile decode(byte[] bytes, String source) throws ModelFileException {
        if (bytes.length < 8) {
            throw new ModelFileException(source, "truncated: " + bytes.length
                    + " bytes, shorter than the 8-byte header length of a safetensors file");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong(0);
        if (headerLength < 2 || headerLength > Integer.MAX_VALUE - 8
                || (headerLength > Limits.maxHeaderBytes() && headerLength > bytes.length - 8)) {
            throw new ModelFileException(source, "not a safetensors file (header length " + Long.toUnsignedString(headerLength) + ")");
        }
        if (headerLength > Limits.maxHeaderBytes()) {
            throw ModelFileException.advised(source, "header of " + headerLength + " bytes is larger than the limit of "
                    + Limits.maxHeaderBytes() + "; " + Limits.howToRaise(Limits.MAX_HEADER_BYTES));
        }
        if (headerLength > bytes.length - 8) {
            throw new ModelFileException(source, "truncated: header of " + headerLength + " bytes, but only "
                    + (bytes.length - 8) + " bytes follow");
        }
        String headerText;
        try {
            headerText = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, (int) headerLength)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(source, "corrupted: header is not UTF-8 text");
        }
        Object root;
        try {
            root = Json.parse(headerText);
        } catch (JsonException e) {
            throw new ModelFileException(source, "corrupted header: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> entries)) {
            throw new ModelFileException(source, "corrupted header: not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> parsed = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                readMetadata(e.getValue(), metadata, source);
            } else {
                parsed.add(readEntry(name, e.getValue(), dataLength, source));
            }
        }
        checkTiling(parsed, dataLength, source);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry en : parsed) {
            float[] data = new float[en.count];
            ByteBuffer.wrap(bytes, dataStart + (int) en.begin, 4 * en.count).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(data);
            tensors.put(en.name, new Tensor(en.shape, data));
        }
        return new SafetensorsFile(source, Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private record Entry(String name, int[] shape, int count, long begin, long end) {}

    private static void readMetadata(Object value, Map<String, String> out, String source) throws ModelFileException {
        if (!(value instanceof Map<?, ?> m)) {
            throw new ModelFileException(source, "corrupted header: " + METADATA_KEY + " is not an object");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new ModelFileException(source, "corrupted header: metadata '" + e.getKey() + "' is not a string");
            }
            out.put((String) e.getKey(), s);
        }
    }

    private static Entry readEntry(String name, Object value, long dataLength, String source) throws ModelFileException {
        String what = "corrupted header: tensor '" + name + "' ";
        if (!(value instanceof Map<?, ?> m)) throw new ModelFileException(source, what + "is not an object");
        if (!(m.get("dtype") instanceof String dtype)) throw new ModelFileException(source, what + "has no dtype");
        if (!dtype.equals("F32")) {
            throw new ModelFileException(source, "tensor '" + name + "' has dtype " + dtype + "; vecnn reads F32 only");
        }
        if (!(m.get("shape") instanceof List<?> shapeList)) throw new ModelFileException(source, what + "has no shape");
        if (shapeList.size() > 8) throw new ModelFileException(source, what + "has " + shapeList.size() + " dimensions");
        int[] shape = new int[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new ModelFileException(source, what + "has a bad dimension " + shapeList.get(i));
            }
            shape[i] = (int) (long) d;
            count *= d;
            if (count > Integer.MAX_VALUE / 4) throw new ModelFileException(source, what + "is too large");
        }
        if (!(m.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
            throw new ModelFileException(source, what + "has no valid data_offsets");
        }
        if (begin < 0 || end < begin) throw new ModelFileException(source, what + "has data_offsets out of order");
        if (end - begin != 4 * count) {
            throw new ModelFileException(source, what + "has " + (end - begin) + " data bytes for " + count + " floats");
        }
        if (end > dataLength) {
            throw new ModelFileException(source, "truncated: tensor '" + name + "' ends at byte " + end
                    + " of a data section of " + dataLength + " bytes");
        }
        return new Entry(name, shape, (int) count, begin, end);
    }

    /** The tensors must cover the data section exactly once: no gaps, overlaps or trailing bytes. */
    private static void checkTiling(List<Entry> entries, long dataLength, String source) throws ModelFileException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin != expected) {
                throw new ModelFileException(source, "corrupted header: tensor '" + e.name + "' starts at byte " + e.begin
                        + ", expected " + expected + " (gap or overlap)");
            }
            expected = e.end;
        }
        if (expected != dataLength) {
            throw new ModelFileException(source, "corrupted: data section has " + dataLength + " bytes, tensors cover "
                    + expected);
        }
    }
}
