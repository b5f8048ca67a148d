"""gongkai on Spark: a DataFrame of report files or texts into the three tidy tables.

::

    from pyspark.sql import SparkSession
    import gongkai.spark

    spark = SparkSession.builder.getOrCreate()
    files = spark.read.format("binaryFile").option("pathGlobFilter", "*.txt").load("hdfs:///reports")
    reports, cells, diagnostics = gongkai.spark.tables(files)
    cells.write.parquet("hdfs:///gongkai/cells")

Each table is one ``mapInPandas`` over the input, with the schema of :func:`gongkai.schema`; every
task parses its rows with ``gongkai.parse_many(items, threads=1)`` (Spark already runs one task
per core) and keeps the rows of its table from :func:`gongkai.to_frames`. The three tables are
three independent queries: each one that runs parses its input (see docs/scale.md).

pyspark is imported here only, and gongkai must be installed on every executor
(``pip install gongkai[spark]``).
"""

from __future__ import annotations

import functools
from typing import Any, Iterator, Optional

from ._frames import Frames
from ._schema import TABLES, schema

__all__ = ["tables", "table"]

# Names of the columns handed to the Python workers (kept apart from the user's names).
_SRC = "__gongkai_source"
_ITEM = "__gongkai_item"


def tables(
    df: Any,
    *,
    path_col: str = "path",
    content_col: str = "content",
    text_col: Optional[str] = None,
    source_col: Optional[str] = None,
    max_input_bytes: Optional[int] = None,
) -> Frames:
    """The tidy tables ``(reports, cells, diagnostics)`` of the reports in a Spark DataFrame.

    ``df`` is one of:

    * files, as ``spark.read.format("binaryFile").load(...)`` gives them: the raw bytes in
      ``content_col`` (decoded as :func:`gongkai.parse` decodes bytes) and the file in
      ``path_col``, which becomes ``source``;
    * texts: pass ``text_col``, the column of report text; ``source`` is ``source_col``, else
      ``path_col`` if ``df`` has it, else ``"#<id>"`` from ``monotonically_increasing_id()``;
    * paths only (``df`` has ``path_col`` and no ``content_col``): each executor reads the file
      itself, so the path must be readable there (a local or shared file system path, or a
      ``file:`` URI).

    Returns :class:`gongkai.Frames` of Spark DataFrames with the columns and types of
    ``gongkai.schema(name, "spark")``; ``source`` joins them. A row whose bytes are not text or
    whose file cannot be read appears in ``reports`` with its ``error`` kind, as in
    :func:`gongkai.to_frames`.
    """
    prepared = _prepare(df, path_col, content_col, text_col, source_col)
    return Frames(*(_map(prepared, name, max_input_bytes) for name in Frames._fields))


def table(df: Any, name: str, **options: Any) -> Any:
    """One tidy table (``"reports"``, ``"cells"`` or ``"diagnostics"``) of :func:`tables`."""
    if name not in TABLES:
        raise ValueError(f"name must be one of {', '.join(map(repr, TABLES))}, not {name!r}")
    return getattr(tables(df, **options), name)


def _prepare(df: Any, path_col: str, content_col: str, text_col: Optional[str], source_col: Optional[str]) -> Any:
    """``df`` reduced to two columns: the source (string) and the item (text, bytes or path)."""
    from pyspark.sql import functions as F

    columns = set(df.columns)

    def need(col: str, what: str) -> None:
        if col not in columns:
            raise ValueError(f"{what} column {col!r} is not in the DataFrame (columns: {sorted(columns)})")

    if text_col is not None:
        need(text_col, "text_col")
        item, mode = F.col(text_col), "text"
    elif content_col in columns:
        need(path_col, "path_col")
        item, mode = F.col(content_col), "bytes"
    else:
        need(path_col, "path_col")
        item, mode = F.col(path_col).cast("string"), "path"

    if source_col is not None:
        need(source_col, "source_col")
        source = F.col(source_col).cast("string")
    elif path_col in columns:
        source = F.col(path_col).cast("string")
    else:
        source = F.concat(F.lit("#"), F.monotonically_increasing_id().cast("string"))
    return df.select(source.alias(_SRC), item.alias(_ITEM)), mode


def _map(prepared: Any, name: str, max_input_bytes: Optional[int]) -> Any:
    df, mode = prepared
    fn = functools.partial(_partition, name=name, mode=mode, max_input_bytes=max_input_bytes)
    return df.mapInPandas(fn, schema=schema(name, "spark"))  # type: ignore[arg-type]


def _partition(batches: Iterator[Any], *, name: str, mode: str, max_input_bytes: Optional[int]) -> Iterator[Any]:
    """Runs in the Python worker of a task: parse each Arrow batch, yield the rows of ``name``."""
    from . import parse_many, to_frames

    for pdf in batches:
        sources = pdf[_SRC].tolist()
        items = pdf[_ITEM].tolist()
        if mode == "path":
            items = [_local_path(p) for p in items]
        else:  # text or bytes; a null is an empty report
            items = [b"" if v is None else bytes(v) if isinstance(v, (bytearray, memoryview)) else v for v in items]
        reports = parse_many(items, threads=1, max_input_bytes=max_input_bytes)
        for report, source in zip(reports, sources):
            report["source"] = source
        yield getattr(to_frames(reports), name)


def _local_path(path: Any) -> Any:
    """A path or ``file:`` URI as a :class:`pathlib.Path` (which parse_many reads; a ``str`` is text)."""
    from pathlib import Path
    from urllib.parse import unquote, urlparse

    p = str(path)
    if p.startswith("file:"):
        p = unquote(urlparse(p).path)
    return Path(p)
