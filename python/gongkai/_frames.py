"""Tidy tables from parsed reports, for pandas or polars (each imported only when asked for)."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Literal, Mapping, NamedTuple, Tuple, Union

Backend = Literal["pandas", "polars"]

# Column kinds: "str" (text, may be missing), "int" (never missing), "nint" (integer, may be
# missing), "float" (may be missing: NaN in pandas, null in polars), "bool".
_Schema = Tuple[Tuple[str, str], ...]

REPORTS_SCHEMA: _Schema = (
    ("source", "str"),
    ("template", "str"),
    ("body", "str"),
    ("year", "nint"),
    ("published", "str"),
    ("has_proactive", "bool"),
    ("has_requests", "bool"),
    ("has_review_litigation", "bool"),
    ("n_warnings", "int"),
    ("n_errors", "int"),
    ("error", "str"),
)
CELLS_SCHEMA: _Schema = (
    ("source", "str"),
    ("table", "str"),
    ("row", "str"),
    ("column", "str"),
    ("value", "float"),
)
DIAGNOSTICS_SCHEMA: _Schema = (
    ("source", "str"),
    ("severity", "str"),
    ("code", "str"),
    ("message", "str"),
    ("table", "str"),
    ("row", "str"),
    ("column", "str"),
)

_TABLES = ("proactive", "requests", "review_litigation")


class Frames(NamedTuple):
    """The three tidy tables of :func:`to_frames`; unpacks as ``reports, cells, diagnostics``."""

    #: One row per report: source, template, body, year, published, has_<table> for each of the
    #: three tables, n_warnings, n_errors, and error (the error kind of an item that failed).
    reports: Any
    #: Long form, one row per table cell: source, table, row, column, value (missing where blank).
    cells: Any
    #: One row per diagnostic: source, severity, code, message, and the cell's table, row, column.
    diagnostics: Any


def to_frames(
    reports: Union[Mapping[str, Any], Iterable[Mapping[str, Any]]],
    *,
    backend: Backend = "pandas",
) -> Frames:
    """Turn reports (from :func:`parse`, :func:`parse_file` or :func:`parse_many`) into tidy tables.

    Returns :class:`Frames` ``(reports, cells, diagnostics)`` as pandas DataFrames, or polars
    DataFrames with ``backend="polars"``. The library is imported only here; install it with
    ``pip install gongkai[pandas]`` or ``gongkai[polars]``.

    The frames join on ``source``: the report's ``"source"`` (its path), or ``"#<i>"``, its
    position in ``reports``, when it has none (reports parsed from text). Items of a batch that
    failed appear in ``reports`` with their ``error`` kind and nowhere else. A blank cell is
    missing in ``cells.value`` (NaN in pandas, null in polars), never 0.

    >>> reports = gongkai.parse_many(paths)                        # doctest: +SKIP
    >>> reports_df, cells, diagnostics = gongkai.to_frames(reports)  # doctest: +SKIP
    >>> cells[cells.table == "requests"].pivot_table(              # doctest: +SKIP
    ...     index="source", columns="row", values="value", aggfunc="sum")
    """
    if backend not in ("pandas", "polars"):
        raise ValueError(f"backend must be 'pandas' or 'polars', not {backend!r}")
    if isinstance(reports, Mapping):
        reports = [reports]
    columns = _columns(reports)
    build = _pandas_frame if backend == "pandas" else _polars_frame
    return Frames(
        reports=build(REPORTS_SCHEMA, columns[0]),
        cells=build(CELLS_SCHEMA, columns[1]),
        diagnostics=build(DIAGNOSTICS_SCHEMA, columns[2]),
    )


def _columns(
    reports: Iterable[Mapping[str, Any]],
) -> Tuple[Dict[str, List[Any]], Dict[str, List[Any]], Dict[str, List[Any]]]:
    """The three tables as columns of plain Python values, filled in one pass."""
    rep: Dict[str, List[Any]] = {name: [] for name, _ in REPORTS_SCHEMA}
    cel: Dict[str, List[Any]] = {name: [] for name, _ in CELLS_SCHEMA}
    dia: Dict[str, List[Any]] = {name: [] for name, _ in DIAGNOSTICS_SCHEMA}
    for i, report in enumerate(reports):
        if not isinstance(report, Mapping):
            raise TypeError(f"report {i} must be a dict from gongkai.parse*, not {type(report).__name__}")
        source = report.get("source")
        source = f"#{i}" if source is None else str(source)
        meta = report.get("meta") or {}
        tables = report.get("tables") or {}
        diagnostics = report.get("diagnostics") or []
        error = report.get("error")

        rep["source"].append(source)
        rep["template"].append(report.get("template"))
        rep["body"].append(meta.get("body"))
        rep["year"].append(meta.get("year"))
        rep["published"].append(meta.get("published"))
        rep["has_proactive"].append(tables.get("proactive") is not None)
        rep["has_requests"].append(tables.get("requests") is not None)
        rep["has_review_litigation"].append(tables.get("review_litigation") is not None)
        rep["n_warnings"].append(sum(1 for d in diagnostics if d.get("severity") == "warning"))
        rep["n_errors"].append(sum(1 for d in diagnostics if d.get("severity") == "error"))
        rep["error"].append(error.get("kind") if isinstance(error, Mapping) else None)

        for table in _TABLES:
            t = tables.get(table)
            if not t:
                continue
            for row, cols in (t.get("rows") or {}).items():
                for column, value in cols.items():
                    cel["source"].append(source)
                    cel["table"].append(table)
                    cel["row"].append(row)
                    cel["column"].append(column)
                    cel["value"].append(None if value is None else float(value))

        for d in diagnostics:
            cell = d.get("cell") or {}
            dia["source"].append(source)
            dia["severity"].append(d.get("severity"))
            dia["code"].append(d.get("code"))
            dia["message"].append(d.get("message"))
            dia["table"].append(cell.get("table"))
            dia["row"].append(cell.get("row"))
            dia["column"].append(cell.get("column"))
    return rep, cel, dia


def _pandas_frame(schema: _Schema, columns: Dict[str, List[Any]]) -> Any:
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_frames() needs pandas: pip install 'gongkai[pandas]'") from e
    dtypes = {"str": object, "int": "int64", "nint": "Int64", "float": "float64", "bool": "bool"}
    data = {}
    for name, kind in schema:
        values = columns[name]
        if kind == "float":
            values = [float("nan") if v is None else v for v in values]
        data[name] = pd.Series(values, dtype=dtypes[kind], name=name)
    return pd.DataFrame(data, columns=[name for name, _ in schema])


def _polars_frame(schema: _Schema, columns: Dict[str, List[Any]]) -> Any:
    try:
        import polars as pl
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_frames(backend='polars') needs polars: pip install 'gongkai[polars]'") from e
    dtypes = {"str": pl.Utf8, "int": pl.Int64, "nint": pl.Int64, "float": pl.Float64, "bool": pl.Boolean}
    return pl.DataFrame([pl.Series(name, columns[name], dtype=dtypes[kind]) for name, kind in schema])
