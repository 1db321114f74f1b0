"""Reference values for the metrics module's cross-check tests (ReferenceCrossCheckTest).

Runs the REAL implementations (scikit-image, SciPy) on files a Java test wrote, and prints one
result per line with repr() precision. Called as `.venv/bin/python reference.py COMMAND ARGS`:

  ssim_psnr MANIFEST   lines "npy|png A B DATA_RANGE": skimage structural_similarity
                       (gaussian_weights=True, sigma=1.5, use_sample_covariance=False) and
                       peak_signal_noise_ratio; prints "SSIM PSNR"
  msssim MANIFEST      lines "npy A B DATA_RANGE": MS-SSIM, NumPy transcription of torchmetrics
                       (relu normalisation, avg_pool2d 2x2), per-scale terms from scipy.ndimage
  canny MANIFEST SIGMA LOW HIGH
                       lines "npy A": skimage.feature.canny; prints the mask as a 0/1 string
  frechet A B          pytorch-fid's calculate_frechet_distance (scipy.linalg.sqrtm) on two N x D
                       float64 .npy feature files
  kid_full A B         torchmetrics' poly_mmd (degree 3, gamma 1/D, coef 1) on the whole sets
PNG pixels are read as uint8 and divided by 255 in float64, then rounded to float32 as Java's Png
does, then multiplied by DATA_RANGE in float32; .npy files hold float32 images already scaled.
"""
import sys
import warnings

import numpy as np
from scipy import linalg, ndimage
from skimage.feature import canny
from skimage.io import imread
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

warnings.filterwarnings("ignore")


def load_image(kind, path, data_range):
    if kind == "npy":
        return np.load(path).astype(np.float64)
    raw = imread(path)
    assert raw.dtype == np.uint8 and raw.ndim == 2, (path, raw.dtype, raw.shape)
    img = (raw.astype(np.float64) / 255.0).astype(np.float32) * np.float32(data_range)
    return img.astype(np.float64)


def manifest(path):
    with open(path) as f:
        return [line.split() for line in f if line.strip()]


def ssim_psnr(path):
    for kind, a, b, r in manifest(path):
        r = float(r)
        x, y = load_image(kind, a, r), load_image(kind, b, r)
        s = structural_similarity(x, y, gaussian_weights=True, sigma=1.5,
                                  use_sample_covariance=False, data_range=r)
        p = peak_signal_noise_ratio(x, y, data_range=r)
        print(repr(float(s)), repr(float(p)))


def _ssim_cs(x, y, r):
    filt = lambda z: ndimage.gaussian_filter(z, sigma=1.5, truncate=3.5, mode="reflect")
    ux, uy = filt(x), filt(y)
    vx = filt(x * x) - ux * ux
    vy = filt(y * y) - uy * uy
    vxy = filt(x * y) - ux * uy
    c1, c2 = (0.01 * r) ** 2, (0.03 * r) ** 2
    cs = (2 * vxy + c2) / (vx + vy + c2)
    ssim = (2 * ux * uy + c1) / (ux * ux + uy * uy + c1) * cs
    crop = (slice(5, -5), slice(5, -5))
    return ssim[crop].mean(), cs[crop].mean()


def _pool(z):
    h, w = z.shape[0] // 2 * 2, z.shape[1] // 2 * 2
    z = z[:h, :w]
    return (z[0::2, 0::2] + z[0::2, 1::2] + z[1::2, 0::2] + z[1::2, 1::2]) / 4


def msssim(path):
    betas = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)
    for kind, a, b, r in manifest(path):
        r = float(r)
        x, y = load_image(kind, a, r), load_image(kind, b, r)
        terms = []
        for i in range(len(betas)):
            s, cs = _ssim_cs(x, y, r)
            # the last scale's SSIM is checked against scikit-image itself
            if i == len(betas) - 1:
                ref = structural_similarity(x, y, gaussian_weights=True, sigma=1.5,
                                            use_sample_covariance=False, data_range=r)
                assert abs(ref - s) < 1e-9, (ref, s)
            terms.append(max(s if i == len(betas) - 1 else cs, 0.0))
            x, y = _pool(x), _pool(y)
        print(repr(float(np.prod([t ** b for t, b in zip(terms, betas)]))))


def run_canny(path, sigma, low, high):
    for (kind, a) in manifest(path):
        img = np.load(a).astype(np.float64)
        edges = canny(img, sigma=float(sigma), low_threshold=float(low),
                      high_threshold=float(high))
        print("".join("1" if e else "0" for e in edges.ravel()))


def frechet(a, b, eps=1e-6):
    """pytorch-fid 0.3.0 calculate_frechet_distance, verbatim in substance."""
    f1, f2 = np.load(a), np.load(b)
    mu1, mu2 = f1.mean(axis=0), f2.mean(axis=0)
    sigma1, sigma2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    offset_used = False
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
        offset_used = True
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    value = diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)
    print(repr(float(value)), "offset" if offset_used else "no-offset")


def kid_full(a, b):
    f1, f2 = np.load(a).astype(np.float64), np.load(b).astype(np.float64)
    d = f1.shape[1]
    k = lambda u, v: (u @ v.T / d + 1.0) ** 3
    kxx, kxy, kyy = k(f1, f1), k(f1, f2), k(f2, f2)
    m = kxx.shape[0]
    value = (kxx.sum() - np.trace(kxx) + kyy.sum() - np.trace(kyy)) / (m * (m - 1))
    value -= 2 * kxy.sum() / m ** 2
    print(repr(float(value)))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"ssim_psnr": ssim_psnr, "msssim": msssim, "canny": run_canny, "frechet": frechet,
     "kid_full": kid_full}[command](*args)
