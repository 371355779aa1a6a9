"""Benchmark the overlap and protected-zone checks on synthetic plot layers.

Reports, for 1k / 10k / 40k synthetic plots, the time of the indexed checks (shapely STRtree,
as used by geo.allocation) and of a naive pairwise baseline measured in the same run (every
pair tested one by one, no index), and the speed-up. The baseline runs only up to --baseline-max plots.

    .venv/bin/python bench/bench_checks.py [--sizes 1000 10000 40000] [--baseline-max 10000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.checks.spatial import naive_overlapping_pairs, overlapping_pairs, zone_overlaps  # noqa: E402
from qa.synthetic import protected_zones, synthetic_plots  # noqa: E402


def naive_check(plots, zones) -> tuple[int, int]:
    """The naive baseline: every pair tested one by one, no spatial index."""
    pairs = len(naive_overlapping_pairs(list(plots)))
    conflicts, area = 0, 0.0
    for p in plots:
        for z in zones:
            if p.intersects(z):
                area += p.intersection(z).area
                conflicts += 1
    return pairs, conflicts


def indexed_check(plots, zones) -> tuple[int, int]:
    return len(overlapping_pairs(plots)), len(zone_overlaps(plots, zones))


def timed(fn, *args, repeat: int = 3):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 40000])
    ap.add_argument("--baseline-max", type=int, default=10000)
    args = ap.parse_args(argv)
    zones = protected_zones()
    print("| plots | indexed (s) | naive pairwise (s) | speed-up | overlaps | zone hits |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        plots = synthetic_plots(n)
        t_idx, (pairs, hits) = timed(indexed_check, plots, zones)
        if n <= args.baseline_max:
            t_naive, naive = timed(naive_check, plots, zones, repeat=1 if n > 2000 else 3)
            assert naive == (pairs, hits), f"baseline disagrees: {naive} vs {(pairs, hits)}"
            base, ratio = f"{t_naive:.2f}", f"{t_naive / t_idx:.0f}×"
        else:
            base, ratio = "not run", "—"
        print(f"| {n:,} | {t_idx:.2f} | {base} | {ratio} | {pairs:,} | {hits:,} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
