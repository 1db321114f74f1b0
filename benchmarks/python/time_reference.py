"""Times scikit-image / SciPy on the same work as the JMH benchmarks, on one core.

Run from the repository root (after ./scripts/test has created .venv):

    taskset -c 0 .venv/bin/python benchmarks/python/time_reference.py

Per size (28, 32, 64, 256) and batch of 256 image pairs (gradient + filled rectangle and disc,
and a noisy copy, as benchmarks/.../BenchImages.java): skimage structural_similarity
(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=1) on every pair;
edge F1 = skimage.feature.canny (sigma 1.0, thresholds 0.1 / 0.2, the same Sobel scale as
CannyEdges.defaults()) on both images plus a NumPy pixelwise F1; and pytorch-fid's Frechet
distance (np.cov, scipy.linalg.sqrtm) on two 256 x 64 feature sets. Prints the median of
REPEATS timings in milliseconds per batch (per call for FD). BLAS threads are pinned to 1.
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import platform
import statistics
import sys
import time
import warnings

import numpy as np
import scipy
import skimage
from scipy import linalg
from skimage.feature import canny
from skimage.metrics import structural_similarity

warnings.filterwarnings("ignore")
BATCH = 256
REPEATS = 3


def pairs(size, seed):
    rng = np.random.default_rng(seed)
    targets, generated = [], []
    yy, xx = np.mgrid[0:size, 0:size]
    for _ in range(BATCH):
        gx, gy = rng.random(2) - 0.5
        img = 0.4 + 0.5 * (gx * xx + gy * yy) / size
        x0, y0 = rng.integers(0, size // 2, 2)
        x1, y1 = x0 + 2 + rng.integers(0, size // 2), y0 + 2 + rng.integers(0, size // 2)
        img[y0:y1, x0:x1] = rng.random()
        cx, cy, rad = rng.random() * size, rng.random() * size, 2 + rng.random() * size * 0.3
        img[(xx - cx) ** 2 + (yy - cy) ** 2 <= rad * rad] = rng.random()
        img = img.astype(np.float32).astype(np.float64)
        noisy = np.clip(img + 0.2 * (rng.random(img.shape) - 0.5), 0, 1)
        targets.append(img)
        generated.append(noisy.astype(np.float32).astype(np.float64))
    return targets, generated


def timed(fn):
    fn()  # warm-up
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def ssim_batch(t, g):
    return sum(structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
                                     use_sample_covariance=False, data_range=1.0)
               for a, b in zip(t, g))


def edge_f1_batch(t, g):
    total = 0.0
    for a, b in zip(t, g):
        p = canny(b, sigma=1.0, low_threshold=0.1, high_threshold=0.2)
        r = canny(a, sigma=1.0, low_threshold=0.1, high_threshold=0.2)
        tp = np.count_nonzero(p & r)
        fp = np.count_nonzero(p & ~r)
        fn = np.count_nonzero(~p & r)
        total += 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)
    return total


def frechet(f1, f2):
    mu1, mu2 = f1.mean(axis=0), f2.mean(axis=0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    covmean = linalg.sqrtm(s1.dot(s2))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    d = mu1 - mu2
    return d.dot(d) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)


def main():
    affinity = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(f"python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__},"
          f" scikit-image {skimage.__version__}, cpus {affinity}")
    for size in (28, 32, 64, 256):
        t, g = pairs(size, size)
        ms = timed(lambda: ssim_batch(t, g))
        print(f"ssim size={size} ms/batch={ms:.3f} us/image={ms * 1000 / BATCH:.2f}")
        ms = timed(lambda: edge_f1_batch(t, g))
        print(f"edgeF1 size={size} ms/batch={ms:.3f} us/image={ms * 1000 / BATCH:.2f}")
    rng = np.random.default_rng(3)
    f1 = rng.standard_normal((256, 64))
    f2 = rng.standard_normal((256, 64)) * 1.1 + 0.1
    ms = timed(lambda: frechet(f1, f2))
    print(f"frechet 256x64 ms/call={ms:.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
