package dev.vecnn.cli;

import dev.vecnn.experiment.Machine;
import dev.vecnn.kernel.Tuning;

/** One line naming the machine and runtime a measurement came from. */
final class MachineInfo {
    private MachineInfo() {}

    static String describe(int threads) {
        return String.format("Machine: %s, %d processors; JDK %s (%s); Vector API %d-bit floats; %d kernel threads; tuning: %s.",
                Machine.cpuModel(), Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("java.vm.vendor"),
                Machine.vectorBits(), threads, Tuning.ACTIVE.describe());
    }
}
