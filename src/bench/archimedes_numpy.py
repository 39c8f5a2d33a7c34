"""numpy float32 reference for `npm run bench`: ARCHIMEDES SGD vectorised over trajectories.

l_x(u, v, z) = ½(u² + v² + (cos z·u + sin z·v)²) + x·(cos(z − π/4)·u + sin(z − π/4)·v),
x ~ N(0, 1) fresh every step (numpy's own generator), η = 0.1, θ₀ = 0, everything float32.
Usage: python3 archimedes_numpy.py [log2 K] [steps]; prints one JSON object.
"""
import json
import sys
import time

import numpy as np


def run(K: int, T: int, eta: float = 0.1, seed: int = 0) -> dict:
    f = np.float32
    rng = np.random.default_rng(seed)
    u = np.zeros(K, f)
    v = np.zeros(K, f)
    z = np.zeros(K, f)
    x = np.empty(K, f)
    e, half, q = f(eta), f(0.5), f(np.pi / 4)
    t0 = time.perf_counter()
    for _ in range(T):
        rng.standard_normal(K, dtype=np.float32, out=x)
        c, s = np.cos(z), np.sin(z)
        c4, s4 = np.cos(z - q), np.sin(z - q)
        a = c * u + s * v  # ∂/∂u, ∂/∂v, ∂/∂z of the loss, as the kernel's gradient
        gu = u + a * c + x * c4
        gv = v + a * s + x * s4
        gz = a * (c * v - s * u) + x * (c4 * v - s4 * u)
        u -= e * gu
        v -= e * gv
        z -= e * gz
    secs = time.perf_counter() - t0
    assert z.dtype == np.float32 and half.dtype == np.float32
    return {
        "engine": "numpy",
        "adapter": f"numpy {np.__version__} float32 (vectorised over trajectories)",
        "trajectories": K,
        "steps": T,
        "seconds": secs,
        "trajectoryStepsPerSecond": K * T / secs,
        "meanZ": float(z.astype(np.float64).mean()),
    }


if __name__ == "__main__":
    log2k = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    print(json.dumps(run(1 << log2k, steps)))
