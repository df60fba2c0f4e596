#!/usr/bin/env python3
"""Cross-check of clientele-core's BG/NBD and Gamma-Gamma fits against the `lifetimes`
package (Python), on the CDNOW sample in crates/core/tests/data/cdnow.

    python3 -m venv /tmp/lt && /tmp/lt/bin/pip install lifetimes
    /tmp/lt/bin/python bench/lifetimes_crosscheck.py [REPLICATE]

Prints lifetimes' parameters, log-likelihood and fit times, and the forecasts the Rust tests
check (tests/cdnow.rs), so the two can be compared side by side. REPLICATE (default 1) stacks
that many copies of the summary to time a larger fit (the maximum does not move).
"""

import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter

DATA = Path(__file__).resolve().parent.parent / "crates/core/tests/data/cdnow"
CALIBRATION_END = date(1997, 9, 30)


def repeat_means():
    """Per sample id: (repeat transactions, mean value of the repeat transactions) over the
    calibration period, several purchases on one day being one transaction."""
    days = defaultdict(lambda: defaultdict(float))
    for line in (DATA / "CDNOW_sample.txt").read_text().splitlines():
        fields = line.split()
        if len(fields) != 5:
            continue
        d = fields[2]
        day = date(int(d[:4]), int(d[4:6]), int(d[6:]))
        if day <= CALIBRATION_END:
            days[int(fields[1])][day] += float(fields[4])
    out = {}
    for cid, by_day in days.items():
        ordered = [by_day[d] for d in sorted(by_day)]
        x = len(ordered) - 1
        out[cid] = (x, sum(ordered[1:]) / x if x > 0 else 0.0)
    return out


def main():
    replicate = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    summary = pd.read_csv(DATA / "cdnow_customers_summary.csv")
    big = pd.concat([summary] * replicate, ignore_index=True)

    bgf = BetaGeoFitter(penalizer_coef=0.0)
    start = time.perf_counter()
    bgf.fit(big["frequency"], big["recency"], big["T"])
    elapsed = time.perf_counter() - start
    p = bgf.params_
    ll = bgf._negative_log_likelihood(
        np.log([p["r"], p["alpha"], p["a"], p["b"]]),
        summary["frequency"].values, summary["recency"].values, summary["T"].values,
        np.ones(len(summary)), 0.0,
    ) * -len(summary) if hasattr(bgf, "_negative_log_likelihood") else float("nan")
    print(f"BG/NBD on {len(big)} customers: r={p['r']:.6f} alpha={p['alpha']:.6f} "
          f"a={p['a']:.6f} b={p['b']:.6f}  LL(CDNOW)={ll:.4f}  fit {elapsed * 1e3:.0f} ms")
    print("E[Y(39) | 2, 30.43, 38.86] =",
          float(np.asarray(bgf.conditional_expected_number_of_purchases_up_to_time(39, 2, 30.43, 38.86)).ravel()[0]))
    print("E[X(t)] for t = 0.1429, 1, 3, 31.8571, 32, 78:",
          [round(float(bgf.expected_number_of_purchases_up_to_time(t)), 5)
           for t in (0.1429, 1, 3, 31.8571, 32, 78)])

    means = repeat_means()
    for label, rounding in (("unrounded repeat means", None), ("means rounded to cents", 2)):
        xs, ms = [], []
        for cid in sorted(means):
            x, m = means[cid]
            if x > 0:
                xs.append(x)
                ms.append(round(m, rounding) if rounding is not None else m)
        ggf = GammaGammaFitter(penalizer_coef=0.0)
        start = time.perf_counter()
        ggf.fit(pd.Series(xs), pd.Series(ms))
        elapsed = time.perf_counter() - start
        g = ggf.params_
        first = [means[c] for c in range(1, 11)]
        expected = ggf.conditional_expected_average_profit(
            pd.Series([x for x, _ in first]),
            pd.Series([(round(m, rounding) if rounding is not None else m) for _, m in first]))
        print(f"Gamma-Gamma ({label}, {len(xs)} customers): p={g['p']:.6f} q={g['q']:.6f} "
              f"gamma={g['v']:.6f}  fit {elapsed * 1e3:.0f} ms")
        print("  E[M | x, m_x] customers 1-10:", [round(float(v), 4) for v in expected])


if __name__ == "__main__":
    main()
