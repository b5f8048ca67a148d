"""Shared fixtures: the bundled corpus of crates/gongkai/tests/corpus and its gold files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "crates" / "gongkai" / "tests" / "corpus"


@dataclass
class Case:
    stem: str
    gold: Dict[str, Any]
    texts: List[Path] = field(default_factory=list)
    htmls: List[Path] = field(default_factory=list)


def load_cases() -> List[Case]:
    """Every gold file with its renderings, as tests/common/mod.rs `cases()` finds them."""
    cases = []
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        case = Case(gold_path.stem, json.loads(gold_path.read_text(encoding="utf-8")))
        for sub in ("seeds", "real"):
            for ext in ("txt", "html"):
                p = CORPUS / sub / f"{case.stem}.{ext}"
                if p.exists():
                    (case.texts if ext == "txt" else case.htmls).append(p)
        cases.append(case)
    return cases


@pytest.fixture(scope="session")
def cases() -> List[Case]:
    return load_cases()


@pytest.fixture(scope="session")
def text_paths(cases: List[Case]) -> List[Path]:
    """Every text rendering of the corpus, in gold order."""
    return [p for c in cases for p in c.texts]


def _strip_ws(s: Any) -> Any:
    return None if s is None else "".join(ch for ch in s if not ch.isspace())


def _same_number(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and not isinstance(a, bool) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return abs(a - b) <= 1e-6 * max(abs(a), 1.0)
    return a is None and b is None


def compare(report: Dict[str, Any], gold: Dict[str, Any]) -> "tuple[List[str], int]":
    """Differences between a parsed report and gold, and the number of cells compared: the same
    checks as `compare` in crates/gongkai/tests/common/mod.rs."""
    diffs: List[str] = []
    cells = 0
    if report.get("template") != gold.get("template"):
        diffs.append(f"template: got {report.get('template')!r} want {gold.get('template')!r}")
    body, want_body = _strip_ws(report["meta"].get("body")), _strip_ws(gold["meta"].get("body"))
    if body != want_body:
        diffs.append(f"meta.body: got {body!r} want {want_body!r}")
    if report["meta"].get("year") != gold["meta"].get("year"):
        diffs.append(f"meta.year: got {report['meta'].get('year')!r} want {gold['meta'].get('year')!r}")
    if gold.get("sections") is not None:
        keys = [s["key"] for s in report["sections"]]
        if keys != gold["sections"]:
            diffs.append(f"sections: got {keys} want {gold['sections']}")
    uncertain = {u.split(":")[0].strip() for u in gold.get("uncertain") or [] if isinstance(u, str)}
    for table in ("proactive", "requests", "review_litigation"):
        got = report["tables"].get(table)
        want = gold["tables"].get(table)
        if (got is None) != (want is None):
            diffs.append(f"tables.{table}: present {got is not None} want {want is not None}")
            continue
        if want is None or not isinstance(want.get("rows"), dict):
            continue
        for row, cols in want["rows"].items():
            if not isinstance(cols, dict):
                continue
            for col, want_v in cols.items():
                key = f"{table}.{row}.{col}"
                if key in uncertain:
                    continue
                cells += 1
                got_v = (got["rows"].get(row) or {}).get(col)
                if not _same_number(got_v, want_v):
                    diffs.append(f"{key}: got {got_v!r} want {want_v!r}")
    if gold.get("legacy_statistics_present") is True and not report.get("legacy_statistics"):
        diffs.append("legacy_statistics: none read, gold has a statistics table")
    return diffs, cells
