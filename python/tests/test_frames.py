"""to_frames(): shapes and dtypes for pandas and polars."""

from __future__ import annotations

import math
import sys

import pytest

import gongkai

# A report in the JSON form of docs/output.md, as gongkai returns it, with a table, blank cells
# and diagnostics: the frames do not depend on what the core reads from the corpus today.
REVIEW_ROWS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_COLS = ("upheld", "corrected", "other", "pending", "total")


def _report(source, year=2022, value=1):
    rows = {r: {c: None for c in REVIEW_COLS} for r in REVIEW_ROWS}
    rows["review"].update(upheld=value, total=value)
    return {
        "source": source,
        "template": "f2021",
        "meta": {"title": "t", "body": "某某镇", "year": year, "published": "2023-01-30", "period": None,
                 "contact": None, "url": None},
        "sections": [],
        "tables": {"proactive": None, "requests": None, "review_litigation": {"rows": rows, "span": [0, 10]}},
        "legacy_statistics": [],
        "narrative": {"proactive_total": None, "requests_received": None, "reviews": None, "lawsuits": None,
                      "fee_charged": None},
        "diagnostics": [
            {"severity": "warning", "code": "identity.review_total", "message": "m", "span": [1, 2],
             "cell": {"table": "review_litigation", "row": "review", "column": "total"}},
            {"severity": "info", "code": "input.encoding", "message": "decoded", "span": None, "cell": None},
        ],
    }


REPORTS = [
    _report("a.txt"),
    {k: v for k, v in _report(None, year=None, value=2.5).items() if k != "source"},
    {"source": "bad.txt", "error": {"kind": "decode", "message": "cannot decode"}},
]
N_CELLS = 2 * len(REVIEW_ROWS) * len(REVIEW_COLS)


def test_pandas_frames_shapes_and_dtypes() -> None:
    import pandas as pd  # noqa: F401  (installed by gongkai[pandas])
    frames = gongkai.to_frames(REPORTS)
    assert isinstance(frames, gongkai.Frames)
    reports, cells, diagnostics = frames
    assert list(reports.columns) == ["source", "template", "body", "year", "published", "has_proactive",
                                     "has_requests", "has_review_litigation", "n_warnings", "n_errors", "error"]
    assert reports.shape == (3, 11)
    assert list(reports["source"]) == ["a.txt", "#1", "bad.txt"]
    assert str(reports["year"].dtype) == "Int64"
    assert reports["year"].isna().tolist() == [False, True, True]
    assert reports["has_review_litigation"].dtype == bool
    assert reports["has_review_litigation"].tolist() == [True, True, False]
    assert reports["n_warnings"].dtype == "int64" and reports["n_warnings"].tolist() == [1, 1, 0]
    assert reports["error"].tolist()[:2] == [None, None] and reports["error"].iloc[2] == "decode"

    assert list(cells.columns) == ["source", "table", "row", "column", "value"]
    assert cells.shape == (N_CELLS, 5)
    assert cells["value"].dtype == "float64"
    first = cells[cells.source == "a.txt"].set_index(["row", "column"])["value"]
    assert first[("review", "total")] == 1.0
    assert math.isnan(first[("review", "pending")])  # blank stays missing, never 0
    assert cells[cells.source == "#1"]["value"].max() == 2.5

    assert list(diagnostics.columns) == ["source", "severity", "code", "message", "table", "row", "column"]
    assert diagnostics.shape == (4, 7)
    assert diagnostics["row"].tolist() == ["review", None, "review", None]


def test_polars_frames_shapes_and_dtypes() -> None:
    import polars as pl
    reports, cells, diagnostics = gongkai.to_frames(REPORTS, backend="polars")
    assert isinstance(reports, pl.DataFrame)
    assert reports.shape == (3, 11)
    assert reports.schema["year"] == pl.Int64
    assert reports.schema["source"] == pl.Utf8
    assert reports.schema["has_requests"] == pl.Boolean
    assert reports.schema["n_warnings"] == pl.Int64
    assert reports["year"].to_list() == [2022, None, None]
    assert cells.shape == (N_CELLS, 5)
    assert cells.schema["value"] == pl.Float64
    assert cells["value"].null_count() == N_CELLS - 4
    assert diagnostics.shape == (4, 7)
    assert diagnostics.schema["column"] == pl.Utf8


def test_empty_input_gives_empty_frames_with_columns() -> None:
    import pandas  # noqa: F401
    import polars as pl
    reports, cells, diagnostics = gongkai.to_frames([])
    assert reports.shape == (0, 11) and cells.shape == (0, 5) and diagnostics.shape == (0, 7)
    assert str(reports["year"].dtype) == "Int64" and cells["value"].dtype == "float64"
    reports, cells, _ = gongkai.to_frames([], backend="polars")
    assert reports.shape == (0, 11) and cells.schema["value"] == pl.Float64


def test_frames_of_the_corpus(text_paths) -> None:
    import pandas  # noqa: F401
    parsed = gongkai.parse_many(text_paths)
    reports, cells, diagnostics = gongkai.to_frames(parsed)
    assert len(reports) == len(text_paths)
    assert reports["source"].tolist() == [str(p) for p in text_paths]
    expected_cells = sum(
        len(cols) for r in parsed for t in r["tables"].values() if t for cols in t["rows"].values()
    )
    assert len(cells) == expected_cells
    assert len(diagnostics) == sum(len(r["diagnostics"]) for r in parsed)
    assert gongkai.to_frames(parsed[0]).reports.shape[0] == 1  # one dict is one report


def test_backends_are_imported_only_when_asked() -> None:
    code = (
        "import sys, gongkai; "
        "assert 'pandas' not in sys.modules and 'polars' not in sys.modules, 'imported eagerly'"
    )
    import subprocess

    subprocess.run([sys.executable, "-c", code], check=True)
    with pytest.raises(ValueError, match="backend"):
        gongkai.to_frames([], backend="arrow")  # type: ignore[arg-type]
