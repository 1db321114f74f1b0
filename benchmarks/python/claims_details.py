"""The detail tables of docs/results-paper-claims.md and docs/results-dit-claims.md from a finished
claim run: what `unicon table` leaves out.

For one run folder, per trained arm (means over completed seeds): the step's time split (median
forward, backward, optimiser and data ms of each seed's steps); with `evaluation.timing_passes`, the
interleaved passes' step, forward and backward beside the training median; the learning rate each seed's search
chose and the held-out denoising loss it was chosen on; distillation's steps and seconds; the memory
passes' largest spread; the denoising loss early and late (does the adapter beat the uncontrolled
backbone's loss, which ControlNet's early loss is, its zero convolutions starting it as the backbone);
and the control curve (`arms/ARM/curve.jsonl`, mean over seeds at a few steps).
Prints Markdown; needs no numpy or torch.

    python3 benchmarks/python/claims_details.py runs/dit-claims-YYYYMMDD-HHMMSS/

Reads the run folder's own files as they are written (docs/run-folder.md), as every script in
benchmarks/python does: the Java model is the reader of record, this is a reporting convenience.
"""
import argparse
import json
import os
from collections import defaultdict


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def fmt(v, digits=1):
    return "-" if v is None else f"{v:.{digits}f}"


def rows_of(folder):
    with open(os.path.join(folder, "summary.json")) as f:
        summary = json.load(f)
    if summary.get("status") != "completed":
        raise SystemExit(f"{folder}: run not completed ({summary.get('status')}); finish or resume it first")
    arms = defaultdict(list)
    for row in summary["arms"]:
        if row.get("method") != "none" and row.get("status") == "completed":
            arms[row["name"]].append(row)
    return arms


def time_split(arms):
    print("| arm | seeds | forward ms | backward ms | optimiser ms | data ms | median step ms |")
    print("|---|---|---|---|---|---|---|")
    for name, rows in arms.items():
        cells = [fmt(mean([r.get(k) for r in rows])) for k in
                 ("medianForwardMs", "medianBackwardMs", "medianOptimizerMs", "medianDataMs", "medianStepMs")]
        print(f"| {name} | {len(rows)} | " + " | ".join(cells) + " |")


def timing_passes(arms):
    """The interleaved timing passes (rows' timedStepMs), when the run has them."""
    if not any(r.get("timedStepMs") is not None for rows in arms.values() for r in rows):
        return False
    print("| arm | seeds timed | interleaved step ms | forward ms | backward ms | training median step ms |")
    print("|---|---|---|---|---|---|")
    for name, rows in arms.items():
        timed = [r for r in rows if r.get("timedStepMs") is not None]
        cells = [fmt(mean([r.get(k) for r in timed])) for k in ("timedStepMs", "timedForwardMs", "timedBackwardMs")]
        print(f"| {name} | {len(timed)} | " + " | ".join(cells) + f" | {fmt(mean([r.get('medianStepMs') for r in rows]))} |")
    return True


def learning_rates(arms):
    print("| arm | chosen rate per seed | held-out loss at the chosen rate (mean) | search steps per rate "
          "| seeds at the grid's edge |")
    print("|---|---|---|---|---|")
    for name, rows in arms.items():
        chosen, losses, steps, edges = [], [], None, defaultdict(int)
        for r in sorted(rows, key=lambda r: r["seed"]):
            search = r.get("lrSearch") or {}
            chosen.append(f"{r['learningRate']:g}")
            if search.get("rates"):
                steps = search.get("steps")
                losses.append(search["heldOutLoss"][search["rates"].index(r["learningRate"])])
            if search.get("atGridEdge"):
                edges[search["atGridEdge"]] += 1
        recorded = any("atGridEdge" in (r.get("lrSearch") or {}) for r in rows)
        edge = ", ".join(f"{k} {v}" for k, v in sorted(edges.items())) or ("none" if recorded else "not recorded")
        tuning = {(r.get("lrSearch") or {}).get("seed") for r in rows} - {r["seed"] for r in rows} - {None}
        if tuning:  # training.lr_search.tuning_seed: one search, every seed at its choice
            chosen = [f"{rows[0]['learningRate']:g} (one search, tuning seed {min(tuning)})"]
            edge = rows[0]["lrSearch"].get("atGridEdge") or "none"
        print(f"| {name} | {', '.join(chosen)} | {fmt(mean(losses), 5)} | {steps if steps else '-'} | {edge} |")


def costs(arms):
    print("| arm | distill steps | distill s (mean) | LR search s (mean) | curve s (mean) | train s (mean) "
          "| memory passes' largest spread |")
    print("|---|---|---|---|---|---|---|")
    for name, rows in arms.items():
        distill = mean([r.get("distillMs", 0) / 1000 for r in rows])
        spread = max((r.get("memoryPassSpread") or 0) for r in rows)
        print(f"| {name} | {rows[0].get('distillSteps', 0)} | {fmt(distill)} | "
              f"{fmt(mean([(r.get('lrSearchMs') or 0) / 1000 for r in rows]))} | "
              f"{fmt(mean([r.get('curveSeconds') for r in rows]))} | {fmt(mean([r.get('trainSeconds') for r in rows]))} "
              f"| {100 * spread:.2f}% |")


def losses(folder, arms):
    """Held-out loss after the search's lowest rate and at the chosen rate; training loss over the
    first 50 and the last 100 steps (arms/ARM/seed-S/metrics.jsonl). Means over seeds, range."""
    def cell(values, digits=4):
        values = [v for v in values if v is not None]
        if not values:
            return "-"
        return f"{mean(values):.{digits}f} [{min(values):.{digits}f}, {max(values):.{digits}f}]"

    print("| arm | held-out loss after the search's lowest rate | held-out loss at the chosen rate "
          "| training loss, first 50 steps | training loss, last 100 steps |")
    print("|---|---|---|---|---|")
    for name, rows in arms.items():
        lowest, chosen, first, last = [], [], [], []
        for row in rows:
            search = row.get("lrSearch")
            if search:
                held = search["heldOutLoss"]
                lowest.append(held[search["rates"].index(min(search["rates"]))])
                chosen.append(held[search["rates"].index(row["learningRate"])])  # as learning_rates reads it
            path = os.path.join(folder, "arms", name, f"seed-{row['seed']}", "metrics.jsonl")
            if os.path.exists(path):
                with open(path) as f:
                    steps = [json.loads(line)["loss"] for line in f if line.strip()]
                first.append(mean(steps[:50]))
                last.append(mean(steps[-100:]))
        print(f"| {name} | {cell(lowest)} | {cell(chosen)} | {cell(first)} | {cell(last)} |")
    print()
    print("Denoising loss: means over seeds, range in brackets. ControlNet starts as the uncontrolled "
          "backbone (zero convolutions), so its early loss is the backbone's.")


def curves(folder, arms):
    series = {}
    for name in arms:
        path = os.path.join(folder, "arms", name, "curve.jsonl")
        if not os.path.exists(path):
            continue
        by_step = defaultdict(list)
        with open(path) as f:
            for line in f:
                if line.strip():
                    p = json.loads(line)
                    by_step[p["step"]].append(p["value"])
                    metric = p["metric"]
        series[name] = {s: mean(v) for s, v in by_step.items()}
    if not series:
        return
    steps = sorted(next(iter(series.values())))
    last = steps[-1]
    shown = sorted({steps[0]} | {min(steps, key=lambda s: abs(s - f * last)) for f in (0.25, 0.5, 0.8)} | {last})
    print(f"Control during training: {metric} of the curve's fixed conditions, mean over seeds.")
    print()
    print("| arm | " + " | ".join(f"step {s}" for s in shown) + " | change over the last 20% |")
    print("|---|" + "---|" * (len(shown) + 1))
    tail = max(s for s in steps if s <= 0.8 * last)
    for name, line in series.items():
        cells = [fmt(line.get(s), 3) for s in shown]
        change = line[last] - line[tail]
        print(f"| {name} | " + " | ".join(cells) + f" | {change:+.3f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", help="a finished claim run folder")
    folder = parser.parse_args().run
    arms = rows_of(folder)
    for section in (time_split, timing_passes, learning_rates, costs):
        if section(arms) is not False:
            print()
    losses(folder, arms)
    print()
    curves(folder, arms)


if __name__ == "__main__":
    main()
