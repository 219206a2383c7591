#!/usr/bin/env python3
"""The six statsmodels reference cases (test/fixtures/cases/case_XX.json), computed with statsmodels/pandas.

    pip install statsmodels pandas
    python3 scripts/reference/generate_cases.py               # writes test/fixtures/cases/case_01..06.json

The inputs (series and the exact calls) are this script's committed definition in statsmodels_cases.json beside
it: the six cases the project's parity was first specified with (node memory, open fds, a random walk, a very
short series, an io fraction with a 90-minute outage, 20 h of memory for the original's m = 550;
the original: docs/architecture.md). Every expected value is computed here, by statsmodels and pandas, so the repository needs nothing outside itself to test against
them. The output keeps the case format the parity suites read: adf / adf_fixed / adf_aic, hp, acf, decompose,
aggregates (resample(rule).last()), aggregates_raw_window (trailing windows), holt_winters and holt_winters_m550.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import statsmodels
from statsmodels.tsa.filters.hp_filter import hpfilter
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.stattools import acf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_fixtures import clean, run_adf, run_aggregates  # noqa: E402
from generate_hw_fixtures import run as run_hw  # noqa: E402

INPUT = HERE / "statsmodels_cases.json"
OUT = HERE.parents[1] / "test" / "fixtures" / "cases"


def iso(ts: pd.Timestamp) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


def adf(x: np.ndarray, p: dict) -> dict:
    r = run_adf(x, p)
    if "error" not in r and p["autolag"] is None:
        r["icbest"] = None  # no lag search, so no information criterion (statsmodels returns none either)
    return r


def hp(x: np.ndarray, lamb: float) -> dict:
    cycle, trend = hpfilter(x, lamb=lamb)
    return {"lambda": lamb, "trend": trend, "cycle": cycle}


def acf_with_info(x: np.ndarray, p: dict) -> tuple[np.ndarray, dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fft = acf(x, nlags=p["nlags"], fft=True, adjusted=p["adjusted"])
        direct = acf(x, nlags=p["nlags"], fft=False, adjusted=p["adjusted"])
    diff = float(np.nanmax(np.abs(fft - direct))) if np.isfinite(fft).any() else None
    return fft, {"nlags": len(fft) - 1, "fft_vs_direct_max_abs_diff": diff}


def decompose(x: np.ndarray, p: dict) -> dict:
    try:
        r = seasonal_decompose(x, model=p["model"], period=p["period"])
    except ValueError as exc:
        return {"error": f"ValueError: {exc}", "period": p["period"]}
    return {"period": p["period"], "trend": r.trend, "seasonal": r.seasonal, "resid": r.resid}


def aggregates(s: pd.Series, rules: list[str]) -> tuple[dict, dict]:
    """run_aggregates' figures plus what the case format also shows: each bucket and each window's bounds."""
    r = run_aggregates(s, rules)
    t_last = s.index[-1]
    for rule in rules:
        r["resampled"][rule]["buckets"] = [{"start": iso(t), "last": v} for t, v in s.resample(rule).last().items()]
        r["raw"][rule] = {"window_start_exclusive": iso(t_last - pd.Timedelta(rule)),
                          "window_end_inclusive": iso(t_last), **r["raw"][rule]}
    return r["resampled"], r["raw"]


def holt_winters(x: np.ndarray, p: dict, m: int) -> dict:
    steps = p["forecast_steps"]
    if len(x) < 2 * m:
        # run_hw would fit Vigil's fallback; the case records what statsmodels itself does with this period.
        try:
            ExponentialSmoothing(x, trend=p["trend"], seasonal=p["seasonal"], seasonal_periods=m)
        except ValueError as exc:
            return {"error": f"ValueError: {exc}", "seasonal_periods": m}
    r = run_hw(x.tolist(), p["trend"], p["seasonal"], m, False, steps)
    if "error" in r:
        return {"error": r["error"], "seasonal_periods": m}
    return {"seasonal_periods": m, "steps": steps, **{k: v for k, v in r.items() if k != "model"}}


def case(spec: dict) -> dict:
    p = spec["params"]
    times = pd.DatetimeIndex([pd.Timestamp(s["t"]) for s in spec["series"]])
    s = pd.Series([float(v["v"]) for v in spec["series"]], index=times)
    x = s.to_numpy(dtype=float)
    acf_values, acf_info = acf_with_info(x, p["acf"])
    resampled, raw = aggregates(s, p["aggregate_rules"])
    hw = holt_winters(x, p["holt_winters"], p["holt_winters"]["seasonal_periods"])
    hw550 = ({"same_as": "holt_winters"} if p["holt_winters"]["seasonal_periods"] == 550
             else holt_winters(x, p["holt_winters"], 550))
    return clean({
        "name": spec["name"], "description": spec["description"], "seed": spec["seed"], "n": len(x),
        "series": spec["series"], "params": p,
        "expected": {
            "adf": adf(x, p["adf"]), "adf_fixed": adf(x, p["adf_fixed"]), "adf_aic": adf(x, p["adf_aic"]),
            "hp": hp(x, p["hp_lambda"]), "acf": acf_values, "acf_info": acf_info, "decompose": decompose(x, p["decompose"]),
            "aggregates": resampled, "aggregates_raw_window": raw,
            "holt_winters": hw, "holt_winters_m550": hw550,
        },
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "pandas": pd.__version__, "statsmodels": statsmodels.__version__},
    })


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for spec in json.loads(INPUT.read_text()):
        doc = case(spec)
        (OUT / f"{spec['file']}.json").write_text(json.dumps(doc, separators=(",", ":"), allow_nan=False) + "\n")
        hw = doc["expected"]["holt_winters"]
        print(f"{spec['file']} {spec['name']}: n={doc['n']} hw sse={hw.get('sse', hw.get('error'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
