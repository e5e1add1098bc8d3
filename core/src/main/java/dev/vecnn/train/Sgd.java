package dev.vecnn.train;

import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.Reductions;
import dev.vecnn.nn.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with optional classical momentum and L1/L2 penalties on the
 * weights, applied through the {@link Reductions#sgdStep} kernel. Holds the momentum buffers
 * (one per parameter, zero at the start) that checkpoints save.
 */
final class Sgd {
    private final List<Parameter> parameters;
    private final List<float[]> velocities;
    private final float learningRate;
    private final float momentum;
    private final float l1;
    private final float l2;
    private final StepTask task = new StepTask();
    /** The parameter with the most values, whose update region can carry a companion task (see step). */
    private final int largest;

    Sgd(List<Parameter> parameters, float learningRate, float momentum, float l1, float l2) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.l1 = l1;
        this.l2 = l2;
        if (momentum > 0f) {
            velocities = new ArrayList<>();
            for (Parameter p : parameters) velocities.add(new float[p.size()]);
        } else {
            velocities = null;
        }
        int l = 0;
        for (int i = 1; i < parameters.size(); i++) {
            if (parameters.get(i).size() > parameters.get(l).size()) l = i;
        }
        largest = l;
    }

    /** Momentum buffers in parameter order, or null without momentum. */
    List<float[]> velocities() {
        return velocities;
    }

    void step(KernelPool pool) {
        step(pool, null, 0);
    }

    /**
     * One update; with a {@code companion}, its tasks [0, companionTasks) run in the same parallel
     * region as the update of the largest parameter, task i beside update slab i. The trainer copies
     * the next minibatch that way: the copy waits on memory for rows scattered over the training set,
     * the update streams the weights, and the two overlap on each core.
     */
    void step(KernelPool pool, KernelPool.Task companion, int companionTasks) {
        if (parameters.isEmpty()) {
            if (companion != null) pool.run(companionTasks, companion);
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] v = velocities == null ? null : velocities.get(i);
            float pl1 = p.penalised() ? l1 : 0f;
            float pl2 = p.penalised() ? l2 : 0f;
            int tasks = pool.elementwiseParts(p.size());
            KernelPool.Task with = i == largest ? companion : null;
            int withTasks = with == null ? 0 : companionTasks;
            if (tasks == 1 && with == null) {
                Reductions.sgdStep(p.values(), 0, p.grad(), 0, v, 0, p.size(), learningRate, momentum, pl1, pl2);
            } else {
                task.set(p, v, pl1, pl2, tasks, with, withTasks);
                pool.run(Math.max(tasks, withTasks), task);
                task.set(null, null, 0f, 0f, 0, null, 0);
            }
        }
    }

    /** Reused so a parallel update allocates nothing. Elementwise, so the split never changes a value. */
    private final class StepTask implements KernelPool.Task {
        private Parameter p;
        private float[] v;
        private float l1;
        private float l2;
        private int tasks;
        private KernelPool.Task companion;
        private int companionTasks;

        void set(Parameter p, float[] v, float l1, float l2, int tasks, KernelPool.Task companion, int companionTasks) {
            this.p = p;
            this.v = v;
            this.l1 = l1;
            this.l2 = l2;
            this.tasks = tasks;
            this.companion = companion;
            this.companionTasks = companionTasks;
        }

        @Override
        public void run(int worker, int index) {
            if (index < tasks) {
                int start = KernelPool.partStart(p.size(), tasks, index, 1);
                int end = KernelPool.partStart(p.size(), tasks, index + 1, 1);
                Reductions.sgdStep(p.values(), start, p.grad(), start, v, start, end - start, learningRate, momentum, l1, l2);
            }
            if (index < companionTasks) {
                companion.run(worker, index);
            }
        }
    }
}
