package dev.vecnn.bench.layout;

import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.SgdKernel;

/**
 * The trainer's SGD update (train.Sgd is package-private, so this mirrors it): one
 * {@link SgdKernel#update} per parameter, split across the pool by {@link KernelPool#elementwiseParts} like
 * the trainer splits it, with a reused task so it allocates nothing.
 */
public final class SgdUpdate implements KernelPool.Task {
    private final KernelPool pool;
    private final float[][] values;
    private final float[][] grads;
    private final float[][] velocities;
    private final float learningRate;
    private final float momentum;
    private int current;
    private int tasks;

    public SgdUpdate(KernelPool pool, float[][] values, float[][] grads, float learningRate, float momentum) {
        this.pool = pool;
        this.values = values;
        this.grads = grads;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.velocities = new float[values.length][];
        if (momentum > 0f) {
            for (int i = 0; i < values.length; i++) velocities[i] = new float[values[i].length];
        }
    }

    public void run() {
        for (int i = 0; i < values.length; i++) {
            int len = values[i].length;
            int t = pool.elementwiseParts(len);
            if (t == 1) {
                SgdKernel.update(values[i], 0, grads[i], 0, velocities[i], 0, len, learningRate, momentum, 0f, 0f);
            } else {
                current = i;
                tasks = t;
                pool.run(t, this);
            }
        }
    }

    @Override
    public void run(int worker, int index) {
        int len = values[current].length;
        int from = KernelPool.partStart(len, tasks, index, 1), to = KernelPool.partStart(len, tasks, index + 1, 1);
        SgdKernel.update(values[current], from, grads[current], from, velocities[current], from, to - from,
                learningRate, momentum, 0f, 0f);
    }
}
