//! The statutory tables in every layout scraped reports come in, and the deviations of
//! `docs/template.md` §6, on small inputs written here.
#![allow(clippy::unwrap_used, clippy::panic)]

use gongkai::{Number, Report, codes, parse};

/// 表三's row labels, 2021 format, as printed.
const T3_LABELS: [&str; 25] = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
];

const T3_HEADER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n自然人\n法人或其他组织\n总计\n商业\n企业\n科研\n机构\n社会公益组织\n法律服务机构\n其他\n";

/// A consistent 表三: 5 natural persons and 1 business applied, 1 carried over; outcomes spread.
fn t3_values() -> Vec<[i64; 7]> {
    let mut rows = vec![[0i64; 7]; 25];
    rows[0] = [5, 1, 0, 0, 0, 0, 6];
    rows[1] = [1, 0, 0, 0, 0, 0, 1];
    rows[2] = [3, 1, 0, 0, 0, 0, 4]; // 予以公开
    rows[12] = [2, 0, 0, 0, 0, 0, 2]; // 不掌握
    rows[23] = [5, 1, 0, 0, 0, 0, 6]; // 总计
    rows[24] = [1, 0, 0, 0, 0, 0, 1]; // 结转
    rows
}

/// A report around a 表三 body.
fn report_with_t3(body: &str) -> String {
    format!("某某镇2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n{body}\n四、政府信息公开行政复议、行政诉讼情况\n")
}

fn t3_in(layout: impl Fn(&str, &[i64; 7]) -> String) -> Report {
    let values = t3_values();
    let body: String = T3_LABELS.iter().zip(&values).map(|(l, v)| layout(l, v)).collect();
    parse(&report_with_t3(&format!("{T3_HEADER}{body}"))).expect("parse")
}

fn assert_t3(report: &Report) {
    let t3 = report.tables.requests.as_ref().expect("表三 read");
    let keys: Vec<&str> = t3.rows.iter().map(|r| r.key).collect();
    for (row, values) in keys.iter().zip(t3_values()) {
        for (col, want) in ["natural_person", "org_business", "org_research", "org_public_interest", "org_legal_services", "org_other", "total"]
            .iter()
            .zip(values)
        {
            assert_eq!(t3.get(row, col), Some(Number::Int(want)), "{row}.{col}");
        }
    }
    assert!(
        report.diagnostics.iter().all(|d| !d.code.starts_with("identity.") && d.code != codes::TABLE_CELL_COUNT),
        "{:?}",
        report.diagnostics
    );
}

fn join(v: &[i64; 7], sep: &str) -> String {
    v.iter().map(ToString::to_string).collect::<Vec<_>>().join(sep)
}

#[test]
fn one_cell_per_line() {
    assert_t3(&t3_in(|l, v| format!("{l}\n\n{}\n\n", join(v, "\n\n"))));
}

#[test]
fn pipe_terminated_cells_with_empty_filler() {
    assert_t3(&t3_in(|l, v| format!("{l} |\n{} |\n|||\n", join(v, " |\n"))));
}

#[test]
fn whole_rows_separated_by_spaces_ideographic_spaces_and_tabs() {
    assert_t3(&t3_in(|l, v| format!("{l} {}\n", join(v, " "))));
    assert_t3(&t3_in(|l, v| format!("{l}\u{3000}{}\n", join(v, "\u{3000}"))));
    assert_t3(&t3_in(|l, v| format!("{l}\t{}\n", join(v, "\t"))));
}

#[test]
fn the_whole_report_on_one_line() {
    let values = t3_values();
    let body: String = T3_LABELS.iter().zip(&values).map(|(l, v)| format!("{l} {} ", join(v, " "))).collect();
    let text = report_with_t3(&format!("{T3_HEADER}{body}")).replace('\n', " ");
    assert_t3(&parse(&text).unwrap());
}

#[test]
fn markdown_table() {
    let values = t3_values();
    let mut body = String::from("| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n");
    for (l, v) in T3_LABELS.iter().zip(&values) {
        body.push_str(&format!("| {l} | {} |\n", join(v, " | ")));
    }
    assert_t3(&parse(&report_with_t3(&body)).unwrap());
}

#[test]
fn digits_run_together_with_no_separator() {
    // Every value is one digit, so each row's seven digits split one way only.
    assert_t3(&t3_in(|l, v| format!("{l}{}", join(v, ""))));
}

#[test]
fn run_together_row_with_one_valid_split() {
    let text = report_with_t3("一、本年新收政府信息公开申请数量713000074二、上年结转政府信息公开申请数量0000000");
    let report = parse(&text).unwrap();
    let t3 = report.tables.requests.as_ref().unwrap();
    let row: Vec<Option<Number>> = ["natural_person", "org_business", "org_research", "org_public_interest", "org_legal_services", "org_other", "total"]
        .iter()
        .map(|c| t3.get("new_received", c))
        .collect();
    let want = [71, 3, 0, 0, 0, 0, 74].map(|n| Some(Number::Int(n)));
    assert_eq!(row, want);
    assert!(report.diagnostics.iter().any(|d| d.code == codes::TABLE_SPLIT && d.message.contains("71|3|0|0|0|0|74")));
}

#[test]
fn run_together_row_with_several_valid_splits_stays_blank_and_lists_them() {
    let text = report_with_t3("一、本年新收政府信息公开申请数量121010014二、上年结转政府信息公开申请数量0000000");
    let report = parse(&text).unwrap();
    let t3 = report.tables.requests.as_ref().unwrap();
    assert_eq!(t3.get("new_received", "natural_person"), None);
    // Every reading agrees on 总计 and on 研究机构 … so those are settled.
    assert_eq!(t3.get("new_received", "total"), Some(Number::Int(14)));
    let d = report.diagnostics.iter().find(|d| d.code == codes::TABLE_AMBIGUOUS_SPLIT).expect("ambiguity reported");
    for reading in ["1|2|1|0|10|0|14", "1|2|10|1|0|0|14", "12|1|0|1|0|0|14"] {
        assert!(d.message.contains(reading), "{}", d.message);
    }
    let span = d.span.expect("span");
    assert_eq!(&text[span.start..span.end], "121010014");
}

#[test]
fn ambiguous_rows_are_settled_by_the_identities_across_rows() {
    // 本年新收 and （七）总计 each have three I2-valid readings; I3 over the outcome rows
    // (予以公开 3|1|0|1|0|0|5, 部分公开 1|0|0|0|0|0|1, 不掌握 8|0|0|0|0|0|8) leaves one.
    let mut body = String::new();
    for (i, label) in T3_LABELS.iter().enumerate() {
        let digits = match i {
            0 | 23 => "121010014",
            2 => "3101005",
            3 => "1000001",
            12 => "8000008",
            _ => "0000000",
        };
        body.push_str(label);
        body.push_str(digits);
    }
    let report = parse(&report_with_t3(&body)).unwrap();
    let t3 = report.tables.requests.as_ref().unwrap();
    for row in ["new_received", "results_total"] {
        let got: Vec<Option<Number>> =
            ["natural_person", "org_business", "org_research", "org_public_interest", "org_legal_services", "org_other", "total"]
                .iter()
                .map(|c| t3.get(row, c))
                .collect();
        assert_eq!(got, [12, 1, 0, 1, 0, 0, 14].map(|n| Some(Number::Int(n))), "{row}");
    }
}

#[test]
fn placeholders_are_blank_never_zero() {
    let text = report_with_t3("一、本年新收政府信息公开申请数量 25 — - / 无 -- \u{a0} 25\n二、上年结转政府信息公开申请数量 | | | | | | |\n");
    let report = parse(&text).unwrap();
    let t3 = report.tables.requests.as_ref().unwrap();
    assert_eq!(t3.get("new_received", "natural_person"), Some(Number::Int(25)));
    assert_eq!(t3.cell("new_received", "org_business"), Some(None));
    assert_eq!(t3.cell("new_received", "org_other"), Some(None));
    assert_eq!(t3.get("new_received", "total"), Some(Number::Int(25)));
    assert_eq!(t3.cell("carried_over", "total"), Some(None));
    assert_eq!(t3.cell("granted", "total"), Some(None), "rows not in the text are blank");
}

#[test]
fn blank_cells_by_pipe_slots() {
    let text = report_with_t3("一、本年新收政府信息公开申请数量 | 25 | | | | | | 25 |\n二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
    let t3 = parse(&text).unwrap().tables.requests.unwrap();
    assert_eq!(t3.get("new_received", "natural_person"), Some(Number::Int(25)));
    assert_eq!(t3.cell("new_received", "org_business"), Some(None));
    assert_eq!(t3.get("new_received", "total"), Some(Number::Int(25)));
}

#[test]
fn blank_cell_in_one_cell_per_line_layout_is_placed_by_the_blank_lines() {
    // Cells two blank lines apart; the last cell of 上年结转 is an empty line.
    let row = |l: &str, v: &[&str]| format!("{l}\n\n\n{}\n\n\n\n\n", v.join("\n\n\n"));
    let body = format!(
        "{}{}{}",
        row("一、本年新收政府信息公开申请数量", &["1", "0", "0", "0", "0", "0", "1"]),
        row("二、上年结转政府信息公开申请数量", &["0", "0", "0", "0", "0", "0", ""]),
        row("（一）予以公开", &["1", "0", "0", "0", "0", "0", "1"]),
    );
    let t3 = parse(&report_with_t3(&body)).unwrap().tables.requests.unwrap();
    assert_eq!(t3.get("carried_over", "natural_person"), Some(Number::Int(0)));
    assert_eq!(t3.cell("carried_over", "total"), Some(None));
    assert_eq!(t3.get("granted", "total"), Some(Number::Int(1)));
}

#[test]
fn extra_empty_cells_and_nbsp_cells_do_not_shift_values() {
    let text = report_with_t3(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n0\n0\n0\n0\n0\n0\n\u{a0}\n7\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | | |",
    );
    let t3 = parse(&text).unwrap().tables.requests.unwrap();
    assert_eq!(t3.get("other_no_correction", "total"), Some(Number::Int(7)));
    assert_eq!(t3.get("other_fee_unpaid", "total"), Some(Number::Int(0)));
}

#[test]
fn labels_split_by_line_breaks_and_vertical_group_labels() {
    let text = report_with_t3(
        "一、本年新收政府信息\n公开申请数量 3001 53 0 0 61 4 3119\n三、\n本\n年\n度\n办\n理\n结\n果\n（一）予以公开 1288 21 0 0 50 3 1362\n（二）部分公开（区分处理的，只计这一情\n形，不计其他情形） 447 7 0 0 0 0 454\n",
    );
    let t3 = parse(&text).unwrap().tables.requests.unwrap();
    assert_eq!(t3.get("new_received", "total"), Some(Number::Int(3119)));
    assert_eq!(t3.get("granted", "natural_person"), Some(Number::Int(1288)));
    assert_eq!(t3.get("partially_granted", "total"), Some(Number::Int(454)));
}

#[test]
fn page_numbers_inside_a_table_are_not_values() {
    let text = report_with_t3(
        "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n- 4 -\n二、上年结转政府信息公开申请数量 0 0 0\n第 5 页\n0 0 0 0\n",
    );
    let report = parse(&text).unwrap();
    let t3 = report.tables.requests.as_ref().unwrap();
    assert_eq!(t3.get("new_received", "total"), Some(Number::Int(1)));
    assert_eq!(t3.get("carried_over", "total"), Some(Number::Int(0)));
    assert!(report.diagnostics.iter().all(|d| d.code != codes::TABLE_CELL_COUNT), "{:?}", report.diagnostics);
}

#[test]
fn too_many_values_are_reported_not_dropped() {
    let text = report_with_t3("一、本年新收政府信息公开申请数量 1 2 3 4 5 6 7 8 9\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n");
    let report = parse(&text).unwrap();
    let t3 = report.tables.requests.as_ref().unwrap();
    assert_eq!(t3.cell("new_received", "total"), Some(None));
    let d = report.diagnostics.iter().find(|d| d.code == codes::TABLE_CELL_COUNT).expect("reported");
    assert!(d.message.contains("1 2 3 4 5 6 7 8 9"));
    let span = d.span.unwrap();
    assert_eq!(&text[span.start..span.end], "1 2 3 4 5 6 7 8 9");
}

#[test]
fn identity_violation_names_the_cell_and_keeps_the_values() {
    let text = report_with_t3("一、本年新收政府信息公开申请数量 1 0 0 0 0 0 2\n");
    let report = parse(&text).unwrap();
    assert_eq!(report.tables.requests.as_ref().unwrap().get("new_received", "total"), Some(Number::Int(2)));
    let d = report.diagnostics.iter().find(|d| d.code == codes::IDENTITY_ROW_TOTAL).expect("I2 violation");
    let cell = d.cell.expect("cell");
    assert_eq!((cell.table, cell.row, cell.column), ("requests", "new_received", "total"));
}

const T2_F2021: &str = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 3\n行政规范性文件 5 1 26\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 4529\n第二十条第（六）项\n信息内容 本年处理决定数量\n行政处罚 1100\n行政强制 -\n第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 18651.06\n三、收到和处理政府信息公开申请情况\n";

#[test]
fn proactive_2021_with_a_decimal_fee_and_a_placeholder() {
    let report = parse(T2_F2021).unwrap();
    let t2 = report.tables.proactive.as_ref().unwrap();
    assert_eq!(report.template, gongkai::Template::F2021);
    assert_eq!(t2.get("normative_documents", "in_force"), Some(Number::Int(26)));
    assert_eq!(t2.get("admin_licensing", "decisions"), Some(Number::Int(4529)));
    assert_eq!(t2.cell("admin_coercion", "decisions"), Some(None));
    assert_eq!(t2.get("admin_fees", "fee_amount_wan_yuan"), Some(Number::Decimal(18651.06)));
}

#[test]
fn traditional_character_mirror_reads_like_the_original() {
    let text = "第二十條第（一）項\n信息內容 本年制發件數 本年廢止件數 現行有效件數\n規章 0 0 3\n行政規範性文件 5 1 26\n第二十條第（八）項\n信息內容 本年收費金額(單位:萬元)\n行政事業性收費 12\n";
    let report = parse(text).unwrap();
    let t2 = report.tables.proactive.as_ref().expect("表二 read");
    assert_eq!(t2.get("regulations", "in_force"), Some(Number::Int(3)));
    assert_eq!(t2.get("normative_documents", "issued"), Some(Number::Int(5)));
    assert_eq!(t2.get("admin_fees", "fee_amount_wan_yuan"), Some(Number::Int(12)));
}

#[test]
fn proactive_2019_with_signed_deltas_and_amounts_in_yuan() {
    let text = "第二十条第（一）项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 0 0 0\n规范性文件 16 16 16\n第二十条第（五）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n行政许可 97 +82 179\n其他对外管理服务事项 10 -2 105\n第二十条第（六）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n行政处罚 2648 -18 538\n行政强制 0 0 0\n第二十条第（八）项\n信息内容 上一年项目数量 本年增/减\n行政事业性收费 35 -15\n第二十条第（九）项\n信息内容 采购项目数量 采购总金额\n政府集中采购 395 73802895.90元\n";
    let report = parse(text).unwrap();
    assert_eq!(report.template, gongkai::Template::F2019);
    let t2 = report.tables.proactive.as_ref().unwrap();
    assert_eq!(t2.get("admin_licensing", "delta_this_year"), Some(Number::Int(82)));
    assert_eq!(t2.get("other_external_services", "delta_this_year"), Some(Number::Int(-2)));
    assert_eq!(t2.get("admin_fees", "delta_this_year"), Some(Number::Int(-15)));
    let amount = t2.get("gov_central_procurement", "procurement_amount_wan_yuan").unwrap().as_f64();
    assert!((amount - 7380.28959).abs() < 1e-6, "{amount}");
}

#[test]
fn run_together_proactive_row_is_split_only_when_one_reading_exists() {
    let text = "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章007规范性文件7777166第二十条第（五）项";
    let report = parse(text).unwrap();
    let t2 = report.tables.proactive.as_ref().unwrap();
    assert_eq!(t2.get("regulations", "total_published"), Some(Number::Int(7)));
    assert_eq!(t2.cell("normative_documents", "new_made"), Some(None));
    assert!(report.diagnostics.iter().any(|d| d.code == codes::TABLE_AMBIGUOUS_SPLIT && d.message.contains("7777166")));
}

const T4_HEADER: &str = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n未经复议直接起诉\n复议后起诉\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n";

#[test]
fn review_table_with_truncated_header_and_run_together_digits() {
    // S004's header lost the second half of each two-line label.
    let text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼 |\n结果 | 结果 | 其他 | 尚未 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n结果 | 结果 | 其他 | 尚未 | 总计 | 结果 | 结果 | 其他 | 尚未 | 总计 |\n21317000001324019五、存在的主要问题及改进情况";
    let report = parse(text).unwrap();
    let t4 = report.tables.review_litigation.as_ref().unwrap();
    let got: Vec<i64> = t4.cells().map(|(_, _, v)| v.and_then(Number::as_i64).unwrap_or(-1)).collect();
    assert_eq!(got, [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]);
}

#[test]
fn review_table_one_cell_per_line_with_blank_cells() {
    // Cells two blank lines apart, rows four: 表三 shows the layout, 表四 has three cells filled
    // (the three 总计) and twelve empty lines for its blank cells.
    let cells = |v: &[&str]| v.join("\n\n\n");
    let mut text = report_with_t3(&format!(
        "一、本年新收政府信息公开申请数量\n\n\n{}\n\n\n\n\n二、上年结转政府信息公开申请数量\n\n\n{}\n\n\n\n\n",
        cells(&["1", "0", "0", "0", "0", "0", "1"]),
        cells(&["0", "0", "0", "0", "0", "0", "0"]),
    ));
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况\n", "");
    text.push_str(&T4_HEADER.replace('\n', "\n\n\n"));
    let blank = |n: usize| vec![""; n];
    let mut t4 = blank(4);
    t4.push("0");
    t4.extend(blank(4));
    t4.push("0");
    t4.extend(blank(4));
    t4.push("0");
    text.push_str(&format!("\n\n{}\n\n\n\n\n五、存在的主要问题及改进情况\n", cells(&t4)));
    let report = parse(&text).unwrap();
    let t4 = report.tables.review_litigation.as_ref().unwrap();
    let filled: Vec<(&str, &str)> = t4.cells().filter(|(_, _, v)| v.is_some()).map(|(r, c, _)| (r, c)).collect();
    assert_eq!(filled, [("review", "total"), ("litigation_direct", "total"), ("litigation_after_review", "total")]);
}

#[test]
fn a_heading_without_a_table_gives_null_and_says_so() {
    let text = "某某镇2024年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息21条。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n";
    let report = parse(text).unwrap();
    assert!(report.tables.proactive.is_none() && report.tables.requests.is_none() && report.tables.review_litigation.is_none());
    assert_eq!(report.diagnostics.iter().filter(|d| d.code == codes::TABLE_ABSENT).count(), 3);
}

#[test]
fn review_prose_is_not_a_table() {
    let text = "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生政府信息公开行政复议、行政诉讼案件。\n五、存在的主要问题及改进情况\n2024年共3项工作。";
    assert!(parse(text).unwrap().tables.review_litigation.is_none());
}

#[test]
fn pdf_markdown_fragments_with_placeholder_headers_and_page_footers() {
    let header = "| Col1 | Col2 | Col3 | Col4 | Col5 | Col6 | Col7 | Col8 |\n|---|---|---|---|---|---|---|---|\n";
    let text = report_with_t3(&format!(
        "{header}| 一、本年新收政府信息公开申请数量 | 12 | 0 | 0 | 0 | 0 | 1 | 13 |\n| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\n— 5 —\n\n{header}| （一）予以公开 | 10 | 0 | 0 | 0 | 0 | 1 | 11 |\n"
    ));
    let report = parse(&text).unwrap();
    let t3 = report.tables.requests.as_ref().unwrap();
    assert_eq!(t3.get("new_received", "org_other"), Some(Number::Int(1)));
    assert_eq!(t3.get("new_received", "total"), Some(Number::Int(13)));
    assert_eq!(t3.get("carried_over", "total"), Some(Number::Int(0)));
    assert_eq!(t3.get("granted", "natural_person"), Some(Number::Int(10)));
    assert!(report.diagnostics.iter().all(|d| d.code != codes::TABLE_CELL_COUNT), "{:?}", report.diagnostics);
}

#[test]
fn review_table_under_pdf_headers_interleaved_or_one_character_per_column() {
    let values = "2 0 1 0 3 1 0 0 0 1 0 0 0 0 0";
    let want = [2, 0, 1, 0, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    // Two-line headers come out as two interleaved lines [WD2022]; vertical headers one character
    // per column [SJ2020].
    for header in [
        "行政复议 行政诉讼\n结果 结果 其他 尚未 总 未经复议直接起诉 复议后起诉\n维持 纠正 结果 审结 计\n结果 结果 其他 尚未 总 结果 结果 其他 尚未 总\n维持 纠正 结果 审结 计 维持 纠正 结果 审结 计",
        "行政复议 行政诉讼\n结 结 其 尚 总 未经复议直接起诉 复议后起诉\n果 果 他 未 计\n维 纠 结 审\n持 正 果 结\n结 结 其 尚 总 结 结 其 尚 总\n果 果 他 未 计 果 果 他 未 计",
    ] {
        let text = format!("四、政府信息公开行政复议、行政诉讼情况\n{header}\n{values}\n五、存在的主要问题及改进情况\n无。");
        let report = parse(&text).unwrap();
        let t4 = report.tables.review_litigation.as_ref().expect("表四 read");
        let got: Vec<i64> = t4.cells().map(|(_, _, v)| v.and_then(Number::as_i64).unwrap_or(-1)).collect();
        assert_eq!(got, want, "{header}");
    }
}
