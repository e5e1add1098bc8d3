package dev.vecnn.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What results say about the machine they came from. */
public final class Machine {
    private Machine() {}

    /**
     * The CPU model, its family and model numbers and its widest x86 vector extension ("AMD EPYC (family 26
     * model 2, AVX-512)"), or the architecture off Linux. The numbers tell CPUs apart that share a model name
     * (a virtual machine's "AMD EPYC" was Zen 4 in one session and Zen 5 in the next).
     */
    public static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = field(lines, "model name");
            if (model == null) model = System.getProperty("os.arch");
            String family = field(lines, "cpu family"), number = field(lines, "model");
            String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            String isa = flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "no AVX2";
            String ids = family != null && number != null ? "family " + family + " model " + number + ", " : "";
            return model + " (" + ids + isa + ")";
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** The value of the first "NAME : value" line whose name is exactly {@code name}, or null. */
    private static String field(List<String> lines, String name) {
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equals(name)) return l.substring(colon + 1).trim();
        }
        return null;
    }

    /** Bits of the Vector API's preferred float vector here. */
    public static int vectorBits() {
        return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
