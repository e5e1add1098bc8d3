package dev.vecnn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "vecnn", mixinStandardHelpOptions = true, versionProvider = VecnnCommand.Version.class,
        description = "Trains small neural networks on the CPU with the Java Vector API.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:failure (a file, the data, a write; one line on stderr says which)",
                "2:bad usage (an unknown flag, a bad value)", "3:training diverged (no model saved)",
                "130/143:stopped by SIGINT/SIGTERM (train keeps its last epoch in --checkpoint)"},
        subcommands = {DataCommand.class, TrainCommand.class, EvalCommand.class, PredictCommand.class,
                GradcheckCommand.class, PresetsCommand.class, ReproduceCommand.class, SweepCommand.class})
public final class VecnnCommand implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    static String version() {
        try (InputStream in = VecnnCommand.class.getResourceAsStream("/vecnn.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "vecnn " + version(),
                "JVM: " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")",
                "Vector API: " + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit floats, "
                        + Runtime.getRuntime().availableProcessors() + " processors"
            };
        }
    }
}
