package dev.vecnn.cli;

import dev.vecnn.kernel.Tuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One line naming the machine and runtime a measurement came from. */
final class MachineInfo {
    private MachineInfo() {}

    static String describe(int threads) {
        return String.format("Machine: %s, %d processors; JDK %s (%s); Vector API %d-bit floats; %d kernel threads; tuning: %s.",
                cpuModel(), Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("java.vm.vendor"),
                jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize(), threads, Tuning.ACTIVE.describe());
    }

    static String cpuModel() {
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
}
