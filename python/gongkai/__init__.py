"""gongkai (公开): China's government information-disclosure annual reports as data.

Every government body in China publishes a 政府信息公开工作年度报告 each year in a national
format. ``gongkai`` reads such a report (text, raw bytes in any Chinese encoding, or a file) and
returns it as plain Python data in the JSON form of ``docs/output.md``: the template it follows,
what it says about itself, its sections, the three statutory tables with every cell (``None``
where the report leaves a cell blank, never 0), and diagnostics for everything the parser could
not settle.

>>> import gongkai
>>> report = gongkai.parse("某某镇2022年政府信息公开工作年度报告\\n一、总体情况\\n……")
>>> sorted(report)
['diagnostics', 'legacy_statistics', 'meta', 'narrative', 'sections', 'tables', 'template']

Parse a folder and get tidy tables::

    from pathlib import Path
    import gongkai

    reports = gongkai.parse_many(sorted(Path("reports").glob("*.txt")))
    frames = gongkai.to_frames(reports)          # pandas; backend="polars" for polars
    frames.cells.query("table == 'requests' and column == 'total'")

The work happens in Rust (the ``gongkai`` crate) with the GIL released.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Union

from . import _gongkai
from ._frames import Frames, to_frames
from ._schema import schema
from ._gongkai import (
    DEFAULT_MAX_INPUT_BYTES,
    DecodeError,
    GongkaiError,
    IoError,
    TooLargeError,
)

__version__: str = _gongkai.__version__

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "DecodeError",
    "ErrorKind",
    "Frames",
    "GongkaiError",
    "IoError",
    "Report",
    "Severity",
    "Source",
    "Template",
    "TooLargeError",
    "__version__",
    "parse",
    "parse_file",
    "parse_many",
    "schema",
    "to_frames",
]

#: A report (or, in a batch, an error item) as plain Python data: the JSON form of docs/output.md.
Report = Dict[str, Any]
#: The national format a report follows (``report["template"]``).
Template = Literal["f2021", "f2019", "pre2019", "unknown"]
#: ``diagnostics[i]["severity"]``.
Severity = Literal["error", "warning", "info"]
#: ``error["kind"]`` of a failed batch item; ``internal`` is a bug in gongkai.
ErrorKind = Literal["decode", "too_large", "io", "internal"]
#: One item of :func:`parse_many`: report text, raw bytes, or a path to read.
Source = Union[str, bytes, bytearray, "os.PathLike[str]"]

# Each kind of core error and the exception it raises (io errors with an OS error number raise
# the matching OSError instead, e.g. FileNotFoundError).
DecodeError.kind = "decode"
TooLargeError.kind = "too_large"
IoError.kind = "io"


def parse(source: Union[str, bytes], *, max_input_bytes: Optional[int] = None, infer: bool = False) -> Report:
    """Parse one report.

    ``source`` is the report's text (``str``), or its raw bytes (``bytes``: UTF-8 with or without
    BOM, UTF-16 with BOM, GB18030/GBK, or a charset the page declares), decoded as the Rust core
    decodes them. A ``str`` is always text, never a path: use :func:`parse_file` for files.

    Returns the report as plain Python data (dicts, lists, str, int, float, bool, None) in exactly
    the JSON form of ``docs/output.md``. Spans are ``str`` indices into the text (for bytes, into
    the decoded text), so ``text[start:end]`` is the part.

    Raises :class:`DecodeError` for bytes that are not text in any encoding gongkai reads and
    :class:`TooLargeError` above ``max_input_bytes`` (default :data:`DEFAULT_MAX_INPUT_BYTES`).

    A blank cell stays blank (``None``) unless ``infer=True``: then a blank cell that a statutory
    identity determines is filled, and a ``table.inferred`` diagnostic names it.

    >>> text = "某某镇2022年政府信息公开工作年度报告\\n一、总体情况\\n本年主动公开政府信息12条。\\n"
    >>> report = gongkai.parse(text)
    >>> report["meta"]["year"]
    2022
    >>> for s in report["sections"]:
    ...     start, end = s["span"]
    ...     assert s["heading"] in text[start:end]
    """
    return _gongkai.parse(source, max_input_bytes=max_input_bytes, infer=infer)


def parse_file(path: Union[str, "os.PathLike[str]"], *, max_input_bytes: Optional[int] = None, infer: bool = False) -> Report:
    """Read and parse one report file; the result's ``"source"`` is the path.

    The bytes are decoded as :func:`parse` decodes ``bytes``; spans index the decoded text.
    A missing file raises :class:`FileNotFoundError` (other OS errors the matching
    :class:`OSError`); undecodable content :class:`DecodeError`.

    >>> report = gongkai.parse_file("reports/2022.txt")          # doctest: +SKIP
    >>> report["source"], report["template"]                      # doctest: +SKIP
    ('reports/2022.txt', 'f2021')
    """
    return _gongkai.parse_file(path, max_input_bytes=max_input_bytes, infer=infer)


def parse_many(
    items: Iterable[Source],
    *,
    threads: Optional[int] = None,
    max_input_bytes: Optional[int] = None,
    infer: bool = False,
) -> List[Report]:
    """Parse many reports in parallel; one result per item, in input order.

    Each item is a ``str`` (report text), ``bytes`` (raw bytes, decoded as :func:`parse` decodes
    them) or an ``os.PathLike`` such as :class:`pathlib.Path` (a file to read). A plain ``str`` is
    never taken for a path: wrap paths in ``Path(...)``.

    Every result carries ``"source"``: the path for file items, ``None`` for text and bytes. An
    item that cannot be read or decoded does not stop the batch: its result is
    ``{"source": ..., "error": {"kind": "io" | "decode" | "too_large", "message": ...}}``.

    The GIL is released while reports are parsed and held only while each one is turned into
    Python objects. ``threads`` is the number of worker threads (default: one per CPU); the pool is
    built for this call and dropped after it, so the function is safe in a process forked after an
    earlier call. ``threads=1`` runs on the calling thread, as Spark or Dask workers want.

    While the batch is built, the cyclic garbage collector is paused (when it was enabled) and
    then turned back on: its runs would traverse the results being built and free none of them.

    >>> from pathlib import Path
    >>> results = gongkai.parse_many(["一、总体情况\\n……", b"\\xff\\xff", Path("missing.txt")])
    >>> [r.get("error", {}).get("kind") for r in results]
    [None, 'decode', 'io']
    """
    return _gongkai.parse_many(items, threads=threads, max_input_bytes=max_input_bytes, infer=infer)
