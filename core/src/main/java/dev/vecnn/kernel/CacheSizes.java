package dev.vecnn.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The per-core L2 size as Linux reports it, for the cache blocks of {@link Tuning}; 0 when unknown. */
final class CacheSizes {
    private CacheSizes() {}

    static long l2PerCore() {
        long sysfs = fromSysfs(Path.of("/sys/devices/system/cpu/cpu0/cache"));
        if (sysfs > 0) return sysfs;
        try {
            return fromCpuinfo(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The unified or data cache of level 2 among {@code dir/index*}; 0 when there is none. */
    static long fromSysfs(Path dir) {
        for (int i = 0; i < 8; i++) {
            Path index = dir.resolve("index" + i);
            try {
                if (!Files.isDirectory(index)) continue;
                String level = Files.readString(index.resolve("level")).trim();
                String type = Files.readString(index.resolve("type")).trim();
                if (level.equals("2") && !type.equals("Instruction")) {
                    return parseSize(Files.readString(index.resolve("size")).trim());
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * /proc/cpuinfo's "cache size" is the L2 per core on AMD processors but the shared last-level cache on
     * Intel ones, so it is used only for AMD.
     */
    static long fromCpuinfo(List<String> lines) {
        boolean amd = lines.stream().anyMatch(l -> l.startsWith("vendor_id") && l.contains("AuthenticAMD"));
        if (!amd) return 0;
        return lines.stream().filter(l -> l.startsWith("cache size")).findFirst()
                .map(l -> parseSize(l.substring(l.indexOf(':') + 1).trim())).orElse(0L);
    }

    /** "1024K", "1024 KB", "2M" or a plain byte count; 0 when it does not parse. */
    static long parseSize(String s) {
        String t = s.toUpperCase(Locale.ROOT).replace(" ", "").replace("B", "");
        long unit = 1;
        if (t.endsWith("K")) unit = 1L << 10;
        else if (t.endsWith("M")) unit = 1L << 20;
        if (unit > 1) t = t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(t);
            return v > 0 ? v * unit : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
