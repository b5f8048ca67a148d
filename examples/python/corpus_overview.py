"""Parse the bundled corpus, print a small summary, and chart how requests were handled.

    pip install './python[pandas]' matplotlib
    python examples/python/corpus_overview.py --out corpus_overview.png

For every report whose 表三 (requests received and how they were handled) gongkai could read, the
chart shows the outcomes of the year's requests, grouped as the statutory table groups them:
granted, partially granted, denied, unable to provide, not processed, handled otherwise.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import gongkai

CORPUS = Path(__file__).resolve().parents[2] / "crates" / "gongkai" / "tests" / "corpus"

# Row keys of 表三 (docs/output.md) by outcome; the `total` column is used.
OUTCOMES = {
    "granted": ("granted",),
    "partially granted": ("partially_granted",),
    "denied": ("denied_",),
    "unable to provide": ("unable_",),
    "not processed": ("not_processed_",),
    "other": ("other_",),
}
COLOURS = ("#2e7d32", "#9ccc65", "#c62828", "#ff8f00", "#6d4c41", "#90a4ae")


def outcome_of(row: str) -> str | None:
    for name, prefixes in OUTCOMES.items():
        if any(row == p or (p.endswith("_") and row.startswith(p)) for p in prefixes):
            return name
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with seeds/ and real/ (default: the bundled corpus)")
    parser.add_argument("--out", type=Path, default=Path("corpus_overview.png"), help="where to save the chart (PNG)")
    parser.add_argument("--threads", type=int, default=None, help="worker threads (default: one per CPU)")
    args = parser.parse_args()

    paths = sorted(p for sub in ("seeds", "real") for p in (args.corpus / sub).glob("*.txt"))
    start = time.perf_counter()
    reports = gongkai.parse_many(paths, threads=args.threads)
    elapsed = time.perf_counter() - start
    frames = gongkai.to_frames(reports)
    rep, cells, diags = frames.reports, frames.cells, frames.diagnostics

    print(f"gongkai {gongkai.__version__}: {len(rep)} reports in {elapsed * 1000:.0f} ms")
    print(f"failed to read: {int(rep['error'].notna().sum())}")
    print("\nreports by template:")
    print(rep.groupby("template", dropna=False).size().to_string())
    print("\nstatutory tables present:")
    for table in ("proactive", "requests", "review_litigation"):
        print(f"  {table:<18} {int(rep['has_' + table].sum()):>3} of {len(rep)}")
    print(f"\ndiagnostics: {len(diags)} ({int((diags['severity'] == 'warning').sum())} warnings)")
    if len(diags):
        print(diags.groupby("code").size().sort_values(ascending=False).head(8).to_string())

    # How requests were handled: the `total` column of 表三, rows grouped by outcome.
    requests = cells[(cells["table"] == "requests") & (cells["column"] == "total")].copy()
    requests["outcome"] = requests["row"].map(outcome_of)
    requests = requests.dropna(subset=["outcome"])
    by_report = requests.pivot_table(index="source", columns="outcome", values="value", aggfunc="sum", fill_value=0)
    by_report = by_report.reindex(columns=list(OUTCOMES), fill_value=0)
    by_report.index = [Path(s).stem for s in by_report.index]
    by_report = by_report.sort_index()

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 0.38 * max(len(by_report), 6) + 2))
    if len(by_report):
        # Shares of each report's handled requests, so a report with thousands of requests does not
        # hide those with a handful; the count is written at the end of each bar.
        totals = by_report.sum(axis=1)
        shares = by_report.div(totals.where(totals > 0), axis=0).fillna(0) * 100
        left = [0.0] * len(shares)
        for name, colour in zip(OUTCOMES, COLOURS):
            values = shares[name].tolist()
            ax.barh(shares.index, values, left=left, color=colour, label=name)
            left = [a + b for a, b in zip(left, values)]
        for y, total in enumerate(totals.tolist()):
            ax.text(101, y, f"n={total:g}" if total else "no requests", va="center", fontsize=8)
        ax.set_xlim(0, 112)
        ax.invert_yaxis()
        ax.set_xlabel("share of the year's handled requests, % (table 3, column \"total\")")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(OUTCOMES), fontsize=8, frameon=False)
    else:
        ax.text(0.5, 0.5, "no requests table (table 3) was read from these reports", ha="center", va="center")
        ax.set_axis_off()
    ax.set_title(f"How information-disclosure requests were handled ({len(by_report)} of {len(rep)} reports)")
    fig.tight_layout()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out, dpi=110)
    print(f"\nchart of {len(by_report)} reports' request outcomes saved to {args.out}")


if __name__ == "__main__":
    main()
