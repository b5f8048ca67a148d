//! 表二: 主动公开政府信息情况 (proactive disclosure under Article 20).
//!
//! No identity binds its cells, so digits that ran together are split only where a single reading
//! exists (`000` in three cells); every other run leaves its cells blank with the readings listed.

use super::cells::ColumnKind;
use super::locate::{self, Hit};
use super::split::LineProfile;
use super::{Placement, RunTogether, learn_profile, locate_rows, note_missing_rows, place_row, settle};
use crate::codes;
use crate::fold::Folded;
use crate::model::{Diagnostic, Severity, Span, Table, TableKind, Template};
use crate::template::{PROACTIVE_F2019, PROACTIVE_F2021, RowSpec, empty_table};

/// Captions and headers that open 表二 in either format.
pub(crate) const OPENERS: &[&str] = &[
    "第二十条第(一)项",
    "第二十条第(五)项",
    "第二十条第(六)项",
    "第二十条第(八)项",
    "本年制发件数",
    "本年新制作数量",
    "本年度新制作数量",
    // A fragment that starts inside the table: a 信息内容 header row.
    "信息内容本年",
    "信息内容上一年",
    "信息内容采购",
];

/// Header words only the 2021 format uses.
const F2021_WORDS: &[&str] = &["本年制发件数", "本年废止件数", "现行有效件", "本年收费金额"];
/// Header words and rows only the 2019 format uses.
const F2019_WORDS: &[&str] =
    &["新制作数量", "新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量", "政府集中采购", "第二十条第(九)项"];

/// Where 表二 begins, if it is in `[from, until)`.
fn anchor(doc: &Folded<'_>, from: usize, until: usize) -> Option<Hit> {
    locate::find_any(doc, OPENERS, from, until)
}

/// Which format the header words show.
fn template_of(doc: &Folded<'_>, from: usize, until: usize) -> Option<Template> {
    let count = |words: &[&str]| words.iter().filter(|w| doc.find(w, from, until).is_some()).count();
    let (new, old) = (count(F2021_WORDS), count(F2019_WORDS));
    match new.cmp(&old) {
        std::cmp::Ordering::Greater => Some(Template::F2021),
        std::cmp::Ordering::Less => Some(Template::F2019),
        std::cmp::Ordering::Equal => None,
    }
}

/// Read 表二 from folded `[from, until)`.
pub(crate) fn read(
    doc: &Folded<'_>,
    from: usize,
    until: usize,
    evidence: &RunTogether,
    profile: &mut LineProfile,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Table>, Option<Template>) {
    let Some(at) = anchor(doc, from, until) else { return (None, None) };
    let template = template_of(doc, at.start, until);
    let spec: &[RowSpec] = if template == Some(Template::F2019) { PROACTIVE_F2019 } else { PROACTIVE_F2021 };
    let specs: Vec<&RowSpec> = spec.iter().collect();
    let rows = locate_rows(doc, &specs, at.start, until);
    if rows.iter().all(|r| r.label.is_none()) {
        return (None, template);
    }
    let end = rows.iter().filter_map(|r| r.span).map(|s| s.end).max().unwrap_or(doc.orig_end(at.end));
    let span = Span::new(doc.orig_start(at.start), end);
    let mut table = empty_table(TableKind::Proactive, template.unwrap_or(Template::F2021), span);
    let shapes: Vec<(&[super::cells::Token], usize, u32)> =
        rows.iter().map(|r| (r.tokens.as_slice(), r.spec.columns.len(), r.region_lines)).collect();
    learn_profile(&shapes, profile);
    for row in rows.iter().filter(|r| r.label.is_some()) {
        let kinds: Vec<ColumnKind> = row.spec.columns.iter().map(|c| ColumnKind::of(c)).collect();
        // No identity guards a split here: digits are split only where the layout shows runs.
        let single_run = row.tokens.iter().filter(|t| t.is_value()).count() == 1;
        let placement = place_row(&row.tokens, &kinds, &[], &|_| true, evidence.0 || single_run, profile);
        settle(doc, &mut table, row, &placement, "表二", diagnostics);
        if let Placement::Settled { cells, .. } = &placement {
            note_unitless_amount(doc, row, cells, diagnostics);
        }
    }
    note_missing_rows(&rows, "表二", "proactive", span, diagnostics);
    (Some(table), template)
}

/// F2019's 采购总金额 has no unit in its header: a cell that states none is kept as written.
fn note_unitless_amount(
    doc: &Folded<'_>,
    row: &super::Located<'_>,
    cells: &[Option<crate::model::Number>],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if row.spec.key != "gov_central_procurement" || cells.get(1).copied().flatten().is_none() {
        return;
    }
    let (text, span) = super::values_text(doc, &row.tokens);
    if text.contains('元') {
        return;
    }
    let mut d = Diagnostic::new(
        Severity::Info,
        codes::TABLE_UNIT,
        format!("表二 政府集中采购 采购总金额 \"{text}\" states no unit (元 or 万元); kept as written"),
    )
    .cell("proactive", "gov_central_procurement", "procurement_amount_wan_yuan");
    d.span = span;
    diagnostics.push(d);
}
