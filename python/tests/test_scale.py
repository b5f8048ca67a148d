"""gongkai.schema, gongkai.spark (PySpark local[2]) and gongkai.dask (processes scheduler) over the
bundled corpus: the tables equal those of to_frames(parse_many(...)) on the same files.

Nothing here skips: without pyspark, dask or Java the tests fail (CI installs them).
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pandas as pd
import pytest

import gongkai
from conftest import CORPUS

import dask  # noqa: E402  (imported here so that a missing dask fails collection, not a skip)
import dask.bag as db
import dask.dataframe as dd
import pyspark  # noqa: F401
from pyspark.sql import SparkSession

import gongkai.dask
import gongkai.spark

# PySpark warns about pandas 3 and about its own deprecated calls; those are not gongkai's.
pytestmark = pytest.mark.filterwarnings("ignore:::pyspark.*")

FILES = sorted(p for sub in ("seeds", "real") for ext in ("txt", "html") for p in (CORPUS / sub).glob(f"*.{ext}"))
TABLES = ("reports", "cells", "diagnostics")


def _value(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    return v


def rows(df: pd.DataFrame, source: Callable[[str], str] = str) -> List[tuple]:
    """The frame's rows as plain values (missing is None, numbers float), sorted by
    (source, table, row, column) and then the rest."""
    out = []
    for rec in df.to_dict("records"):
        rec = {k: _value(v) for k, v in rec.items()}
        rec["source"] = source(rec["source"])
        out.append(rec)
    key_cols = [c for c in ("source", "table", "row", "column") if c in df.columns]
    rest = [c for c in df.columns if c not in key_cols]
    order = key_cols + rest
    return sorted((tuple(r[c] for c in order) for r in out), key=lambda t: tuple("" if x is None else str(x) for x in t))


def assert_same(got: gongkai.Frames, want: gongkai.Frames, source: Callable[[str], str] = str) -> None:
    for name in TABLES:
        g, w = getattr(got, name), getattr(want, name)
        assert list(g.columns) == list(gongkai.schema(name, "pandas")), name
        gr, wr = rows(g, source), rows(w)
        assert len(gr) == len(wr), f"{name}: {len(gr)} rows, want {len(wr)}"
        assert gr == wr, name


@pytest.fixture(scope="module")
def want_files() -> gongkai.Frames:
    assert len(FILES) >= 30, FILES
    return gongkai.to_frames(gongkai.parse_many(FILES))


@pytest.fixture(scope="module")
def texts() -> Dict[str, str]:
    """Every corpus file as text (UTF-8, else GB18030), by path."""
    return {str(p): _decode(p) for p in FILES}


def _decode(p: Path) -> str:
    data = p.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"{p} is neither UTF-8 nor GB18030")


def want_texts(texts: Dict[str, str]) -> gongkai.Frames:
    reports = gongkai.parse_many(list(texts.values()))
    for report, source in zip(reports, texts):
        report["source"] = source
    return gongkai.to_frames(reports)


# ---------------------------------------------------------------------------------------- schema


def test_schema_matches_to_frames(want_files: gongkai.Frames) -> None:
    for name in TABLES:
        pandas_schema = gongkai.schema(name, "pandas")
        frame = getattr(want_files, name)
        assert list(frame.columns) == list(pandas_schema)
        assert {c: str(t) for c, t in frame.dtypes.items()} == pandas_schema
        ddl = gongkai.schema(name, "spark")
        assert [part.split(" ")[0].strip("`") for part in ddl.split(", ")] == list(pandas_schema)
    assert gongkai.schema("cells", "spark") == "`source` string, `table` string, `row` string, `column` string, `value` double"
    assert "schema" in gongkai.__all__


def test_schema_rejects_unknown_names() -> None:
    with pytest.raises(ValueError):
        gongkai.schema("cell", "pandas")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        gongkai.schema("cells", "arrow")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------- Spark


@pytest.fixture(scope="module")
def spark():
    # The Python workers must import gongkai: run them on this interpreter.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("gongkai-test-scale")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.files.openCostInBytes", str(64 * 1024))  # small files: a few partitions
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _spark_frames(frames: gongkai.Frames) -> gongkai.Frames:
    return gongkai.Frames(*(f.toPandas() for f in frames))


def _strip_file_uri(source: str) -> str:
    return source[len("file:") :] if source.startswith("file:") else source


def test_spark_binary_files_equal_parse_many(spark, want_files: gongkai.Frames) -> None:
    df = (
        spark.read.format("binaryFile")
        .option("pathGlobFilter", "*.{txt,html}")
        .load([str(CORPUS / "seeds"), str(CORPUS / "real")])
    )
    frames = gongkai.spark.tables(df)
    for name in TABLES:
        assert getattr(frames, name).schema.simpleString() == spark.createDataFrame(
            [], gongkai.schema(name, "spark")
        ).schema.simpleString()
    assert_same(_spark_frames(frames), want_files, source=_strip_file_uri)


def test_spark_texts_equal_parse_many(spark, texts: Dict[str, str]) -> None:
    df = spark.createDataFrame(pd.DataFrame({"file": list(texts), "body": list(texts.values())})).repartition(3)
    frames = gongkai.spark.tables(df, text_col="body", source_col="file")
    assert_same(_spark_frames(frames), want_texts(texts))


def test_spark_paths_read_on_executors(spark, want_files: gongkai.Frames) -> None:
    df = spark.createDataFrame([(str(p),) for p in FILES], "path string")
    reports = gongkai.spark.table(df, "reports").toPandas()
    assert rows(reports) == rows(want_files.reports)


def test_spark_undecodable_bytes_are_error_rows(spark) -> None:
    df = spark.createDataFrame([("bad.txt", bytearray(b"\xff\xff")), ("null.txt", None)], "path string, content binary")
    reports = gongkai.spark.table(df, "reports").toPandas().sort_values("source")
    assert reports["source"].tolist() == ["bad.txt", "null.txt"]
    assert reports["error"].tolist()[0] == "decode"
    assert reports["error"].isna().tolist()[1]


# ------------------------------------------------------------------------------------------ Dask


def test_dask_bag_of_paths_equals_parse_many(want_files: gongkai.Frames) -> None:
    bag = db.from_sequence([str(p) for p in FILES], npartitions=4)
    frames = gongkai.dask.tables(bag)
    for name in TABLES:
        assert list(getattr(frames, name).columns) == list(gongkai.schema(name, "pandas"))
    got = dask.compute(*frames, scheduler="processes", num_workers=2)
    assert_same(gongkai.Frames(*got), want_files)


def test_dask_dataframe_of_texts_equals_parse_many(texts: Dict[str, str]) -> None:
    pdf = pd.DataFrame({"file": list(texts), "text": list(texts.values())})
    ddf = dd.from_pandas(pdf, npartitions=3)
    frames = gongkai.dask.tables(ddf, text_col="text", source_col="file")
    got = dask.compute(*frames, scheduler="processes", num_workers=2)
    assert_same(gongkai.Frames(*got), want_texts(texts))


def test_dask_rejects_other_inputs() -> None:
    with pytest.raises(TypeError):
        gongkai.dask.tables([str(FILES[0])])
    with pytest.raises(ValueError):
        gongkai.dask.tables(dd.from_pandas(pd.DataFrame({"x": ["a"]}), npartitions=1), text_col="text")
