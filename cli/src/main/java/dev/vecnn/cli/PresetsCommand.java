package dev.vecnn.cli;

import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.Presets;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "presets", mixinStandardHelpOptions = true, description = "The catalogue of experiments, one line each.")
final class PresetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Presets.all().stream().mapToInt(p -> p.name().length()).max().orElse(10);
        for (Preset p : Presets.all()) {
            out.printf("%-" + width + "s  [%s]%s %s%n", p.name(), p.source(), p.inQuick() ? " (quick)" : "", p.description());
        }
        return 0;
    }
}
