package dev.vecnn.sweep;

import dev.vecnn.io.Json;
import dev.vecnn.io.JsonException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's results, one JSON object a line ({@code trials.jsonl}), one line per finished trial. A line is
 * appended in one write and forced to disk before the next trial is told done, under a lock, so a kill -9
 * leaves at most one torn last line, which {@link #open} cuts off; a trial whose hash already has a line
 * is never written again.
 */
public final class TrialsFile implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Map<String, Map<String, Object>> byHash = new LinkedHashMap<>();
    private final int cutBytes;

    private TrialsFile(Path file, FileChannel channel, List<Map<String, Object>> records, int cutBytes) {
        this.file = file;
        this.channel = channel;
        for (Map<String, Object> r : records) byHash.putIfAbsent(String.valueOf(r.get("hash")), r);
        this.cutBytes = cutBytes;
    }

    /** Opens (creating) the file, reads the finished trials and cuts a torn last line. */
    public static TrialsFile open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') end--; // a last line without its newline was cut short
            List<Map<String, Object>> records = new ArrayList<>();
            String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
            int lineNo = 0;
            for (String line : text.split("\n")) {
                lineNo++;
                if (line.isBlank()) continue;
                try {
                    if (Json.parse(line) instanceof Map<?, ?> m && m.get("hash") instanceof String) {
                        @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) m;
                        records.add(r);
                        continue;
                    }
                } catch (JsonException e) {
                    // reported below
                }
                throw new IOException(file + ": line " + lineNo + " is not a trial record; move the file away to start the sweep afresh");
            }
            if (end < bytes.length) ch.truncate(end);
            ch.position(end);
            return new TrialsFile(file, ch, records, bytes.length - end);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Bytes of a torn last line cut off when the file was opened (0 when it ended cleanly). */
    public int cutBytes() {
        return cutBytes;
    }

    public synchronized boolean done(String hash) {
        return byHash.containsKey(hash);
    }

    public synchronized Map<String, Object> record(String hash) {
        return byHash.get(hash);
    }

    /** Every finished trial's record, in the order they were written. */
    public synchronized List<Map<String, Object>> records() {
        return List.copyOf(byHash.values());
    }

    /** Appends one trial's record unless its hash has one; returns whether it was written. */
    public synchronized boolean append(Map<String, Object> record) throws IOException {
        String hash = String.valueOf(record.get("hash"));
        if (byHash.containsKey(hash)) return false;
        ByteBuffer line = ByteBuffer.wrap((Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8));
        long start = channel.position();
        try {
            while (line.hasRemaining()) channel.write(line);
            channel.force(false);
        } catch (IOException e) {
            channel.truncate(start); // no half line behind (disk full): the trial is run again next time
            channel.position(start);
            throw new IOException(file + ": could not append trial " + hash + " (" + e.getMessage() + ")", e);
        }
        byHash.put(hash, record);
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
