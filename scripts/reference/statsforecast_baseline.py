#!/usr/bin/env python3
"""statsforecast AutoETS baseline for bench/forecast-models.ts, and the public datasets of its corpus.

Development tool only (Python 3.11, `pip install statsmodels pandas statsforecast`).

  statsforecast_baseline.py datasets
      Prints JSON [{"name", "values"}] of public series shipped inside statsmodels (statsmodels.datasets):
      weekly Mauna Loa CO2, yearly sunspots, monthly El Nino sea temperatures, quarterly US real GDP and CPI.
  statsforecast_baseline.py autoets < {"h": h, "levels": [80, 95], "tasks": [{"id", "y": [...], "m": m}]}
      Fits statsforecast's AutoETS(season_length=m) to each task's y and prints JSON
      [{"id", "mean", "lo-80", "hi-80", "lo-95", "hi-95", "seconds", "error"}]: the h-step forecast, its prediction
      intervals and the fit+forecast wall time. The first task is run once before timing so numba's compilation is
      not counted.
"""

import json
import sys
import time
import warnings

import numpy as np


def datasets():
    import statsmodels.api as sm

    out = []
    co2 = sm.datasets.co2.load_pandas().data["co2"].interpolate().bfill()
    out.append({"name": "statsmodels co2 weekly", "values": co2.to_numpy()[-1200:].tolist()})
    sun = sm.datasets.sunspots.load_pandas().data["SUNACTIVITY"]
    out.append({"name": "statsmodels sunspots yearly", "values": sun.to_numpy().tolist()})
    nino = sm.datasets.elnino.load_pandas().data.drop(columns=["YEAR"])
    out.append({"name": "statsmodels elnino monthly", "values": nino.to_numpy().ravel().tolist()})
    macro = sm.datasets.macrodata.load_pandas().data
    out.append({"name": "statsmodels realgdp quarterly", "values": macro["realgdp"].tolist()})
    out.append({"name": "statsmodels cpi quarterly", "values": macro["cpi"].tolist()})
    return out


def autoets(request):
    from statsforecast.models import AutoETS

    h = int(request["h"])
    levels = [int(v) for v in request["levels"]]

    def run(task):
        y = np.asarray(task["y"], dtype=float)
        m = int(task["m"]) if task["m"] else 1
        model = AutoETS(season_length=m)
        return model.forecast(y=y, h=h, level=levels)

    tasks = request["tasks"]
    if tasks:
        try:
            run(tasks[0])
        except Exception:  # noqa: BLE001 - the warm-up only compiles; the timed run reports the error
            pass
    results = []
    for task in tasks:
        start = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                f = run(task)
            row = {"id": task["id"], "mean": f["mean"].tolist()}
            for level in levels:
                row[f"lo-{level}"] = f[f"lo-{level}"].tolist()
                row[f"hi-{level}"] = f[f"hi-{level}"].tolist()
            row["error"] = None
        except Exception as err:  # noqa: BLE001 - reported per task, the bench shows it
            row = {"id": task["id"], "error": str(err)}
        row["seconds"] = time.perf_counter() - start
        results.append(row)
    return results


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "datasets":
        json.dump(datasets(), sys.stdout)
    elif mode == "autoets":
        json.dump(autoets(json.load(sys.stdin)), sys.stdout)
    else:
        sys.exit("usage: statsforecast_baseline.py datasets | autoets < request.json")


if __name__ == "__main__":
    main()
