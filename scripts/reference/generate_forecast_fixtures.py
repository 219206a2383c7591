#!/usr/bin/env python3
"""Reference prediction intervals for test/unit/analytics/forecast from statsmodels' ETSModel.

Development tool only (Python 3.11, `pip install statsmodels pandas`). For each additive model (ETS(A,N,N),
(A,A,N), (A,Ad,N), (A,A,A), (A,Ad,A)) it smooths a seeded series with fixed parameters
(`ETSModel(...).smooth(params)`, no fitting, so the comparison checks the interval formulas and the parameter
mapping rather than an optimiser) and records `get_prediction(start=n, end=n+h-1).summary_frame(alpha)` for
alpha = 0.2 and 0.05, with the residual mean square statsmodels scales the relative variance by.

statsmodels' ETS parameters are the state-space ones (l_t = l_{t-1} + phi*b_{t-1} + alpha*e_t,
b_t = phi*b_{t-1} + beta*e_t, s_t = s_{t-m} + gamma*e_t); initial_seasonal.0 is s_{-1}, i.e. the reverse of
Holt-Winters' s[0..m-1] order. The fixture stores both as given.

Usage: python3 scripts/reference/generate_forecast_fixtures.py [out_file]
       (default test/fixtures/forecast/ets_intervals.json)
"""

import json
import os
import sys

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join("test", "fixtures", "forecast", "ets_intervals.json")
H = 30


def series(rng, n, m):
    t = np.arange(n)
    season = 3.0 * np.sin(2 * np.pi * t / m) if m else 0.0
    return 50.0 + 0.05 * t + season + np.cumsum(rng.normal(scale=0.3, size=n)) + rng.normal(size=n)


CASES = [
    # name, trend, damped, seasonal, m, params (alpha, beta, gamma, phi)
    ("ANN", None, False, None, 0, dict(alpha=0.35)),
    ("AAN", "add", False, None, 0, dict(alpha=0.4, beta=0.08)),
    ("AAdN", "add", True, None, 0, dict(alpha=0.3, beta=0.1, phi=0.92)),
    ("AAA", "add", False, "add", 12, dict(alpha=0.25, beta=0.05, gamma=0.15)),
    ("AAdA", "add", True, "add", 12, dict(alpha=0.3, beta=0.06, gamma=0.2, phi=0.9)),
]


def main():
    rng = np.random.default_rng(15)
    out = {"statsmodels": statsmodels.__version__, "horizon": H, "cases": []}
    for name, trend, damped, seasonal, m, p in CASES:
        n = 240
        y = series(rng, n, m)
        level, slope = float(y[:10].mean()), 0.05
        seasons = [float(3.0 * np.sin(2 * np.pi * j / m)) for j in range(m)] if m else []
        model = ETSModel(
            pd.Series(y),
            error="add",
            trend=trend,
            damped_trend=damped,
            seasonal=seasonal,
            seasonal_periods=m or None,
        )
        values = {
            "smoothing_level": p["alpha"],
            "smoothing_trend": p.get("beta"),
            "smoothing_seasonal": p.get("gamma"),
            "damping_trend": p.get("phi"),
            "initial_level": level,
            "initial_trend": slope,
        }
        # ETS orders the initial seasonals s_{-1}, ..., s_{-m}; Holt-Winters' s[0..m-1] is s_{-m}, ..., s_{-1}.
        for j in range(m):
            values[f"initial_seasonal.{j}"] = seasons[m - 1 - j]
        params = [values[k] for k in model.param_names]
        res = model.smooth(params)
        pred = res.get_prediction(start=n, end=n + H - 1)
        frames = {}
        for alpha in (0.2, 0.05):
            f = pred.summary_frame(alpha=alpha)
            frames[str(alpha)] = {
                "mean": f["mean"].tolist(),
                "lower": f["pi_lower"].tolist(),
                "upper": f["pi_upper"].tolist(),
            }
        out["cases"].append(
            {
                "name": name,
                "trend": trend,
                "damped": damped,
                "seasonal": seasonal,
                "m": m,
                "y": y.tolist(),
                "alpha": p["alpha"],
                "beta": p.get("beta"),
                "gamma": p.get("gamma"),
                "phi": p.get("phi"),
                "initial_level": level,
                "initial_trend": slope if trend else None,
                "initial_seasons_hw_order": seasons,
                "mse": float(res.mse),
                "intervals": frames,
            }
        )
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(out, fh)
    print(f"wrote {OUT}: {len(out['cases'])} cases")


if __name__ == "__main__":
    main()
