"""A reading-order parser of the kind people write today, kept as an anchor for gongkai.

It does what most hand-written scripts do: find each statutory table by its heading, take every
number after it in reading order, and pour them into the template's cells row by row. It knows the
template (row and column keys in order) and strips item numbers such as ``1.`` from row labels,
but it has no idea of layout: a blank cell shifts every later value, and digits that ran together
become one large number.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
ITEM_NUMBER = re.compile(r"(?<![\d.])\d{1,2}[.、．](?=\D)")

REQUEST_COLUMNS = ["natural_person", "org_business", "org_research", "org_public_interest",
                   "org_legal_services", "org_other", "total"]
REQUEST_ROWS_HEAD = [
    "new_received", "carried_over", "granted", "partially_granted", "denied_state_secret",
    "denied_law_prohibited", "denied_security_stability", "denied_third_party",
    "denied_internal_affairs", "denied_process_info", "denied_enforcement_file",
    "denied_admin_query", "unable_not_held", "unable_needs_creation",
    "unable_unclear_after_correction", "not_processed_petition", "not_processed_repeat",
    "not_processed_publication", "not_processed_excessive", "not_processed_confirm_existing",
]
REQUEST_TAIL_2021 = ["other_no_correction", "other_fee_unpaid", "other_other", "results_total", "carried_forward"]
REQUEST_TAIL_2019 = ["other_processing", "results_total", "carried_forward"]
REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]
PROACTIVE_2021 = [("regulations", ["issued", "repealed", "in_force"]),
                  ("normative_documents", ["issued", "repealed", "in_force"]),
                  ("admin_licensing", ["decisions"]), ("admin_penalty", ["decisions"]),
                  ("admin_coercion", ["decisions"]), ("admin_fees", ["fee_amount_wan_yuan"])]
ITEMS = ["prev_year_items", "delta_this_year", "decisions"]
PROACTIVE_2019 = [("regulations", ["new_made", "new_published", "total_published"]),
                  ("normative_documents", ["new_made", "new_published", "total_published"]),
                  ("admin_licensing", ITEMS), ("other_external_services", ITEMS),
                  ("admin_penalty", ITEMS), ("admin_coercion", ITEMS),
                  ("admin_fees", ["prev_year_items", "delta_this_year"]),
                  ("gov_central_procurement", ["procurement_projects", "procurement_amount_wan_yuan"])]


def _numbers(text: str) -> List[float]:
    text = ITEM_NUMBER.sub(" ", text)
    return [float(n) for n in NUMBER.findall(text)]


def _fill(numbers: List[float], shape: List[tuple]) -> Dict[str, Dict[str, Optional[float]]]:
    rows: Dict[str, Dict[str, Optional[float]]] = {}
    it = iter(numbers)
    for row, columns in shape:
        rows[row] = {c: next(it, None) for c in columns}
    return rows


def _between(text: str, start: str, ends: List[str]) -> Optional[str]:
    at = text.find(start)
    if at < 0:
        return None
    stop = min([p for p in (text.find(e, at + len(start)) for e in ends) if p >= 0], default=len(text))
    return text[at + len(start):stop]


def parse(text: str) -> Dict[str, object]:
    """The three tables as ``{"rows": {row: {column: value}}}`` or ``None``, in output.md's keys."""
    flat = re.sub(r"\s+", "", text)
    tables: Dict[str, object] = {"proactive": None, "requests": None, "review_litigation": None}
    f2019 = "本年新制作数量" in flat or "其他对外管理服务事项" in flat
    proactive = _between(flat, "第二十条第", ["三、收到和处理", "本列数据的勾稽关系"])
    if proactive is not None:
        proactive = re.sub(r"第二十条第[（(][一二三四五六七八九十]+[)）]项", " ", proactive)
        shape = PROACTIVE_2019 if f2019 else PROACTIVE_2021
        tables["proactive"] = {"rows": _fill(_numbers(proactive), shape)}
    requests = _between(flat, "本年新收政府信息公开申请数量", ["四、政府信息公开行政复议", "四、因政府信息公开"])
    if requests is not None:
        tail = REQUEST_TAIL_2021 if "逾期不补正" in flat else REQUEST_TAIL_2019
        shape = [(r, REQUEST_COLUMNS) for r in REQUEST_ROWS_HEAD + tail]
        tables["requests"] = {"rows": _fill(_numbers(requests), shape)}
    review = _between(flat, "复议后起诉", ["五、"])
    if review is not None:
        numbers = _numbers(review)
        tables["review_litigation"] = {"rows": _fill(numbers, [(r, REVIEW_COLUMNS) for r in REVIEW_ROWS])}
    return {"tables": tables}
