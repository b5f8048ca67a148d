"""Throughput of gongkai.parse_many over the bundled corpus, with 1 and 2 (or more) threads.

    python examples/python/throughput.py [--repeat 20] [--rounds 15] [--threads 1 2] [--no-str]

Each round parses the corpus's text reports `repeat` times over as one batch of paths (files are
read inside the batch), then (unless --no-str) as one batch of `str` already in memory, which is
what a Rust caller of `gongkai::parse` on the same texts does, so the two compare like for like.
Prints the best round's wall-clock rate, and the rate per CPU-second of this process (which stays
meaningful on a machine busy with other work). Last, the cost per report of parse_many on one
thread beside that of the Rust parse alone on the same items, measured in alternate rounds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import List, Sequence, Union

import gongkai

CORPUS = Path(__file__).resolve().parents[2] / "crates" / "gongkai" / "tests" / "corpus"


def measure(label: str, batch: Sequence[Union[str, Path]], size: int, threads: int, rounds: int) -> None:
    gongkai.parse_many(batch[: max(1, len(batch) // 20)], threads=threads)  # warm up
    wall = cpu = 0.0
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        gongkai.parse_many(batch, threads=threads)
        wall = max(wall, len(batch) / (time.perf_counter() - t))
        cpu = max(cpu, len(batch) / max(time.process_time() - c, 1e-9))
    print(f"{label}threads={threads}: {wall:6.0f} reports/s ({wall * size / len(batch) / 1e6:5.1f} MB/s), {cpu:6.0f} reports per CPU-second")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-str", action="store_true", help="only the batch of paths")
    args = parser.parse_args()
    paths = sorted(p for sub in ("seeds", "real") for p in (CORPUS / sub).glob("*.txt"))
    batch: List[Union[str, Path]] = list(paths * args.repeat)
    size = sum(p.stat().st_size for p in paths) * args.repeat
    print(f"gongkai {gongkai.__version__}: {len(paths)} reports x {args.repeat} = {len(batch)} per batch, {size / 1e6:.1f} MB")
    for threads in args.threads:
        measure("", batch, size, threads, args.rounds)
    if not args.no_str:
        texts = [p.read_text(encoding="utf-8") for p in paths]
        text_batch: List[Union[str, Path]] = list(texts * args.repeat)
        text_size = sum(len(t.encode("utf-8")) for t in texts) * args.repeat
        for threads in args.threads:
            measure("str in memory, ", text_batch, text_size, threads, args.rounds)
        compare_with_rust(text_batch, args.rounds)


def compare_with_rust(batch: Sequence[Union[str, Path]], rounds: int) -> None:
    """parse_many(threads=1) against the Rust parse alone on the same items, in alternate rounds
    of one process, so that a machine whose speed drifts affects both alike: the share of the Rust
    figure that the Python path keeps on one core."""
    from gongkai import _gongkai

    rust = call = freed = float("inf")
    for _ in range(rounds):
        count, seconds = _gongkai._parse_only(batch)
        rust = min(rust, seconds / count)
        t = time.process_time()
        results = gongkai.parse_many(batch, threads=1)
        call = min(call, (time.process_time() - t) / len(batch))
        del results
        freed = min(freed, (time.process_time() - t) / len(batch))
    print(
        f"per report, 1 thread: Rust parse alone {rust * 1e6:.1f} us; parse_many {call * 1e6:.1f} us "
        f"({rust / call:.0%} of the Rust figure), {freed * 1e6:.1f} us with the results freed ({rust / freed:.0%})"
    )


if __name__ == "__main__":
    main()
