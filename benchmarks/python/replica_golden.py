"""Writes (or checks) the golden file that ties the PyTorch replica to the Java networks.

For every arm in replica_control.ARMS: the parameters (name, trainable or frozen, shape), their
counts, and the forward pass on deterministic weights and inputs (every parameter, zero layers
included, set from a formula of its name; see replica_control.deterministic_values and the Java
twin ReplicaWeights). The Java test ReplicaGoldenTest (benchmarks module) builds the same arms, sets the same weights
and compares names, shapes, counts and outputs with this file; torch is not needed for that.

    /work/torch-venv/bin/python benchmarks/python/replica_golden.py           # rewrite the golden file
    /work/torch-venv/bin/python benchmarks/python/replica_golden.py --check   # the script still reproduces it

--check exits 0 when it does, 1 when not (naming the arm and the difference), 2 without torch.
"""
import argparse
import os
import sys

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "replica",
                      "golden.txt")
RESOLUTION = 16
BATCH = 2
# |a - b| / (1 + |b|): the replica against itself (other torch versions: other kernels' rounding),
# and the idiomatic spelling (fused group_norm and silu) against the faithful one: float rounding
# through ~20 normalised layers, measured 2e-5 to 3.5e-5 (torch 2.15, one thread), except
# unicon-half's 1.3e-4: on these deterministic weights its decoder features reach ~70 and both float32
# spellings drift from a float64 run (faithful 3.7e-5, idiomatic 1.1e-4 at the output). A real change
# is far beyond 3e-4: 4 GroupNorm groups instead of 8 gives 1.1, a copy's decoder norms in equal
# groups 0.14, a DiT copy with its own position table 0.8.
CHECK_TOLERANCE = 2e-5
SPELLING_TOLERANCE = 3e-4


def compute(faithful=True):
    """Per arm: (kind, [(name, trainable, shape)], trainable count, frozen count, output values)."""
    import torch
    import replica_control as rc
    torch.set_num_threads(1)
    result = {}
    for arm, (kind, *_rest) in rc.ARMS.items():
        model = rc.build(arm, RESOLUTION, faithful)
        rc.set_deterministic(model)
        params = [(n, "frozen", tuple(t.shape)) for n, t in model.frozen.tensors.items()]
        params += [(n, "trainable", tuple(t.shape)) for n, t in model.trainable.tensors.items()]
        noisy, t, condition = rc.deterministic_inputs(RESOLUTION, BATCH)
        with torch.no_grad():
            out = model(noisy, t, condition)
        result[arm] = (kind, params, model.trainable.count(), model.frozen.count(), tuple(out.shape),
                       out.reshape(-1).tolist())
    return result


def write(result, path, torch_version):
    lines = ["# Golden file of the PyTorch replica (benchmarks/python/replica_golden.py, torch "
             + torch_version + "); do not edit, rerun the script.",
             f"# Per arm: parameters (name, trainable|frozen, shape), counts (trainable frozen), and the forward",
             f"# output on deterministic weights and inputs, resolution {RESOLUTION}, batch {BATCH}."]
    for arm, (kind, params, trainable, frozen, shape, values) in result.items():
        lines.append(f"arm {arm} {kind} {RESOLUTION} {BATCH}")
        lines += [f"param {n} {role} {','.join(map(str, s))}" for n, role, s in params]
        lines.append(f"counts {trainable} {frozen}")
        lines.append(f"output {','.join(map(str, shape))} " + " ".join(f"{v:.9g}" for v in values))
        lines.append("end")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def read(path):
    arms, current = {}, None
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            head, _, rest = line.rstrip("\n").partition(" ")
            if head == "arm":
                name, kind = rest.split()[:2]
                current = arms[name] = {"kind": kind, "params": [], "counts": None, "output": None}
            elif head == "param":
                n, role, shape = rest.split()
                current["params"].append((n, role, tuple(int(d) for d in shape.split(","))))
            elif head == "counts":
                current["counts"] = tuple(int(v) for v in rest.split())
            elif head == "output":
                shape, *values = rest.split()
                current["output"] = (tuple(int(d) for d in shape.split(",")), [float(v) for v in values])
    return arms


def check(result, path, tolerance):
    golden = read(path)
    problems = []
    if set(golden) != set(result):
        problems.append(f"arms differ: golden {sorted(golden)}, replica {sorted(result)}")
    for arm, (kind, params, trainable, frozen, shape, values) in result.items():
        g = golden.get(arm)
        if g is None:
            continue
        if g["params"] != params:
            problems.append(f"{arm}: parameter names or shapes differ from the golden file")
        if g["counts"] != (trainable, frozen):
            problems.append(f"{arm}: counts {trainable} {frozen}, golden {g['counts']}")
        gshape, gvalues = g["output"]
        worst = max(abs(a - b) / (1 + abs(b)) for a, b in zip(values, gvalues))
        if gshape != shape or worst > tolerance:
            problems.append(f"{arm}: output differs by {worst:.3g} (tolerance {tolerance})")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the golden file instead of writing it")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        print("torch is not installed in this Python; run with /work/torch-venv/bin/python "
              "(or a venv with torch 2.x)", file=sys.stderr)
        return 2
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    result = compute(faithful=True)
    if not args.check:
        write(result, GOLDEN, torch.__version__)
        print("wrote " + os.path.normpath(GOLDEN))
        return 0
    if not os.path.exists(GOLDEN):
        print(f"no golden file at {os.path.normpath(GOLDEN)}; run without --check to write it", file=sys.stderr)
        return 2
    problems = check(result, GOLDEN, CHECK_TOLERANCE)
    # the idiomatic spelling (F.group_norm, F.silu) computes the same function
    problems += ["idiomatic spelling: " + p for p in check(compute(faithful=False), GOLDEN, SPELLING_TOLERANCE)]
    for p in problems:
        print("MISMATCH " + p)
    print("golden file reproduced" if not problems else f"{len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
