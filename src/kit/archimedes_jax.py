"""JAX peer of the GPU kit's bench: ARCHIMEDES SGD with jax.vmap over trajectories and lax.scan
over steps, float32, the same sizes and steps as the GPU engine (src/kit/bench.ts).

l_x(u, v, z) = ½(u² + v² + (cos z·u + sin z·v)²) + x·(cos(z − π/4)·u + sin(z − π/4)·v),
x ~ N(0, 1) fresh every step (JAX's own generator), η = 0.1, θ₀ = 0.
Usage: python3 archimedes_jax.py 16,20,24 1000; prints one JSON object. Without JAX it says so.
Times leave out compilation: each size runs once to compile, then is timed on a second call.
"""
import json
import sys
import time


def main() -> None:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "16").split(",")]
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    try:
        import jax
        import jax.numpy as jnp
    except ImportError as e:
        print(json.dumps({"skipped": f"JAX is not installed for {sys.executable} ({e})"}))
        return

    eta = jnp.float32(0.1)
    q = jnp.float32(jnp.pi / 4)

    def step(theta, x):
        # one trajectory: θ ← θ − η ∇l_x(θ), the gradient written out as in the GPU kernel
        u, v, z = theta
        c, s = jnp.cos(z), jnp.sin(z)
        c4, s4 = jnp.cos(z - q), jnp.sin(z - q)
        a = c * u + s * v
        gu = u + a * c + x * c4
        gv = v + a * s + x * s4
        gz = a * (c * v - s * u) + x * (c4 * v - s4 * u)
        return jnp.stack([u - eta * gu, v - eta * gv, z - eta * gz])

    batched = jax.vmap(step)

    def make(K: int, T: int):
        @jax.jit
        def run(key):
            def body(theta, t):
                x = jax.random.normal(jax.random.fold_in(key, t), (K,), dtype=jnp.float32)
                return batched(theta, x), None

            theta0 = jnp.zeros((K, 3), dtype=jnp.float32)
            theta, _ = jax.lax.scan(body, theta0, jnp.arange(T))
            return jnp.mean(theta[:, 2])

        return run

    dev = jax.devices()[0]
    runs = []
    for s in sizes:
        K = 1 << s
        run = make(K, steps)
        key = jax.random.PRNGKey(0)
        run(key).block_until_ready()  # compile
        t0 = time.perf_counter()
        z = run(jax.random.PRNGKey(1)).block_until_ready()
        secs = time.perf_counter() - t0
        runs.append({
            "trajectories": K,
            "steps": steps,
            "seconds": secs,
            "trajectoryStepsPerSecond": K * steps / secs,
            "meanZ": float(z),
        })
    print(json.dumps({
        "engine": "jax",
        "adapter": f"{dev.platform}: {getattr(dev, 'device_kind', '?')}",
        "jax": jax.__version__,
        "runs": runs,
    }))


if __name__ == "__main__":
    main()
