"""Times training steps of one arm of the PyTorch replica: the twin of StepBench.java.

Same arms, batch, resolution and threads as StepBench; the same step (draw a batch, noise it at
random timesteps of the DDPM linear schedule, predict the noise, MSE, backward, Adam on the
trainable parameters, gradients cleared), split into the same phases. Prints one JSON line:
medians (and p10, p90) over the steps after the warm-up.

    /work/torch-venv/bin/python benchmarks/python/replica_bench.py ARM [--steps 100] [--warmup 10]
        [--batch 16] [--threads 2] [--resolution 32] [--faithful] [--adam default|foreach|fused]

--faithful spells GroupNorm and SiLU op for op as the Java code does (layer_norm rows + affine,
x * sigmoid(x)); without it they are PyTorch's fused kernels, what a PyTorch user would write.

On a GPU (the check for when a device is lent; docs/step-time.md): --device cuda [--bf16] also
reports the allocator's peak above the weights (torch.cuda.max_memory_allocated), and the network
can be made larger than the harness's defaults: --unet-channels 320,640,1280,1280 --unet-res-blocks 2
--unet-groups 32, or --dit-patch 2 --dit-hidden 1152 --dit-depth 28 --dit-heads 16 --dit-mlp-ratio 4.
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
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    parser.add_argument("--bf16", action="store_true", help="forward under torch.autocast(bfloat16)")
    parser.add_argument("--unet-channels", help="comma-separated channels per level (default 16,32,64)")
    parser.add_argument("--unet-res-blocks", type=int)
    parser.add_argument("--unet-groups", type=int)
    for key in ("patch", "hidden", "depth", "heads", "mlp-ratio"):
        parser.add_argument("--dit-" + key, type=int)
    args = parser.parse_args()
    for name in ("steps", "warmup", "batch", "threads", "resolution"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be a positive integer, found {getattr(args, name)}")
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
    cuda = args.device.startswith("cuda")
    if cuda and not torch.cuda.is_available():
        print("--device cuda: torch sees no GPU here", file=sys.stderr)
        return 2
    torch.set_default_device(args.device)
    torch.manual_seed(0)
    unet = {k: v for k, v in (("channels", args.unet_channels and [int(c) for c in args.unet_channels.split(",")]),
                              ("res_blocks", args.unet_res_blocks), ("groups", args.unet_groups)) if v}
    dit = {k: getattr(args, "dit_" + k) for k in ("patch", "hidden", "depth", "heads", "mlp_ratio")
           if getattr(args, "dit_" + k)}
    model = rc.build(args.arm, args.resolution, args.faithful, unet=unet, dit=dit)
    sync = torch.cuda.synchronize if cuda else (lambda: None)
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
    if cuda:
        sync()
        torch.cuda.reset_peak_memory_stats()
    weights_bytes = torch.cuda.memory_allocated() if cuda else 0
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
        with torch.autocast(args.device.split(":")[0], dtype=torch.bfloat16, enabled=args.bf16):
            predicted = model(noisy, t.float(), c)
        loss = torch.nn.functional.mse_loss(predicted.float(), noise)
        loss.item()
        t2 = time.perf_counter()
        loss.backward()
        sync()
        t3 = time.perf_counter()
        adam.step()
        adam.zero_grad()
        sync()
        t4 = time.perf_counter()
        if step >= args.warmup:
            for name, ms in zip(phases, ((t4 - t0), (t1 - t0), (t2 - t1), (t3 - t2), (t4 - t3))):
                phases[name].append(ms * 1000)
    out = {"side": "pytorch", "arm": args.arm, "steps": args.steps, "batch": args.batch, "threads": args.threads,
           "resolution": args.resolution, "faithful": args.faithful, "adam": args.adam, "torch": torch.__version__,
           "device": args.device, "bf16": args.bf16, "trainableParams": sum(p.numel() for p in params),
           "frozenParams": sum(p.numel() for p in model.frozen.tensors.values() if not p.requires_grad)}
    if cuda:
        out["peakMemoryAboveWeightsBytes"] = torch.cuda.max_memory_allocated() - weights_bytes
    for name, ms in phases.items():
        for suffix, value in quantiles(ms).items():
            out[f"{name}{suffix}Ms"] = round(value, 3)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
