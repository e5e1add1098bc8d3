package dev.vecnn.cli;

import dev.vecnn.data.MnistLoader;
import dev.vecnn.experiment.DataSpec;
import dev.vecnn.experiment.ExperimentRunner;
import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.Presets;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.train.GradientCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Seed 004's gradient check: central differences against backpropagation on one training image.")
final class GradcheckCommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "gradcheck", paramLabel = "NAME",
            description = "Whose freshly initialised model to check (default: ${DEFAULT-VALUE}, the report's 784-128 tanh-10).")
    String preset;

    @Option(names = "--eps", defaultValue = "0.01", paramLabel = "EPS", description = "Step of the central difference (default: ${DEFAULT-VALUE}).")
    double eps;

    @Mixin
    DataOptions data;

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!(eps > 0) || !Double.isFinite(eps)) throw new BadUsage("--eps must be positive, got " + eps);
        threads.count();
        PrintWriter out = spec.commandLine().getOut();
        Preset p = BadUsage.check(() -> Presets.byName(preset));
        if (p.kind() == Preset.Kind.ONE_VS_REST) {
            throw new BadUsage("preset " + p.name() + " trains ten neurons; check a softmax preset");
        }
        MnistLoader.Mnist mnist = data.load(spec.commandLine().getErr());
        DataSpec.Prepared d = p.data().prepare(mnist);
        GradientCheck.Report r;
        try (KernelPool pool = threads.pool()) {
            r = ExperimentRunner.gradientCheck(p, d.train(), pool, eps);
        }
        out.printf(Locale.ROOT, "model %s, first training image (label %d), eps %s%n", p.config().model().describe(),
                d.train().labels()[0], eps);
        out.print(r.toTable());
        out.printf(Locale.ROOT, "largest difference %.3e (eps^2 = %.1e)%n", r.maxDifference(), eps * eps);
        return 0;
    }
}
