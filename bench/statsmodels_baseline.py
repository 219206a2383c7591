#!/usr/bin/env python3
"""statsmodels/pandas baseline for bench/analytics.ts: the original's per-series analysis, timed
(the original: docs/architecture.md).

Reads JSON from stdin: {"repeats": R, "series": [{"n": n, "t": [epoch seconds], "v": [values]}, ...]}.
For each series runs, R times: adfuller(maxlag=3) + hpfilter(1600) + acf + seasonal_decompose(period=60)
+ resample("1h"/"3h"/"12h").last() max/min/mean/std + ExponentialSmoothing(trend="mul", seasonal="add",
seasonal_periods=550).fit().forecast(10), falling back to trend="mul" without seasonality when n < 1100 (the same
fallback as Vigil). Prints JSON: [{"n", "seconds": [wall, per repeat], "cpu_seconds": [process CPU, per repeat], "peak_rss_kb"}].
"""

import json
import resource
import sys
import time
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.filters.hp_filter import hpfilter
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.stattools import acf, adfuller


def analyze(t, v):
    y = np.asarray(v, dtype=float)
    adfuller(y, maxlag=3)
    hpfilter(y, lamb=1600)
    acf(y)
    seasonal_decompose(y, model="additive", period=60)
    s = pd.Series(y, index=pd.to_datetime(np.asarray(t, dtype="int64"), unit="s", utc=True))
    for rule in ("1h", "3h", "12h"):
        b = s.resample(rule).last()
        b.max(), b.min(), b.mean(), b.std()
    if len(y) >= 1100:
        model = ExponentialSmoothing(y, trend="mul", seasonal="add", seasonal_periods=550)
    else:
        model = ExponentialSmoothing(y, trend="mul")
    return model.fit().forecast(10)


def main():
    warnings.simplefilter("ignore")
    req = json.load(sys.stdin)
    out = []
    for s in req["series"]:
        times = []
        cpu = []
        for _ in range(req["repeats"]):
            c0 = time.process_time()
            t0 = time.perf_counter()
            analyze(s["t"], s["v"])
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        out.append({"n": s["n"], "seconds": times, "cpu_seconds": cpu})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for o in out:
        o["peak_rss_kb"] = peak
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
