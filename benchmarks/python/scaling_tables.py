"""The tables of docs/results-scaling.md from finished runs of experiments/scaling/*.yaml.

For every run folder given (one scaling point each), per arm: the cost model's predicted training
bytes (gradients + Adam + activations, summary `estimate`) beside the measured peak (median of the
fresh-JVM memory passes), and each arm's ratios to the run's ControlNet arm, predicted and measured,
beside the paper's figures. Prints Markdown; needs no numpy or torch.

    python3 benchmarks/python/scaling_tables.py runs/scaling-*/ [--json FILE]

Reads the run folder's own files as they are written (docs/run-folder.md), as every script in
benchmarks/python does: the Java model is the reader of record, this is a reporting convenience.
"""
import argparse
import glob
import json
import os
import sys

MIB = 1024 * 1024
PAPER = "paper: memory 0.67x, step time 0.43x at the same adapter size; 2x parameters at the same resources"


def point_name(folder):
    name = os.path.basename(os.path.normpath(folder))
    return name.removeprefix("scaling-").rsplit("-", 2)[0]


def load(folder):
    with open(os.path.join(folder, "summary.json")) as f:
        summary = json.load(f)
    if summary.get("status") != "completed":
        raise SystemExit(f"{folder}: run not completed ({summary.get('status')}); finish or resume it first")
    estimate = summary["estimate"]
    rows = {}
    for row in summary["arms"]:
        if row["name"] == "backbone" or row.get("status") != "completed":
            continue
        predicted = estimate["arms"][row["name"]]
        rows[row["name"]] = {
            "method": row["method"],
            "trainable": row["trainableParams"],
            "predictedBytes": predicted["trainingBytes"],
            "measuredBytes": row["peakMemoryBytes"],
            "passes": row.get("memoryPassBytes", []),
            "stepFlops": predicted["stepFlops"],
            "stepFlopsCached": predicted["stepFlopsFeaturesCached"],
            "medianStepMs": row["medianStepMs"],
            "forwardMs": row["medianForwardMs"],
            "backwardMs": row["medianBackwardMs"],
            "optimizerMs": row["medianOptimizerMs"],
        }
    return {"point": point_name(folder), "folder": folder, "reference": estimate["reference"], "arms": rows}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folders", nargs="+")
    p.add_argument("--json", help="also write the rows as JSON here")
    args = p.parse_args()
    folders = [f for pattern in args.folders for f in sorted(glob.glob(pattern))]
    if not folders:
        print("error: no run folders match " + " ".join(args.folders), file=sys.stderr)
        sys.exit(2)
    points = [load(f) for f in folders]

    print("| point | arm | trainable params | predicted MiB | measured MiB (passes) | measured - predicted | measured / predicted |")
    print("|---|---|---|---|---|---|---|")
    for pt in points:
        for name, a in pt["arms"].items():
            passes = ", ".join(f"{b / MIB:.1f}" for b in a["passes"])
            print(f"| {pt['point']} | {name} | {a['trainable']:,} | {a['predictedBytes'] / MIB:.1f} | "
                  f"{a['measuredBytes'] / MIB:.1f} ({passes}) | {(a['measuredBytes'] - a['predictedBytes']) / MIB:+.1f} | "
                  f"{a['measuredBytes'] / a['predictedBytes']:.2f} |")
    print()
    print(f"Ratios to the point's ControlNet arm ({PAPER}):")
    print()
    print("| point | arm | params | memory predicted | memory measured | step FLOPs predicted (features cached) | step time measured | forward / backward / optimiser ms |")
    print("|---|---|---|---|---|---|---|---|")
    for pt in points:
        ref = pt["arms"].get(pt["reference"])
        if ref is None:
            continue
        for name, a in pt["arms"].items():
            if name == pt["reference"]:
                print(f"| {pt['point']} | {name} (reference) | 1 | 1 | 1 | 1 (1) | 1 ({a['medianStepMs']:.1f} ms) | "
                      f"{a['forwardMs']:.1f} / {a['backwardMs']:.1f} / {a['optimizerMs']:.1f} |")
                continue
            print(f"| {pt['point']} | {name} | {a['trainable'] / ref['trainable']:.2f}x | "
                  f"{a['predictedBytes'] / ref['predictedBytes']:.3f}x | {a['measuredBytes'] / ref['measuredBytes']:.3f}x | "
                  f"{a['stepFlops'] / ref['stepFlops']:.3f}x ({a['stepFlopsCached'] / ref['stepFlopsCached']:.3f}x) | "
                  f"{a['medianStepMs'] / ref['medianStepMs']:.3f}x ({a['medianStepMs']:.1f} ms) | "
                  f"{a['forwardMs']:.1f} / {a['backwardMs']:.1f} / {a['optimizerMs']:.1f} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(points, f, indent=1)


if __name__ == "__main__":
    main()
