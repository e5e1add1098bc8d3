package dev.vecnn.bench.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;

/**
 * What an absolute baseline is only valid for: CPU vendor, family and model, vector width, core
 * count and JDK feature release. Two CPUs of one vector width (Zen 4 and Zen 5) differ by 2x in
 * vector-over-scalar ratios, so the width alone is not enough.
 */
record CpuIdentity(String vendor, String family, String model, int vectorBits, int cores, int jdk) {

    static CpuIdentity current() {
        String info;
        try {
            info = Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            info = "";
        }
        return parse(info, FloatVector.SPECIES_PREFERRED.vectorBitSize(), Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature(), System.getProperty("os.arch"));
    }

    /** From /proc/cpuinfo's text: x86 names vendor_id, cpu family and model; ARM its implementer, architecture and part. */
    static CpuIdentity parse(String cpuinfo, int vectorBits, int cores, int jdk, String arch) {
        String vendor = field(cpuinfo, "vendor_id"), family = field(cpuinfo, "cpu family"), model = field(cpuinfo, "model");
        if (vendor == null) {
            vendor = field(cpuinfo, "CPU implementer");
            family = field(cpuinfo, "CPU architecture");
            model = field(cpuinfo, "CPU part");
        }
        return new CpuIdentity(vendor == null ? arch : vendor, family == null ? "unknown" : family,
                model == null ? "unknown" : model, vectorBits, cores, jdk);
    }

    /** The file-name-safe key, for example {@code AuthenticAMD-f26-m2-512bit-2cpu-jdk25}. */
    String key() {
        return String.format(Locale.ROOT, "%s-f%s-m%s-%dbit-%dcpu-jdk%d", vendor, family, model, vectorBits, cores, jdk)
                .replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String field(String text, String name) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }
}
