"""The bundled corpus against its gold files, through the Python API: the checks of the Rust
golden test (crates/gongkai/tests/golden.rs), once through parse() and once through parse_many()."""

from __future__ import annotations

from typing import Dict, List

import gongkai

from conftest import Case, compare


def _check_all(results: Dict[str, dict], cases: List[Case]) -> None:
    failures = []
    cells = 0
    for case in cases:
        for path in case.texts:
            diffs, n = compare(results[str(path)], case.gold)
            cells += n
            if diffs:
                failures.append(f"{path.name}:\n  " + "\n  ".join(diffs))
    assert cells > 0 or all(c.gold["tables"][t] is None for c in cases for t in c.gold["tables"])
    assert not failures, f"{len(failures)} of {len(results)} reports differ from gold:\n" + "\n".join(failures)


def test_corpus_has_29_gold_files_each_with_a_text(cases: List[Case]) -> None:
    assert len(cases) == 29
    for case in cases:
        assert case.texts, f"{case.stem}: no text rendering"


def test_every_text_rendering_matches_its_gold_through_parse(cases: List[Case]) -> None:
    # parse(bytes) is what parse_file does (the Rust test uses parse_file).
    results = {str(p): gongkai.parse(p.read_bytes()) for c in cases for p in c.texts}
    _check_all(results, cases)


def test_every_text_rendering_matches_its_gold_through_parse_many(cases: List[Case]) -> None:
    paths = [p for c in cases for p in c.texts]
    reports = gongkai.parse_many(paths, threads=2)
    assert [r["source"] for r in reports] == [str(p) for p in paths]
    assert not [r for r in reports if "error" in r]
    _check_all({r["source"]: r for r in reports}, cases)


def test_parse_text_and_bytes_agree(text_paths) -> None:
    # The same report as str and as UTF-8 bytes: the same result but for the input.encoding note.
    for path in text_paths:
        data = path.read_bytes()
        from_text = gongkai.parse(data.decode("utf-8-sig"))
        from_bytes = gongkai.parse(data)
        from_bytes["diagnostics"] = [d for d in from_bytes["diagnostics"] if d["code"] != "input.encoding"]
        assert from_text == from_bytes, path.name


def test_source_identity_violations_are_reported_not_fixed(cases: List[Case]) -> None:
    paths = [p for c in cases for p in c.texts]
    by_path = {r["source"]: r for r in gongkai.parse_many(paths)}
    for case in cases:
        wanted = len(case.gold.get("source_identity_violations") or [])
        for path in case.texts:
            report = by_path[str(path)]
            identity = [d for d in report["diagnostics"] if d["code"].startswith("identity.")]
            if wanted:
                assert identity, f"{path.name}: the source breaks {wanted} identities, none reported"
            else:
                assert not identity, f"{path.name}: identity warnings on a report whose numbers hold: {identity}"


def test_every_html_page_matches_its_gold_through_parse_many(cases: List[Case]) -> None:
    # As crates/gongkai/tests/html.rs does for the portal pages of the corpus.
    pages = [p for c in cases for p in c.htmls]
    assert len(pages) >= 3
    reports = {r["source"]: r for r in gongkai.parse_many(pages)}
    failures = []
    for case in cases:
        for path in case.htmls:
            report = reports[str(path)]
            diffs, _ = compare(report, case.gold)
            if not any(d["code"] == "input.html" and d["severity"] == "info" for d in report["diagnostics"]):
                diffs.append("no input.html diagnostic")
            if diffs:
                failures.append(f"{path.name}:\n  " + "\n  ".join(diffs))
    assert not failures, "\n".join(failures)
