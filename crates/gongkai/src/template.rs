//! The statutory report template: every table's rows, columns and labels, per format
//! (`spec/template.md` §2 and §3).

use crate::model::{Row, Span, Table, TableKind, Template};

/// A row of a statutory table: its key, the labels it is written with (folded, most specific
/// first), the ordinal prefix written before it, and its columns.
#[derive(Debug)]
pub(crate) struct RowSpec {
    pub key: &'static str,
    /// Ordinal written before the label, e.g. `1.` or `(一)` or `一,` (folded); may be absent in text.
    pub ordinal: &'static str,
    /// Folded labels; the first that matches wins.
    pub labels: &'static [&'static str],
    pub columns: &'static [&'static str],
}

const ART20_1_F2021: &[&str] = &["issued", "repealed", "in_force"];
const DECISIONS: &[&str] = &["decisions"];
const FEE_F2021: &[&str] = &["fee_amount_wan_yuan"];
const ART20_1_F2019: &[&str] = &["new_made", "new_published", "total_published"];
const ITEMS_F2019: &[&str] = &["prev_year_items", "delta_this_year", "decisions"];
const FEES_F2019: &[&str] = &["prev_year_items", "delta_this_year"];
const PROCUREMENT_F2019: &[&str] = &["procurement_projects", "procurement_amount_wan_yuan"];

/// 表三's seven applicant columns.
pub(crate) const REQUEST_COLUMNS: &[&str] = &[
    "natural_person",
    "org_business",
    "org_research",
    "org_public_interest",
    "org_legal_services",
    "org_other",
    "total",
];

/// 表四's columns per row.
pub(crate) const REVIEW_COLUMNS: &[&str] = &["upheld", "corrected", "other", "pending", "total"];
/// 表四's rows, in the order their 15 cells are written.
pub(crate) const REVIEW_ROWS: &[&str] = &["review", "litigation_direct", "litigation_after_review"];

const fn row(
    key: &'static str,
    ordinal: &'static str,
    labels: &'static [&'static str],
    columns: &'static [&'static str],
) -> RowSpec {
    RowSpec { key, ordinal, labels, columns }
}

/// 表二, 2021 format.
pub(crate) static PROACTIVE_F2021: &[RowSpec] = &[
    row("regulations", "", &["规章"], ART20_1_F2021),
    row("normative_documents", "", &["行政规范性文件", "规范性文件"], ART20_1_F2021),
    row("admin_licensing", "", &["行政许可"], DECISIONS),
    row("admin_penalty", "", &["行政处罚"], DECISIONS),
    row("admin_coercion", "", &["行政强制"], DECISIONS),
    row("admin_fees", "", &["行政事业性收费"], FEE_F2021),
];

/// 表二, 2019 format.
pub(crate) static PROACTIVE_F2019: &[RowSpec] = &[
    row("regulations", "", &["规章"], ART20_1_F2019),
    row("normative_documents", "", &["规范性文件"], ART20_1_F2019),
    row("admin_licensing", "", &["行政许可"], ITEMS_F2019),
    row("other_external_services", "", &["其他对外管理服务事项"], ITEMS_F2019),
    row("admin_penalty", "", &["行政处罚"], ITEMS_F2019),
    row("admin_coercion", "", &["行政强制"], ITEMS_F2019),
    row("admin_fees", "", &["行政事业性收费"], FEES_F2019),
    row("gov_central_procurement", "", &["政府集中采购"], PROCUREMENT_F2019),
];

const RQ: &[&str] = REQUEST_COLUMNS;

macro_rules! request_rows {
    ($($key:literal, $ord:literal, [$($label:literal),+];)*) => {
        &[$(row($key, $ord, &[$($label),+], RQ)),*]
    };
}

/// 表三 rows shared by both formats up to （五）.
const REQUESTS_HEAD: &[RowSpec] = request_rows![
    "new_received", "一,", ["本年新收政府信息公开申请数量", "本年新收政府信息公开申请", "本年新收"];
    "carried_over", "二,", ["上年结转政府信息公开申请数量", "上年结转政府信息公开申请", "上年结转"];
    "granted", "(一)", ["予以公开"];
    "partially_granted", "(二)", ["部分公开(区分处理的,只计这一情形,不计其他情形)", "部分公开"];
    "denied_state_secret", "1.", ["属于国家秘密"];
    "denied_law_prohibited", "2.", ["其他法律行政法规禁止公开"];
    "denied_security_stability", "3.", ["危及三安全一稳定"];
    "denied_third_party", "4.", ["保护第三方合法权益"];
    "denied_internal_affairs", "5.", ["属于三类内部事务信息"];
    "denied_process_info", "6.", ["属于四类过程性信息"];
    "denied_enforcement_file", "7.", ["属于行政执法案卷"];
    "denied_admin_query", "8.", ["属于行政查询事项"];
    "unable_not_held", "1.", ["本机关不掌握相关政府信息"];
    "unable_needs_creation", "2.", ["没有现成信息需要另行制作"];
    "unable_unclear_after_correction", "3.", ["补正后申请内容仍不明确"];
    "not_processed_petition", "1.", ["信访举报投诉类申请"];
    "not_processed_repeat", "2.", ["重复申请"];
    "not_processed_publication", "3.", ["要求提供公开出版物"];
    "not_processed_excessive", "4.", ["无正当理由大量反复申请"];
    "not_processed_confirm_existing", "5.", ["要求行政机关确认或重新出具已获取信息"];
];

/// 表三 rows after （五）, 2021 format.
const REQUESTS_TAIL_F2021: &[RowSpec] = request_rows![
    "other_no_correction", "1.", ["申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请", "逾期不补正"];
    "other_fee_unpaid", "2.", ["申请人逾期未按收费通知要求缴纳费用,行政机关不再处理其政府信息公开申请", "未按收费通知要求缴纳费用"];
    "other_other", "3.", ["其他"];
    "results_total", "(七)", ["总计"];
    "carried_forward", "四,", ["结转下年度继续办理", "结转下一年继续办理", "结转下一年度继续办理"];
];

/// 表三 rows after （五）, 2019 format.
const REQUESTS_TAIL_F2019: &[RowSpec] = request_rows![
    "other_processing", "(六)", ["其他处理"];
    "results_total", "(七)", ["总计"];
    "carried_forward", "四,", ["结转下年度继续办理", "结转下一年继续办理", "结转下一年度继续办理"];
];

/// All rows of 表三 for a format.
pub(crate) fn request_rows(template: Template) -> impl Iterator<Item = &'static RowSpec> {
    let tail = if template == Template::F2019 { REQUESTS_TAIL_F2019 } else { REQUESTS_TAIL_F2021 };
    REQUESTS_HEAD.iter().chain(tail.iter())
}

/// The outcome rows whose sum is （七）总计 (I3).
pub(crate) fn outcome_rows(template: Template) -> impl Iterator<Item = &'static str> {
    request_rows(template)
        .map(|r| r.key)
        .filter(|k| !matches!(*k, "new_received" | "carried_over" | "results_total" | "carried_forward"))
}

/// An empty table (every cell blank) with every row and column of the template.
pub(crate) fn empty_table(kind: TableKind, template: Template, span: Span) -> Table {
    let rows: Vec<Row> = match kind {
        TableKind::Proactive => {
            let spec = if template == Template::F2019 { PROACTIVE_F2019 } else { PROACTIVE_F2021 };
            spec.iter().map(|r| Row { key: r.key, cells: r.columns.iter().map(|c| (*c, None)).collect(), span: None }).collect()
        }
        TableKind::Requests => request_rows(template)
            .map(|r| Row { key: r.key, cells: r.columns.iter().map(|c| (*c, None)).collect(), span: None })
            .collect(),
        TableKind::ReviewLitigation => REVIEW_ROWS
            .iter()
            .map(|k| Row { key: k, cells: REVIEW_COLUMNS.iter().map(|c| (*c, None)).collect(), span: None })
            .collect(),
    };
    Table { kind, rows, span }
}
