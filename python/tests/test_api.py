"""The Python API: types, errors, batches, spans, pickling."""

from __future__ import annotations

import doctest
import os
import pickle
import re
from pathlib import Path

import pytest

import gongkai
from conftest import REPO

SEED = "001_333e33f0e39a8a89.txt"  # 乳山寨镇 2022, f2021, six sections, non-ASCII throughout


@pytest.fixture(scope="module")
def seed_text() -> str:
    from conftest import CORPUS

    return (CORPUS / "seeds" / SEED).read_text(encoding="utf-8")


def test_version_is_the_cargo_version() -> None:
    cargo = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'^\[workspace\.package\][^\[]*?^version = "([^"]+)"', cargo, re.M | re.S)
    assert version and gongkai.__version__ == version.group(1)


def test_parse_returns_plain_data_in_the_json_form(seed_text: str) -> None:
    report = gongkai.parse(seed_text)
    assert set(report) == {"template", "meta", "sections", "tables", "legacy_statistics", "narrative", "diagnostics"}
    assert report["template"] in ("f2021", "f2019", "pre2019", "unknown")
    assert set(report["meta"]) == {"title", "body", "year", "published", "period", "contact", "url"}
    assert set(report["tables"]) == {"proactive", "requests", "review_litigation"}
    assert set(report["narrative"]) == {"proactive_total", "requests_received", "reviews", "lawsuits", "fee_charged"}

    def plain(v: object) -> None:
        assert v is None or type(v) in (str, int, float, bool, list, dict), type(v)
        if isinstance(v, dict):
            for k, x in v.items():
                assert type(k) is str
                plain(x)
        elif isinstance(v, list):
            for x in v:
                plain(x)

    plain(report)
    for section in report["sections"]:
        assert set(section) == {"key", "number", "heading", "text", "span"}
    for d in report["diagnostics"]:
        assert set(d) == {"severity", "code", "message", "span", "cell"}
        assert d["severity"] in ("error", "warning", "info")


def test_parse_keeps_template_order_of_rows_and_columns() -> None:
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n"
        "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
        "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n"
        "1 0 0 0 1 0 0 0 0 0 0 0 0 1 1\n五、存在的主要问题及改进情况\n"
    )
    table = gongkai.parse(text)["tables"]["review_litigation"]
    if table is None:
        pytest.skip("the core does not read 表四 yet")
    assert list(table["rows"]) == ["review", "litigation_direct", "litigation_after_review"]
    assert list(table["rows"]["review"]) == ["upheld", "corrected", "other", "pending", "total"]
    assert table["rows"]["review"]["total"] == 1 and type(table["rows"]["review"]["total"]) is int


def test_spans_are_str_indices_on_non_ascii_text(seed_text: str) -> None:
    report = gongkai.parse(seed_text)
    assert report["sections"], "the seed has six sections"
    for s in report["sections"]:
        start, end = s["span"]
        assert 0 <= start <= end <= len(seed_text)
        assert s["heading"] in seed_text[start:end], (s["heading"], seed_text[start:end][:40])
    for d in report["diagnostics"]:
        if d["span"] is not None:
            start, end = d["span"]
            assert 0 <= start <= end <= len(seed_text)
    for t in report["tables"].values():
        if t is not None:
            start, end = t["span"]
            assert 0 <= start < end <= len(seed_text)


def test_spans_of_bytes_index_the_decoded_text(seed_text: str) -> None:
    # GB18030 bytes, UTF-8 with BOM and UTF-16 with BOM all decode to seed_text: the spans are
    # the str indices that parse(seed_text) gives.
    want = [s["span"] for s in gongkai.parse(seed_text)["sections"]]
    for data in (
        seed_text.encode("gb18030"),
        seed_text.encode("utf-8-sig"),
        b"\xff\xfe" + seed_text.encode("utf-16-le"),
    ):
        report = gongkai.parse(data)
        assert [s["span"] for s in report["sections"]] == want
        assert any(d["code"] == "input.encoding" for d in report["diagnostics"])


def test_spans_in_a_small_mixed_text() -> None:
    prefix = "ｘ报告🙂\n"  # full-width, CJK and an astral character: 1 + 2 + 1 code points, 14 bytes
    text = prefix + "一、总体情况\n本年度主动公开政府信息12条。\n二、主动公开政府信息情况\n略。\n"
    report = gongkai.parse(text)
    for s in report["sections"]:
        start, end = s["span"]
        assert text[start:end].lstrip().startswith(s["heading"][:2]) or s["heading"] in text[start:end]


def test_parse_file_sets_source_and_matches_parse_of_bytes(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "报告.txt"
    path.write_bytes(seed_text.encode("gb18030"))
    report = gongkai.parse_file(path)
    assert report["source"] == str(path)
    assert {k: v for k, v in report.items() if k != "source"} == gongkai.parse(path.read_bytes())
    assert gongkai.parse_file(str(path))["source"] == str(path)


def test_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError) as e:
        gongkai.parse_file(missing)
    assert e.value.filename == str(missing)
    assert "nope.txt" in str(e.value)


def test_error_kinds_raise_their_own_exceptions(tmp_path: Path) -> None:
    assert issubclass(gongkai.DecodeError, gongkai.GongkaiError)
    assert issubclass(gongkai.TooLargeError, gongkai.GongkaiError)
    assert issubclass(gongkai.IoError, gongkai.GongkaiError)
    assert gongkai.GongkaiError.__module__ == "gongkai"
    with pytest.raises(gongkai.DecodeError, match="cannot decode"):
        gongkai.parse(b"\xff\xff\xff")
    assert gongkai.DecodeError.kind == "decode"
    with pytest.raises(gongkai.TooLargeError, match="exceeds the limit of 10 bytes"):
        gongkai.parse("一、总体情况\n" * 10, max_input_bytes=10)
    big = tmp_path / "big.txt"
    big.write_text("x" * 100)
    with pytest.raises(gongkai.TooLargeError):
        gongkai.parse_file(big, max_input_bytes=10)
    with pytest.raises(IsADirectoryError):
        gongkai.parse_file(tmp_path)


def test_parse_takes_no_paths() -> None:
    with pytest.raises(TypeError, match="parse_file"):
        gongkai.parse(Path("report.txt"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gongkai.parse(42)  # type: ignore[arg-type]
    # A str is text even when it names an existing file.
    report = gongkai.parse(__file__)
    assert "source" not in report and "template" in report


def test_parse_many_keeps_order_and_marks_sources(text_paths) -> None:
    texts = [p.read_text(encoding="utf-8") for p in text_paths[:5]]
    items = [texts[0], text_paths[1], texts[2].encode("gb18030"), text_paths[3], bytearray(texts[4].encode())]
    results = gongkai.parse_many(items)
    assert len(results) == 5
    assert [r["source"] for r in results] == [None, str(text_paths[1]), None, str(text_paths[3]), None]
    for r, p in zip(results, text_paths[:5]):
        expected = gongkai.parse(p.read_bytes())
        got = {k: v for k, v in r.items() if k != "source"}
        got["diagnostics"] = [d for d in got["diagnostics"] if d["code"] != "input.encoding"]
        expected["diagnostics"] = [d for d in expected["diagnostics"] if d["code"] != "input.encoding"]
        assert got == expected, p.name


def test_parse_many_threads_1_and_2_agree(text_paths) -> None:
    items = list(text_paths) + [p.read_text(encoding="utf-8") for p in text_paths]
    one = gongkai.parse_many(items, threads=1)
    two = gongkai.parse_many(items, threads=2)
    default = gongkai.parse_many(items)
    assert len(one) == len(items)
    assert one == two == default


def test_parse_many_goes_on_past_bad_items(tmp_path: Path, seed_text: str) -> None:
    missing = tmp_path / "missing.txt"
    folder = tmp_path / "folder"
    folder.mkdir()
    items = [seed_text, b"\xff\xff\xff", missing, seed_text.encode("gb18030"), "\ud800 lone surrogate", folder, Path(__file__)]
    results = gongkai.parse_many(items, threads=2)
    assert len(results) == len(items)
    assert results[1] == {"source": None, "error": {"kind": "decode", "message": results[1]["error"]["message"]}}
    assert "cannot decode" in results[1]["error"]["message"]
    assert results[2]["source"] == str(missing) and results[2]["error"]["kind"] == "io"
    assert str(missing) in results[2]["error"]["message"]
    assert results[4]["error"]["kind"] == "decode"
    assert results[5]["error"]["kind"] == "io"
    for i in (0, 3, 6):
        assert "error" not in results[i] and "template" in results[i]
    assert results[0]["sections"] == results[3]["sections"]


def test_parse_many_rejects_wrong_types() -> None:
    with pytest.raises(TypeError, match="item 1"):
        gongkai.parse_many(["text", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        gongkai.parse_many("not a list")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        gongkai.parse_many(["text"], threads=0)
    assert gongkai.parse_many([]) == []
    assert len(gongkai.parse_many(iter(["a", "b"]))) == 2


def test_results_pickle(text_paths) -> None:
    results = gongkai.parse_many(text_paths[:3] + [b"\xff\xff\xff"])
    assert pickle.loads(pickle.dumps(results)) == results
    err = gongkai.DecodeError("boom")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is gongkai.DecodeError and again.args == ("boom",)


def test_docstring_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for module in (gongkai, gongkai._frames):
        result = doctest.testmod(module, extraglobs={"gongkai": gongkai}, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, f"{module.__name__}: {result.failed} docstring examples failed"


def test_span_indices_are_exact_code_point_offsets(seed_text: str) -> None:
    # A first line of ten 2-byte characters and one of ten ASCII dots are both page clutter, ten
    # code points long. Byte offsets would differ by 10 after it; str indices must not differ.
    wide = gongkai.parse("·" * 10 + "\n" + seed_text)
    narrow = gongkai.parse("." * 10 + "\n" + seed_text)
    plain = gongkai.parse(seed_text)
    assert wide["sections"] and wide == narrow
    assert [[a + 11, b + 11] for a, b in (s["span"] for s in plain["sections"])] == [s["span"] for s in wide["sections"]]


def test_spans_of_html_pages_are_str_indices_into_the_page(cases) -> None:
    pages = [p for c in cases for p in c.htmls]
    assert pages, "the corpus has portal pages"
    for path, report in zip(pages, gongkai.parse_many(pages)):
        html = path.read_text(encoding="utf-8")
        spans = [s["span"] for s in report["sections"]]
        spans += [t["span"] for t in report["tables"].values() if t]
        spans += [d["span"] for d in report["diagnostics"] if d["span"]]
        assert spans
        for start, end in spans:
            assert 0 <= start <= end <= len(html), (path.name, start, end, len(html))
        for s in report["sections"]:
            start, end = s["span"]
            # the heading's first character lies inside its section's span
            assert s["heading"].strip()[:1] in html[start:end], (path.name, s["heading"])


def test_infer_fills_only_what_an_identity_settles_and_says_so():
    text = "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 —\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
    plain = gongkai.parse(text)
    assert plain["tables"]["requests"]["rows"]["new_received"]["total"] is None
    for report in (gongkai.parse(text, infer=True), gongkai.parse_many([text], threads=1, infer=True)[0]):
        assert report["tables"]["requests"]["rows"]["new_received"]["total"] == 3
        flagged = [d for d in report["diagnostics"] if d["code"] == "table.inferred"]
        assert [d["cell"]["row"] for d in flagged] == ["new_received"]


# The JSON form's key order (docs/output.md), which the dicts keep: the order serde writes them.
KEY_ORDER = {
    "report": ["template", "meta", "sections", "tables", "legacy_statistics", "narrative", "diagnostics"],
    "meta": ["title", "body", "year", "published", "period", "contact", "url"],
    "period": ["start", "end"],
    "contact": ["address", "postcode", "phone", "fax", "email"],
    "section": ["key", "number", "heading", "text", "span"],
    "tables": ["proactive", "requests", "review_litigation"],
    "table": ["rows", "span"],
    "legacy": ["label", "unit", "value", "cumulative"],
    "narrative": ["proactive_total", "requests_received", "reviews", "lawsuits", "fee_charged"],
    "diagnostic": ["severity", "code", "message", "span", "cell"],
    "cell": ["table", "row", "column"],
}


def _assert_key_order(report: dict) -> None:
    assert list(report) == KEY_ORDER["report"]
    meta = report["meta"]
    assert list(meta) == KEY_ORDER["meta"]
    if meta["period"] is not None:
        assert list(meta["period"]) == KEY_ORDER["period"]
    if meta["contact"] is not None:
        assert list(meta["contact"]) == KEY_ORDER["contact"]
    for s in report["sections"]:
        assert list(s) == KEY_ORDER["section"]
    assert list(report["tables"]) == KEY_ORDER["tables"]
    for t in report["tables"].values():
        if t is not None:
            assert list(t) == KEY_ORDER["table"]
    for row in report["legacy_statistics"]:
        assert list(row) == KEY_ORDER["legacy"]
    assert list(report["narrative"]) == KEY_ORDER["narrative"]
    for d in report["diagnostics"]:
        assert list(d) == KEY_ORDER["diagnostic"]
        if d["cell"] is not None:
            assert list(d["cell"]) == KEY_ORDER["cell"]


def test_dicts_keep_the_key_order_of_the_json_form(text_paths) -> None:
    reports = gongkai.parse_many(text_paths, threads=2)
    assert any(r["tables"]["requests"] for r in reports) and any(r["legacy_statistics"] for r in reports)
    assert any(d["cell"] for r in reports for d in r["diagnostics"])
    for path, r in zip(text_paths, reports):
        assert list(r)[0] == "source" and r["source"] == str(path)
        _assert_key_order({k: v for k, v in r.items() if k != "source"})
        requests = r["tables"]["requests"]
        if requests is not None:
            # Every row has the seven columns in template order.
            columns = ["natural_person", "org_business", "org_research", "org_public_interest", "org_legal_services", "org_other", "total"]
            assert all(list(cells) == columns for cells in requests["rows"].values())
            assert list(requests["rows"])[:2] == ["new_received", "carried_over"]
            assert list(requests["rows"])[-2:] == ["results_total", "carried_forward"]
    single = gongkai.parse(text_paths[0].read_bytes())
    _assert_key_order(single)
    assert list(gongkai.parse_file(text_paths[0]))[0] == "source"


def test_error_items_are_source_then_error_with_kind_then_message() -> None:
    results = gongkai.parse_many([b"\xff\xff\xff", "\ud800"], threads=1)
    for r in results:
        assert list(r) == ["source", "error"] and r["source"] is None
        assert list(r["error"]) == ["kind", "message"] and r["error"]["kind"] == "decode"


def test_span_indices_hold_wherever_multi_byte_characters_fall(seed_text: str) -> None:
    # A first line of k characters of 2, 3 or 4 bytes is page clutter, k code points long: every
    # span after it moves by k + 1 (the line and its newline), for k across several 64-byte
    # stretches of the text, as it does for k ASCII dots.
    def spans(report: dict) -> list:
        out = [s["span"] for s in report["sections"]]
        out += [t["span"] for t in report["tables"].values() if t]
        return out + [d["span"] for d in report["diagnostics"] if d["span"]]

    base = spans(gongkai.parse(seed_text))
    assert len(base) >= 6
    for ch in ("·", "—", "🙂"):
        for k in range(1, 70):
            wide = gongkai.parse(ch * k + "\n" + seed_text)
            assert wide == gongkai.parse("." * k + "\n" + seed_text), (ch, k)
            assert spans(wide) == [[a + k + 1, b + k + 1] for a, b in base], (ch, k)


def test_parse_many_pauses_the_collector_only_while_it_runs(text_paths) -> None:
    import gc

    seen: list[bool] = []

    def items():
        for p in text_paths[:3]:
            seen.append(gc.isenabled())  # asked for while the batch is being built
            yield p

    assert gc.isenabled()
    for threads in (1, 2):
        seen.clear()
        results = gongkai.parse_many(items(), threads=threads)
        assert [r["source"] for r in results] == [str(p) for p in text_paths[:3]]
        assert seen == [False, False, False]
        assert gc.isenabled()
    # A failing batch re-enables it too.
    with pytest.raises(TypeError):
        gongkai.parse_many([text_paths[0], 42], threads=1)
    assert gc.isenabled()
    # A collector the caller turned off stays off.
    gc.disable()
    try:
        gongkai.parse_many(text_paths[:2], threads=1)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_parse_only_parses_what_parse_many_parses(text_paths, seed_text: str) -> None:
    # The benchmarking aid behind examples/python/throughput.py: the same parse, no objects.
    from gongkai import _gongkai

    items = [seed_text, seed_text.encode("gb18030"), text_paths[0]]
    count, seconds = _gongkai._parse_only(items)
    assert count == len(items) and seconds > 0
    assert all("error" not in r for r in gongkai.parse_many(items, threads=1))
    assert _gongkai._parse_only([b"\xff\xfe\xff"])[0] == _gongkai._parse_only([])[0] == 0

