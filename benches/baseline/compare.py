"""Anchors beside gongkai, on the same corpus in the same run: accuracy against gold and speed.

* the reading-order parser of ``reading_order.py`` (what users write today) vs ``gongkai.parse_many``
  on the text reports: share of gold cells read right, share of reports read entirely right, MB/s;
* ``pandas.read_html`` vs ``gongkai.parse_many`` on the HTML pages: MB/s of getting the tables out
  (read_html yields grids, not meaning, so only speed compares).

Run: ``make bench`` (or ``python benches/baseline/compare.py`` with gongkai, pandas and lxml
installed). Prints a markdown table.
"""

from __future__ import annotations

import io
import json
import pathlib
import sys
import time
from typing import Callable, Dict, List, Tuple

import gongkai

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import reading_order  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "crates" / "gongkai" / "tests" / "corpus"


def load() -> Tuple[List[Tuple[str, str, dict]], List[bytes]]:
    texts, pages = [], []
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for sub in ("seeds", "real"):
            txt = CORPUS / sub / f"{gold_path.stem}.txt"
            if txt.exists():
                texts.append((gold_path.stem, txt.read_text(encoding="utf-8"), gold))
            page = CORPUS / sub / f"{gold_path.stem}.html"
            if page.exists():
                pages.append(page.read_bytes())
    return texts, pages


def score(tables: dict, gold: dict) -> Tuple[int, int]:
    """(cells right, cells compared), over the cells gold does not list as uncertain."""
    uncertain = {u.split(":")[0].strip() for u in gold.get("uncertain", [])}
    right = total = 0
    for name, want in gold["tables"].items():
        got = tables.get(name)
        if want is None:
            continue
        for row, cols in want["rows"].items():
            for col, value in cols.items():
                if f"{name}.{row}.{col}" in uncertain:
                    continue
                total += 1
                have = None if got is None else got["rows"].get(row, {}).get(col)
                if (have is None and value is None) or (have is not None and value is not None and abs(have - value) < 1e-6):
                    right += 1
    return right, total


def timed(fn: Callable[[], object], min_seconds: float = 2.0) -> Tuple[float, object]:
    result = fn()
    runs, started = 0, time.perf_counter()
    while time.perf_counter() - started < min_seconds:
        fn()
        runs += 1
    return (time.perf_counter() - started) / max(runs, 1), result


def main() -> None:
    texts, pages = load()
    text_bytes = sum(len(t.encode("utf-8")) for _, t, _ in texts)
    rows = []
    for name, run in (
        ("reading-order script (Python `re`)", lambda: [reading_order.parse(t)["tables"] for _, t, _ in texts]),
        ("gongkai `parse_many`, 1 thread", lambda: [r["tables"] for r in gongkai.parse_many([t for _, t, _ in texts], threads=1)]),
    ):
        seconds, results = timed(run)
        right = total = whole = 0
        for (_, _, gold), tables in zip(texts, results):
            r, t = score(tables, gold)
            right, total, whole = right + r, total + t, whole + (r == t)
        rows.append((name, f"{len(texts)} text reports", f"{100 * right / total:.1f}% ({right}/{total})",
                     f"{whole}/{len(texts)}", f"{text_bytes / seconds / 1e6:.1f}"))
    import pandas
    html_bytes = sum(len(p) for p in pages)
    for name, run in (
        ("`pandas.read_html` (lxml)", lambda: [pandas.read_html(io.BytesIO(p)) for p in pages]),
        ("gongkai `parse_many`, 1 thread", lambda: gongkai.parse_many(pages, threads=1)),
    ):
        seconds, _ = timed(run)
        rows.append((name, f"{len(pages)} HTML pages", "grids only" if "pandas" in name else "as above",
                     "–", f"{html_bytes / seconds / 1e6:.1f}"))
    print("| tool | input | cells right | reports entirely right | MB/s |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
