#!/usr/bin/env python3
"""Reference fixtures for Vigil's analytics, computed with statsmodels/pandas (development tool only).

    pip install statsmodels pandas
    python3 scripts/reference/generate_fixtures.py            # writes test/fixtures/analytics/*.json

Each fixture is one synthetic series of a shape seen in node_exporter/Prometheus data, with the results of
adfuller (several regression/autolag/maxlag variants), hpfilter, acf, seasonal_decompose and the two aggregate
flavours (pandas resample(rule).last(); trailing raw windows). Holt-Winters is left out: its fixtures come with
its own generator. Series are generated from fixed seeds, so rerunning reproduces the files.

Conventions (ALGORITHMS.md): value analyses get the values present in time order (gaps not filled); only the
aggregates use timestamps. NaN is written as null. Where statsmodels raises, the expected value is
{"error": message, "error_code": code}, the code being what the TypeScript side reports. Where statsmodels does
not raise but warns that the ADF design is rank deficient, or fits it exactly with no residual degrees of freedom
(its statistic is then arbitrary), the expected value is a NUMERICAL_FAILURE error, the TypeScript behaviour.

To keep the files small, values that statsmodels derives by plain arithmetic are not stored: the HP cycle is
x - trend, the seasonal component repeats its first `period` values, and the residual is x - trend - seasonal
(additive) or x / seasonal / trend (multiplicative). The tests recompute them with the same IEEE operations.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tools.sm_exceptions import SingularMatrixWarning
from statsmodels.tsa.filters.hp_filter import hpfilter
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.stattools import acf, adfuller

OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "analytics"

ADF_VARIANTS = [
    {"maxlag": maxlag, "regression": regression, "autolag": autolag}
    for regression in ("c", "n", "ct")
    for autolag in ("AIC", "BIC", "t-stat", None)
    for maxlag in (3, None)
]


def clean(value):
    """JSON-safe copy: NaN/inf -> None, numpy scalars -> Python floats/ints."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [clean(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else None
    return value


def error_code(message: str) -> str:
    m = message.lower()
    if "is constant" in m:
        return "CONSTANT_SERIES"
    if "zero and negative" in m or "strictly positive" in m:
        return "NON_POSITIVE_VALUES"
    if "missing values" in m:
        return "NON_FINITE_VALUE"
    if any(s in m for s in ("maxlag must be less", "too short", "complete cycles", "cannot be negative")):
        return "TOO_FEW_POINTS"
    raise ValueError(f"no error code for statsmodels message: {message}")


def expect_error(exc: Exception) -> dict:
    return {"error": str(exc), "error_code": error_code(str(exc))}


def run_adf(x: np.ndarray, params: dict) -> dict:
    # store=True returns (stat, pvalue, critvalues, resstore) in every statsmodels version since 0.9.
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            stat, pvalue, crit, store = adfuller(x, maxlag=params["maxlag"], regression=params["regression"],
                                                 autolag=params["autolag"], store=True)
    except ValueError as exc:
        return expect_error(exc)
    if any(issubclass(w.category, SingularMatrixWarning) for w in caught) or not math.isfinite(stat):
        return {"error": "statsmodels: design matrix is rank deficient (arbitrary statistic)",
                "error_code": "NUMERICAL_FAILURE"}
    ntrend = {"n": 0, "c": 1, "ct": 2}[params["regression"]]
    if store.nobs - (store.usedlag + 1 + ntrend) <= 0:
        # An exact fit with no residual degrees of freedom: statsmodels reports t = 0 from se = sqrt(ssr/0).
        return {"error": "statsmodels: no residual degrees of freedom (arbitrary statistic)",
                "error_code": "NUMERICAL_FAILURE"}
    return {
        "statistic": stat,
        "pvalue": pvalue,
        "usedlag": int(store.usedlag),
        "nobs": int(store.nobs),
        "critical": {k: float(v) for k, v in crit.items()},
        "icbest": store.icbest,
    }


def run_hp(x: np.ndarray, lamb: float) -> dict:
    try:
        _cycle, trend = hpfilter(x, lamb=lamb)
    except ValueError as exc:
        return expect_error(exc)
    return {"trend": np.asarray(trend)}


def run_acf(x: np.ndarray, nlags) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return acf(x, nlags=nlags, fft=True)


def run_decompose(x: np.ndarray, model: str, period: int) -> dict:
    try:
        res = seasonal_decompose(x, model=model, period=period)
    except ValueError as exc:
        return expect_error(exc)
    return {"trend": np.asarray(res.trend), "seasonal_phase": np.asarray(res.seasonal)[:period]}


def run_aggregates(s: pd.Series, windows: list[str]) -> dict:
    resampled, raw = {}, {}
    t_last = s.index[-1]
    for rule in windows:
        b = s.resample(rule).last()
        resampled[rule] = {
            "max": b.max(), "min": b.min(), "mean": b.mean(), "std": b.std(),
            "n_buckets": int(len(b)), "n_nonempty": int(b.notna().sum()),
        }
        w = s[(s.index > t_last - pd.Timedelta(rule)) & (s.index <= t_last)]
        raw[rule] = {"count": int(w.count()), "max": w.max(), "min": w.min(), "mean": w.mean(), "std": w.std()}
    return {"windows": windows, "resampled": resampled, "raw": raw}


def fixture(name: str, description: str, times: pd.DatetimeIndex, values: np.ndarray, *,
            periods=(60,), lambdas=(1600,), nlags=(None,), windows=("1h", "3h", "12h"),
            multiplicative=True) -> dict:
    s = pd.Series(values, index=times)
    x = s.dropna().to_numpy(dtype=float) if s.isna().any() else s.to_numpy(dtype=float)
    has_missing = bool(s.isna().any())
    fx = {
        "name": name,
        "description": description,
        "n": int(len(values)),
        "series": [{"t": t.strftime("%Y-%m-%dT%H:%M:%S") + (f".{t.microsecond // 1000:03d}" if t.microsecond else "") + "Z",
                    "v": None if (isinstance(v, float) and math.isnan(v)) else v}
                   for t, v in zip(times, values.tolist())],
        "aggregates": run_aggregates(s, list(windows)),
    }
    if has_missing:
        # The value analyses refuse missing values (NON_FINITE_VALUE); only the aggregates have a reference.
        fx["missing_values"] = True
    else:
        fx["adf"] = [{"params": p, "expected": run_adf(x, p)} for p in ADF_VARIANTS]
        fx["hp"] = [{"lambda": lam, "expected": run_hp(x, lam)} for lam in lambdas]
        fx["acf"] = [{"nlags": k, "expected": run_acf(x, k)} for k in nlags]
        models = ("additive", "multiplicative") if multiplicative else ("additive",)
        fx["decompose"] = [{"model": m, "period": p, "expected": run_decompose(x, m, p)}
                           for p in periods for m in models]
    return clean(fx)


def minutes(start: str, n: int, step: str = "1min") -> pd.DatetimeIndex:
    return pd.date_range(start, periods=n, freq=step, tz="UTC")


def build() -> list[dict]:
    rng = np.random.default_rng(20240311)
    out = []

    # node_exporter memory bytes: daily cycle over 24 h of 1-minute samples, level ~10 GB, integer bytes.
    n = 1440
    t = np.arange(n)
    mem = 10.2e9 + 1.1e9 * np.sin(2 * np.pi * t / 1440) + np.cumsum(rng.normal(0, 4e6, n))
    out.append(fixture("mem_bytes_daily_24h_1m", "MemAvailable bytes, daily cycle, 24 h x 1 min",
                       minutes("2024-05-01T07:13:00", n), np.round(mem), periods=(60, 1440 // 2)))

    # Hourly cycle, 12 h at 1 minute, not starting on the hour (13 hourly buckets, 2 half-day buckets).
    n = 720
    t = np.arange(n)
    cached = 3.5e9 + 2.0e8 * np.sin(2 * np.pi * t / 60) + rng.normal(0, 1.5e7, n)
    out.append(fixture("cached_bytes_hourly_12h_1m", "page cache bytes with an hourly cycle",
                       minutes("2024-05-02T05:47:00", n), np.round(cached), periods=(60, 30)))

    # Level shifts (deployments) with noise: piecewise-constant mean.
    n = 600
    levels = np.repeat(rng.choice([1.2e8, 1.9e8, 2.6e8], size=6), 100)
    rss = levels + rng.normal(0, 2e6, n)
    out.append(fixture("rss_steps_noisy_10h", "process RSS with level shifts plus noise",
                       minutes("2024-05-03T00:00:00", n), np.round(rss), periods=(60,)))

    # Exact steps without noise: few distinct values (piecewise constant).
    steps = np.concatenate([np.full(150, 4.0), np.full(200, 9.0), np.full(100, 6.0), np.full(150, 12.0)])
    out.append(fixture("replicas_exact_steps", "replica count: exact steps, no noise",
                       minutes("2024-05-03T10:00:00", len(steps)), steps, periods=(60,)))

    # Counts (integers, Poisson) and an increasing counter with random increments.
    n = 600
    counts = rng.poisson(40 + 10 * np.sin(2 * np.pi * np.arange(n) / 60)).astype(float)
    out.append(fixture("http_errors_counts_10h", "per-minute error counts (Poisson around a cycle)",
                       minutes("2024-05-04T02:30:00", n), counts, periods=(60,)))
    counter = np.cumsum(rng.poisson(1200, 480)).astype(float) + 7.3e7
    out.append(fixture("node_network_counter_8h", "monotone byte counter with random increments",
                       minutes("2024-05-04T18:05:00", 480), counter, periods=(60, 24), multiplicative=True))

    # Random walks and stationary AR series.
    rw = 500 + np.cumsum(rng.normal(0, 3, 1000))
    out.append(fixture("random_walk_1000", "random walk, 1000 x 1 min", minutes("2024-05-05T00:00:00", 1000),
                       np.round(rw, 4), periods=(50, 60), lambdas=(1600, 100)))
    for phi, name in ((0.5, "ar1_phi05_500"), (0.05, "ar1_phi005_800"), (0.97, "ar1_phi097_700")):
        n = int(name.split("_")[-1])
        e = rng.normal(0, 1, n)
        y = np.empty(n)
        y[0] = e[0]
        for i in range(1, n):
            y[i] = phi * y[i - 1] + e[i]
        out.append(fixture(name, f"stationary AR(1), phi={phi}", minutes("2024-05-06T03:00:00", n),
                           np.round(20 + y, 6), periods=(60,), nlags=(None, 5)))
    n = 900
    e = rng.normal(0, 1, n)
    y = np.zeros(n)
    for i in range(2, n):
        y[i] = 1.2 * y[i - 1] - 0.45 * y[i - 2] + e[i]
    out.append(fixture("ar2_load_900", "AR(2) around a load level", minutes("2024-05-06T20:00:00", n),
                       np.round(4 + 0.3 * y, 5), periods=(60, 45)))

    # Linear trend plus noise (the "ct" regression's case) and a trend with multiplicative seasonality.
    n = 720
    trend = 50 + 0.05 * np.arange(n) + rng.normal(0, 1.0, n)
    out.append(fixture("disk_used_trend_12h", "disk used percent with a linear trend",
                       minutes("2024-05-07T01:00:00", n), np.round(trend, 3), periods=(60,)))
    n = 960
    mult = (100 + 0.1 * np.arange(n)) * (1 + 0.3 * np.sin(2 * np.pi * np.arange(n) / 48)) * \
        np.exp(rng.normal(0, 0.02, n))
    out.append(fixture("requests_mult_season", "requests with multiplicative seasonality (period 48)",
                       minutes("2024-05-07T13:00:00", n), np.round(mult, 4), periods=(48,)))

    # Gaps: a 75-minute outage plus random missing minutes; and 15-second sampling with an outage.
    n = 720
    full = minutes("2024-05-08T04:20:00", n)
    vals = 0.2 + 0.1 * np.sin(2 * np.pi * np.arange(n) / 90) + rng.normal(0, 0.02, n)
    keep = np.ones(n, dtype=bool)
    keep[300:375] = False
    keep[rng.choice(n, 20, replace=False)] = False
    out.append(fixture("cpu_fraction_gaps_12h", "CPU fraction with a 75-minute outage and missing minutes",
                       full[keep], np.round(vals[keep], 6), periods=(60,)))
    n = 2880
    full = minutes("2024-05-08T18:00:00", n, "15s")
    vals = 0.35 + 0.2 * np.sin(2 * np.pi * np.arange(n) / 240) + rng.normal(0, 0.03, n)
    keep = np.ones(n, dtype=bool)
    keep[1000:1300] = False
    out.append(fixture("cpu_15s_12h_outage", "15-second CPU utilisation over 12 h with a 75-minute outage",
                       full[keep], np.round(vals[keep], 6), periods=(240,), windows=("90s", "15min", "1h", "3h", "12h")))
    n = 2880
    vals = 0.5 + 0.1 * np.sin(2 * np.pi * np.arange(n) / 240) + rng.normal(0, 0.05, n)
    out.append(fixture("cpu_15s_12h", "15-second CPU utilisation over 12 h",
                       minutes("2024-05-09T12:00:00", n, "15s"), np.round(vals, 6), periods=(240, 60)))

    # Fractions near zero (io time), 5-minute sampling over 3 days (1D buckets), and missing values (null).
    n = 597
    io = np.abs(rng.normal(0.004, 0.003, n)) + 1e-5
    io[rng.choice(n, 8)] += rng.uniform(0.05, 0.2, 8)
    out.append(fixture("io_fraction_near_zero", "disk io-time fraction near zero with spikes",
                       minutes("2024-05-10T00:49:00", n), np.round(io, 6), periods=(60,)))
    n = 864
    temp = 45 + 8 * np.sin(2 * np.pi * np.arange(n) / 288) + rng.normal(0, 0.5, n)
    out.append(fixture("temperature_5m_3d", "hwmon temperature, 5-minute samples over 3 days",
                       minutes("2024-05-11T22:35:00", n, "5min"), np.round(temp, 2), periods=(288, 12),
                       windows=("1h", "7h", "12h", "1D")))
    n = 240
    vals = rng.normal(100, 5, n)
    vals[[0, 17, 18, 19, 100, 239]] = np.nan
    out.append(fixture("with_missing_values", "NaN values (JSON null) inside the series",
                       minutes("2024-05-12T11:00:00", n), np.round(vals, 3), periods=(60,)))

    # Around zero and negative (multiplicative decomposition must refuse).
    n = 360
    delta = rng.normal(0, 1, n) + np.sin(2 * np.pi * np.arange(n) / 30)
    out.append(fixture("temperature_delta_signed", "signed deltas around zero",
                       minutes("2024-05-12T16:00:00", n), np.round(delta, 4), periods=(30,)))

    # Degenerate: constant series, and very short ones.
    out.append(fixture("constant_300", "constant series (exactly representable value)",
                       minutes("2024-05-13T00:00:00", 300), np.full(300, 1048576.0), periods=(60,)))
    out.append(fixture("constant_tenth_50", "constant 0.1 (the mean is not exactly 0.1)",
                       minutes("2024-05-13T08:00:00", 50), np.full(50, 0.1), periods=(10,)))
    for n in (1, 2, 3, 4, 5, 9, 10, 13, 24):
        vals = np.round(1.5 + 0.3 * np.sin(np.arange(n) * 1.7) + rng.normal(0, 0.1, n), 3)
        out.append(fixture(f"short_{n}", f"very short series of {n} points",
                           minutes("2024-05-13T23:50:00", n), vals, periods=(2, 3, 6), nlags=(None, 2, 50)))
    return out


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    for fx in build():
        fx["versions"] = {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__,
                          "statsmodels": statsmodels.__version__}
        path = OUT / f"{fx['name']}.json"
        text = json.dumps(fx, separators=(",", ":"), allow_nan=False)
        path.write_text(text + "\n")
        total += len(text)
    print(f"wrote {len(list(OUT.glob('*.json')))} fixtures, {total / 1e6:.2f} MB, to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
