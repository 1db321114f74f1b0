"""Harness overhead of a finished run: the share of an arm's training loop that is not a step.

For every arm and seed of RUN_DIR, from arms/ARM/seed-SEED/row.json and metrics.jsonl:
- steps: the logged steps; step ms: the sum of the Trainer's phase clocks (data, forward,
  backward, optimiser), i.e. the steps themselves;
- loop s: `trainSeconds`, the arm's training loop by the wall clock, checkpoint saves excluded
  (the harness does not count them as training time);
- overhead: 1 - step ms / loop ms: the step records, the metrics.jsonl line, the progress line
  with its ETA, the loss check, GPU polling, and the Trainer's own bookkeeping between phases
  (per-step scope, timing). Checkpoint saves (every training.log_every steps) come on top; their
  time is not in the run folder.

    python3 benchmarks/python/harness_overhead.py RUN_DIR [--json]

Needs no torch. Exits 2 when RUN_DIR has no finished arm; skips resumed arms (their loop time
mixes two processes) and says so.
"""
import argparse
import glob
import json
import os
import sys


def arm_overhead(seed_dir):
    with open(os.path.join(seed_dir, "row.json")) as f:
        row = json.load(f)
    if row.get("status") != "completed" or "trainSeconds" not in row:
        return None, f"{seed_dir}: not a completed arm ({row.get('status')})"
    if row.get("resumedFromStep") is not None:
        return None, f"{seed_dir}: resumed from step {row['resumedFromStep']}: its loop time mixes two processes"
    total_ms, steps = 0.0, 0
    with open(os.path.join(seed_dir, "metrics.jsonl")) as f:
        for line in f:
            if line.strip():
                total_ms += json.loads(line)["stepMs"]
                steps += 1
    loop_ms = row["trainSeconds"] * 1000
    return {"arm": row.get("arm", os.path.basename(os.path.dirname(seed_dir))), "seed": row.get("seed"),
            "steps": steps, "stepMs": round(total_ms, 1), "loopMs": round(loop_ms, 1),
            "overheadShare": (1 - total_ms / loop_ms) if loop_ms > 0 else None}, None


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("run_dir")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    a = p.parse_args()
    seed_dirs = sorted(d for d in glob.glob(os.path.join(a.run_dir, "arms", "*", "seed-*"))
                       if os.path.exists(os.path.join(d, "row.json")))
    results = []
    for d in seed_dirs:
        result, problem = arm_overhead(d)
        if problem:
            print("skipped " + problem, file=sys.stderr)
        else:
            results.append(result)
    if not results:
        print(f"{a.run_dir}: no completed arm with row.json and metrics.jsonl under arms/*/seed-*/; "
              "give a finished run folder", file=sys.stderr)
        return 2
    if a.json:
        print(json.dumps(results, indent=1))
        return 0
    print("| arm | seed | steps | sum of steps ms | training loop ms | overhead |")
    print("|---|---|---|---|---|---|")
    for r in results:
        share = "-" if r["overheadShare"] is None else f"{100 * r['overheadShare']:.2f}%"
        print(f"| {r['arm']} | {r['seed']} | {r['steps']} | {r['stepMs']:.1f} | {r['loopMs']:.1f} | {share} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
