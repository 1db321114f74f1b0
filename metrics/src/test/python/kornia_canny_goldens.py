"""Golden edge maps from kornia.filters.canny, for CannyEdges' cross-check (KorniaCannyGoldenTest).

Usage (needs torch and kornia, which the default test path does not):
  kornia_canny_goldens.py write FILE.npz   generate the test images, run kornia, write the goldens
  kornia_canny_goldens.py check FILE.npz   rerun kornia on the images stored in FILE.npz and
                                           compare with the stored edge maps; exit 1 on a difference

FILE.npz (numpy.savez_compressed) holds, for case k (three digits) named NAME:
  k_NAME_image   float32 (H, W) in [0, 1], the input exactly as Java reads it
  k_NAME_edges   uint8 (H, W), kornia's edge map (0 / 1)
  k_NAME_params  float64 [kernel_size, sigma, low_threshold, high_threshold]
and
  pairs          int32 (P, 2): cases scored against each other with edge F1 (a clean scene and a
                 noisy or shifted version of it, as a generated image against its target)
  meta           uint8: UTF-8 text with the torch, kornia and numpy versions and the date

`check` reads the images from the file instead of regenerating them, so it does not depend on
numpy's random streams staying the same across versions. Torch runs on the CPU with one thread.
"""
import datetime
import gzip
import sys

import numpy as np

FASHION_MNIST = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"

# ControlNet++'s evaluator: kornia.filters.canny(img, 0.1, 0.2) with kernel (5, 5), sigma (1, 1).
DEFAULT = (5, 1.0, 0.1, 0.2)


def kornia_edges(image, params):
    import torch
    import kornia

    kernel, sigma, low, high = params
    t = torch.from_numpy(np.ascontiguousarray(image, dtype=np.float32))[None, None]
    with torch.no_grad():
        _, edges = kornia.filters.canny(t, low_threshold=float(low), high_threshold=float(high),
                                        kernel_size=(int(kernel), int(kernel)),
                                        sigma=(float(sigma), float(sigma)))
    return (edges[0, 0].numpy() > 0.5).astype(np.uint8)


def quantise(image):
    """8-bit values read as Java's Png does: uint8 / 255 in float64, rounded to float32."""
    q = np.clip(np.round(image * 255.0), 0, 255).astype(np.uint8)
    return (q.astype(np.float64) / 255.0).astype(np.float32)


def grid(h, w):
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    return y, x


def square(h, w, y0, x0, y1, x1, inside=1.0, outside=0.0):
    img = np.full((h, w), outside)
    img[y0:y1, x0:x1] = inside
    return img


def disc(h, w, cy, cx, r, inside=1.0, outside=0.0):
    y, x = grid(h, w)
    return np.where((y - cy) ** 2 + (x - cx) ** 2 <= r * r, inside, outside)


def triangle(h, w):
    y, x = grid(h, w)
    return np.where((y > 0.2 * h) & (y - 0.2 * h > 1.3 * np.abs(x - w / 2)), 0.8, 0.15)


def rotated_stripes(h, w, angle_deg, period):
    y, x = grid(h, w)
    a = np.deg2rad(angle_deg)
    return 0.5 + 0.5 * np.sin(2 * np.pi * (x * np.cos(a) + y * np.sin(a)) / period)


def checkerboard(h, w, cell):
    y, x = grid(h, w)
    return (((y // cell) + (x // cell)) % 2).astype(np.float64) * 0.7 + 0.15


def ramp(h, w, slope_x, slope_y, base=0.5):
    y, x = grid(h, w)
    return np.clip(base + slope_x * (x - w / 2) + slope_y * (y - h / 2), 0, 1)


def radial(h, w):
    y, x = grid(h, w)
    r = np.hypot(y - h / 2, x - w / 2) / (0.5 * min(h, w))
    return np.clip(1.0 - r, 0, 1)


def scene(rng, h, w):
    """A random composition: gradient background, a rectangle and a disc of random values."""
    img = ramp(h, w, rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01), rng.uniform(0.2, 0.6))
    y0, x0 = rng.integers(0, h // 2), rng.integers(0, w // 2)
    img[y0:y0 + rng.integers(2, h // 2), x0:x0 + rng.integers(2, w // 2)] = rng.uniform()
    yy, xx = grid(h, w)
    cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(2, 0.3 * min(h, w))
    img[(yy - cy) ** 2 + (xx - cx) ** 2 <= r * r] = rng.uniform()
    return img


def fashion_mnist(count):
    with gzip.open(FASHION_MNIST, "rb") as f:
        data = f.read()
    n, rows, cols = (int.from_bytes(data[o:o + 4], "big") for o in (4, 8, 12))
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows, cols)
    return [(pixels[k].astype(np.float64) / 255.0).astype(np.float32) for k in range(count)]


def cases():
    """(name, float32 image, params) in a fixed order, and the pairs to score against each other."""
    rng = np.random.default_rng(20261129)
    out = []

    def add(name, image, params=DEFAULT, quantised=False):
        img = np.clip(np.asarray(image, dtype=np.float64), 0, 1)
        img = quantise(img) if quantised else img.astype(np.float32)
        out.append((name, img, params))
        return len(out) - 1

    pairs = []
    # Shapes: exact steps (ties across the step), discs, a triangle's diagonals.
    add("square40", square(40, 40, 12, 12, 28, 28))
    add("square_offcentre33x47", square(33, 47, 5, 9, 20, 40, 0.3, 0.9))
    add("low_contrast_square", square(32, 32, 8, 8, 24, 24, 0.52, 0.48))
    add("disc48", disc(48, 48, 23.5, 23.5, 15))
    add("disc_offgrid37", disc(37, 37, 17.3, 19.8, 11.2, 0.2, 0.75), quantised=True)
    add("triangle40x56", triangle(40, 56))
    add("one_pixel_line", square(24, 24, 11, 0, 12, 24))
    add("thin_diagonal", np.eye(30) * 0.9)
    # Gradients: ramps below and above the thresholds (the slope times 8 is the magnitude).
    add("ramp_weak", ramp(32, 32, 0.01, 0.0))
    add("ramp_strong", ramp(32, 32, 0.03, 0.02))
    add("ramp_diagonal", ramp(40, 40, 0.02, 0.02))
    add("radial48", radial(48, 48), quantised=True)
    # Noise: pure noise, and shapes under noise.
    add("uniform_noise32", rng.uniform(size=(32, 32)))
    add("gaussian_noise40", 0.5 + 0.1 * rng.standard_normal((40, 40)))
    add("faint_noise32", 0.5 + 0.01 * rng.standard_normal((32, 32)))
    # Textures.
    add("stripes_0deg", rotated_stripes(32, 32, 0, 8))
    add("stripes_30deg", rotated_stripes(40, 40, 30, 7), quantised=True)
    add("stripes_45deg", rotated_stripes(40, 40, 45, 6))
    add("stripes_fine", rotated_stripes(32, 32, 70, 3))
    add("checkerboard", checkerboard(32, 32, 4))
    # Sizes: non-square, tall, the smallest kornia accepts (3x3 with a 5x5 blur), large.
    add("tiny3x3", [[0, 0, 1], [0, 1, 1], [1, 1, 1]])
    add("small5x7", square(5, 7, 1, 2, 4, 5))
    add("wide17x64", scene(rng, 17, 64))
    add("tall64x17", scene(rng, 64, 17))
    add("large128x96", scene(rng, 128, 96), quantised=True)
    # Fashion-MNIST (the harness's real data), and generated-looking versions of it: the pairs
    # stand for "Canny of a sample against Canny of its target".
    for k, img in enumerate(fashion_mnist(12)):
        a = add(f"fashion{k:02d}", img)
        if k < 6:
            noisy = img + rng.normal(0, 0.08, img.shape)
            pairs.append((a, add(f"fashion{k:02d}_noisy", noisy, quantised=True)))
        elif k < 9:
            blurred = 0.25 * (np.roll(img, 1, 0) + np.roll(img, -1, 0) + np.roll(img, 1, 1)
                              + np.roll(img, -1, 1))
            pairs.append((a, add(f"fashion{k:02d}_smoothed", blurred)))
        else:
            pairs.append((a, add(f"fashion{k:02d}_shifted", np.roll(img, 1, 1))))
    # Procedural scenes at the harness's resolution, with noisy pairs.
    for k in range(6):
        clean = scene(rng, 32, 32)
        a = add(f"scene32_{k}", clean)
        pairs.append((a, add(f"scene32_{k}_noisy", clean + rng.normal(0, 0.05, clean.shape))))
    # Other settings than ControlNet++'s: the blur radii and thresholds experiment files may set
    # (CannyEdges: radius r is a (2r+1)-tap kernel with sigma r/2; radius 0 is no blur).
    for k, img in enumerate(fashion_mnist(3)):
        add(f"fashion{k:02d}_r1", img, (3, 0.5, 0.1, 0.2))
        add(f"fashion{k:02d}_r0", img, (1, 0.5, 0.3, 0.6))
        add(f"fashion{k:02d}_r3", img, (7, 1.5, 0.05, 0.4))
    add("square40_r1_high", square(40, 40, 12, 12, 28, 28), (3, 0.5, 1.0, 2.0))
    add("scene64_r2_low", scene(rng, 64, 64), (5, 1.0, 0.02, 0.05))
    # Without the blur a symmetric step gives exactly equal magnitudes on both sides: kornia's tie rule.
    add("square40_r0", square(40, 40, 12, 12, 28, 28), (1, 0.5, 0.1, 0.2))
    return out, pairs


def write(path):
    import torch
    import kornia

    torch.set_num_threads(1)
    items, pairs = cases()
    arrays = {}
    total = 0
    for k, (name, img, params) in enumerate(items):
        key = f"{k:03d}_{name}"
        arrays[key + "_image"] = img
        arrays[key + "_edges"] = kornia_edges(img, params)
        arrays[key + "_params"] = np.array(params, dtype=np.float64)
        total += img.size
    arrays["pairs"] = np.array(pairs, dtype=np.int32).reshape(-1, 2)
    meta = (f"torch {torch.__version__}, kornia {kornia.__version__}, numpy {np.__version__}, "
            f"written {datetime.date.today().isoformat()}, CPU, 1 thread")
    arrays["meta"] = np.frombuffer(meta.encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(path, **arrays)
    print(f"wrote {len(items)} cases ({total} pixels, {len(pairs)} pairs) to {path}: {meta}")


def check(path):
    import torch
    import kornia

    torch.set_num_threads(1)
    stored = np.load(path)
    keys = sorted(k[:-len("_image")] for k in stored.files if k.endswith("_image"))
    differing = []
    pixels = 0
    for key in keys:
        img = stored[key + "_image"]
        edges = kornia_edges(img, tuple(stored[key + "_params"]))
        pixels += img.size
        diff = int((edges != stored[key + "_edges"]).sum())
        if diff:
            differing.append(f"{key}: {diff} of {img.size} pixels")
    meta = bytes(stored["meta"]).decode("utf-8")
    here = f"torch {torch.__version__}, kornia {kornia.__version__}"
    if differing:
        print(f"kornia Canny goldens: {len(differing)} of {len(keys)} cases differ with {here} "
              f"(goldens from {meta}):")
        for line in differing:
            print("  " + line)
        print(f"regenerate with: {sys.argv[0]} write {path}")
        return 1
    print(f"kornia Canny goldens: {here} reproduces all {len(keys)} cases ({pixels} pixels) "
          f"of {path} (written with {meta})")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "check"):
        print(__doc__)
        sys.exit(2)
    sys.exit(write(sys.argv[2]) if sys.argv[1] == "write" else check(sys.argv[2]))
