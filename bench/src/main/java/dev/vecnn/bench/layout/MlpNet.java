package dev.vecnn.bench.layout;

import dev.vecnn.kernel.Gemm;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.Parameter;
import dev.vecnn.nn.Workspace;
import java.util.List;

/**
 * vecnn as shipped: the library's {@link Mlp} and {@link Workspace} (batch-major activations,
 * packed GEMM with the bias and activation fused into its write-back), called exactly as the
 * trainer calls them in one step.
 */
public final class MlpNet implements Net {
    private final Mlp model;
    private final Workspace ws;
    private final Gemm gemm;
    private final SyntheticData data;
    private final SgdUpdate sgd;

    public MlpNet(Mlp model, Gemm gemm, SyntheticData data, float learningRate, float momentum) {
        this.model = model;
        this.gemm = gemm;
        this.data = data;
        this.ws = model.workspace(data.rows);
        List<Parameter> ps = model.parameters();
        float[][] values = new float[ps.size()][], grads = new float[ps.size()][];
        for (int i = 0; i < ps.size(); i++) {
            values[i] = ps.get(i).values();
            grads[i] = ps.get(i).grad();
        }
        this.sgd = new SgdUpdate(gemm.pool(), values, grads, learningRate, momentum);
    }

    @Override
    public void forward() {
        model.forward(gemm, ws, data.x, 0, data.rows);
    }

    @Override
    public double loss() {
        return model.loss(ws, data.rows, data.labels, 0, true, 1f / data.rows) / data.rows;
    }

    @Override
    public void backward() {
        model.backward(gemm, ws, data.x, 0, data.rows);
    }

    @Override
    public void update() {
        sgd.run();
    }

    @Override
    public float[] logits() {
        return java.util.Arrays.copyOf(ws.logits(), data.rows * model.config().outputs());
    }

    @Override
    public float[][] values() {
        return model.parameters().stream().map(Parameter::values).toArray(float[][]::new);
    }

    @Override
    public float[][] gradients() {
        return model.parameters().stream().map(Parameter::grad).toArray(float[][]::new);
    }
}
