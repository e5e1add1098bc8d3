package dev.vecnn.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What results say about the machine they came from. */
public final class Machine {
    private Machine() {}

    /** The CPU model and its widest x86 vector extension ("AMD EPYC (AVX-512)"), or the architecture off Linux. */
    public static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
            String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            String isa = flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "no AVX2";
            return model + " (" + isa + ")";
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** Bits of the Vector API's preferred float vector here. */
    public static int vectorBits() {
        return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
