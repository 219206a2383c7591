#!/usr/bin/env python3
"""Generate Holt-Winters reference fixtures from statsmodels for test/unit/analytics/holt-winters.

Development tool only (Python 3.11, `pip install statsmodels pandas`). Each fixture is one series, the options
passed to `holtWinters`, and what statsmodels' `ExponentialSmoothing(...).fit().forecast(steps)` produced: the
initial values, the brute-force grid winner, the fitted parameters, SSE, forecast and optimizer status, or the
error statsmodels raised. Where the series is too short for the seasonal period (n < 2m) the fixture records
the model Vigil falls back to (no seasonality, same trend and damping), fitted by statsmodels.

Usage: python3 scripts/reference/generate_hw_fixtures.py [out_dir]   (default test/fixtures/holt-winters)
"""

import json
import math
import os
import sys
import warnings

import numpy as np
import statsmodels
from statsmodels.tsa.holtwinters import ExponentialSmoothing

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join("test", "fixtures", "holt-winters")


def node_bytes(rng, n, step_s, level=1.0e10, daily=2.5e8, hourly=4.0e7, walk=1.5e6, noise=8.0e6, phase=None):
    """Free-memory-like bytes: daily and hourly cycles, a slow random walk and scrape noise."""
    t = np.arange(n) * step_s + (rng.integers(0, 86400) if phase is None else phase)
    y = (
        level
        + daily * np.sin(2 * np.pi * t / 86400)
        + hourly * np.sin(2 * np.pi * t / 3600 + 0.7)
        + np.cumsum(rng.normal(0, walk * math.sqrt(step_s / 60), n))
        + rng.normal(0, noise, n)
    )
    return np.round(y)


def cpu_fraction(rng, n, step_s):
    t = np.arange(n) * step_s
    y = 0.35 + 0.15 * np.sin(2 * np.pi * t / 3600) + 0.05 * np.sin(2 * np.pi * t / 86400) + rng.normal(0, 0.03, n)
    return np.clip(y, 0.01, None)


def counts(rng, n, base=1800.0, period=30):
    t = np.arange(n)
    lam = base + 40 * np.sin(2 * np.pi * t / period) + np.cumsum(rng.normal(0, 2, n))
    return rng.poisson(np.maximum(lam, 1)).astype(float)


def random_walk(rng, n, start=800.0, sd=3.0):
    return start + np.cumsum(rng.normal(0, sd, n))


def ar1(rng, n, phi=0.8, mean=50.0, sd=2.0):
    x = np.empty(n)
    x[0] = mean
    for i in range(1, n):
        x[i] = mean + phi * (x[i - 1] - mean) + rng.normal(0, sd)
    return x


def seasonal_linear(rng, n, m, slope=0.3, amp=10.0, base=200.0, noise=2.0):
    t = np.arange(n)
    return base + slope * t + amp * np.sin(2 * np.pi * t / m) + rng.normal(0, noise, n)


def seasonal_growth(rng, n, m, growth=0.002, amp=0.1, base=300.0, noise=0.01):
    t = np.arange(n)
    return base * (1 + growth) ** t * (1 + amp * np.sin(2 * np.pi * t / m)) * (1 + rng.normal(0, noise, n))


def capture_brute(model):
    """Records the grid winner: `_get_starting_values` returns params with (α, β, γ) set to it."""
    captured = {}
    original = model._get_starting_values

    def wrapper(params, *args, **kwargs):
        out = original(params, *args, **kwargs)
        captured["alpha"], captured["beta"], captured["gamma"] = (float(v) for v in out[:3])
        return out

    model._get_starting_values = wrapper
    return captured


def num(v):
    if v is None:
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def run(values, trend, seasonal, m, damped, steps):
    n = len(values)
    model_report = {"trend": trend, "seasonal": seasonal, "seasonal_periods": m if seasonal else None, "damped": damped}
    fallback = seasonal is not None and m is not None and n < 2 * m
    if fallback:
        model_report.update(
            {"trend": trend, "seasonal": None, "seasonal_periods": None, "fallback": True,
             "requested": {"seasonal": seasonal, "seasonal_periods": m}}
        )
        seasonal, m = None, None
    y = np.asarray(values, dtype=float)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            mod = ExponentialSmoothing(y, trend=trend, seasonal=seasonal, seasonal_periods=m, damped_trend=damped)
        except Exception as exc:  # noqa: BLE001 - the fixture records what statsmodels raises
            return {"error": f"{type(exc).__name__}: {exc}", "model": model_report}
        mm = m or 0
        init = {
            "method": "simple" if n < 10 + 2 * (mm // 2) else "heuristic",
            "level": num(mod._initial_level),
            "trend": num(mod._initial_trend),
            "seasonal": [num(v) for v in (mod._initial_seasonal if mod._initial_seasonal is not None else [])],
        }
        brute = capture_brute(mod)
        try:
            res = mod.fit()
            fc = res.forecast(steps)
        except Exception as exc:  # noqa: BLE001
            return {"error": f"{type(exc).__name__}: {exc}", "model": model_report}
    p = res.params
    ret = res.mle_retvals
    out = {
        "model": model_report,
        "init": init,
        "brute_start": {
            "alpha": brute.get("alpha"),
            "beta": brute.get("beta") if trend else None,
            "gamma": brute.get("gamma") if seasonal else None,
        },
        "params": {
            "alpha": num(p["smoothing_level"]),
            "beta": num(p["smoothing_trend"]) if trend else None,
            "gamma": num(p["smoothing_seasonal"]) if seasonal else None,
            "initial_level": num(p["initial_level"]),
            "initial_trend": num(p["initial_trend"]) if trend else None,
            "initial_seasons": [num(v) for v in (p["initial_seasons"] if seasonal else [])],
        },
        "sse": num(res.sse),
        "forecast": [num(v) for v in np.asarray(fc)],
        "optimizer": {
            "success": bool(getattr(ret, "success", True)),
            "message": str(getattr(ret, "message", "")),
            "nit": int(getattr(ret, "nit", 0)),
        },
        "warnings": sorted({f"{w.category.__name__}: {w.message}" for w in caught}),
    }
    if damped:
        out["params"]["phi"] = num(p["damping_trend"])
    return out


def cases():
    rng = np.random.default_rng(20240611)
    c = []

    def add(name, desc, values, trend="mul", seasonal="add", m=None, damped=False, steps=10):
        c.append((name, desc, [float(v) for v in values], trend, seasonal, m, damped, steps))

    # The original's model (trend mul, seasonal add) on node_exporter-like data.
    add("mem_12h_1m_m60", "free bytes, 12 h at 1 min, hourly period", node_bytes(rng, 720, 60), m=60)
    add("mem_20h_1m_m550", "free bytes, 20 h at 1 min, the original m=550", node_bytes(rng, 1200, 60), m=550)
    add("mem_1100_m550", "free bytes, exactly two 550-cycles", node_bytes(rng, 1100, 60), m=550)
    add("mem_12h_15s_m550", "free bytes, 12 h at 15 s, the original m=550", node_bytes(rng, 2880, 15), m=550)
    add("mem_12h_15s_m240", "free bytes, 12 h at 15 s, hourly period", node_bytes(rng, 2880, 15), m=240)
    add("mem_12h_1m_m550_fallback", "free bytes, 720 points: m=550 does not fit, no seasonality",
        node_bytes(rng, 720, 60), m=550)
    add("mem_6h_1m_m550_fallback", "free bytes, 360 points, fallback", node_bytes(rng, 360, 60), m=550)
    add("rx_bytes_rate_m60", "network receive rate (bytes/s) with hourly cycle",
        node_bytes(rng, 600, 60, level=2.0e6, daily=4e5, hourly=3e5, walk=2e4, noise=1e5), m=60)
    add("cpu_15s_m240", "CPU busy fraction at 15 s, hourly cycle", cpu_fraction(rng, 960, 15), m=240)
    add("cpu_1m_m60", "CPU busy fraction at 1 min", cpu_fraction(rng, 480, 60), m=60)
    add("fd_count_m30", "open file descriptors (counts)", counts(rng, 600), m=30)
    add("fd_count_m12", "open file descriptors (counts), short period", counts(rng, 300, period=12), m=12)
    add("random_walk_m50", "random walk", random_walk(rng, 500), m=50)
    add("random_walk_nonseasonal", "random walk, trend only", random_walk(rng, 400), seasonal=None)
    add("ar1_m24", "stationary AR(1) around 50", ar1(rng, 400), m=24)
    add("ar1_nonseasonal", "stationary AR(1), trend only", ar1(rng, 300), seasonal=None)
    add("short_24_m6", "very short series", 1.3 + 0.3 * rng.random(24), m=6)
    add("short_14_m4_simple", "simple initialization (n < 10 + 2*(m//2))", 10 + rng.random(14), m=6)
    add("short_12_m4", "short, m=4", 5 + rng.random(12) + np.tile([0, 1, 0.5, -0.5], 3), m=4)
    add("short_8_nonseasonal", "8 points, simple non-seasonal init", 100 + rng.normal(0, 2, 8), seasonal=None)
    add("tiny_3_nonseasonal", "3 points", [10.0, 11.0, 10.5], seasonal=None)

    # Other component combinations.
    add("addadd_m12", "additive trend and season", seasonal_linear(rng, 240, 12), trend="add", m=12)
    add("addmul_m12", "additive trend, multiplicative season", seasonal_growth(rng, 240, 12, growth=0.0),
        trend="add", seasonal="mul", m=12)
    add("mulmul_m12", "multiplicative trend and season", seasonal_growth(rng, 240, 12), trend="mul",
        seasonal="mul", m=12)
    add("noneadd_m24", "no trend, additive season", seasonal_linear(rng, 240, 24, slope=0.0), trend=None, m=24)
    add("nonemul_m24", "no trend, multiplicative season", seasonal_growth(rng, 240, 24, growth=0.0), trend=None,
        seasonal="mul", m=24)
    add("addnone", "Holt's additive trend", seasonal_linear(rng, 200, 10, amp=0.0), trend="add", seasonal=None)
    add("nonenone", "simple exponential smoothing", ar1(rng, 200), trend=None, seasonal=None)
    add("add_damped_add_m12", "damped additive trend, additive season", seasonal_linear(rng, 240, 12),
        trend="add", m=12, damped=True)
    add("mul_damped_add_m12", "damped multiplicative trend, additive season (Cython fit quirk)",
        seasonal_linear(rng, 240, 12), trend="mul", m=12, damped=True)
    add("mul_damped_mul_m12", "damped multiplicative trend and season", seasonal_growth(rng, 240, 12),
        trend="mul", seasonal="mul", m=12, damped=True)
    add("add_damped_none", "damped Holt", random_walk(rng, 200), trend="add", seasonal=None, damped=True)
    add("mul_damped_none", "damped multiplicative Holt", random_walk(rng, 200), trend="mul", seasonal=None,
        damped=True)
    add("addadd_m4_h12", "forecast longer than the period (the seasonal overwrite quirk)",
        seasonal_linear(rng, 48, 4), trend="add", m=4, steps=12)

    # Where statsmodels raises.
    ar = ar1(rng, 200, mean=0.0)
    add("error_nonpositive_mul", "AR noise around 0 with a multiplicative trend", ar, m=20)
    add("error_zero_value_mul", "a zero count with a multiplicative trend",
        np.concatenate([counts(rng, 100)[:50], [0.0], counts(rng, 100)[:49]]), m=10)
    return c


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, desc, values, trend, seasonal, m, damped, steps in cases():
        expected = run(values, trend, seasonal, m, damped, steps)
        doc = {
            "name": name,
            "description": desc,
            "options": {"trend": trend, "seasonal": seasonal, "seasonal_periods": m, "damped": damped, "steps": steps},
            "values": values,
            "expected": expected,
            "versions": {"statsmodels": statsmodels.__version__, "numpy": np.__version__},
        }
        with open(os.path.join(OUT, f"{name}.json"), "w") as fh:
            json.dump(doc, fh, allow_nan=False, separators=(",", ":"))
        status = expected.get("error") or f"sse={expected['sse']:.6g} nit={expected['optimizer']['nit']}"
        print(f"{name}: {status}")


if __name__ == "__main__":
    main()
