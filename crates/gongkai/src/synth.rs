//! Synthetic reports for tests, fuzzing and benchmarks (cargo feature `synth`, off by default).
//!
//! [`generate`] draws random values from a seed (a tiny internal [`SplitMix64`], no `rand`
//! dependency), makes them satisfy the statutory identities I1–I6 (`docs/template.md` §5.1: the
//! 表三 outcome rows are drawn and every total derived; the 表四 totals are the sums of their
//! parts), and renders a whole plausible report — title `某某镇2023年政府信息公开工作年度报告`, sections
//! 一…六 with prose, and the three statutory tables with their exact official labels in the
//! `f2021` or `f2019` format — in one of the text [`Layout`]s found in the wild. It returns the text
//! together with the value every cell must be read back as ([`Generated::cells`]), so a test can
//! compare ([`Generated::mismatches`]).
//!
//! Blank cells (`None`) are rendered at a low rate ([`Options::blank_per_mille`]) as an empty pipe
//! cell or a placeholder (`—`, `-`, `/`, `无`, a non-breaking space where it cannot be taken for a
//! separator), never in [`Layout::RunTogether`], where a blank cannot be seen at all.
//!
//! In [`Layout::RunTogether`] the digits of adjacent cells touch, so a row can be read back only
//! where the identities leave exactly one split: each cell says whether it is
//! [`decidable`](ExpectedCell::decidable) (a 表三 row whose digits admit exactly one split into seven
//! canonical numbers with I2; the 表四 run admitting exactly one split into fifteen with I4–I6; a 表二
//! row of one cell, or of one digit per cell). A parser must read a decidable cell exactly, and an
//! undecidable one either exactly or as blank — never as another number.
//!
//! [`stress`] builds the pathological inputs of the scaling benchmarks.
//!
//! ```
//! use gongkai::synth::{self, Layout};
//! use gongkai::Template;
//! let g = synth::generate(7, &synth::Options::new(Template::F2021, Layout::PipeRows));
//! assert!(g.text.starts_with("某某镇2023年政府信息公开工作年度报告"));
//! assert_eq!(g.cells.len(), 10 + 25 * 7 + 15);
//! ```

use crate::model::{Number, Report, TableKind, Template};
use crate::template::{REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, outcome_rows, request_rows};

/// The splitmix64 generator: tiny, fast, good enough to draw test values from a `u64` seed.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo { lo } else { lo + self.below(hi - lo + 1) }
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < u64::from(per_mille)
    }

    /// One element of a slice (the default value when it is empty).
    pub fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or_default()
    }
}

/// How the report's tables are laid out as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Every cell on a line of its own, a blank line between cells (the seed `001`).
    OneCellPerLine,
    /// A row per line, cells ended by ` |` (`label | v | v |`, the seed `004`).
    PipeRows,
    /// A whole row on one line, cells separated by spaces, U+3000 or tabs (PDF text).
    WhitespaceRows,
    /// The whole report on one line, every cell separated by a single space.
    Flattened,
    /// Markdown tables (`| a | b |` with a `|---|` rule under the first row).
    Markdown,
    /// Labels adjacent and the digits of adjacent cells concatenated (crawler text, `pingtan-*`).
    RunTogether,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 6] = [
        Layout::OneCellPerLine,
        Layout::PipeRows,
        Layout::WhitespaceRows,
        Layout::Flattened,
        Layout::Markdown,
        Layout::RunTogether,
    ];

    /// A short name: `one_cell_per_line`, `pipe_rows`, `whitespace_rows`, `flattened`, `markdown`,
    /// `run_together`.
    pub fn name(self) -> &'static str {
        match self {
            Layout::OneCellPerLine => "one_cell_per_line",
            Layout::PipeRows => "pipe_rows",
            Layout::WhitespaceRows => "whitespace_rows",
            Layout::Flattened => "flattened",
            Layout::Markdown => "markdown",
            Layout::RunTogether => "run_together",
        }
    }

    /// The layout with index `i` modulo the number of layouts (for fuzzers).
    pub fn from_index(i: usize) -> Layout {
        Layout::ALL[i % Layout::ALL.len()]
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// `F2021` or `F2019` (anything else is taken as `F2021`).
    pub template: Template,
    /// The text layout.
    pub layout: Layout,
    /// How often, in thousandths, a value cell is left blank (ignored for [`Layout::RunTogether`]).
    pub blank_per_mille: u32,
    /// The reporting year written in the title and the period sentence.
    pub year: i32,
    /// How often, in thousandths, a two-part header label is broken in two (`商业\n企业`,
    /// `社会公益 组织`), as scraped tables often show (`docs/template.md` §6.3).
    pub label_break_per_mille: u32,
}

impl Options {
    /// Defaults for a format and a layout: blank cells at 3 %, year 2023 (f2021) or 2020 (f2019).
    pub fn new(template: Template, layout: Layout) -> Self {
        let template = if template == Template::F2019 { Template::F2019 } else { Template::F2021 };
        Options {
            template,
            layout,
            blank_per_mille: 30,
            year: if template == Template::F2019 { 2020 } else { 2023 },
            label_break_per_mille: 150,
        }
    }

    /// Set the label-break rate in thousandths.
    pub fn label_break_per_mille(mut self, per_mille: u32) -> Self {
        self.label_break_per_mille = per_mille;
        self
    }

    /// Set the blank-cell rate in thousandths.
    pub fn blank_per_mille(mut self, per_mille: u32) -> Self {
        self.blank_per_mille = per_mille;
        self
    }
}

/// One cell of a generated table and what it must be read back as.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedCell {
    /// The table.
    pub table: TableKind,
    /// Row key.
    pub row: &'static str,
    /// Column key.
    pub column: &'static str,
    /// The value written, `None` for a blank cell.
    pub value: Option<Number>,
    /// Whether the text settles the value. Always true except in [`Layout::RunTogether`], where it
    /// is true only when the identities leave exactly one split of the row's digits.
    pub decidable: bool,
}

/// A generated report.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The report text.
    pub text: String,
    /// The format its tables follow.
    pub template: Template,
    /// How it is laid out.
    pub layout: Layout,
    /// The seed it was drawn from.
    pub seed: u64,
    /// Every cell of the three tables, in template order (表二, 表三, 表四).
    pub cells: Vec<ExpectedCell>,
}

impl Generated {
    /// Whether every cell is [`decidable`](ExpectedCell::decidable), i.e. the text settles every value.
    pub fn uniquely_decodable(&self) -> bool {
        self.cells.iter().all(|c| c.decidable)
    }

    /// The expected value of a cell (`None` when blank or not in the template).
    pub fn expected(&self, table: TableKind, row: &str, column: &str) -> Option<Number> {
        self.cells.iter().find(|c| c.table == table && c.row == row && c.column == column).and_then(|c| c.value)
    }

    /// How a parsed report differs from what was generated: the format, every decidable cell
    /// (must be equal), and every undecidable cell (must be equal or blank). Empty when it matches.
    pub fn mismatches(&self, report: &Report) -> Vec<String> {
        self.compare(report, false)
    }

    /// The cells a parsed report holds a *wrong number* in: a number other than the one written,
    /// or a number where the cell was blank. A blank read for a written number is not counted
    /// (it is incomplete, not wrong). Empty when the parser invented or moved nothing.
    pub fn wrong_values(&self, report: &Report) -> Vec<String> {
        self.compare(report, true)
    }

    fn compare(&self, report: &Report, only_wrong: bool) -> Vec<String> {
        let mut out = Vec::new();
        if report.template != self.template && !only_wrong {
            out.push(format!("template: got {}, expected {}", report.template.as_str(), self.template.as_str()));
        }
        let mut missing: Vec<TableKind> = Vec::new();
        for cell in &self.cells {
            let Some(table) = report.tables.get(cell.table) else {
                if !missing.contains(&cell.table) && !only_wrong {
                    missing.push(cell.table);
                    out.push(format!("{}: table not found", cell.table.as_str()));
                }
                continue;
            };
            let Some(got) = table.cell(cell.row, cell.column) else {
                out.push(format!("{}.{}.{}: no such cell in the parsed table", cell.table.as_str(), cell.row, cell.column));
                continue;
            };
            let ok = same(got, cell.value) || ((only_wrong || !cell.decidable) && got.is_none());
            if !ok {
                out.push(format!(
                    "{}.{}.{}: got {}, expected {}{}",
                    cell.table.as_str(),
                    cell.row,
                    cell.column,
                    show(got),
                    show(cell.value),
                    if cell.decidable { "" } else { " or blank (undecidable split)" }
                ));
            }
        }
        out
    }
}

fn show(v: Option<Number>) -> String {
    v.map_or_else(|| "blank".to_string(), |n| n.to_string())
}

/// Equal values (numerically, whether written as integer or decimal), or both blank.
fn same(a: Option<Number>, b: Option<Number>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => {
            let (x, y) = (x.as_f64(), y.as_f64());
            (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Values

/// A value cell before rendering: its text and its expected value.
#[derive(Debug, Clone)]
struct Val {
    text: String,
    value: Option<Number>,
}

/// A count drawn mostly small, as real reports are: 0 about half the time.
fn count(rng: &mut SplitMix64) -> u64 {
    match rng.below(100) {
        0..45 => 0,
        45..80 => rng.range(1, 9),
        80..95 => rng.range(10, 99),
        _ => rng.range(100, 2000),
    }
}

fn int_val(v: i64) -> Val {
    Val { text: v.to_string(), value: Some(Number::Int(v)) }
}

/// An amount in 万元 as written: `0`, a whole number, or up to four decimals.
fn amount_val(rng: &mut SplitMix64) -> Val {
    match rng.below(4) {
        0 => int_val(0),
        1 => int_val(rng.range(1, 500) as i64),
        _ => {
            let places = rng.range(1, 4) as u32;
            let scale = 10u64.pow(places);
            let whole = rng.range(0, 20_000);
            let mut frac = rng.range(1, scale - 1);
            while frac % 10 == 0 {
                frac /= 10;
            }
            let text = format!("{whole}.{frac:0width$}", width = places as usize);
            let text = text.trim_end_matches('0').to_string();
            let value = text.parse::<f64>().ok().map(Number::Decimal);
            Val { text, value }
        }
    }
}

struct Values {
    /// (row, column, value) of 表二 in template order.
    proactive: Vec<(&'static str, &'static str, Val)>,
    /// 表三: rows in template order, seven values each.
    requests: Vec<(&'static str, Vec<Val>)>,
    /// 表四: fifteen values in written order.
    review: Vec<Val>,
}

fn draw_values(rng: &mut SplitMix64, template: Template, layout: Layout) -> Values {
    let mut proactive = Vec::new();
    if template == Template::F2019 {
        for row in ["regulations", "normative_documents"] {
            let made = count(rng);
            let published = count(rng);
            let total = published + count(rng);
            for (c, v) in [("new_made", made), ("new_published", published), ("total_published", total)] {
                proactive.push((row, c, int_val(v as i64)));
            }
        }
        for row in ["admin_licensing", "other_external_services", "admin_penalty", "admin_coercion", "admin_fees"] {
            let prev = count(rng) as i64;
            let delta = if rng.chance(300) { -(rng.range(0, prev as u64) as i64) } else { count(rng) as i64 };
            proactive.push((row, "prev_year_items", int_val(prev)));
            let plus = delta > 0 && layout != Layout::RunTogether && rng.chance(400);
            let text = if plus { format!("+{delta}") } else { delta.to_string() };
            proactive.push((row, "delta_this_year", Val { text, value: Some(Number::Int(delta)) }));
            if row != "admin_fees" {
                proactive.push((row, "decisions", int_val(count(rng) as i64)));
            }
        }
        proactive.push(("gov_central_procurement", "procurement_projects", int_val(count(rng) as i64)));
        let amount = if rng.chance(500) {
            let yuan = rng.range(0, 5_000_000);
            Val { text: format!("{yuan}元"), value: Some(Number::Decimal(yuan as f64 / 10_000.0)) }
        } else {
            let a = amount_val(rng);
            Val { text: format!("{}万元", a.text), value: a.value }
        };
        proactive.push(("gov_central_procurement", "procurement_amount_wan_yuan", amount));
    } else {
        for row in ["regulations", "normative_documents"] {
            let issued = count(rng);
            let repealed = count(rng).min(issued + 3);
            let in_force = issued + count(rng);
            for (c, v) in [("issued", issued), ("repealed", repealed), ("in_force", in_force)] {
                proactive.push((row, c, int_val(v as i64)));
            }
        }
        for row in ["admin_licensing", "admin_penalty", "admin_coercion"] {
            proactive.push((row, "decisions", int_val(count(rng) as i64)));
        }
        proactive.push(("admin_fees", "fee_amount_wan_yuan", amount_val(rng)));
    }

    // 表三: outcome rows per applicant column, then every total (I2, I3), then I1.
    let applicants = REQUEST_COLUMNS.len() - 1;
    let keys: Vec<&'static str> = request_rows(template).map(|r| r.key).collect();
    let mut grid: Vec<Vec<u64>> = vec![vec![0; applicants]; keys.len()];
    let outcomes: Vec<&'static str> = outcome_rows(template).collect();
    let busy = rng.chance(600);
    for (key, row) in keys.iter().zip(grid.iter_mut()) {
        if outcomes.contains(key) {
            for (c, cell) in row.iter_mut().enumerate() {
                // Organisations seldom apply; many rows are all zero.
                let active = if c == 0 { busy || rng.chance(300) } else { rng.chance(150) };
                *cell = if active { count(rng) } else { 0 };
            }
        }
    }
    let idx = |k: &str| keys.iter().position(|x| *x == k).unwrap_or(0);
    let (i_new, i_carried, i_total, i_forward) =
        (idx("new_received"), idx("carried_over"), idx("results_total"), idx("carried_forward"));
    #[allow(clippy::needless_range_loop)] // a column across rows
    for c in 0..applicants {
        let done: u64 = outcomes.iter().map(|k| grid[idx(k)][c]).sum();
        let forward = if rng.chance(250) { count(rng) } else { 0 };
        let carried = if rng.chance(250) { rng.range(0, done + forward) } else { 0 };
        grid[i_total][c] = done;
        grid[i_forward][c] = forward;
        grid[i_carried][c] = carried;
        grid[i_new][c] = done + forward - carried;
    }
    let requests = keys
        .iter()
        .zip(&grid)
        .map(|(k, row)| {
            let mut vals: Vec<Val> = row.iter().map(|v| int_val(*v as i64)).collect();
            vals.push(int_val(row.iter().sum::<u64>() as i64));
            (*k, vals)
        })
        .collect();

    // 表四: four parts and their total, three times.
    let mut review = Vec::new();
    for _ in REVIEW_ROWS {
        let parts: Vec<u64> = (0..4).map(|_| if rng.chance(350) { count(rng) } else { 0 }).collect();
        for p in &parts {
            review.push(int_val(*p as i64));
        }
        review.push(int_val(parts.iter().sum::<u64>() as i64));
    }
    Values { proactive, requests, review }
}

// ---------------------------------------------------------------------------------------------
// Document model

#[derive(Debug, Clone)]
enum Cell {
    Label(&'static str),
    /// A label broken in two by white space.
    Broken(String),
    Value(Val),
}

/// Header labels that scraped tables break in two, and where.
const BREAKABLE: &[(&str, &str, &str)] = &[
    ("商业企业", "商业", "企业"),
    ("科研机构", "科研", "机构"),
    ("社会公益组织", "社会公益", "组织"),
    ("法律服务机构", "法律服务", "机构"),
    ("结果维持", "结果", "维持"),
    ("结果纠正", "结果", "纠正"),
    ("其他结果", "其他", "结果"),
    ("尚未审结", "尚未", "审结"),
    ("本年新制作数量", "本年新", "制作数量"),
    ("本年新公开数量", "本年新", "公开数量"),
    ("三、本年度办理结果", "三、本年度办", "理结果"),
];

/// Break some header labels in two, with the white space the layout would show.
fn break_labels(rows: &mut TableRows, layout: Layout, per_mille: u32, rng: &mut SplitMix64) {
    let gap = match layout {
        Layout::OneCellPerLine => "\n\n",
        Layout::PipeRows | Layout::Markdown | Layout::Flattened | Layout::RunTogether => " ",
        Layout::WhitespaceRows => "\u{3000}",
    };
    for cell in rows.iter_mut().flatten() {
        if let Cell::Label(l) = cell {
            if let Some((_, a, b)) = BREAKABLE.iter().find(|(whole, _, _)| whole == l) {
                if rng.chance(per_mille) {
                    *cell = Cell::Broken(format!("{a}{gap}{b}"));
                }
            }
        }
    }
}

type TableRows = Vec<Vec<Cell>>;

enum Block {
    Heading(String),
    Para(String),
    Table(TableRows),
}

fn labels(ls: &[&'static str]) -> Vec<Cell> {
    ls.iter().map(|l| Cell::Label(l)).collect()
}

fn proactive_rows(template: Template, values: &mut std::vec::IntoIter<(&'static str, &'static str, Val)>) -> TableRows {
    let mut rows: TableRows = Vec::new();
    let mut take = |label: &'static str, n: usize| -> Vec<Cell> {
        let mut row = vec![Cell::Label(label)];
        row.extend(values.by_ref().take(n).map(|(_, _, v)| Cell::Value(v)));
        row
    };
    if template == Template::F2019 {
        let items = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"];
        rows.push(labels(&["第二十条第（一）项"]));
        rows.push(labels(&["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]));
        rows.push(take("规章", 3));
        rows.push(take("规范性文件", 3));
        rows.push(labels(&["第二十条第（五）项"]));
        rows.push(labels(&items));
        rows.push(take("行政许可", 3));
        rows.push(take("其他对外管理服务事项", 3));
        rows.push(labels(&["第二十条第（六）项"]));
        rows.push(labels(&items));
        rows.push(take("行政处罚", 3));
        rows.push(take("行政强制", 3));
        rows.push(labels(&["第二十条第（八）项"]));
        rows.push(labels(&["信息内容", "上一年项目数量", "本年增/减"]));
        rows.push(take("行政事业性收费", 2));
        rows.push(labels(&["第二十条第（九）项"]));
        rows.push(labels(&["信息内容", "采购项目数量", "采购总金额"]));
        rows.push(take("政府集中采购", 2));
    } else {
        rows.push(labels(&["第二十条第（一）项"]));
        rows.push(labels(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]));
        rows.push(take("规章", 3));
        rows.push(take("行政规范性文件", 3));
        rows.push(labels(&["第二十条第（五）项"]));
        rows.push(labels(&["信息内容", "本年处理决定数量"]));
        rows.push(take("行政许可", 1));
        rows.push(labels(&["第二十条第（六）项"]));
        rows.push(labels(&["信息内容", "本年处理决定数量"]));
        rows.push(take("行政处罚", 1));
        rows.push(take("行政强制", 1));
        rows.push(labels(&["第二十条第（八）项"]));
        rows.push(labels(&["信息内容", "本年收费金额（单位：万元）"]));
        rows.push(take("行政事业性收费", 1));
    }
    rows
}

/// 表三's row labels as the official table writes them, with the merged group label that opens
/// the first row of each group.
fn request_labels(key: &str) -> (Option<&'static str>, &'static str) {
    match key {
        "new_received" => (None, "一、本年新收政府信息公开申请数量"),
        "carried_over" => (None, "二、上年结转政府信息公开申请数量"),
        "granted" => (Some("三、本年度办理结果"), "（一）予以公开"),
        "partially_granted" => (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        "denied_state_secret" => (Some("（三）不予公开"), "1.属于国家秘密"),
        "denied_law_prohibited" => (None, "2.其他法律行政法规禁止公开"),
        "denied_security_stability" => (None, "3.危及“三安全一稳定”"),
        "denied_third_party" => (None, "4.保护第三方合法权益"),
        "denied_internal_affairs" => (None, "5.属于三类内部事务信息"),
        "denied_process_info" => (None, "6.属于四类过程性信息"),
        "denied_enforcement_file" => (None, "7.属于行政执法案卷"),
        "denied_admin_query" => (None, "8.属于行政查询事项"),
        "unable_not_held" => (Some("（四）无法提供"), "1.本机关不掌握相关政府信息"),
        "unable_needs_creation" => (None, "2.没有现成信息需要另行制作"),
        "unable_unclear_after_correction" => (None, "3.补正后申请内容仍不明确"),
        "not_processed_petition" => (Some("（五）不予处理"), "1.信访举报投诉类申请"),
        "not_processed_repeat" => (None, "2.重复申请"),
        "not_processed_publication" => (None, "3.要求提供公开出版物"),
        "not_processed_excessive" => (None, "4.无正当理由大量反复申请"),
        "not_processed_confirm_existing" => (None, "5.要求行政机关确认或重新出具已获取信息"),
        "other_no_correction" => {
            (Some("（六）其他处理"), "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
        }
        "other_fee_unpaid" => (None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        "other_other" => (None, "3.其他"),
        "other_processing" => (None, "（六）其他处理"),
        "results_total" => (None, "（七）总计"),
        "carried_forward" => (None, "四、结转下年度继续办理"),
        _ => (None, ""),
    }
}

fn requests_rows(values: Vec<(&'static str, Vec<Val>)>) -> TableRows {
    let mut rows: TableRows = vec![
        labels(&["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
        labels(&["自然人", "法人或其他组织", "总计"]),
        labels(&["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]),
    ];
    for (key, vals) in values {
        let (group, label) = request_labels(key);
        let mut row: Vec<Cell> = group.into_iter().map(Cell::Label).collect();
        row.push(Cell::Label(label));
        row.extend(vals.into_iter().map(Cell::Value));
        rows.push(row);
    }
    rows
}

fn review_rows(values: Vec<Val>) -> TableRows {
    let four = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut third: Vec<Cell> = labels(&four);
    third.extend(labels(&four));
    vec![
        labels(&["行政复议", "行政诉讼"]),
        labels(&["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]),
        third,
        values.into_iter().map(Cell::Value).collect(),
    ]
}

// ---------------------------------------------------------------------------------------------
// Prose

const OVERVIEW_PARTS: &[(&str, &[&str])] = &[
    ("（一）主动公开", &[
        "我镇坚持以公开为常态、不公开为例外，通过政府门户网站、政务公开栏等渠道及时发布政府信息。",
        "全年主动公开政府信息{n}条，其中机构职能、财政预决算、乡村振兴等重点领域信息均按时公开。",
        "严格落实政策解读与政策文件同步起草、同步审签、同步发布的要求，提升解读质量。",
    ]),
    ("（二）依申请公开", &[
        "进一步规范依申请公开受理、审查、答复流程，确保在法定期限内依法答复。",
        "畅通依申请公开渠道，明确专人负责受理登记，做到件件有回音。",
    ]),
    ("（三）政府信息管理", &[
        "严格执行信息发布审核制度，坚持先审后发，确保公开内容准确无误。",
        "动态调整主动公开基本目录，及时清理过时信息。",
    ]),
    ("（四）政府信息公开平台建设", &[
        "持续优化政府网站信息公开专栏，规范栏目设置，提升平台服务能力。",
        "加强政务新媒体管理，开展常态化监测，确保平台安全平稳运行。",
    ]),
    ("（五）监督保障", &[
        "将政务公开工作纳入年度绩效考核，定期通报工作情况，本年度未发生责任追究情况。",
        "组织开展政务公开业务培训{k}次，提升工作人员业务能力。",
    ]),
];

const PROBLEMS: &[&str] = &[
    "{year}年，我镇政府信息公开工作取得了一定成效，但仍存在公开内容不够全面、政策解读形式较为单一等问题。",
    "下一步，我镇将加强业务培训，丰富解读形式，进一步提升政务公开工作质量。",
    "一是加强组织领导，压实工作责任；二是完善工作机制，规范公开流程；三是强化监督检查，确保工作实效。",
];

const OTHER: &[&str] = &[
    "（一）依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。",
    "（二）落实上级年度政务公开工作要点情况：按照上级部署，逐项落实各项工作任务。",
    "（三）人大代表建议和政协提案办理结果公开情况：本年度无相关办理事项。",
];

fn fill(template: &str, rng: &mut SplitMix64, year: i32) -> String {
    template
        .replace("{n}", &rng.range(20, 400).to_string())
        .replace("{k}", &rng.range(1, 6).to_string())
        .replace("{year}", &year.to_string())
}

fn some_of(rng: &mut SplitMix64, sentences: &[&str], year: i32) -> String {
    let mut out = String::new();
    for s in sentences {
        if out.is_empty() || rng.chance(700) {
            out.push_str(&fill(s, rng, year));
        }
    }
    out
}

fn document(rng: &mut SplitMix64, opts: &Options, values: Values) -> (String, Vec<Block>) {
    let year = opts.year;
    let title = format!("某某镇{year}年政府信息公开工作年度报告");
    let mut blocks = vec![
        Block::Para(format!("发布日期：{}-01-{:02}", year + 1, rng.range(10, 31))),
        Block::Para(format!(
            "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）和国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告格式的要求编制。\
             本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。\
             如对本报告有任何疑问，请与某某镇党政办公室联系（地址：某某镇人民路{}号，邮编：{}，电话：0571-{}）。",
            rng.range(1, 200),
            rng.range(100_000, 999_999),
            rng.range(10_000_000, 99_999_999),
        )),
        Block::Heading("一、总体情况".into()),
    ];
    for (sub, sentences) in OVERVIEW_PARTS {
        blocks.push(Block::Para((*sub).to_string()));
        blocks.push(Block::Para(some_of(rng, sentences, year)));
    }
    blocks.push(Block::Heading("二、主动公开政府信息情况".into()));
    let mut proactive = values.proactive.into_iter();
    blocks.push(Block::Table(proactive_rows(opts.template, &mut proactive)));
    blocks.push(Block::Heading("三、收到和处理政府信息公开申请情况".into()));
    blocks.push(Block::Table(requests_rows(values.requests)));
    blocks.push(Block::Heading("四、政府信息公开行政复议、行政诉讼情况".into()));
    blocks.push(Block::Table(review_rows(values.review)));
    blocks.push(Block::Heading("五、存在的主要问题及改进情况".into()));
    blocks.push(Block::Para(some_of(rng, PROBLEMS, year)));
    blocks.push(Block::Heading("六、其他需要报告的事项".into()));
    blocks.push(Block::Para(some_of(rng, OTHER, year)));
    (title, blocks)
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// Placeholders for a blank cell that cannot be taken for a separator.
const VISIBLE_BLANKS: &[&str] = &["—", "-", "/", "无", "－"];

fn blank_text(rng: &mut SplitMix64, layout: Layout) -> String {
    match layout {
        Layout::PipeRows | Layout::Markdown if rng.chance(600) => String::new(),
        Layout::OneCellPerLine if rng.chance(400) => "\u{a0}".to_string(),
        _ => rng.pick(VISIBLE_BLANKS).to_string(),
    }
}

fn cell_text(cell: &Cell) -> &str {
    match cell {
        Cell::Label(l) => l,
        Cell::Broken(l) => l,
        Cell::Value(v) => &v.text,
    }
}

fn render_table(rows: &TableRows, layout: Layout, rng: &mut SplitMix64) -> String {
    let mut out = String::new();
    match layout {
        Layout::OneCellPerLine => {
            let cells: Vec<&str> = rows.iter().flatten().map(cell_text).collect();
            out.push_str(&cells.join("\n\n"));
        }
        Layout::PipeRows => {
            let lines: Vec<String> =
                rows.iter().map(|r| format!("{} |", r.iter().map(cell_text).collect::<Vec<_>>().join(" | "))).collect();
            out.push_str(&lines.join("\n"));
        }
        Layout::WhitespaceRows => {
            let lines: Vec<String> = rows
                .iter()
                .map(|r| {
                    let mut line = String::new();
                    for (i, c) in r.iter().enumerate() {
                        if i > 0 {
                            let sep: &str = rng.pick(&[" ", " ", "\u{3000}", "\t", "  ", " \u{3000}"]);
                            line.push_str(sep);
                        }
                        line.push_str(cell_text(c));
                    }
                    line
                })
                .collect();
            out.push_str(&lines.join("\n"));
        }
        Layout::Flattened => {
            let cells: Vec<&str> = rows.iter().flatten().map(cell_text).collect();
            out.push_str(&cells.join(" "));
        }
        Layout::Markdown => {
            let width = rows.iter().map(Vec::len).max().unwrap_or(1);
            for (i, r) in rows.iter().enumerate() {
                out.push('|');
                for j in 0..width {
                    out.push(' ');
                    out.push_str(r.get(j).map_or("", cell_text));
                    out.push_str(" |");
                }
                out.push('\n');
                if i == 0 {
                    out.push('|');
                    out.push_str(&"---|".repeat(width));
                    out.push('\n');
                }
            }
            out.pop();
        }
        Layout::RunTogether => {
            for c in rows.iter().flatten() {
                out.push_str(cell_text(c));
            }
        }
    }
    out
}

fn render(title: &str, blocks: &[Block], layout: Layout, rng: &mut SplitMix64) -> String {
    let parts: Vec<String> = std::iter::once(title.to_string())
        .chain(blocks.iter().map(|b| match b {
            Block::Heading(h) | Block::Para(h) => h.clone(),
            Block::Table(rows) => render_table(rows, layout, rng),
        }))
        .collect();
    let sep = match layout {
        Layout::Flattened => " ",
        Layout::OneCellPerLine | Layout::Markdown => "\n\n",
        _ => "\n",
    };
    let mut text = parts.join(sep);
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------------------
// Decidability of run-together digits

/// A canonical decimal number (no leading zero unless it is `0`), at most 18 digits.
fn canonical(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 18 || (s.len() > 1 && s[0] == b'0') || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0u64, |acc, d| acc.checked_mul(10)?.checked_add(u64::from(d - b'0')))
}

/// Ways (capped at 2) to split `s` into `parts` canonical numbers summing to `target`.
fn sum_splits(s: &[u8], parts: usize, target: u64, max_len: usize) -> usize {
    if parts == 0 {
        return usize::from(s.is_empty() && target == 0);
    }
    if s.len() < parts {
        return 0;
    }
    let mut ways = 0;
    for len in 1..=max_len.min(s.len() - (parts - 1)) {
        let Some(v) = canonical(&s[..len]) else { break };
        if v > target {
            break;
        }
        ways += sum_splits(&s[len..], parts - 1, target - v, max_len);
        if ways >= 2 {
            return 2;
        }
    }
    ways
}

/// Ways (capped at 2) to split `s` into `parts` canonical numbers followed by their sum.
fn total_splits(s: &[u8], parts: usize) -> usize {
    let mut ways = 0;
    for tlen in 1..s.len().saturating_sub(parts - 1) {
        let Some(total) = canonical(&s[s.len() - tlen..]) else { continue };
        ways += sum_splits(&s[..s.len() - tlen], parts, total, tlen);
        if ways >= 2 {
            return 2;
        }
    }
    ways
}

/// Ways (capped at 2) to split `s` into `groups` groups of four numbers and their total (表四).
fn review_splits(s: &[u8], groups: usize) -> usize {
    if groups == 0 {
        return usize::from(s.is_empty());
    }
    let mut ways = 0;
    for end in 5..=s.len() {
        if s.len() - end < 5 * (groups - 1) {
            break;
        }
        let here = total_splits(&s[..end], 4);
        if here > 0 {
            ways += here * review_splits(&s[end..], groups - 1);
            if ways >= 2 {
                return 2;
            }
        }
    }
    ways
}

fn digits_of(vals: &[&Val]) -> Vec<u8> {
    vals.iter().flat_map(|v| v.text.bytes()).collect()
}

// ---------------------------------------------------------------------------------------------
// Generation

/// Generate a report from a seed.
pub fn generate(seed: u64, opts: &Options) -> Generated {
    let mut rng = SplitMix64::new(seed);
    let template = if opts.template == Template::F2019 { Template::F2019 } else { Template::F2021 };
    let layout = opts.layout;
    let mut values = draw_values(&mut rng, template, layout);

    // Blank some cells (never where a blank cannot be seen).
    if layout != Layout::RunTogether && opts.blank_per_mille > 0 {
        let blank = |v: &mut Val, rng: &mut SplitMix64| {
            if rng.chance(opts.blank_per_mille) {
                *v = Val { text: blank_text(rng, layout), value: None };
            }
        };
        for (_, _, v) in &mut values.proactive {
            blank(v, &mut rng);
        }
        for (_, vals) in &mut values.requests {
            for v in vals {
                blank(v, &mut rng);
            }
        }
        for v in &mut values.review {
            blank(v, &mut rng);
        }
    }

    // Expected cells, with decidability.
    let run = layout == Layout::RunTogether;
    let mut cells = Vec::new();
    let mut i = 0;
    while i < values.proactive.len() {
        let row = values.proactive[i].0;
        let group: Vec<&(&'static str, &'static str, Val)> =
            values.proactive[i..].iter().take_while(|(r, _, _)| *r == row).collect();
        let decidable = !run
            || group.len() == 1
            || group.iter().all(|(_, _, v)| {
                let t = v.text.trim_end_matches("万元").trim_end_matches('元');
                t.len() == 1 && t.bytes().all(|b| b.is_ascii_digit())
            });
        for (r, c, v) in &group {
            cells.push(ExpectedCell { table: TableKind::Proactive, row: r, column: c, value: v.value, decidable });
        }
        i += group.len();
    }
    for (row, vals) in &values.requests {
        let refs: Vec<&Val> = vals.iter().collect();
        let decidable = !run || total_splits(&digits_of(&refs), 6) == 1;
        for (c, v) in REQUEST_COLUMNS.iter().zip(vals) {
            cells.push(ExpectedCell { table: TableKind::Requests, row, column: c, value: v.value, decidable });
        }
    }
    let refs: Vec<&Val> = values.review.iter().collect();
    let decidable = !run || review_splits(&digits_of(&refs), REVIEW_ROWS.len()) == 1;
    for (k, v) in values.review.iter().enumerate() {
        let row = REVIEW_ROWS[k / REVIEW_COLUMNS.len()];
        let column = REVIEW_COLUMNS[k % REVIEW_COLUMNS.len()];
        cells.push(ExpectedCell { table: TableKind::ReviewLitigation, row, column, value: v.value, decidable });
    }

    let (title, blocks) = document(&mut rng, opts, values);
    let mut blocks = blocks;
    if opts.label_break_per_mille > 0 {
        for b in &mut blocks {
            if let Block::Table(rows) = b {
                break_labels(rows, layout, opts.label_break_per_mille, &mut rng);
            }
        }
    }
    let text = render(&title, &blocks, layout, &mut rng);
    Generated { text, template, layout, seed, cells }
}

/// Generate a report in a format and layout with the default [`Options`].
pub fn report(seed: u64, template: Template, layout: Layout) -> Generated {
    generate(seed, &Options::new(template, layout))
}

/// Pathological inputs for the scaling benchmarks and robustness tests.
pub mod stress {
    use super::{Layout, Options, SplitMix64, generate};
    use crate::model::Template;

    /// Generated reports in [`Layout::Flattened`] joined by spaces into one line of at least
    /// `bytes` bytes.
    pub fn single_line(bytes: usize, seed: u64) -> String {
        let mut out = String::with_capacity(bytes + 16_384);
        let mut s = seed;
        while out.len() < bytes {
            let template = if s % 2 == 0 { Template::F2021 } else { Template::F2019 };
            let g = generate(s, &Options::new(template, Layout::Flattened));
            out.push_str(g.text.trim_end());
            out.push(' ');
            s = s.wrapping_add(1);
        }
        out
    }

    /// `n` section headings (一、… 六、 over and over), each followed by a short line of prose.
    pub fn headings(n: usize) -> String {
        const H: [&str; 6] = [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ];
        let mut out = String::from("某某镇2023年政府信息公开工作年度报告\n");
        for i in 0..n {
            out.push_str(H[i % H.len()]);
            out.push_str("\n本部分无内容。\n");
        }
        out
    }

    /// A 表三 whose first row is followed by `n` pipe cells (`| 0 | 1 | …`), on one line.
    pub fn pipe_cells(n: usize) -> String {
        let mut out = String::from(
            "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |\n一、本年新收政府信息公开申请数量 |",
        );
        out.reserve(n * 4);
        for i in 0..n {
            out.push(' ');
            out.push(char::from(b'0' + (i % 10) as u8));
            out.push_str(" |");
        }
        out.push('\n');
        out
    }

    /// A 表三 (whitespace rows) with `rows` data rows: the template's rows over and over.
    pub fn long_requests_table(rows: usize, seed: u64) -> String {
        let mut rng = SplitMix64::new(seed);
        let labels: Vec<&str> = crate::template::request_rows(Template::F2021)
            .map(|r| super::request_labels(r.key).1)
            .collect();
        let mut out = String::from(
            "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况\n自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n",
        );
        for i in 0..rows {
            out.push_str(labels[i % labels.len()]);
            let vals: Vec<u64> = (0..6).map(|_| rng.below(10)).collect();
            for v in &vals {
                out.push(' ');
                out.push_str(&v.to_string());
            }
            out.push(' ');
            out.push_str(&vals.iter().sum::<u64>().to_string());
            out.push('\n');
        }
        out.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        out
    }

    /// Every table label of the template repeated `n` times with no values: the worst case for
    /// label search.
    pub fn repeated_labels(n: usize) -> String {
        const L: [&str; 12] = [
            "总计",
            "其他",
            "结果维持",
            "1.属于国家秘密",
            "（三）不予公开",
            "一、本年新收政府信息公开申请数量",
            "第二十条第（一）项",
            "信息内容",
            "行政许可",
            "规章",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
        ];
        let mut out = String::new();
        for i in 0..n {
            out.push_str(L[i % L.len()]);
            out.push(if i % 7 == 0 { '\n' } else { ' ' });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_hold_in_generated_values() {
        for seed in 0..200 {
            for template in [Template::F2021, Template::F2019] {
                let g = generate(seed, &Options::new(template, Layout::PipeRows).blank_per_mille(0));
                let v = |t, r, c| g.expected(t, r, c).map_or(0.0, Number::as_f64);
                for c in REQUEST_COLUMNS {
                    let rq = |r| v(TableKind::Requests, r, c);
                    assert_eq!(rq("new_received") + rq("carried_over"), rq("results_total") + rq("carried_forward"));
                    let outcomes: f64 = outcome_rows(template).map(rq).sum();
                    assert_eq!(outcomes, rq("results_total"));
                }
                for r in request_rows(template) {
                    let parts: f64 = REQUEST_COLUMNS[..6].iter().map(|c| v(TableKind::Requests, r.key, c)).sum();
                    assert_eq!(parts, v(TableKind::Requests, r.key, "total"));
                }
                for r in REVIEW_ROWS {
                    let parts: f64 = REVIEW_COLUMNS[..4].iter().map(|c| v(TableKind::ReviewLitigation, r, c)).sum();
                    assert_eq!(parts, v(TableKind::ReviewLitigation, r, "total"));
                }
            }
        }
    }

    #[test]
    fn every_template_cell_is_expected() {
        for template in [Template::F2021, Template::F2019] {
            let g = report(1, template, Layout::Markdown);
            let n = |kind| {
                crate::template::empty_table(kind, template, crate::model::Span::default()).cells().count()
            };
            let total = n(TableKind::Proactive) + n(TableKind::Requests) + n(TableKind::ReviewLitigation);
            assert_eq!(g.cells.len(), total);
            for kind in [TableKind::Proactive, TableKind::Requests, TableKind::ReviewLitigation] {
                let t = crate::template::empty_table(kind, template, crate::model::Span::default());
                for (r, c, _) in t.cells() {
                    assert!(g.cells.iter().any(|e| e.table == kind && e.row == r && e.column == c), "{r}.{c}");
                }
            }
        }
    }

    #[test]
    fn splits_are_counted() {
        // 1 0 0 0 0 0 1: only one way.
        assert_eq!(total_splits(b"1000001", 6), 1);
        assert_eq!(total_splits(b"1100002", 6), 1);
        // 10 0 0 0 0 0 10 (1 0 0 0 0 0 010 is not canonical).
        assert_eq!(total_splits(b"100000010", 6), 1);
        // pingtan-2024: 217 1 0 0 0 0 218.
        assert_eq!(total_splits(b"21710000218", 6), 1);
        assert_eq!(review_splits(b"000000000000000", 3), 1);
        assert_eq!(total_splits(b"1111112", 6), 0);
    }

    /// Every split of `s` into `parts` canonical numbers (brute force).
    fn all_splits(s: &[u8], parts: usize) -> Vec<Vec<u64>> {
        if parts == 1 {
            return canonical(s).map(|v| vec![vec![v]]).unwrap_or_default();
        }
        let mut out = Vec::new();
        for len in 1..s.len() {
            if let Some(v) = canonical(&s[..len]) {
                for mut rest in all_splits(&s[len..], parts - 1) {
                    rest.insert(0, v);
                    out.push(rest);
                }
            }
        }
        out
    }

    #[test]
    fn split_counts_agree_with_brute_force() {
        let mut rng = SplitMix64::new(9);
        for _ in 0..3000 {
            let len = rng.range(7, 12) as usize;
            let s: Vec<u8> = (0..len).map(|_| b'0' + if rng.chance(500) { 0 } else { rng.range(1, 3) as u8 }).collect();
            let brute = all_splits(&s, 7).into_iter().filter(|p| p[..6].iter().sum::<u64>() == p[6]).count().min(2);
            assert_eq!(total_splits(&s, 6), brute, "{}", String::from_utf8_lossy(&s));
        }
    }

    #[test]
    fn single_digit_rows_are_decidable() {
        for seed in 0..50 {
            let g = report(seed, Template::F2021, Layout::RunTogether);
            assert!(!g.text.contains('\u{a0}'));
            for c in g.cells.iter().filter(|c| c.table == TableKind::Requests) {
                let row: Vec<_> = g.cells.iter().filter(|x| x.table == c.table && x.row == c.row).collect();
                if row.iter().all(|x| x.value.is_some_and(|v| v.as_f64() < 10.0)) {
                    assert!(c.decidable, "{}: {:?}", c.row, row);
                }
            }
        }
    }

    #[test]
    fn every_layout_renders_the_labels() {
        for layout in Layout::ALL {
            let g = report(3, Template::F2019, layout);
            let folded = crate::fold::fold_str(&g.text);
            for l in ["第二十条第(九)项", "政府集中采购", "(六)其他处理", "复议后起诉", "五,存在的主要问题及改进情况"] {
                assert!(folded.contains(l), "{}: {l}", layout.name());
            }
            if layout == Layout::Flattened {
                assert!(!g.text.trim_end().contains('\n'));
            }
        }
    }
}
