package dev.vecnn.peers.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Transparent huge pages for every peer alike, when Linux offers them on request: memory-bound epochs
 * (the neuron's 31 MB, a full batch's 188 MB) lose a large share of their time to TLB misses on 4 KiB
 * pages, in the JVM and in glibc's malloc the same. JVMs ask with -XX:+UseTransparentHugePages,
 * Python (NumPy, PyTorch) through glibc's malloc tunable; both are left out where THP is off.
 */
final class HugePages {
    private static final Path SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    private final boolean offered;

    private HugePages(boolean offered) {
        this.offered = offered;
    }

    static HugePages ofThisMachine() {
        try {
            String s = Files.readString(SETTING);
            return new HugePages(s.contains("[always]") || s.contains("[madvise]"));
        } catch (IOException | RuntimeException e) {
            return new HugePages(false);
        }
    }

    static HugePages of(String setting) {
        return new HugePages(setting.contains("[always]") || setting.contains("[madvise]"));
    }

    /** Flags for a peer JVM's command line. */
    List<String> jvmFlags() {
        return offered ? List.of("-XX:+UseTransparentHugePages") : List.of();
    }

    /** Environment for a Python peer (glibc 2.35+ reads it; older ones ignore it). */
    Map<String, String> pythonEnv() {
        return offered ? Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1") : Map.of();
    }

    /** What the report says about it. */
    String describe() {
        return offered ? "transparent huge pages for every peer (JVMs: -XX:+UseTransparentHugePages; Python: GLIBC_TUNABLES=glibc.malloc.hugetlb=1)"
                : "4 KiB pages (transparent huge pages not offered by this kernel)";
    }
}
