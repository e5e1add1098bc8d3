package dev.vecnn.spark;

import dev.vecnn.io.AtomicFiles;
import dev.vecnn.io.Json;
import dev.vecnn.sweep.SweepSpec;
import dev.vecnn.sweep.SweepSummary;
import dev.vecnn.sweep.Trial;
import dev.vecnn.sweep.TrialsFile;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep spec run on Apache Spark: one Spark job of one task per trial, all submitted at once, so the
 * cluster runs as many trials at a time as it has task slots of {@code spark.task.cpus} = the trial's
 * threads. Each task trains its trial exactly as `vecnn sweep` does ({@link TrialTask}) and returns the
 * record and the model's bytes; the driver appends each record to {@code DIR/trials.jsonl} as its job
 * finishes (one line per trial: a task Spark retried still returns one result), writes the model under
 * {@code DIR/models}, and on a rerun skips the trials already in the file. Output stays on the driver's
 * file system; only the data must be readable where the executors run.
 *
 * <pre>
 * spark-submit --class dev.vecnn.spark.SparkSweep --master local[2] spark/target/vecnn-spark.jar SPEC --out DIR
 *     [--data DIR] [--trial-threads T]
 * </pre>
 */
public final class SparkSweep {
    private SparkSweep() {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("vecnn-spark: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkConf conf = new SparkConf().setAppName("vecnn sweep " + o.spec.name())
                .set("spark.task.cpus", Integer.toString(o.trialThreads));
        if (!conf.contains("spark.master")) conf.setMaster("local[" + Runtime.getRuntime().availableProcessors() + "]");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int status = run(sc, o, System.out::println);
            System.exit(status);
        }
    }

    /** The job's options: SPEC --out DIR [--data DIR] [--trial-threads T]. */
    record Options(Path specFile, SweepSpec spec, String specText, Path out, String data, int trialThreads) {
        static Options parse(String[] args) throws IOException {
            Path spec = null, out = null;
            String data = null;
            int threads = 1;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--data" -> data = value(args, ++i, a);
                    case "--trial-threads" -> {
                        try {
                            threads = Integer.parseInt(value(args, ++i, a));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--trial-threads must be a whole number, got " + args[i]);
                        }
                        if (threads < 1) throw new IllegalArgumentException("--trial-threads must be at least 1, got " + threads);
                    }
                    default -> {
                        if (a.startsWith("-") || spec != null) throw new IllegalArgumentException("unknown argument " + a
                                + " (usage: SPEC --out DIR [--data DIR] [--trial-threads T])");
                        spec = Path.of(a);
                    }
                }
            }
            if (spec == null || out == null) throw new IllegalArgumentException("usage: SPEC --out DIR [--data DIR] [--trial-threads T]");
            String text;
            try {
                text = Files.readString(spec, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(spec + ": no such file: give the path of a sweep spec (JSON)");
            }
            SweepSpec parsed = SweepSpec.parse(text, spec.toString()); // a SweepSpecException is an IllegalArgumentException
            return new Options(spec, parsed, text, out, data, threads);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
            return args[i];
        }
    }

    /** Runs the trials not yet in {@code DIR/trials.jsonl}; returns the exit status (0, or 1 when a trial failed). */
    static int run(JavaSparkContext sc, Options o, java.util.function.Consumer<String> log) throws IOException, InterruptedException {
        Files.createDirectories(o.out.resolve("models"));
        List<Trial> trials = o.spec.trials();
        int failed = 0;
        try (TrialsFile file = TrialsFile.open(o.out.resolve("trials.jsonl"))) {
            List<Trial> todo = trials.stream().filter(t -> !file.done(t.hash())).toList();
            log.accept(String.format(Locale.ROOT, "vecnn-spark: sweep %s: %d trials, %d already done, %d to run as Spark tasks of %d cpus",
                    o.spec.name(), trials.size(), trials.size() - todo.size(), todo.size(), o.trialThreads));
            Map<Trial, JavaFutureAction<List<TrialTask.Result>>> jobs = new LinkedHashMap<>();
            for (Trial t : todo) {
                sc.setJobDescription("trial " + t.index() + ": " + t.describeAxes());
                TrialTask task = new TrialTask(o.specText, o.specFile.toString(), o.data, o.trialThreads);
                jobs.put(t, sc.parallelize(List.of(t.index()), 1).map(task::run).collectAsync());
            }
            List<Trial> pending = new ArrayList<>(jobs.keySet());
            while (!pending.isEmpty()) {
                for (var it = pending.iterator(); it.hasNext(); ) {
                    Trial t = it.next();
                    JavaFutureAction<List<TrialTask.Result>> job = jobs.get(t);
                    if (!job.isDone()) continue;
                    it.remove();
                    try {
                        TrialTask.Result r = job.get().get(0);
                        @SuppressWarnings("unchecked") Map<String, Object> record = (Map<String, Object>) Json.parse(r.record());
                        if (r.model() != null) {
                            String name = t.hash() + ".safetensors";
                            AtomicFiles.write(o.out.resolve("models").resolve(name), r.model());
                            record.put("model", name);
                        }
                        if ("failed".equals(record.get("status"))) failed++;
                        if (file.append(record)) log.accept("trial " + t.index() + " (" + t.describeAxes() + "): " + record.get("status")
                                + (record.get("test_accuracy") instanceof Number a ? String.format(Locale.ROOT, ", test accuracy %.2f%%", 100 * a.doubleValue()) : ""));
                    } catch (java.util.concurrent.ExecutionException e) {
                        failed++;
                        log.accept("trial " + t.index() + " failed after Spark's retries: " + e.getCause().getMessage()
                                + " (not recorded; run again to retry it)");
                    }
                }
                if (!pending.isEmpty()) Thread.sleep(100);
            }
            SweepSummary summary = SweepSummary.of(o.spec, file.records(), null);
            AtomicFiles.writeString(o.out.resolve("summary.md"), summary.markdown());
            log.accept(summary.markdown());
        }
        return failed == 0 ? 0 : 1;
    }
}
