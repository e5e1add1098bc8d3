#!/usr/bin/python3
"""Hand-written NumPy peer of issue 7 (float32, matrix products through NumPy's BLAS): trains one case
the way vecnn's preset does and prints JSON lines (one per epoch, then a summary). NumPy's own
loops are single-threaded; the BLAS pool follows OPENBLAS_NUM_THREADS, which compare.sh sets.

  OPENBLAS_NUM_THREADS=2 /usr/bin/python3 peers/numpy_peer.py --case tanh --threads 2 --epochs 5 --data DIR
"""
import sys
import time

import peerdata as pd

np = pd.np
F32 = np.float32


class Net:
    """Dense layers stored in x @ W form (W is in x out), softmax or sigmoid head. The weights start
    from vecnn's own draws (peerdata.vecnn_initial_weights), or zero."""

    def __init__(self, spec, initial, outputs):
        widths = [784] + ([spec['hidden']] if spec['hidden'] else []) + [outputs]
        self.W = ([w.copy() for w in initial] if initial is not None else
                  [np.zeros((widths[i], widths[i + 1]), dtype=F32) for i in range(len(widths) - 1)])
        self.b = [np.zeros(widths[i + 1], dtype=F32) for i in range(len(widths) - 1)]
        self.act = spec.get('act')
        self.params = [p for pair in zip(self.W, self.b) for p in pair]
        self.vel = [np.zeros_like(p) for p in self.params]

    def forward(self, x):
        hs = []
        h = x
        for i, (W, b) in enumerate(zip(self.W, self.b)):
            z = h @ W
            z += b
            if i < len(self.W) - 1:
                if self.act == 'tanh':
                    np.tanh(z, out=z)
                else:
                    np.maximum(z, 0, out=z)
                hs.append(z)
            h = z
        return hs, h

    def backward(self, x, hs, g):
        """g: dLoss/dlogits (already scaled for the reduction). Returns gradients in params order."""
        grads = [None] * len(self.params)
        for i in range(len(self.W) - 1, -1, -1):
            inp = x if i == 0 else hs[i - 1]
            grads[2 * i] = inp.T @ g
            grads[2 * i + 1] = g.sum(axis=0)
            if i > 0:
                g = g @ self.W[i].T
                h = hs[i - 1]
                if self.act == 'tanh':
                    g *= 1 - h * h
                else:
                    g *= h > 0
        return grads

    def step(self, grads, lr, momentum):
        for p, v, g in zip(self.params, self.vel, grads):
            if momentum:
                v *= momentum
                v -= lr * g
                p += v
            else:
                p -= lr * g


def softmax_xent(logits, y, scale):
    """Loss summed over rows; logits becomes dLoss/dlogits * scale in place."""
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    rows = np.arange(len(y))
    loss = -np.log(np.maximum(logits[rows, y], 1e-30)).sum(dtype=np.float64)
    logits[rows, y] -= 1
    if scale != 1:
        logits *= scale
    return loss


def sigmoid_xent(logits, y, scale):
    """Loss summed over rows; returns (loss, probabilities) and turns logits into the scaled gradient."""
    p = 1 / (1 + np.exp(-logits))
    t = y.astype(F32)[:, None]
    eps = 1e-7
    loss = -(t * np.log(np.maximum(p, eps)) + (1 - t) * np.log(np.maximum(1 - p, eps))).sum(dtype=np.float64)
    np.subtract(p, t, out=logits)
    if scale != 1:
        logits *= scale
    return loss, p


def main():
    args = pd.common_args(__doc__).parse_args()
    spec = pd.CASES[args.case]
    xtr, ytr, xte, yte, fp = pd.prepare(args.case, args.data)
    binary = args.case == 'neuron'
    net = Net(spec, pd.vecnn_initial_weights(args.case), 1 if binary else 10)
    start = [w.copy() for w in net.W]
    versions = {'numpy': np.__version__, 'openblas': pd.openblas_info()}
    rates = []

    if args.case == 'infer':
        n = len(yte)
        for p in range(1, args.epochs + 1):
            t0 = time.perf_counter()
            for r0 in range(0, n, spec['batch']):
                _, logits = net.forward(xte[r0:r0 + spec['batch']])
                pred = logits.argmax(axis=1)
            rate = n / (time.perf_counter() - t0)
            rates.append(rate)
            pd.emit({'peer': 'numpy', 'case': args.case, 'threads': args.threads, 'epoch': p, 'samples_per_s': rate})
        pd.summarise('numpy', args.case, args.threads, rates, args.warmup, None, fp, versions)
        return

    n = len(ytr)
    batch = spec['batch'] or n
    shuffled = batch < n
    xb_buf = np.empty((batch, 784), dtype=F32)
    orders = pd.vecnn_orders(args.case, n, args.epochs)  # vecnn's own row order, epoch by epoch
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        loss_sum = 0.0
        correct = 0
        order = orders[epoch - 1] if shuffled else None
        for r0 in range(0, n, batch):
            if shuffled:
                idx = order[r0:r0 + batch]
                xb = xb_buf[:len(idx)]
                np.take(xtr, idx, axis=0, out=xb)
                yb = ytr[idx]
            else:
                xb, yb = xtr, ytr
            rows = len(yb)
            scale = 1.0 if spec['reduction'] == 'sum' else 1.0 / rows
            hs, logits = net.forward(xb)
            if binary:
                loss, p = sigmoid_xent(logits, yb, scale)
                correct += int(((p[:, 0] >= spec['threshold']) == (yb == 1)).sum())
            else:
                correct += int((logits.argmax(axis=1) == yb).sum())
                loss = softmax_xent(logits, yb, scale)
            loss_sum += loss
            net.step(net.backward(xb, hs, logits), spec['lr'], spec['momentum'])
        rate = n / (time.perf_counter() - t0)
        rates.append(rate)
        pd.emit({'peer': 'numpy', 'case': args.case, 'threads': args.threads, 'epoch': epoch, 'samples_per_s': rate,
                 'train_loss': loss_sum / n})

    _, logits = net.forward(xte)
    if binary:
        pred = (1 / (1 + np.exp(-logits[:, 0])) >= spec['threshold']).astype(np.int64)
    else:
        pred = logits.argmax(axis=1)
    acc = float((pred == yte).mean())
    pd.summarise('numpy', args.case, args.threads, rates, args.warmup, acc, fp, versions, start=start)


if __name__ == '__main__':
    main()
