"""gongkai on Dask: a bag of report paths or a DataFrame of texts into the three tidy tables.

::

    import dask, dask.bag as db
    import gongkai.dask

    paths = db.from_sequence(sorted(glob.glob("reports/**/*.txt", recursive=True)), npartitions=64)
    reports, cells, diagnostics = gongkai.dask.tables(paths)
    reports, cells, diagnostics = dask.compute(reports, cells, diagnostics, scheduler="processes")

Every partition is parsed once by ``gongkai.parse_many(items, threads=1)`` (Dask already runs one
task per worker process or thread) and turned into the three tables by :func:`gongkai.to_frames`;
each table is a Dask DataFrame built from those tasks with ``meta=gongkai.schema(name,
"pandas")``. Computed together (``dask.compute(reports, cells, diagnostics)``), the three share the
parse; computed one at a time, each parses again.

dask is imported here only (``pip install gongkai[dask]``); gongkai must be installed on every
worker.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, List, Optional

from ._frames import Frames
from ._schema import TABLES, schema

__all__ = ["tables", "table"]


def tables(
    data: Any,
    *,
    text_col: str = "text",
    source_col: Optional[str] = None,
    max_input_bytes: Optional[int] = None,
) -> Frames:
    """The tidy tables ``(reports, cells, diagnostics)`` of a Dask bag or Dask DataFrame.

    ``data`` is one of:

    * a ``dask.bag.Bag`` of paths (``str`` or ``os.PathLike``): each worker reads its files, so
      they must be readable there; ``source`` is the path as given;
    * a ``dask.dataframe.DataFrame`` with the report text (or raw bytes) in ``text_col``;
      ``source`` is ``source_col`` if given, else ``"#<index>"`` from the frame's index (which
      should then be unique).

    Returns :class:`gongkai.Frames` of Dask DataFrames with the columns and dtypes of
    ``gongkai.schema(name, "pandas")``. Nothing runs until they are computed.
    """
    import dask.bag as db
    import dask.dataframe as dd
    from dask import delayed

    if isinstance(data, db.Bag):
        parts = [delayed(_parse_paths)(p, max_input_bytes) for p in data.to_delayed()]
    elif isinstance(data, dd.DataFrame):
        if text_col not in data.columns:
            raise ValueError(f"text_col {text_col!r} is not in the DataFrame (columns: {list(data.columns)})")
        if source_col is not None and source_col not in data.columns:
            raise ValueError(f"source_col {source_col!r} is not in the DataFrame (columns: {list(data.columns)})")
        cols = [text_col] if source_col is None or source_col == text_col else [text_col, source_col]
        parts = [
            delayed(_parse_texts)(p, text_col, source_col, max_input_bytes) for p in data[cols].to_delayed()
        ]
    else:
        raise TypeError(f"data must be a dask Bag of paths or a dask DataFrame of texts, not {type(data).__name__}")

    return Frames(
        *(
            dd.from_delayed([p[i] for p in parts], meta=schema(name, "pandas"), verify_meta=False)
            for i, name in enumerate(Frames._fields)
        )
    )


def table(data: Any, name: str, **options: Any) -> Any:
    """One tidy table (``"reports"``, ``"cells"`` or ``"diagnostics"``) of :func:`tables`."""
    if name not in TABLES:
        raise ValueError(f"name must be one of {', '.join(map(repr, TABLES))}, not {name!r}")
    return getattr(tables(data, **options), name)


def _parse_paths(paths: List[Any], max_input_bytes: Optional[int]) -> Frames:
    """One bag partition: parse its files, return its three pandas tables."""
    from . import parse_many, to_frames

    paths = list(paths)
    for p in paths:
        if not isinstance(p, (str, os.PathLike)):
            raise TypeError(f"a gongkai.dask bag holds paths (str or os.PathLike), not {type(p).__name__}")
    reports = parse_many([Path(p) for p in paths], threads=1, max_input_bytes=max_input_bytes)
    for report, p in zip(reports, paths):
        report["source"] = os.fspath(p)
    return to_frames(reports)


def _parse_texts(pdf: Any, text_col: str, source_col: Optional[str], max_input_bytes: Optional[int]) -> Frames:
    """One DataFrame partition: parse its texts, return its three pandas tables."""
    from . import parse_many, to_frames

    items = [_text(v) for v in pdf[text_col].tolist()]
    if source_col is None:
        sources = [f"#{i}" for i in pdf.index.tolist()]
    else:
        sources = [None if s is None else str(s) for s in pdf[source_col].tolist()]
    reports = parse_many(items, threads=1, max_input_bytes=max_input_bytes)
    for report, source in zip(reports, sources):
        report["source"] = source
    return to_frames(reports)


def _text(value: Any) -> Any:
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value if isinstance(value, (str, bytes)) else str(value)
