"""Parse a folder of reports with Dask (multiprocessing scheduler) and write the tidy tables as Parquet.

    pip install './python[dask]'           # dask[dataframe] and pyarrow
    python examples/python/dask_corpus.py                        # the bundled corpus, 2 processes
    python examples/python/dask_corpus.py /data/reports --workers 2 --out /tmp/gongkai-dask

The paths (*.txt and *.html, in every subfolder) go into a Dask bag; ``gongkai.dask.tables``
turns each partition into the reports, cells and diagnostics tables (``parse_many(threads=1)``
once per partition, shared by the three), which are written to ``--out`` (a temporary folder,
removed afterwards, if not given) in one ``dask.compute``. Prints the time taken and reports/s.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import dask
import dask.bag as db
import dask.dataframe as dd

import gongkai
import gongkai.dask

CORPUS = Path(__file__).resolve().parents[2] / "crates" / "gongkai" / "tests" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS, help="folder of *.txt / *.html reports")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default: 2)")
    ap.add_argument("--files-per-partition", type=int, default=500, help="default: 500")
    ap.add_argument("--out", type=Path, help="folder for the Parquet tables (default: a temporary one)")
    args = ap.parse_args()

    paths = sorted(str(p) for ext in ("txt", "html") for p in args.corpus.resolve().rglob(f"*.{ext}"))
    if not paths:
        raise SystemExit(f"no *.txt or *.html under {args.corpus}")
    npartitions = max(args.workers, -(-len(paths) // args.files_per_partition))
    bag = db.from_sequence(paths, npartitions=npartitions)
    reports, cells, diagnostics = gongkai.dask.tables(bag)

    out = args.out or Path(tempfile.mkdtemp(prefix="gongkai-dask-"))
    try:
        writes = [
            df.to_parquet(str(out / name), compute=False, write_index=False)
            for name, df in (("reports", reports), ("cells", cells), ("diagnostics", diagnostics))
        ]
        t = time.perf_counter()
        dask.compute(*writes, scheduler="processes", num_workers=args.workers)
        elapsed = time.perf_counter() - t

        written = dd.read_parquet(str(out / "reports")).compute()
        n = len(written)
        n_cells = len(dd.read_parquet(str(out / "cells"), columns=["source"]).compute())
        n_diag = len(dd.read_parquet(str(out / "diagnostics"), columns=["source"]).compute())
        print(f"dask processes x{args.workers}: {n} reports, {n_cells} cells, {n_diag} diagnostics "
              f"in {elapsed:.1f} s ({n / elapsed:.0f} reports/s; {npartitions} partitions)")
        print("reports by template:")
        for template, count in written["template"].value_counts().sort_index().items():
            print(f"  {template:<8} {count}")
    finally:
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
