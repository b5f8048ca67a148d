//! HTML renderings of a gold file in the official grids of `docs/template.md` (§2.2–2.4 for
//! f2021, §3.2–3.4 for f2019): captions and headers with their `rowspan`/`colspan`, blank cells as
//! `&nbsp;` or nothing, wrapped in a portal page with the furniture real pages carry (header,
//! breadcrumb, metadata table, footer, scripts).
#![allow(dead_code)]

use std::fmt::Write;

use serde_json::Value;

/// Whether the gold file has at least one statutory table.
pub fn has_tables(gold: &Value) -> bool {
    ["proactive", "requests", "review_litigation"].iter().any(|t| !gold["tables"][*t].is_null())
}

fn heading(key: &str) -> &'static str {
    match key {
        "overview" => "一、总体情况",
        "proactive" => "二、主动公开政府信息情况",
        "requests" => "三、收到和处理政府信息公开申请情况",
        "review_litigation" => "四、政府信息公开行政复议、行政诉讼情况",
        "problems" => "五、存在的主要问题及改进情况",
        "other" => "六、其他需要报告的事项",
        _ => "",
    }
}

fn prose(key: &str) -> &'static str {
    match key {
        "overview" => "本单位认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。",
        "problems" => "政务公开工作仍有不足，下一步将进一步规范公开内容。",
        "other" => "无其他需要报告的事项。",
        _ => "",
    }
}

/// A cell's text: the number as written, or a blank (alternating `&nbsp;` and nothing).
fn value(v: &Value, blank_style: &mut usize, suffix: &str) -> String {
    match v {
        Value::Null => {
            *blank_style += 1;
            if *blank_style % 2 == 0 { "&nbsp;".to_string() } else { String::new() }
        }
        Value::Number(n) => format!("{n}{suffix}"),
        other => other.to_string(),
    }
}

struct Grid {
    html: String,
    blanks: usize,
    /// Old-portal markup: upper-case tags, unquoted attributes, no `</td>` or `</tr>`.
    sloppy: bool,
}

impl Grid {
    fn new(sloppy: bool) -> Self {
        let html = if sloppy {
            String::from("<TABLE BORDER=1 CELLSPACING=0>\n")
        } else {
            String::from("<table border=\"1\" cellspacing=\"0\" style=\"border-collapse:collapse\"><tbody>\n")
        };
        Grid { html, blanks: 0, sloppy }
    }
    fn tr(&mut self) {
        self.html.push_str(if self.sloppy { "<TR>" } else { "<tr>" });
    }
    fn end_tr(&mut self) {
        self.html.push_str(if self.sloppy { "\n" } else { "</tr>\n" });
    }
    fn td(&mut self, text: &str, rowspan: usize, colspan: usize) {
        if self.sloppy {
            self.html.push_str("<TD");
            if rowspan > 1 {
                let _ = write!(self.html, " ROWSPAN={rowspan}");
            }
            if colspan > 1 {
                let _ = write!(self.html, " COLSPAN={colspan}");
            }
            let _ = write!(self.html, " ALIGN=center>{text}");
            return;
        }
        self.html.push_str("<td");
        if rowspan > 1 {
            let _ = write!(self.html, " rowspan=\"{rowspan}\"");
        }
        if colspan > 1 {
            let _ = write!(self.html, " colspan=\"{colspan}\"");
        }
        // Labels sit in a <p>, as word processors write them.
        let _ = write!(self.html, " valign=\"center\"><p style=\"text-align:center\"><span>{text}</span></p></td>");
    }
    fn val(&mut self, v: &Value, colspan: usize, suffix: &str) {
        let text = value(v, &mut self.blanks, suffix);
        self.td(&text, 1, colspan);
    }
    fn finish(mut self) -> String {
        self.html.push_str(if self.sloppy { "</TABLE>\n" } else { "</tbody></table>\n" });
        self.html
    }
}

/// 表二 in the official 4-column grid.
fn proactive(t: &Value, template: &str, sloppy: bool) -> String {
    let rows = &t["rows"];
    let mut g = Grid::new(sloppy);
    // (caption, header cells with colspans, rows: (key, label), columns with colspans, suffix)
    type Block<'a> = (&'a str, &'a [(&'a str, usize)], &'a [(&'a str, &'a str)], &'a [(&'a str, usize)], &'a str);
    let f2021: &[Block] = &[
        (
            "第二十条第（一）项",
            &[("信息内容", 1), ("本年制发件数", 1), ("本年废止件数", 1), ("现行有效件数", 1)],
            &[("regulations", "规章"), ("normative_documents", "行政规范性文件")],
            &[("issued", 1), ("repealed", 1), ("in_force", 1)],
            "",
        ),
        ("第二十条第（五）项", &[("信息内容", 1), ("本年处理决定数量", 3)], &[("admin_licensing", "行政许可")], &[("decisions", 3)], ""),
        (
            "第二十条第（六）项",
            &[("信息内容", 1), ("本年处理决定数量", 3)],
            &[("admin_penalty", "行政处罚"), ("admin_coercion", "行政强制")],
            &[("decisions", 3)],
            "",
        ),
        (
            "第二十条第（八）项",
            &[("信息内容", 1), ("本年收费金额（单位：万元）", 3)],
            &[("admin_fees", "行政事业性收费")],
            &[("fee_amount_wan_yuan", 3)],
            "",
        ),
    ];
    let items: &[(&str, usize)] = &[("prev_year_items", 1), ("delta_this_year", 1), ("decisions", 1)];
    let items_header: &[(&str, usize)] = &[("信息内容", 1), ("上一年项目数量", 1), ("本年增/减", 1), ("处理决定数量", 1)];
    let f2019: &[Block] = &[
        (
            "第二十条第（一）项",
            &[("信息内容", 1), ("本年新<br />制作数量", 1), ("本年新<br />公开数量", 1), ("对外公开总数量", 1)],
            &[("regulations", "规章"), ("normative_documents", "规范性文件")],
            &[("new_made", 1), ("new_published", 1), ("total_published", 1)],
            "",
        ),
        (
            "第二十条第（五）项",
            items_header,
            &[("admin_licensing", "行政许可"), ("other_external_services", "其他对外管理服务事项")],
            items,
            "",
        ),
        ("第二十条第（六）项", items_header, &[("admin_penalty", "行政处罚"), ("admin_coercion", "行政强制")], items, ""),
        (
            "第二十条第（八）项",
            &[("信息内容", 1), ("上一年项目数量", 1), ("本年增/减", 2)],
            &[("admin_fees", "行政事业性收费")],
            &[("prev_year_items", 1), ("delta_this_year", 2)],
            "",
        ),
        (
            "第二十条第（九）项",
            &[("信息内容", 1), ("采购项目数量", 1), ("采购总金额", 2)],
            &[("gov_central_procurement", "政府集中采购")],
            &[("procurement_projects", 1), ("procurement_amount_wan_yuan", 2)],
            "万元",
        ),
    ];
    let blocks = if template == "f2019" { f2019 } else { f2021 };
    for (caption, header, data, columns, suffix) in blocks {
        g.tr();
        g.td(caption, 1, 4);
        g.end_tr();
        g.tr();
        for (h, span) in *header {
            g.td(h, 1, *span);
        }
        g.end_tr();
        for (key, label) in *data {
            g.tr();
            g.td(label, 1, 1);
            for (col, span) in *columns {
                let suffix = if *col == "procurement_amount_wan_yuan" { suffix } else { "" };
                let v = rows[*key][*col].clone();
                // Signed deltas are written with their sign, as portals do.
                let v = match (&v, *col) {
                    (Value::Number(n), "delta_this_year") if n.as_i64().is_some_and(|i| i > 0) => {
                        Value::String(format!("+{n}"))
                    }
                    _ => v,
                };
                match v {
                    Value::String(s) => g.td(&s, 1, *span),
                    v => g.val(&v, *span, suffix),
                }
            }
            g.end_tr();
        }
    }
    g.finish()
}

const REQUEST_COLUMNS: &[&str] =
    &["natural_person", "org_business", "org_research", "org_public_interest", "org_legal_services", "org_other", "total"];

/// 表三 in the official 10-column grid (28 rows for f2021, 26 for f2019).
fn requests(t: &Value, template: &str, sloppy: bool) -> String {
    let rows = &t["rows"];
    let mut g = Grid::new(sloppy);
    g.tr();
    g.td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3);
    g.td("申请人情况", 1, 7);
    g.end_tr();
    g.tr();
    g.td("自然人", 2, 1);
    g.td("法人或其他组织", 1, 5);
    g.td("总计", 2, 1);
    g.end_tr();
    g.tr();
    for h in ["商业<br>企业", "科研<br>机构", "社会公益组织", "法律服务机构", "其他"] {
        g.td(h, 1, 1);
    }
    g.end_tr();
    let values = |g: &mut Grid, key: &str| {
        for col in REQUEST_COLUMNS {
            g.val(&rows[key][*col], 1, "");
        }
    };
    for (key, label) in [("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量")] {
        g.tr();
        g.td(label, 1, 3);
        values(&mut g, key);
        g.end_tr();
    }
    let f2019 = template == "f2019";
    g.tr();
    g.td("三、本年度办理结果", if f2019 { 20 } else { 22 }, 1);
    g.td("（一）予以公开", 1, 2);
    values(&mut g, "granted");
    g.end_tr();
    g.tr();
    g.td("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2);
    values(&mut g, "partially_granted");
    g.end_tr();
    let mut groups: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "（三）不予公开",
            vec![
                ("denied_state_secret", "1.属于国家秘密"),
                ("denied_law_prohibited", "2.其他法律行政法规禁止公开"),
                ("denied_security_stability", "3.危及“三安全一稳定”"),
                ("denied_third_party", "4.保护第三方合法权益"),
                ("denied_internal_affairs", "5.属于三类内部事务信息"),
                ("denied_process_info", "6.属于四类过程性信息"),
                ("denied_enforcement_file", "7.属于行政执法案卷"),
                ("denied_admin_query", "8.属于行政查询事项"),
            ],
        ),
        (
            "（四）无法提供",
            vec![
                ("unable_not_held", "1.本机关不掌握相关政府信息"),
                ("unable_needs_creation", "2.没有现成信息需要另行制作"),
                ("unable_unclear_after_correction", "3.补正后申请内容仍不明确"),
            ],
        ),
        (
            "（五）不予处理",
            vec![
                ("not_processed_petition", "1.信访举报投诉类申请"),
                ("not_processed_repeat", "2.重复申请"),
                ("not_processed_publication", "3.要求提供公开出版物"),
                ("not_processed_excessive", "4.无正当理由大量反复申请"),
                ("not_processed_confirm_existing", "5.要求行政机关确认或重新出具已获取信息"),
            ],
        ),
    ];
    if !f2019 {
        groups.push((
            "（六）其他处理",
            vec![
                ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                ("other_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                ("other_other", "3.其他"),
            ],
        ));
    }
    for (group, items) in &groups {
        for (i, (key, label)) in items.iter().enumerate() {
            g.tr();
            if i == 0 {
                g.td(group, items.len(), 1);
            }
            g.td(label, 1, 1);
            values(&mut g, key);
            g.end_tr();
        }
    }
    if f2019 {
        g.tr();
        g.td("（六）其他处理", 1, 2);
        values(&mut g, "other_processing");
        g.end_tr();
    }
    g.tr();
    g.td("（七）总计", 1, 2);
    values(&mut g, "results_total");
    g.end_tr();
    g.tr();
    g.td("四、结转下年度继续办理", 1, 3);
    values(&mut g, "carried_forward");
    g.end_tr();
    g.finish()
}

/// 表四 in the official 4 × 15 grid.
fn review(t: &Value, sloppy: bool) -> String {
    let rows = &t["rows"];
    let mut g = Grid::new(sloppy);
    g.tr();
    g.td("行政复议", 1, 5);
    g.td("行政诉讼", 1, 10);
    g.end_tr();
    g.tr();
    for h in ["结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计"] {
        g.td(h, 2, 1);
    }
    g.td("未经复议直接起诉", 1, 5);
    g.td("复议后起诉", 1, 5);
    g.end_tr();
    g.tr();
    for _ in 0..2 {
        for h in ["结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计"] {
            g.td(h, 1, 1);
        }
    }
    g.end_tr();
    g.tr();
    for row in ["review", "litigation_direct", "litigation_after_review"] {
        for col in ["upheld", "corrected", "other", "pending", "total"] {
            g.val(&rows[row][col], 1, "");
        }
    }
    g.end_tr();
    g.finish()
}

/// A portal page carrying the gold file's report: title, headings of the gold sections, and the
/// tables in the official grids. `charset` is written into a `<meta>` declaration.
pub fn page(gold: &Value, charset: &str) -> String {
    page_with(gold, Some(charset), false)
}

/// The same page as an old portal writes it: no charset declaration, upper-case tags, unquoted
/// attributes, no `</td>` or `</tr>`.
pub fn sloppy_page(gold: &Value) -> String {
    page_with(gold, None, true)
}

/// Simplified → traditional for the characters of the template's labels and headings, as
/// traditional-character mirror sites write them.
const TRADITIONAL: &str = "万萬业業为為举舉于於会會体體关關内內决決况況减減办辦务務动動区區单單发發后後国國处處复復\
    审審对對属屬废廢开開强強当當执執护護报報据據数數无無权權条條构構没沒现現确確稳穩类類系係纠糾纳納组組织織经經\
    结結继繼续續维維缴繳罚罰范範获獲补補规規计計认認议議许許讼訟访訪诉訴询詢请請购購费費转轉过過这這进進采採问問\
    题題额額项項总總机機制製员員";

/// The page's statutory part (headings and tables) in traditional characters; the title stays as
/// the report wrote it. Declared as Big5.
pub fn traditional_page(gold: &Value) -> String {
    let page = page_with(gold, Some("big5"), false);
    let pairs: Vec<char> = TRADITIONAL.chars().filter(|c| !c.is_whitespace() && *c != '\\').collect();
    let to_trad = |c: char| pairs.chunks(2).find(|p| p[0] == c).map_or(c, |p| p[1]);
    let start = page.find("<div class=\"content\">").unwrap_or(0);
    let end = page.find("<div class=\"footer\">").unwrap_or(page.len());
    format!("{}{}{}", &page[..start], page[start..end].chars().map(to_trad).collect::<String>(), &page[end..])
}

fn page_with(gold: &Value, charset: Option<&str>, sloppy: bool) -> String {
    let template = gold["template"].as_str().unwrap_or("f2021");
    let body = gold["meta"]["body"].as_str();
    let year = gold["meta"]["year"].as_i64();
    let title = match (body, year) {
        (Some(b), Some(y)) => Some(format!("{b}{y}年政府信息公开工作年度报告")),
        _ => None,
    };
    let mut h = String::new();
    let _ = writeln!(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>");
    if let Some(charset) = charset {
        let _ = writeln!(h, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">");
    }
    if let Some(t) = &title {
        let _ = writeln!(h, "<title>{t}_政府信息公开年报_某某门户网站</title>");
        let _ = writeln!(h, "<meta name=\"ArticleTitle\" content=\"{t}\">");
    }
    let _ = writeln!(h, "<meta name=\"PubDate\" content=\"2025-01-20 09:30\">");
    let _ = writeln!(h, "<style>td {{ border: 1px solid #000; }} p {{ margin: 0 }}</style>");
    let _ = writeln!(h, "<script>var _hmt = _hmt || []; document.write('<p>统计代码</p>');</script>\n</head>\n<body>");
    let _ = writeln!(h, "<div class=\"header\"><ul><li><a href=\"/\">首页</a></li><li>政务公开</li><li>互动交流</li></ul></div>");
    let _ = writeln!(h, "<div class=\"breadcrumb\">您现在的位置：<a href=\"/\">首页</a> &gt; 政府信息公开年报</div>");
    let _ = writeln!(h, "<div class=\"article\">");
    let _ = writeln!(
        h,
        "<table class=\"xxgk_meta\"><tr><td>索引号：</td><td>000000000/2025-00001</td><td>发布机构：</td><td>某某办公室</td></tr>\
         <tr><td>发布日期：</td><td>2025-01-20</td><td>文号：</td><td>&nbsp;</td></tr></table>"
    );
    if let Some(t) = &title {
        let _ = writeln!(h, "<h1 class=\"title\">{t}</h1>");
    }
    let _ = writeln!(h, "<div class=\"content\">");
    let sections: Vec<&str> = gold["sections"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let table_html = |key: &str| -> Option<String> {
        let t = &gold["tables"][key];
        if t.is_null() {
            return None;
        }
        Some(match key {
            "proactive" => proactive(t, template, sloppy),
            "requests" => requests(t, template, sloppy),
            _ => review(t, sloppy),
        })
    };
    let mut written = Vec::new();
    let order = ["overview", "proactive", "requests", "review_litigation", "problems", "other"];
    for key in order {
        let in_sections = sections.contains(&key);
        let table = table_html(key);
        if !in_sections && table.is_none() {
            continue;
        }
        if in_sections {
            let _ = writeln!(h, "<p style=\"text-indent:2em\"><strong><span style=\"font-family:黑体\">{}</span></strong>&nbsp;&nbsp;</p>", heading(key));
            let p = prose(key);
            if !p.is_empty() {
                let _ = writeln!(h, "<p style=\"text-indent:2em\">{p}</p>");
            }
        }
        if let Some(t) = table {
            h.push_str(&t);
            written.push(key);
        }
    }
    let _ = writeln!(h, "</div></div>");
    let _ = writeln!(
        h,
        "<div class=\"footer\"><p>主办：某某人民政府办公室 地址：某某路1号 邮编：100000 电话：0000-0000000</p><p>ICP备00000000号</p></div>"
    );
    let _ = writeln!(h, "<script src=\"/js/common.js\"></script>\n</body>\n</html>");
    h
}
