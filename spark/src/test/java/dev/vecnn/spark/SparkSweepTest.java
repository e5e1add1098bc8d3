package dev.vecnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.MnistLoader;
import dev.vecnn.data.Sha256;
import dev.vecnn.data.TinyMnist;
import dev.vecnn.io.Json;
import dev.vecnn.sweep.EarlyTermination;
import dev.vecnn.sweep.SweepRunner;
import dev.vecnn.sweep.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSweepTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path spec;

    @BeforeAll
    static void setUp() throws IOException {
        data = dir.resolve("data");
        TinyMnist.write(data, 2_000, 200);
        spec = dir.resolve("spec.json");
        Files.writeString(spec, """
                {"name": "spark-test", "base": {"hidden": "16:tanh", "epochs": 3, "validation": 400, "batch": 32, "reduction": "mean"},
                 "grid": {"lr": [0.1, 0.03], "seed": [1, 2]}}""");
    }

    private static JavaSparkContext local2() {
        return new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("vecnn-spark-test")
                .set("spark.ui.enabled", "false").set("spark.task.cpus", "1")
                // loopback: a CI machine's host name need not resolve
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    }

    private static List<Map<?, ?>> records(Path out) throws IOException {
        List<Map<?, ?>> r = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("trials.jsonl"))) r.add((Map<?, ?>) Json.parse(l));
        return r;
    }

    /** Each trial's model file by hash, as its SHA-256. */
    private static Map<Object, String> modelHashes(Path out) throws IOException {
        Map<Object, String> m = new TreeMap<>();
        for (Map<?, ?> r : records(out)) m.put(r.get("hash"), Sha256.of(out.resolve("models").resolve((String) r.get("model"))));
        return m;
    }

    @Test
    void trialsOnLocal2TrainTheModelsOfALocalSweepAndARerunAddsNothing() throws Exception {
        Path sparkOut = dir.resolve("spark");
        SparkSweep.Options o = SparkSweep.Options.parse(new String[] {spec.toString(), "--out", sparkOut.toString(), "--data", data.toString()});
        List<String> log = new ArrayList<>();
        try (JavaSparkContext sc = local2()) {
            assertEquals(0, SparkSweep.run(sc, o, log::add));
            assertEquals(4, records(sparkOut).size());
            assertEquals(0, SparkSweep.run(sc, o, log::add), "a rerun");
        }
        assertEquals(4, records(sparkOut).size(), "no trial written twice");
        assertTrue(log.stream().anyMatch(l -> l.contains("4 already done, 0 to run")), String.join("\n", log));
        assertTrue(Files.isRegularFile(sparkOut.resolve("summary.md")));

        Path localOut = dir.resolve("local");
        new SweepRunner(SweepSpec.read(spec), localOut, new SweepRunner.Options(1, 1, EarlyTermination.NONE, null),
                MnistLoader.load(data), line -> { }).run();
        Map<Object, String> spark = modelHashes(sparkOut), local = modelHashes(localOut);
        assertEquals(4, spark.size());
        assertEquals(local, spark, "the same model files, byte for byte");
    }

    @Test
    void badArgumentsAreOneClearMessage() {
        for (String[] args : List.of(new String[] {spec.toString()}, new String[] {dir.resolve("none.json").toString(), "--out", "x"},
                new String[] {spec.toString(), "--out", "x", "--trial-threads", "0"})) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> SparkSweep.Options.parse(args));
            assertTrue(!e.getMessage().isBlank() && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
