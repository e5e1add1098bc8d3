package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.Tuning;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.Rng;
import dev.vecnn.nn.Workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains an {@link Mlp} by full-batch gradient descent or minibatch SGD with a fresh seeded
 * shuffle per epoch, with classical or Nesterov momentum, L1/L2, early stopping on validation loss or
 * accuracy, per-epoch metrics, divergence detection, CSV output and checkpoints. Epochs and data order live here; all arithmetic is in
 * the kernels. Same configuration and seed give bit-identical weights and metrics for any number
 * of pool threads.
 *
 * <pre>{@code
 * TrainResult r = new Trainer(config, pool).onEpoch(bar::update).csv(Path.of("run.csv")).train(train, val, test);
 * }</pre>
 */
public final class Trainer {

    private final TrainConfig config;
    private final KernelPool pool;
    private final Gemm gemm;
    private EpochListener listener = EpochListener.NONE;
    private ModelInspector inspector;
    private Path csvFile;
    private Path checkpointFile;
    private int checkpointEvery;
    private Map<String, String> context = Map.of();
    private java.util.function.BooleanSupplier stopRequested = () -> false;

    /** Keys of the run context start with this; see {@link #context(Map)}. */
    public static final String CONTEXT_PREFIX = "vecnn.run.";

    public Trainer(TrainConfig config, KernelPool pool) {
        this.config = config;
        this.pool = pool;
        this.gemm = new Gemm(pool);
    }

    public TrainConfig config() {
        return config;
    }

    /** Called after every recorded epoch (after its checkpoint is written). */
    public Trainer onEpoch(EpochListener l) {
        this.listener = l == null ? EpochListener.NONE : l;
        return this;
    }

    /** Sees the model at every recorded epoch, for measurements the metrics do not hold; it must not change it. */
    @FunctionalInterface
    public interface ModelInspector {
        void inspect(int epoch, Mlp model);
    }

    /** Called with the model after every recorded epoch, before the epoch listener. */
    public Trainer inspect(ModelInspector i) {
        this.inspector = i;
        return this;
    }

    /** Writes the metrics table to {@code file} (atomically) at every checkpoint and at the end. */
    public Trainer csv(Path file) {
        this.csvFile = file;
        return this;
    }

    /** Writes a checkpoint to {@code file} (atomically, replacing the last) every {@code everyEpochs} epochs. */
    public Trainer checkpoints(Path file, int everyEpochs) {
        if (everyEpochs < 1) throw new IllegalArgumentException("checkpoint interval must be at least 1 epoch, got " + everyEpochs);
        this.checkpointFile = file;
        this.checkpointEvery = everyEpochs;
        return this;
    }

    /**
     * What shaped the run besides the configuration (how the data was split and normalised, a checksum
     * of it), as {@code vecnn.run.*} keys: written into every checkpoint, and a resume whose context
     * gives any of the checkpoint's keys another value is refused.
     */
    public Trainer context(Map<String, String> runContext) {
        for (String k : runContext.keySet()) {
            if (!k.startsWith(CONTEXT_PREFIX)) throw new IllegalArgumentException("run context key '" + k + "' must start with " + CONTEXT_PREFIX);
        }
        this.context = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(runContext)); // in order: same run, same file
        return this;
    }

    /**
     * Asked before every step and after every epoch: once it says true the run stops with
     * {@link RunStatus#INTERRUPTED}. A partly trained epoch is undone, so the model, the momentum and
     * the shuffle are those of the last whole epoch, which a checkpoint (when set) then records: a
     * resume from it gives the same weights as a run never stopped. No evaluation follows the stop.
     */
    public Trainer stopWhen(java.util.function.BooleanSupplier stop) {
        this.stopRequested = stop == null ? () -> false : stop;
        return this;
    }

    /** The model {@link #train} starts from: the weights drawn from the configuration's seed. */
    public static Mlp initialModel(TrainConfig config) {
        return Mlp.initialise(config.model(), new Rng(config.seed()).nextLong());
    }

    /**
     * Trains a freshly initialised model. {@code validation} and {@code test} may be null; early
     * stopping needs a validation set. Never throws for a diverging run (see {@link RunStatus#DIVERGED});
     * throws UncheckedIOException if the CSV or a checkpoint cannot be written.
     */
    public TrainResult train(Dataset train, Dataset validation, Dataset test) {
        Rng seeds = new Rng(config.seed());
        Mlp model = Mlp.initialise(config.model(), seeds.nextLong());
        long shuffleState = seeds.nextLong();
        Sgd sgd = newSgd(model);
        State s = new State(model, sgd, Rng.fromState(shuffleState));
        return run(s, train, validation, test);
    }

    private Sgd newSgd(Mlp model) {
        return new Sgd(model.parameters(), config.learningRate(), config.momentum(), config.l1(), config.l2(),
                config.momentumForm());
    }

    /**
     * Throws IllegalArgumentException naming the first setting in which {@code checkpoint} differs from
     * this trainer's configuration (the number of epochs aside) or from its run context.
     */
    public void checkResumable(Checkpoint checkpoint) {
        if (!checkpoint.config().withEpochs(config.epochs()).equals(config)) {
            throw new IllegalArgumentException("the checkpoint was written with a different configuration: "
                    + firstDifference(checkpoint.config().withEpochs(config.epochs()).toMetadata(), config.toMetadata())
                    + "; resume with the same preset and flags (only --epochs may change)");
        }
        // A checkpoint written before the context was recorded has none of these keys: nothing to compare.
        for (Map.Entry<String, String> e : checkpoint.context().entrySet()) {
            if (!e.getValue().equals(context.get(e.getKey()))) {
                throw new IllegalArgumentException("the checkpoint was written with different data: " + e.getKey() + " is "
                        + e.getValue() + " in the checkpoint and " + context.getOrDefault(e.getKey(), "not set")
                        + " in this run; resume with the same data and data flags");
            }
        }
    }

    /**
     * Continues the run saved in {@code checkpoint}, which must have this trainer's configuration
     * (the number of epochs may differ, to extend a run) and run context. Gives the same final
     * weights as a run that was never interrupted.
     */
    public TrainResult resume(Checkpoint checkpoint, Dataset train, Dataset validation, Dataset test) {
        checkResumable(checkpoint);
        Mlp model = checkpoint.model().copy();
        Sgd sgd = newSgd(model);
        if (sgd.velocities() != null) {
            for (int i = 0; i < sgd.velocities().size(); i++) {
                float[] v = checkpoint.velocities().get(i);
                System.arraycopy(v, 0, sgd.velocities().get(i), 0, v.length);
            }
        }
        State s = new State(model, sgd, Rng.fromState(checkpoint.rngState()));
        s.epoch = checkpoint.epoch();
        s.best = checkpoint.best() == null ? null : checkpoint.best().copy();
        s.bestValLoss = checkpoint.bestValLoss();
        s.bestValAccuracy = checkpoint.bestValAccuracy();
        s.bestEpoch = checkpoint.bestEpoch();
        s.staleEvaluations = checkpoint.staleEvaluations();
        s.history.addAll(checkpoint.history());
        s.elapsedBefore = checkpoint.elapsedSeconds();
        return run(s, train, validation, test);
    }

    /** "KEY is A in the checkpoint and B in this run" for the first setting where the two differ. */
    private static String firstDifference(Map<String, String> checkpoint, Map<String, String> run) {
        for (Map.Entry<String, String> e : checkpoint.entrySet()) {
            String now = run.get(e.getKey());
            if (!e.getValue().equals(now)) {
                return e.getKey() + " is " + e.getValue() + " in the checkpoint and " + now + " in this run";
            }
        }
        return "the settings differ";
    }

    /** Mutable state of a run; a {@link Checkpoint} is a copy of it. */
    private static final class State {
        final Mlp model;
        final Sgd sgd;
        Rng rng;
        int epoch;
        Mlp best;
        double bestValLoss = Double.POSITIVE_INFINITY;
        double bestValAccuracy = Double.NEGATIVE_INFINITY;
        int bestEpoch;
        int staleEvaluations;
        final List<EpochMetrics> history = new ArrayList<>();
        double elapsedBefore;

        State(Mlp model, Sgd sgd, Rng rng) {
            this.model = model;
            this.sgd = sgd;
            this.rng = rng;
        }
    }

    private TrainResult run(State s, Dataset train, Dataset validation, Dataset test) {
        Mlp model = s.model;
        Evaluator.checkCompatible(model, train);
        if (train.rows() == 0) throw new IllegalArgumentException("training set " + train.name() + " is empty");
        if (validation != null) Evaluator.checkCompatible(model, validation);
        if (test != null) Evaluator.checkCompatible(model, test);
        boolean earlyStopping = config.patience() > 0 && validation != null && validation.rows() > 0;

        int n = train.rows();
        StepPipeline steps = new StepPipeline(config, model, s.sgd, gemm, train);
        int[] order = steps.shuffled() ? new int[n] : null;
        Evaluator evaluator = new Evaluator(gemm);
        Mlp lastGood = model.copy();
        float threshold = config.threshold();

        long runStart = System.nanoTime();
        double trainNanosTotal = 0;
        long samplesTotal = 0;
        RunStatus status = RunStatus.COMPLETED;
        int stopEpoch = Math.max(s.epoch, config.epochs());
        int lastEpoch = config.epochs();
        int checkpointed = -1;
        // What a stop in the middle of an epoch rolls back to (the weights are in lastGood).
        List<float[]> lastGoodVelocities = copies(s.sgd.velocities());
        if (earlyStopping && s.staleEvaluations >= config.patience()) {
            // A checkpoint written at the epoch where early stopping fired: the run is over.
            status = RunStatus.EARLY_STOPPED;
            stopEpoch = s.epoch;
            lastEpoch = s.epoch;
        }

        for (int epoch = s.epoch + 1; epoch <= lastEpoch; epoch++) {
            long epochStart = System.nanoTime();
            long rngAtEpochStart = s.rng.state();
            if (order != null) {
                for (int i = 0; i < n; i++) order[i] = i;
                s.rng.shuffle(order, n);
            }
            steps.epoch(order, stopRequested);
            boolean stopped = steps.stopped, finite = steps.finite;
            double lossSum = steps.lossSum;
            long correct = steps.correct;
            long trainNanos = System.nanoTime() - epochStart;
            if (stopped) {
                model.copyParametersFrom(lastGood);
                restore(s.sgd.velocities(), lastGoodVelocities);
                s.rng = Rng.fromState(rngAtEpochStart);
                status = RunStatus.INTERRUPTED;
                stopEpoch = s.epoch;
                break;
            }
            if (!finite) {
                status = RunStatus.DIVERGED;
                stopEpoch = epoch;
                model.copyParametersFrom(lastGood);
                break;
            }
            trainNanosTotal += trainNanos;
            samplesTotal += n;
            s.epoch = epoch;

            EpochMetrics metrics = null;
            boolean record = epoch % config.evalEvery() == 0 || epoch == config.epochs();
            if (record) {
                Evaluation val = validation == null ? null : evaluator.evaluate(model, validation, threshold);
                Evaluation tst = test == null ? null : evaluator.evaluate(model, test, threshold);
                if ((val != null && !Double.isFinite(val.loss())) || (tst != null && !Double.isFinite(tst.loss()))) {
                    status = RunStatus.DIVERGED;
                    stopEpoch = epoch;
                    model.copyParametersFrom(lastGood);
                    break;
                }
                double now = seconds(System.nanoTime() - runStart);
                metrics = new EpochMetrics(epoch, lossSum / n, (double) correct / n,
                        val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(),
                        tst == null ? Double.NaN : tst.loss(), tst == null ? Double.NaN : tst.accuracy(),
                        seconds(System.nanoTime() - epochStart), n / seconds(trainNanos), s.elapsedBefore + now);
                s.history.add(metrics);
                if (earlyStopping) {
                    // Each criterion tracks only its own best; the other keeps its before-any value.
                    boolean better = config.stopOn() == StopCriterion.ACCURACY
                            ? val.accuracy() > s.bestValAccuracy : val.loss() < s.bestValLoss;
                    if (better) {
                        if (s.best == null) s.best = model.copy();
                        else s.best.copyParametersFrom(model);
                        if (config.stopOn() == StopCriterion.ACCURACY) s.bestValAccuracy = val.accuracy();
                        else s.bestValLoss = val.loss();
                        s.bestEpoch = epoch;
                        s.staleEvaluations = 0;
                    } else if (++s.staleEvaluations >= config.patience()) {
                        status = RunStatus.EARLY_STOPPED;
                        stopEpoch = epoch;
                    }
                }
            }
            lastGood.copyParametersFrom(model);
            restore(lastGoodVelocities, s.sgd.velocities());
            if (checkpointFile != null && epoch % checkpointEvery == 0) {
                writeCheckpoint(s, seconds(System.nanoTime() - runStart));
                checkpointed = epoch;
            }
            if (metrics != null && inspector != null) inspector.inspect(epoch, model);
            if (metrics != null) listener.onEpoch(metrics);
            if (status == RunStatus.EARLY_STOPPED) break;
            if (epoch < lastEpoch && stopRequested.getAsBoolean()) {
                status = RunStatus.INTERRUPTED;
                stopEpoch = epoch;
                break;
            }
        }

        if (status == RunStatus.INTERRUPTED) {
            // Promptly, and only what the stop needs: the state of the last whole epoch, kept.
            if (checkpointFile != null && checkpointed != s.epoch) writeCheckpoint(s, seconds(System.nanoTime() - runStart));
            else if (csvFile != null) writeCsv(s.history);
            return new TrainResult(config, model, s.history, status, stopEpoch, s.bestEpoch,
                    s.elapsedBefore + seconds(System.nanoTime() - runStart),
                    trainNanosTotal == 0 ? Double.NaN : samplesTotal / seconds((long) trainNanosTotal), null, null, null);
        }

        if (earlyStopping && s.best != null) model.copyParametersFrom(s.best);
        double wall = s.elapsedBefore + seconds(System.nanoTime() - runStart);
        if (csvFile != null) writeCsv(s.history);
        Evaluation trainEval = evaluator.evaluate(model, train, threshold);
        Evaluation valEval = validation == null ? null : evaluator.evaluate(model, validation, threshold);
        Evaluation testEval = test == null ? null : evaluator.evaluate(model, test, threshold);
        double samplesPerSecond = trainNanosTotal == 0 ? Double.NaN : samplesTotal / seconds((long) trainNanosTotal);
        return new TrainResult(config, model, s.history, status, stopEpoch, s.bestEpoch, wall, samplesPerSecond,
                trainEval, valEval, testEval);
    }

    private static List<float[]> copies(List<float[]> arrays) {
        if (arrays == null) return null;
        List<float[]> c = new ArrayList<>();
        for (float[] a : arrays) c.add(a.clone());
        return c;
    }

    private static void restore(List<float[]> into, List<float[]> from) {
        if (into == null) return;
        for (int i = 0; i < into.size(); i++) System.arraycopy(from.get(i), 0, into.get(i), 0, into.get(i).length);
    }

    private void writeCheckpoint(State s, double elapsedThisSession) {
        List<float[]> velocities = null;
        if (s.sgd.velocities() != null) {
            velocities = new ArrayList<>();
            for (float[] v : s.sgd.velocities()) velocities.add(v.clone());
        }
        Checkpoint c = new Checkpoint(config, s.epoch, s.rng.state(), s.model.copy(), velocities,
                s.best == null ? null : s.best.copy(), s.bestValLoss, s.bestValAccuracy, s.bestEpoch, s.staleEvaluations,
                s.history, s.elapsedBefore + elapsedThisSession, context);
        try {
            CheckpointFile.write(checkpointFile, c);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + e.getMessage(), e);
        }
        if (csvFile != null) writeCsv(s.history);
    }

    private void writeCsv(List<EpochMetrics> history) {
        try {
            MetricsCsv.write(csvFile, history);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics " + e.getMessage(), e);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
