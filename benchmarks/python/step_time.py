"""DJL against PyTorch eager, per arm, side by side: StepBench.java and replica_bench.py alternately.

Every round runs each arm once on each side, in fresh processes, with the same threads, batch,
resolution, steps and warm-up; the side that goes first alternates between rounds so that neither
always meets a warmer machine. Prints, per arm, the median over rounds of each run's median step
(and phases) and the ratio DJL / PyTorch. Needs the benchmarks module packaged (its class path file)
and a Python with torch for the replica; this script itself needs neither torch nor numpy.

    mvn -o -q -pl benchmarks -am package -DskipTests
    python3 benchmarks/python/step_time.py [--arms controlnet,unicon-half,...] [--rounds 3]
        [--steps 100] [--warmup 10] [--batch 16] [--threads 2] [--resolution 32]
        [--torch-python PYTHON] [--faithful] [--adam default|foreach|fused] [--json FILE]

Time nothing while other heavy work runs: on shared cores steps turn bimodal (see docs/step-time.md).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
ARMS = ["controlnet", "unicon-half", "unicon-full", "dit-controlnet", "dit-unicon-half", "dit-unicon-full"]
PHASES = ["step", "forward", "backward", "optimizer"]
DEFAULT_TORCH_PYTHON = "/work/torch-venv/bin/python"  # the development machine's torch venv


def environment(threads):
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[var] = str(threads)
    env["OPT_OUT_TRACKING"] = "true"
    return env


def run_json(command, env):
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--arms", default=",".join(ARMS))
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--resolution", type=int, default=32)
    p.add_argument("--torch-python", default=os.environ.get("TORCH_PYTHON", DEFAULT_TORCH_PYTHON),
                   help="a Python with torch (default: $TORCH_PYTHON, else " + DEFAULT_TORCH_PYTHON + ")")
    p.add_argument("--faithful", action="store_true", help="replica spells GroupNorm and SiLU as the Java code")
    p.add_argument("--adam", choices=["default", "foreach", "fused"], default="default")
    p.add_argument("--json", help="also write every run's result to this file")
    a = p.parse_args()
    classpath_file = os.path.join(ROOT, "benchmarks", "target", "classpath.txt")
    if not os.path.exists(classpath_file):
        print("benchmarks/target/classpath.txt is missing: build first with "
              "mvn -o -q -pl benchmarks -am package -DskipTests", file=sys.stderr)
        return 2
    if not os.path.exists(a.torch_python):
        print(f"--torch-python {a.torch_python} does not exist: give a Python with torch", file=sys.stderr)
        return 2
    with open(classpath_file) as f:
        classpath = f.read().strip() + ":" + os.path.join(ROOT, "benchmarks", "target", "classes")
    arms = [arm for arm in a.arms.split(",") if arm]
    unknown = [arm for arm in arms if arm not in ARMS + ["unet-backbone", "dit-backbone"]]
    if unknown:
        print(f"--arms: unknown {unknown}; known: {ARMS + ['unet-backbone', 'dit-backbone']}", file=sys.stderr)
        return 2
    sizes = [str(a.steps), str(a.warmup), str(a.batch), str(a.threads), str(a.resolution)]
    env = environment(a.threads)
    runs, started, total = [], time.time(), a.rounds * len(arms) * 2
    for r in range(a.rounds):
        for arm in arms:
            djl = ["java", "-Dai.djl.offline=true", "-cp", classpath, "org.uniconbench.benchmarks.StepBench", arm] + sizes
            torch = [a.torch_python, os.path.join(ROOT, "benchmarks", "python", "replica_bench.py"), arm,
                     "--steps", sizes[0], "--warmup", sizes[1], "--batch", sizes[2], "--threads", sizes[3],
                     "--resolution", sizes[4], "--adam", a.adam] + (["--faithful"] if a.faithful else [])
            for command in ([djl, torch] if r % 2 == 0 else [torch, djl]):
                result = run_json(command, env)
                result["round"] = r
                runs.append(result)
                elapsed = time.time() - started
                eta = elapsed / len(runs) * (total - len(runs))
                print(f"[{len(runs)}/{total}] round {r} {arm} {result['side']}: {result['stepMs']:.1f} ms/step "
                      f"(ETA {eta:.0f} s)", file=sys.stderr, flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(runs, f, indent=1)
    torch_version = next((x.get("torch") for x in runs if x["side"] == "pytorch"), "?")
    print(f"threads {a.threads}, batch {a.batch}, resolution {a.resolution}, {a.steps} steps after {a.warmup} "
          f"warm-up, {a.rounds} rounds, medians of per-run medians; torch {torch_version}, replica "
          f"{'faithful' if a.faithful else 'idiomatic'}, Adam {a.adam}")
    print("| arm | DJL step ms | PyTorch step ms | DJL / PyTorch | forward | backward | optimizer |")
    print("|---|---|---|---|---|---|---|")
    for arm in arms:
        med = {side: {ph: statistics.median(x[ph + "Ms"] for x in runs if x["arm"] == arm and x["side"] == side)
                      for ph in PHASES} for side in ("djl", "pytorch")}
        split = " | ".join(f"{med['djl'][ph]:.1f} / {med['pytorch'][ph]:.1f}" for ph in PHASES[1:])
        print(f"| {arm} | {med['djl']['step']:.1f} | {med['pytorch']['step']:.1f} | "
              f"{med['djl']['step'] / med['pytorch']['step']:.2f} | {split} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
