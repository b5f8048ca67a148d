//! HTML input: the real portal pages of the corpus, and every text report with tables rendered
//! into the official HTML grids (UTF-8; GBK declared; old-portal markup in undeclared GBK; a
//! traditional-character mirror in Big5), each against its gold file; encoding detection.

mod common;
#[path = "common/html_grid.rs"]
mod html_grid;

use gongkai::{Severity, codes};

fn check(label: &str, report: &gongkai::Report, gold: &serde_json::Value, cells: &mut usize, failures: &mut Vec<String>) {
    let diffs = common::compare(&report.to_json_value(), gold, cells);
    if !diffs.is_empty() {
        failures.push(format!("{label}:\n  {}", diffs.join("\n  ")));
    }
    if !report.diagnostics.iter().any(|d| d.code == codes::INPUT_HTML && d.severity == Severity::Info) {
        failures.push(format!("{label}: no input.html diagnostic"));
    }
}

/// Every span of a report parsed from HTML lies inside the HTML, on character boundaries.
fn spans_inside(label: &str, report: &gongkai::Report, html: &str, failures: &mut Vec<String>) {
    let mut spans: Vec<gongkai::Span> = report.sections.iter().map(|s| s.span).collect();
    for t in [&report.tables.proactive, &report.tables.requests, &report.tables.review_litigation].into_iter().flatten() {
        spans.push(t.span);
        spans.extend(t.rows.iter().filter_map(|r| r.span));
    }
    spans.extend(report.diagnostics.iter().filter_map(|d| d.span));
    for s in spans {
        if s.start > s.end || s.end > html.len() || !html.is_char_boundary(s.start) || !html.is_char_boundary(s.end) {
            failures.push(format!("{label}: span {s:?} not inside the HTML ({} bytes)", html.len()));
        }
    }
}

#[test]
fn real_html_pages_match_their_gold() {
    let mut failures = Vec::new();
    let mut cells = 0;
    let mut pages = 0;
    for case in common::cases() {
        for path in &case.htmls {
            pages += 1;
            let report = match gongkai::parse_file(path) {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!("{}: {e}", path.display()));
                    continue;
                }
            };
            check(&path.display().to_string(), &report, &case.gold, &mut cells, &mut failures);
            let html = std::fs::read_to_string(path).expect("utf-8 page");
            spans_inside(&path.display().to_string(), &report, &html, &mut failures);
        }
    }
    assert!(pages >= 3, "the corpus has the three Pingtan pages");
    eprintln!("real html: {pages} pages, {cells} cells compared, {} differ", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn official_grid_renderings_match_gold_in_every_encoding_and_markup() {
    let mut failures = Vec::new();
    let mut cells = 0;
    let mut pages = 0;
    for case in common::cases() {
        if !html_grid::has_tables(&case.gold) {
            continue;
        }
        // UTF-8, through both entry points.
        let html = html_grid::page(&case.gold, "utf-8");
        let report = gongkai::parse(&html).expect("parse");
        check(&format!("{} (utf-8 grid)", case.stem), &report, &case.gold, &mut cells, &mut failures);
        spans_inside(&format!("{} (utf-8 grid)", case.stem), &report, &html, &mut failures);
        let from_bytes = gongkai::parse_bytes(html.as_bytes()).expect("parse_bytes");
        assert_eq!(from_bytes.tables, report.tables, "{}: parse and parse_bytes differ", case.stem);
        // GBK, declared as gb2312 the way old portals do.
        let html = html_grid::page(&case.gold, "gb2312");
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&html);
        assert!(!unmappable, "{}: the page has characters GBK cannot write", case.stem);
        let report = gongkai::parse_bytes(&gbk).expect("parse_bytes gbk");
        check(&format!("{} (gbk grid)", case.stem), &report, &case.gold, &mut cells, &mut failures);
        let enc = report.diagnostics.iter().find(|d| d.code == codes::INPUT_ENCODING).expect("input.encoding");
        assert!(enc.message.to_ascii_lowercase().contains("gb"), "{}: {}", case.stem, enc.message);
        // Old-portal markup in GBK with no declaration: the bytes tell the encoding.
        let html = html_grid::sloppy_page(&case.gold);
        let (gbk, _, _) = encoding_rs::GBK.encode(&html);
        let report = gongkai::parse_bytes(&gbk).expect("parse_bytes sloppy gbk");
        check(&format!("{} (sloppy undeclared gbk grid)", case.stem), &report, &case.gold, &mut cells, &mut failures);
        let enc = report.diagnostics.iter().find(|d| d.code == codes::INPUT_ENCODING).expect("input.encoding");
        assert!(enc.message.contains("gb18030 (detected from the bytes)"), "{}: {}", case.stem, enc.message);
        // A traditional-character mirror in Big5 (characters Big5 lacks become &#...; references).
        let html = html_grid::traditional_page(&case.gold);
        assert!(html.contains("總計") || html.contains("規範性文件"), "{}: the mirror page is not traditional", case.stem);
        let (big5, _, _) = encoding_rs::BIG5.encode(&html);
        let report = gongkai::parse_bytes(&big5).expect("parse_bytes big5");
        check(&format!("{} (traditional big5 grid)", case.stem), &report, &case.gold, &mut cells, &mut failures);
        pages += 4;
    }
    assert!(pages >= 56, "the 14 gold files with tables, four times each; got {pages} pages");
    eprintln!("grid html: {pages} pages, {cells} cells compared, {} differ", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn html_spans_point_at_the_table_cells() {
    let case = common::cases().into_iter().find(|c| c.stem == "pingtan-2024").expect("pingtan-2024");
    let path = &case.htmls[0];
    let html = std::fs::read_to_string(path).expect("read");
    let report = gongkai::parse(&html).expect("parse");
    let t3 = report.tables.requests.as_ref().expect("表三 in pingtan-2024.html");
    let table = &html[t3.span.start..t3.span.end];
    assert!(table.contains("<td"), "the table's span covers HTML cells");
    if let Some(span) = t3.rows.iter().find(|r| r.key == "new_received").and_then(|r| r.span) {
        let row = &html[span.start..span.end];
        assert!(row.contains("217") && row.contains("218"), "row span: {row}");
    }
    for s in &report.sections {
        assert!(s.span.end <= html.len());
    }
}

#[test]
fn meta_comes_from_the_page_when_the_text_does_not_say() {
    // No title in the text: the <title> and the portal's PubDate meta tag tell.
    let html = "<html><head><title>某某镇2023年政府信息公开工作年度报告_年报_某某网</title>\
        <meta name=\"PubDate\" content=\"2024-01-25 10:00\"></head><body><p>一、总体情况</p><p>略。</p></body></html>";
    let report = gongkai::parse(html).expect("parse");
    assert_eq!(report.meta.title.as_deref(), Some("某某镇2023年政府信息公开工作年度报告"));
    assert_eq!(report.meta.body.as_deref(), Some("某某镇"));
    assert_eq!(report.meta.year, Some(2023));
    assert_eq!(report.meta.published.as_deref(), Some("2024-01-25"));
    // The heading and the portal's metadata table (发布机构 / 发文日期 in cells of their own).
    let html = "<html><body><div class=\"article\"><h1>2023年度某某县交通运输局政府信息公开工作年度报告</h1>\
        <table><tr><td>索引号：</td><td>11000000/2024-00012</td><td>发布机构：</td><td>某某县交通运输局</td></tr>\
        <tr><td>发文日期：</td><td>2024年1月20日</td><td>文号：</td><td>&nbsp;</td></tr></table>\
        <p>一、总体情况</p><p>略。</p></div></body></html>";
    let report = gongkai::parse(html).expect("parse");
    assert_eq!(report.meta.body.as_deref(), Some("某某县交通运输局"));
    assert_eq!(report.meta.year, Some(2023));
    assert_eq!(report.meta.published.as_deref(), Some("2024-01-20"));
}

#[test]
fn tag_soup_never_panics_and_spans_stay_inside() {
    const PIECES: &[&str] = &[
        "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=3>", "<td rowspan=\"2\">",
        "<td colspan=0 rowspan=65534>", "<tbody>", "</tbody>", "<caption>", "</caption>", "<p>", "</p>", "<br>",
        "<div class=\"footer\">", "<div>", "</div>", "<script>", "</script>", "<style>", "<nav>", "</nav>",
        "<header>", "</header>", "<article>", "</article>", "<title>", "</title>", "&nbsp;", "&amp;", "&#x4e00;",
        "&bogus", "&", "<", ">", "<!--", "-->", "\r\n", " ", "\u{3000}", "|", "0", "12", "3.5", "规章", "行政许可",
        "一、总体情况", "三、收到和处理政府信息公开申请情况", "自然人", "总计", "（七）总计", "報告", "<meta name=PubDate content=2024-01-02>",
    ];
    let mut seed = 0x9E3779B97F4A7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..300 {
        let mut html = String::from(if round % 2 == 0 { "<!DOCTYPE html><html><body>" } else { "<table>" });
        for _ in 0..(next() % 200) {
            html.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let report = gongkai::parse(&html).expect("parse");
        let mut failures = Vec::new();
        spans_inside("soup", &report, &html, &mut failures);
        assert!(failures.is_empty(), "{html}\n{}", failures.join("\n"));
    }
}

mod encodings {
    use gongkai::decode;

    const REPORT: &str = "某某镇人民政府2022年政府信息公开工作年度报告。一、总体情况：本年度主动公开政府信息一百二十条，\
        收到政府信息公开申请三件，均已按期答复。二、主动公开政府信息情况。三、收到和处理政府信息公开申请情况。";

    #[test]
    fn gbk_without_declaration() {
        let (bytes, _, _) = encoding_rs::GBK.encode(REPORT);
        let d = decode(&bytes).expect("decode");
        assert_eq!(d.text, REPORT);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn gbk_html_without_declaration() {
        let html = format!("<html><head><title>年报</title></head><body><p>{REPORT}</p></body></html>");
        let (bytes, _, _) = encoding_rs::GBK.encode(&html);
        let report = gongkai::parse_bytes(&bytes).expect("parse");
        let enc = report.diagnostics.iter().find(|d| d.code == gongkai::codes::INPUT_ENCODING).expect("encoding note");
        assert!(enc.message.contains("gb18030"), "{}", enc.message);
    }

    #[test]
    fn big5_declared() {
        let trad = "<html><head><meta charset=\"big5\"></head><body><p>本年收費金額(單位:萬元) 規章 政府資訊公開</p></body></html>";
        let (bytes, _, _) = encoding_rs::BIG5.encode(trad);
        let d = decode(&bytes).expect("decode");
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.decided_by, "declared charset");
        assert_eq!(d.text, trad);
    }

    #[test]
    fn big5_without_declaration() {
        let trad = "政府資訊公開工作年度報告。本年收費金額(單位:萬元)。規章、行政規範性文件，本年製發件數，現行有效件數。\
            收到和處理政府資訊公開申請情況，予以公開，部分公開，不予公開，屬於國家秘密。";
        let (bytes, _, _) = encoding_rs::BIG5.encode(trad);
        let d = decode(&bytes).expect("decode");
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, trad);
    }

    #[test]
    fn utf16_bom_both_orders() {
        let text = "<html><body><p>年度报告</p></body></html>";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = decode(&bytes).expect("decode");
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, name);
            assert_eq!(d.decided_by, "byte order mark");
        }
    }

    #[test]
    fn utf16_without_bom() {
        let text = "<html><body><p>政府信息公开工作年度报告</p></body></html>";
        let mut le = Vec::new();
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).expect("decode");
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn wrong_declaration_falls_back() {
        // Declared GBK, but the bytes are UTF-8 (a page re-saved by a crawler).
        let page = format!("<html><head><meta charset=\"gb2312\"></head><body><p>{REPORT}</p></body></html>");
        let d = decode(page.as_bytes()).expect("decode");
        assert_eq!(d.text, page);
        assert_eq!(d.encoding, "UTF-8");
        // Declared UTF-8, but the bytes are GBK.
        let page = format!("<html><head><meta charset=\"utf-8\"></head><body><p>{REPORT}</p></body></html>");
        let (gbk, _, _) = encoding_rs::GBK.encode(&page);
        let d = decode(&gbk).expect("decode");
        assert_eq!(d.text, page);
        assert_eq!(d.encoding, "gb18030");
        // Declared Big5, but the bytes are GBK and not valid Big5.
        let page = format!("<html><head><meta charset=\"big5\"></head><body><p>{REPORT}</p></body></html>");
        let (gbk, _, _) = encoding_rs::GBK.encode(&page);
        let d = decode(&gbk).expect("decode");
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, page);
    }

    #[test]
    fn garbage_never_panics() {
        let mut seed = 0x2545F4914F6CDD1Du64;
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed >> 24) as u8
                })
                .collect();
            let _ = decode(&bytes);
            let _ = gongkai::parse_bytes(&bytes);
            let mut html = b"<html><meta charset=\"big5\"><table><tr><td rowspan=99999 colspan=0>".to_vec();
            html.extend_from_slice(&bytes);
            let _ = gongkai::parse_bytes(&html);
        }
    }
}

/// The round trip of `tests/roundtrip.rs` in the official HTML grid: a generated report's values
/// (random, both formats, some cells blank) rendered with rowspan/colspan as template.md draws the
/// tables, in UTF-8 and in GBK, parse back to exactly those values.
#[test]
fn generated_reports_round_trip_through_the_official_grid() {
    use gongkai::synth::{self, Layout, Options};
    use serde_json::{Map, Value, json};
    let mut failures = Vec::new();
    for template in [gongkai::Template::F2021, gongkai::Template::F2019] {
        for seed in 0..24 {
            let g = synth::generate(seed, &Options::new(template, Layout::WhitespaceRows).blank_per_mille(80));
            let mut tables = Map::new();
            for cell in &g.cells {
                let value = cell.value.map_or(Value::Null, |n| match n {
                    gongkai::Number::Int(i) => json!(i),
                    gongkai::Number::Decimal(d) => json!(d),
                });
                let rows = tables.entry(cell.table.as_str()).or_insert_with(|| json!({"rows": {}}));
                let row = rows["rows"].as_object_mut().expect("rows").entry(cell.row).or_insert_with(|| json!({}));
                row.as_object_mut().expect("row").insert(cell.column.to_string(), value);
            }
            let gold = json!({
                "template": template.as_str(),
                "meta": {"body": "某某镇", "year": if template == gongkai::Template::F2019 { 2020 } else { 2023 }},
                "sections": ["overview", "proactive", "requests", "review_litigation", "problems", "other"],
                "tables": tables,
            });
            for charset in ["utf-8", "gbk"] {
                let page = html_grid::page(&gold, charset);
                let report = if charset == "gbk" {
                    let (bytes, _, _) = encoding_rs::GBK.encode(&page);
                    gongkai::parse_bytes(&bytes)
                } else {
                    gongkai::parse(&page)
                }
                .expect("parse");
                let diffs = g.mismatches(&report);
                if !diffs.is_empty() {
                    failures.push(format!("seed {seed} {} {charset}: {}", template.as_str(), diffs.join("; ")));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} renderings differ:\n{}", failures.len(), failures.join("\n"));
}
