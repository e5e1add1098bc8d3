package dev.vecnn.train;

import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.SgdKernel;
import dev.vecnn.nn.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with optional classical or Nesterov momentum and L1/L2 penalties on the weights,
 * applied through the {@link SgdKernel#update} kernel. Holds the momentum buffers (one per
 * parameter, zero at the start) that checkpoints save. The update is elementwise, so however it is
 * split over threads or slices it gives the same bits.
 */
final class Sgd {
    private final List<Parameter> parameters;
    private final List<float[]> velocities;
    private final float learningRate;
    private final float momentum;
    private final float l1;
    private final float l2;
    private final boolean nesterov;
    private final Slices slices = new Slices();

    Sgd(List<Parameter> parameters, float learningRate, float momentum, float l1, float l2) {
        this(parameters, learningRate, momentum, l1, l2, MomentumForm.CLASSICAL);
    }

    Sgd(List<Parameter> parameters, float learningRate, float momentum, float l1, float l2, MomentumForm form) {
        this.nesterov = form == MomentumForm.NESTEROV;
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
    }

    /** Momentum buffers in parameter order, or null without momentum. */
    List<float[]> velocities() {
        return velocities;
    }

    /** The values of parameter {@code i} (tests). */
    float[] parameterValues(int i) {
        return parameters.get(i).values();
    }

    /** The parameter with the most values (-1 when there is none). */
    int largestParameter() {
        int l = parameters.isEmpty() ? -1 : 0;
        for (int i = 1; i < parameters.size(); i++) {
            if (parameters.get(i).size() > parameters.get(l).size()) l = i;
        }
        return l;
    }

    /** One update of every parameter. */
    void step(KernelPool pool) {
        stepAllBut(pool, -1);
    }

    /** The update of every parameter but {@code skipped}, which the caller updates by {@link #updateSlice}. */
    void stepAllBut(KernelPool pool, int skipped) {
        for (int i = 0; i < parameters.size(); i++) {
            if (i == skipped) continue;
            int parts = slices(pool, i);
            if (parts == 1) {
                updateSlice(i, 0, 1);
            } else {
                slices.parameter = i;
                slices.parts = parts;
                pool.run(parts, slices);
            }
        }
    }

    /** Into how many slices a parallel update of parameter {@code i} is cut on {@code pool}. */
    int slices(KernelPool pool, int i) {
        return Math.min(pool.elementwiseParts(parameters.get(i).size()), rows(i));
    }

    /**
     * Updates slice {@code slice} of {@code slices} near-equal slices of parameter {@code i}, cut between
     * rows of a matrix: a product split by rows (a weight gradient's slabs, an owner-computes step's
     * units) then wrote each slice's gradient on the thread that updates it.
     */
    void updateSlice(int i, int slice, int slices) {
        int rows = rows(i), rowLength = parameters.get(i).size() / rows;
        updateRange(i, KernelPool.partStart(rows, slices, slice, 1) * rowLength,
                KernelPool.partStart(rows, slices, slice + 1, 1) * rowLength);
    }

    /** The rows of parameter {@code i}: a matrix's first dimension, a vector's length. */
    private int rows(int i) {
        Parameter p = parameters.get(i);
        return p.shape().length == 2 ? p.shape()[0] : Math.max(1, p.size());
    }

    /** Updates values [start, end) of parameter {@code i}. */
    void updateRange(int i, int start, int end) {
        Parameter p = parameters.get(i);
        float[] v = velocities == null ? null : velocities.get(i);
        float pl1 = p.penalised() ? l1 : 0f, pl2 = p.penalised() ? l2 : 0f;
        SgdKernel.update(p.values(), start, p.grad(), start, v, start, end - start, learningRate, momentum, pl1, pl2,
                nesterov);
    }

    /** Reused so a parallel update allocates nothing. */
    private final class Slices implements KernelPool.Task {
        int parameter;
        int parts;

        @Override
        public void run(int worker, int index) {
            updateSlice(parameter, index, parts);
        }
    }
}
