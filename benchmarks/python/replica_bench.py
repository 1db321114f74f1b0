"""Times training steps of one arm of the PyTorch replica: the twin of StepBench.java.

Same arms, batch, resolution and threads as StepBench; the same step (draw a batch, noise it at
random timesteps of the DDPM linear schedule, predict the noise, MSE, backward, Adam on the
trainable parameters, gradients cleared), split into the same phases. Prints one JSON line:
medians (and p10, p90) over the steps after the warm-up.

    /work/torch-venv/bin/python benchmarks/python/replica_bench.py ARM [--steps 100] [--warmup 10]
        [--batch 16] [--threads 2] [--resolution 32] [--faithful] [--adam default|foreach|fused]

--faithful spells GroupNorm and SiLU op for op as the Java code does (layer_norm rows + affine,
x * sigmoid(x)); without it they are PyTorch's fused kernels, what a PyTorch user would write.
"""
import argparse
import json
import os
import sys
import time


def quantiles(ms):
    import numpy as np
    return {"": float(np.median(ms)), "P10": float(np.percentile(ms, 10)), "P90": float(np.percentile(ms, 90))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("arm")
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--resolution", type=int, default=32)
    parser.add_argument("--faithful", action="store_true")
    parser.add_argument("--adam", choices=["default", "foreach", "fused"], default="default")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        print("torch is not installed in this Python; use /work/torch-venv/bin/python", file=sys.stderr)
        return 2
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import replica_control as rc
    if args.arm not in rc.ARMS:
        print(f"unknown arm {args.arm}; arms: {' '.join(rc.ARMS)}", file=sys.stderr)
        return 2
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = rc.build(args.arm, args.resolution, args.faithful)
    if rc.ARMS[args.arm][1] == "backbone":  # a backbone alone is pre-training: its parameters train
        params = list(model.frozen.tensors.values())
        for p in params:
            p.requires_grad_(True)
    else:
        params = list(model.trainable.tensors.values())
    options = {"default": {}, "foreach": {"foreach": True}, "fused": {"fused": True}}[args.adam]
    adam = torch.optim.Adam(params, lr=1e-4, **options)
    betas = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64)
    alpha_bar = torch.cumprod(1 - betas, 0).float()
    images = torch.rand(256, 1, args.resolution, args.resolution) * 2 - 1
    conditions = torch.rand(256, 1, args.resolution, args.resolution)
    phases = {"step": [], "data": [], "forward": [], "backward": [], "optimizer": []}
    for step in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        # data: batch, timesteps and noise
        idx = torch.randint(0, 256, (args.batch,))
        t = torch.randint(0, 1000, (args.batch,))
        x0, c = images[idx], conditions[idx]
        noise = torch.randn_like(x0)
        t1 = time.perf_counter()
        # forward: noise the images, predict the noise, score it
        ab = alpha_bar[t].reshape(-1, 1, 1, 1)
        noisy = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
        loss = torch.nn.functional.mse_loss(model(noisy, t.float(), c), noise)
        loss.item()
        t2 = time.perf_counter()
        loss.backward()
        t3 = time.perf_counter()
        adam.step()
        adam.zero_grad()
        t4 = time.perf_counter()
        if step >= args.warmup:
            for name, ms in zip(phases, ((t4 - t0), (t1 - t0), (t2 - t1), (t3 - t2), (t4 - t3))):
                phases[name].append(ms * 1000)
    out = {"side": "pytorch", "arm": args.arm, "steps": args.steps, "batch": args.batch, "threads": args.threads,
           "resolution": args.resolution, "faithful": args.faithful, "adam": args.adam, "torch": torch.__version__}
    for name, ms in phases.items():
        for suffix, value in quantiles(ms).items():
            out[f"{name}{suffix}Ms"] = round(value, 3)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
