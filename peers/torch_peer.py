#!/usr/bin/python3
"""PyTorch peer of issue 7: trains one case the way vecnn's preset does and prints JSON lines
(one per epoch, then a summary). Threads: --threads sets torch.set_num_threads; OpenBLAS's own pool
(which torch.set_num_threads does not limit) follows OPENBLAS_NUM_THREADS, which compare.sh sets.

  /usr/bin/python3 peers/torch_peer.py --case tanh --threads 2 --epochs 5 --data DIR
"""
import sys
import time

import peerdata as pd

try:
    import torch
    import torch.nn.functional as F
except ImportError as e:  # compare.sh checks first; this is for direct use
    print('torch_peer: PyTorch is not installed (' + str(e) + '): apt-get install python3-torch', file=sys.stderr)
    sys.exit(3)


def build(spec, initial):
    """The case's model, its weights from vecnn's own draws (peerdata.vecnn_initial_weights) or zero."""
    layers = []
    if spec['hidden']:
        layers += [torch.nn.Linear(784, spec['hidden']), torch.nn.Tanh() if spec['act'] == 'tanh' else torch.nn.ReLU()]
        layers.append(torch.nn.Linear(spec['hidden'], 10))
    else:
        layers.append(torch.nn.Linear(784, 1 if spec['init'] == 'zeros' else 10))
    model = torch.nn.Sequential(*layers)
    linear = [m for m in model if isinstance(m, torch.nn.Linear)]
    with torch.no_grad():
        for i, m in enumerate(linear):
            if initial is not None:
                m.weight.copy_(torch.from_numpy(initial[i].T.copy()))  # torch keeps out x in
            else:
                torch.nn.init.zeros_(m.weight)
            torch.nn.init.zeros_(m.bias)
    return model


def main():
    args = pd.common_args(__doc__).parse_args()
    spec = pd.CASES[args.case]
    intra = args.threads
    torch.set_num_threads(intra)
    xtr, ytr, xte, yte, fp = pd.prepare(args.case, args.data)
    X, Y, XT, YT = (torch.from_numpy(a) for a in (xtr, ytr, xte, yte))
    model = build(spec, pd.vecnn_initial_weights(args.case))
    start = [m.weight.detach().numpy().T.copy() for m in model if isinstance(m, torch.nn.Linear)]
    versions = {'torch': torch.__version__, 'openblas': pd.openblas_info(),
                'torch_threads': torch.get_num_threads(), 'cpu_capability': torch.backends.cpu.get_cpu_capability()
                if hasattr(torch.backends, 'cpu') and hasattr(torch.backends.cpu, 'get_cpu_capability') else None}
    rates = []

    if args.case == 'infer':
        n = XT.shape[0]
        model.eval()
        with torch.inference_mode():
            for p in range(1, args.epochs + 1):
                t0 = time.perf_counter()
                for r0 in range(0, n, spec['batch']):
                    pred = model(XT[r0:r0 + spec['batch']]).argmax(1)
                rate = n / (time.perf_counter() - t0)
                rates.append(rate)
                pd.emit({'peer': 'torch', 'case': args.case, 'threads': args.threads, 'epoch': p, 'samples_per_s': rate})
        pd.summarise('torch', args.case, args.threads, rates, args.warmup, None, fp, versions)
        return

    opt = torch.optim.SGD(model.parameters(), lr=spec['lr'], momentum=spec['momentum'])
    n = X.shape[0]
    binary = args.case == 'neuron'
    Yf = Y.to(torch.float32).unsqueeze(1) if binary else None
    batch = spec['batch'] or n
    orders = pd.vecnn_orders(args.case, n, args.epochs)  # vecnn's own row order, epoch by epoch
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        loss_sum = torch.zeros(())
        correct = torch.zeros((), dtype=torch.int64)
        if batch < n:
            perm = torch.from_numpy(orders[epoch - 1])
        for r0 in range(0, n, batch):
            if batch < n:
                idx = perm[r0:r0 + batch]
                xb, yb = X[idx], Y[idx]
            else:
                xb, yb = X, Y
            out = model(xb)
            if binary:
                loss = F.binary_cross_entropy_with_logits(out, Yf, reduction=spec['reduction'])
                pred = (torch.sigmoid(out.detach()) >= spec['threshold']).squeeze(1).to(torch.int64)
            else:
                loss = F.cross_entropy(out, yb, reduction=spec['reduction'])
                pred = out.detach().argmax(1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_sum += loss.detach() * (1 if spec['reduction'] == 'sum' else xb.shape[0])
            correct += (pred == yb).sum()
        rate = n / (time.perf_counter() - t0)
        rates.append(rate)
        pd.emit({'peer': 'torch', 'case': args.case, 'threads': args.threads, 'epoch': epoch, 'samples_per_s': rate,
                 'train_loss': float(loss_sum) / n})

    with torch.inference_mode():
        out = model(XT)
        if binary:
            pred = (torch.sigmoid(out) >= spec['threshold']).squeeze(1).to(torch.int64)
        else:
            pred = out.argmax(1)
        acc = float((pred == YT).to(torch.float64).mean())
    pd.summarise('torch', args.case, args.threads, rates, args.warmup, acc, fp, versions, start=start)


if __name__ == '__main__':
    main()
