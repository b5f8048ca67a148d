"""Throughput of gongkai.parse_many over the bundled corpus, with 1 and 2 (or more) threads.

    python examples/python/throughput.py [--repeat 20] [--rounds 15] [--threads 1 2]

Each round parses the corpus's text reports `repeat` times over as one batch of paths (files are
read inside the batch). Prints the best round's wall-clock rate, and the rate per CPU-second of
this process (which stays meaningful on a machine busy with other work).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import gongkai

CORPUS = Path(__file__).resolve().parents[2] / "crates" / "gongkai" / "tests" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    paths = sorted(p for sub in ("seeds", "real") for p in (CORPUS / sub).glob("*.txt"))
    batch = paths * args.repeat
    size = sum(p.stat().st_size for p in paths) * args.repeat
    print(f"gongkai {gongkai.__version__}: {len(paths)} reports x {args.repeat} = {len(batch)} per batch, {size / 1e6:.1f} MB")
    for threads in args.threads:
        gongkai.parse_many(paths, threads=threads)  # warm up
        wall = cpu = 0.0
        for _ in range(args.rounds):
            t, c = time.perf_counter(), time.process_time()
            gongkai.parse_many(batch, threads=threads)
            wall = max(wall, len(batch) / (time.perf_counter() - t))
            cpu = max(cpu, len(batch) / (time.process_time() - c))
        print(f"threads={threads}: {wall:6.0f} reports/s ({wall * size / len(batch) / 1e6:5.1f} MB/s), {cpu:6.0f} reports per CPU-second")


if __name__ == "__main__":
    main()
