"""Shared by the Python peers of peers/: reads the MNIST IDX files and prepares exactly the
data vecnn's presets train on (same rows, same order of the held-out split, same preprocessing).

Row selection replays java.util.SplittableRandom bit for bit, so vecnn's 48,000/12,000 split of
seed 004 and seed 000's balanced one-vs-rest subset are the same rows here; compare.sh checks the
fingerprint each side prints.
"""
import ctypes
import json
import math
import os
import platform
import statistics
import sys

import numpy as np

M64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
FEATURES = 784
CLASSES = 10
SPLIT_SEED = 1        # DataSpec.DEFAULT_SPLIT_SEED
VALIDATION_ROWS = 12_000
OVR_SEED = 1          # TrainConfig.DEFAULT_SEED, the seed ExperimentRunner gives the balanced subsets
OVR_PER_SIDE = 5000


def _s32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


class SplittableRandom:
    """java.util.SplittableRandom(long seed): nextInt, nextInt(bound), nextLong."""

    def __init__(self, seed):
        self.seed = seed & M64
        self.gamma = GOLDEN_GAMMA

    def _next_seed(self):
        self.seed = (self.seed + self.gamma) & M64
        return self.seed

    def next_long(self):
        z = self._next_seed()
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def next_int(self):
        z = self._next_seed()
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & M64
        return _s32((((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & M64) >> 32)

    def next_int_bound(self, bound):
        m = bound - 1
        r = self.next_int()
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if _s32(u + m - r) >= 0:
                return r
            u = (self.next_int() & 0xFFFFFFFF) >> 1


def permutation(n, seed):
    """Splits.permutation: Fisher-Yates from the end."""
    order = list(range(n))
    rnd = SplittableRandom(seed)
    for i in range(n - 1, 0, -1):
        j = rnd.next_int_bound(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def read_idx(path, header):
    with open(path, 'rb') as f:
        raw = f.read()
    return np.frombuffer(raw, dtype=np.uint8, offset=header)


def load(data_dir):
    """Raw pixel bytes (rows x 784, uint8) and labels (int64) of the training and test files."""
    def pair(images, labels):
        x = read_idx(os.path.join(data_dir, images), 16).reshape(-1, FEATURES)
        y = read_idx(os.path.join(data_dir, labels), 8).astype(np.int64)
        return x, y
    return pair('train-images-idx3-ubyte', 'train-labels-idx1-ubyte'), pair('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte')


def scale01(raw):
    """MnistLoader: byte / 255f, float32."""
    return raw.astype(np.float32) / np.float32(255)


def zscore(raw):
    """Normalization.PER_IMAGE_ZSCORE: each image minus its mean over its own std (population), in double."""
    x = scale01(raw).astype(np.float64)
    mean = x.mean(axis=1, keepdims=True)
    std = np.sqrt(((x - mean) ** 2).mean(axis=1, keepdims=True))
    scale = np.where(std > 0, 1.0 / np.where(std > 0, std, 1.0), 1.0)
    return ((x - mean) * scale).astype(np.float32)


def holdout_train_rows(n):
    """Splits.holdOut(train, 12000, 1): the rows kept for training, in order."""
    return permutation(n, SPLIT_SEED)[:n - VALIDATION_ROWS]


def ovr_balanced_rows(labels, digit):
    """Splits.oneVsRestBalanced(train, digit, 5000, seed 1): rows in training order."""
    by_class = [np.nonzero(labels == c)[0].tolist() for c in range(CLASSES)]
    rnd = SplittableRandom(OVR_SEED ^ ((GOLDEN_GAMMA * (digit + 1)) & M64))
    picked = []

    def take(pool, want):
        copy = list(pool)
        for i in range(want):
            j = i + rnd.next_int_bound(len(copy) - i)
            copy[i], copy[j] = copy[j], copy[i]
            picked.append(copy[i])

    take(by_class[digit], OVR_PER_SIDE)
    others = CLASSES - 1
    base, extra, seen = OVR_PER_SIDE // others, OVR_PER_SIDE % others, 0
    for c in range(CLASSES):
        if c == digit:
            continue
        take(by_class[c], base + (1 if seen < extra else 0))
        seen += 1
    mix = permutation(len(picked), rnd.next_long())
    return [picked[m] for m in mix]


def fingerprint(raw_rows, labels):
    """Order-sensitive checksum of the selected rows: sum (r+1)(label+1)(pixel byte sum+1) mod 1e9+7."""
    sums = raw_rows.astype(np.int64).sum(axis=1)
    r = np.arange(1, len(labels) + 1, dtype=np.int64)
    terms = (r * (labels.astype(np.int64) + 1)) % 1_000_000_007 * (sums + 1) % 1_000_000_007
    return int(terms.sum() % 1_000_000_007)


def prepare(case, data_dir):
    """(x_train, y_train, x_test, y_test, fingerprint) float32 / int64 for a case, as vecnn prepares it."""
    (xtr, ytr), (xte, yte) = load(data_dir)
    if case in ('tanh', 'softmax', 'infer'):
        rows = np.array(holdout_train_rows(len(ytr)))
        raw, y = xtr[rows], ytr[rows]
        return zscore(raw), y, zscore(xte), yte, fingerprint(raw, y)
    if case == 'mlp32':
        return scale01(xtr), ytr, scale01(xte), yte, fingerprint(xtr, ytr)
    if case == 'neuron':
        rows = np.array(ovr_balanced_rows(ytr, 0))
        raw = xtr[rows]
        y = (ytr[rows] == 0).astype(np.int64)
        return scale01(raw), y, scale01(xte), (yte == 0).astype(np.int64), fingerprint(raw, y)
    raise SystemExit('unknown case ' + case)


_M64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15


def _splitmix_longs(state, count):
    """The next `count` outputs of vecnn's Rng (SplitMix64) from `state`, as uint64, and the new state."""
    steps = np.arange(1, count + 1, dtype=np.uint64)
    with np.errstate(over='ignore'):
        z = np.uint64(state & _M64) + steps * np.uint64(_GOLDEN)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return z, (state + count * _GOLDEN) & _M64


def vecnn_initial_weights(case):
    """The weights (each in x out, float32) vecnn's Trainer starts the case from, bit for bit: Trainer
    seeds Mlp.initialise with the first draw of Rng(seed), and Initializer.fill draws (2u - 1) * limit
    in double per weight, row by row, layer after layer. None for zero-initialised cases."""
    spec = CASES[case]
    if spec['init'] not in ('xavier', 'uniform1'):
        return None
    if spec.get('untrained'):  # VecnnPeer's infer case: Mlp.initialise(model, seed) itself
        state = spec['seed']
    else:
        first, _ = _splitmix_longs(spec['seed'], 1)
        state = int(first[0])
    widths = [784] + ([spec['hidden']] if spec['hidden'] else []) + [10]
    weights = []
    for fan_in, fan_out in zip(widths, widths[1:]):
        z, state = _splitmix_longs(state, fan_in * fan_out)
        u = (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
        limit = math.sqrt(6.0 / (fan_in + fan_out)) if spec['init'] == 'xavier' else 1.0
        weights.append(((2.0 * u - 1.0) * limit).astype(np.float32).reshape(fan_in, fan_out))
    return weights


def vecnn_orders(case, n, epochs):
    """The row order of each epoch of vecnn's Trainer for a minibatch case, or None (full batch): the
    identity shuffled in place by Rng.shuffle (Fisher-Yates, j = nextInt(i + 1) by multiply-shift)
    with the generator whose state is Rng(seed)'s second draw, continuing from epoch to epoch.
    Computed before any epoch is timed."""
    spec = CASES[case]
    if not spec.get('batch') or spec['batch'] >= n or spec.get('untrained'):
        return None
    draws, _ = _splitmix_longs(spec['seed'], 2)
    state = int(draws[1])
    orders = []
    bounds = np.arange(n, 1, -1, dtype=np.uint64)  # i + 1 for i = n - 1 down to 1
    for _ in range(epochs):
        z, state = _splitmix_longs(state, n - 1)
        js = ((z >> np.uint64(32)) * bounds >> np.uint64(32)).astype(np.int64).tolist()
        order = list(range(n))
        for i, j in zip(range(n - 1, 0, -1), js):
            order[i], order[j] = order[j], order[i]
        orders.append(np.array(order, dtype=np.int64))
    return orders


def weights_fingerprint(weights):
    """VecnnPeer.weightsFingerprint: sum over all weights (layers in order, each in x out, row-major)
    of (position + 1) * (float bits as unsigned), modulo 1e9+7. Equal values mean the same start."""
    if weights is None:
        return None
    bits = np.concatenate([w.reshape(-1) for w in weights]).view(np.uint32).astype(np.int64)
    pos = np.arange(1, bits.size + 1, dtype=np.int64)
    p = 1_000_000_007
    return int(((pos % p) * (bits % p) % p).sum() % p)


# The cases of issue 7, with the hyperparameters of vecnn's presets (Presets.java).
CASES = {
    'tanh': dict(preset='tanh-momentum', hidden=128, act='tanh', lr=0.001, momentum=0.9, batch=128, reduction='sum', init='xavier', seed=1),
    'softmax': dict(preset='softmax-regression', hidden=0, lr=0.001, momentum=0.0, batch=128, reduction='sum', init='xavier', seed=1),
    'mlp32': dict(preset='mlp32-relu-lr0.005', hidden=32, act='relu', lr=0.005, momentum=0.0, batch=0, reduction='mean', init='uniform1', seed=1),
    'neuron': dict(preset='ovr-lr0.05', hidden=0, lr=0.05, momentum=0.0, batch=0, reduction='mean', init='zeros', threshold=0.75),
    'infer': dict(preset='tanh-momentum', hidden=128, act='tanh', batch=1000, init='xavier', seed=1, untrained=True),
}


def openblas_info():
    """Core type and build of the OpenBLAS that serves libblas.so.3 in this process, or None."""
    for name in ('libblas.so.3', 'libopenblas.so.0'):
        try:
            lib = ctypes.CDLL(name)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            return {'corename': lib.openblas_get_corename().decode(), 'config': lib.openblas_get_config().decode(),
                    'threads': lib.openblas_get_num_threads()}
        except (OSError, AttributeError):
            continue
    return None


def settings_env():
    keys = ('OPENBLAS_CORETYPE', 'OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'OMP_WAIT_POLICY')
    return {k: os.environ[k] for k in keys if k in os.environ}


def emit(obj):
    print(json.dumps(obj), flush=True)


def summarise(peer, case, threads, rates, warmup, accuracy, fp, versions, extra=None, start=None):
    """The summary line; `start` is the peer's own initial weights (each in x out), whose checksum
    compare checks against vecnn's."""
    timed = rates[warmup:] if len(rates) > warmup else rates
    out = {'peer': peer, 'case': case, 'threads': threads, 'summary': True,
           'samples_per_s': statistics.median(timed), 'epochs': len(rates), 'warmup': warmup,
           'test_accuracy': accuracy, 'fingerprint': fp, 'env': settings_env(), 'versions': versions,
           'python': platform.python_version()}
    if start is not None and not CASES[case].get('untrained'):
        out['init_fingerprint'] = weights_fingerprint(start)
    if extra:
        out.update(extra)
    emit(out)


def common_args(description):
    import argparse
    p = argparse.ArgumentParser(description=description)
    p.add_argument('--case', required=True, choices=sorted(CASES))
    p.add_argument('--threads', type=int, default=1, help='threads the peer may use (sets its BLAS/OpenMP pools)')
    p.add_argument('--epochs', type=int, default=3, help='epochs (passes over the test set for infer)')
    p.add_argument('--warmup', type=int, default=1, help='leading epochs left out of the median')
    p.add_argument('--data', default=os.environ.get('VECNN_DATA_DIR', os.path.expanduser('~/.cache/vecnn/mnist')))
    return p
