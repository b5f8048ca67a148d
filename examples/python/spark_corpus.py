"""Parse a folder of reports with PySpark and write the three tidy tables as Parquet.

    pip install './python[spark]'          # pyspark and pyarrow; Java 17 or later on the machine
    python examples/python/spark_corpus.py                       # the bundled corpus, local[2]
    python examples/python/spark_corpus.py /data/reports --master local[2] --out /tmp/gongkai-spark

The files (*.txt and *.html, in every subfolder) are read with ``spark.read.format("binaryFile")``;
``gongkai.spark.tables`` turns them into the reports, cells and diagnostics tables (one
``mapInPandas`` each, ``parse_many(threads=1)`` in every task), which are written to ``--out``
(a temporary folder, removed afterwards, if not given). Prints the time taken and reports/s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import gongkai
import gongkai.spark

CORPUS = Path(__file__).resolve().parents[2] / "crates" / "gongkai" / "tests" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS, help="folder of *.txt / *.html reports")
    ap.add_argument("--master", default="local[2]", help="Spark master (default: local[2])")
    ap.add_argument("--out", type=Path, help="folder for the Parquet tables (default: a temporary one)")
    args = ap.parse_args()

    # In local mode the Python workers are this interpreter, which has gongkai installed. On a
    # cluster, gongkai must be installed in the executors' Python (docs/scale.md).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    warnings.filterwarnings("ignore", category=FutureWarning, module="pyspark")
    from pyspark.sql import SparkSession

    started = time.perf_counter()
    spark = (
        SparkSession.builder.master(args.master)
        .appName("gongkai-corpus")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        # Report files are small: let a partition hold many of them, not one each.
        .config("spark.sql.files.openCostInBytes", str(64 * 1024))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - started

    out = args.out or Path(tempfile.mkdtemp(prefix="gongkai-spark-"))
    try:
        files = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", "*.{txt,html}")
            .load(str(args.corpus.resolve()))
        )
        reports, cells, diagnostics = gongkai.spark.tables(files)

        t = time.perf_counter()
        for name, df in (("reports", reports), ("cells", cells), ("diagnostics", diagnostics)):
            df.write.mode("overwrite").parquet(str(out / name))
        elapsed = time.perf_counter() - t

        written = spark.read.parquet(str(out / "reports"))
        n = written.count()
        n_cells = spark.read.parquet(str(out / "cells")).count()
        n_diag = spark.read.parquet(str(out / "diagnostics")).count()
        print(f"spark {args.master}: {n} reports, {n_cells} cells, {n_diag} diagnostics "
              f"in {elapsed:.1f} s ({n / elapsed:.0f} reports/s; session start {startup:.1f} s)")
        print("reports by template:")
        for row in written.groupBy("template").count().orderBy("template").collect():
            print(f"  {row['template']:<8} {row['count']}")
        if n == 0:
            raise SystemExit("no reports found")
    finally:
        spark.stop()
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
