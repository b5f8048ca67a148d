"""The declared schemas of the tidy tables of :func:`gongkai.to_frames`, for pandas and Spark.

Built from the column kinds of ``_frames`` (``REPORTS_SCHEMA``, ``CELLS_SCHEMA``,
``DIAGNOSTICS_SCHEMA``), so that ``mapInPandas(..., schema=...)`` and
``map_partitions(..., meta=...)`` need no hand-written schema. Nothing is imported here: the
schemas are plain strings and dicts.
"""

from __future__ import annotations

from typing import Dict, Literal, Union, overload

from ._frames import CELLS_SCHEMA, DIAGNOSTICS_SCHEMA, REPORTS_SCHEMA, _Schema

Table = Literal["reports", "cells", "diagnostics"]
Kind = Literal["pandas", "spark"]

TABLES: Dict[str, _Schema] = {
    "reports": REPORTS_SCHEMA,
    "cells": CELLS_SCHEMA,
    "diagnostics": DIAGNOSTICS_SCHEMA,
}

# The dtypes to_frames() gives each kind of column (see _frames._pandas_frame): text is object
# with None where missing, "nint" the nullable Int64, "float" float64 with NaN where missing.
_PANDAS = {"str": "object", "int": "int64", "nint": "Int64", "float": "float64", "bool": "bool"}
# Spark SQL types of the same kinds; every Spark column is nullable, so "int" and "nint" agree.
_SPARK = {"str": "string", "int": "bigint", "nint": "bigint", "float": "double", "bool": "boolean"}


@overload
def schema(table: Table, kind: Literal["pandas"] = ...) -> Dict[str, str]: ...
@overload
def schema(table: Table, kind: Literal["spark"]) -> str: ...
def schema(table: Table, kind: Kind = "pandas") -> Union[Dict[str, str], str]:
    """The schema of one tidy table of :func:`to_frames`: ``"reports"``, ``"cells"`` or
    ``"diagnostics"``.

    ``kind="pandas"`` gives ``{column: dtype}`` in column order, the dtypes of the pandas frames
    of :func:`to_frames` (``object`` for text, ``Int64`` for a year that may be missing,
    ``float64`` for cell values, NaN where blank). Dask takes it as ``meta=``; an empty frame is
    ``pandas.DataFrame({c: pandas.Series(dtype=t) for c, t in schema(...).items()})``.

    ``kind="spark"`` gives a Spark SQL DDL string (``"`source` string, `table` string, ...,
    `value` double"``; names are quoted since ``table``, ``row`` and ``column`` are SQL keywords),
    as ``mapInPandas`` and ``spark.createDataFrame`` take it.

    >>> gongkai.schema("cells", "pandas")
    {'source': 'object', 'table': 'object', 'row': 'object', 'column': 'object', 'value': 'float64'}
    >>> gongkai.schema("cells", "spark")
    '`source` string, `table` string, `row` string, `column` string, `value` double'
    """
    try:
        columns = TABLES[table]
    except (KeyError, TypeError):
        raise ValueError(f"table must be one of {', '.join(map(repr, TABLES))}, not {table!r}") from None
    if kind == "pandas":
        return {name: _PANDAS[k] for name, k in columns}
    if kind == "spark":
        return ", ".join(f"`{name}` {_SPARK[k]}" for name, k in columns)
    raise ValueError(f"kind must be 'pandas' or 'spark', not {kind!r}")


def empty_pandas(table: Table) -> "object":
    """An empty pandas DataFrame with the columns and dtypes of ``table`` (a ``meta`` for Dask)."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in schema(table, "pandas").items()})
