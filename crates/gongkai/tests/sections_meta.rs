//! Sections, metadata, narrative and pre-2019 statistics through the public API: small inputs
//! written here, and the non-table fields of every corpus report against its gold file.
#![allow(clippy::unwrap_used)]

mod common;

use gongkai::{Number, Template};

fn keys(r: &gongkai::Report) -> Vec<&'static str> {
    r.sections.iter().map(|s| s.key).collect()
}

const SIX: &[&str] = &["overview", "proactive", "requests", "review_litigation", "problems", "other"];

#[test]
fn own_line_headings_and_clutter() {
    let text = "您现在的位置: | 首页 |\n某县某镇2022年政府信息公开工作年度报告\n发布日期:2023-01-30 14:26:56\n\
                本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、\
                存在的主要问题及改进情况、其他需要报告的事项六部分组成。本报告所列数据的统计期限为2022年1月1日至2022年12月31日。\n\
                一、总体情况\n全年主动公开政府信息129条。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
                四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n意识不强。\n六、其他需要报告的事项\n\
                本年度未收取信息处理费。\n某镇人民政府\n2023年1月20日\n上一篇:某报告\n下一篇:另一报告\n主办单位:某县人民政府 地址:某路1号";
    let r = gongkai::parse(text).unwrap();
    assert_eq!(r.template, Template::F2021);
    assert_eq!(keys(&r), SIX);
    assert_eq!(r.meta.body.as_deref(), Some("某县某镇"));
    assert_eq!(r.meta.year, Some(2022));
    assert_eq!(r.meta.published.as_deref(), Some("2023-01-30"));
    assert_eq!(r.meta.contact, None, "the footer's address is not the report's");
    let last = r.sections.last().unwrap();
    assert_eq!(last.text, "本年度未收取信息处理费。\n某镇人民政府\n2023年1月20日");
    assert_eq!(&text[last.span.start..last.span.end], format!("{}\n{}", last.heading, last.text));
    assert_eq!(r.narrative.proactive_total, Some(129));
    assert_eq!(r.narrative.fee_charged, Some(false));
}

#[test]
fn single_line_crawl_without_separators() {
    let text = "根据条例等规定,发布本年度报告。报告中所列数据统计期限为2021年1月1日至12月31日。一、总体情况2021年,某省某厅坚持公开。\
                二、主动公开政府信息情况第二十条三、收到和处理政府信息公开申请情况(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\
                一、本年新收政府信息公开申请数量2000002二、上年结转政府信息公开申请数量0000000三、本年度办理结果(一)予以公开2000002\
                四、结转下年度继续办理0000000四、因政府信息公开工作被申请行政复议、提起行政诉讼情况000000000000000\
                五、存在的主要问题及改进情况2021年我厅仍有不足。六、其他需要报告的事项2021年未收取信息处理费。";
    let r = gongkai::parse(text).unwrap();
    assert_eq!(keys(&r), SIX);
    assert_eq!(r.template, Template::F2021);
    assert_eq!(r.meta.body.as_deref(), Some("某省某厅"));
    assert_eq!(r.meta.year, Some(2021));
    let p = r.meta.period.as_ref().unwrap();
    assert_eq!((p.start.as_str(), p.end.as_str()), ("2021-01-01", "2021-12-31"));
    assert_eq!(r.sections[3].heading, "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况");
}

#[test]
fn ideographic_space_pre2019() {
    let text = "\u{3000}\u{3000}根据《中华人民共和国政府信息公开条例》（国务院令第492号）等规定，现发布《河北省某某厅2016年度政府信息公开工作报告》。\
                \u{3000}\u{3000}一、基本情况\u{3000}\u{3000}2016年，某厅公开信息。\u{3000}\u{3000}二、公开政府信息情况\u{3000}\u{3000}文字。\
                \u{3000}\u{3000}三、回应解读情况\u{3000}\u{3000}文字。\u{3000}\u{3000}四、存在的主要问题和改进措施\u{3000}\u{3000}文字。";
    let r = gongkai::parse(text).unwrap();
    assert_eq!(r.template, Template::Pre2019);
    assert_eq!(keys(&r), ["overview", "proactive", "interpretation_response", "problems"]);
    assert_eq!(r.meta.body.as_deref(), Some("河北省某某厅"));
    assert_eq!(r.meta.year, Some(2016));
}

#[test]
fn pre2019_statistics_table() {
    let text = "一、概述\n文字。\n二、统计表\n政府信息公开情况统计表 指标名称 计量单位 2013年度 历年累计 主动公开信息数 条 72804 76424 \
                其中：1、网站公开 条 72804 76424 2、政府公报公开 条 0 行政复议数 件 0 0\n附件下载";
    let r = gongkai::parse(text).unwrap();
    assert_eq!(r.template, Template::Pre2019);
    let rows = &r.legacy_statistics;
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2].label, "2、政府公报公开");
    assert_eq!((rows[2].value, rows[2].cumulative), (Some(Number::Int(0)), None));
    assert_eq!(rows[3].unit.as_deref(), Some("件"));
}

#[test]
fn narrative_sentences() {
    let text = "某镇2022年政务公开工作年度报告\n一、总体情况\n全镇共公开政府信息210条。全镇共收到依申请公开1件,行政诉讼1条,无行政复议。\n\
                二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n\
                五、存在的主要问题及改进情况\n不足。\n六、其他需要报告的事项\n无。";
    let r = gongkai::parse(text).unwrap();
    assert_eq!(r.meta.body.as_deref(), Some("某镇"));
    let n = &r.narrative;
    assert_eq!((n.proactive_total, n.requests_received, n.lawsuits, n.reviews), (Some(210), Some(1), Some(1), Some(0)));
}

#[test]
fn odd_inputs_do_not_panic() {
    for t in ["", "一、", "标题:", "统计指标 单位", "地址:", "电子版http", "2024年", "一、总体情况\u{3000}", "四、结转下年度继续办理"] {
        let _ = gongkai::parse(t).unwrap();
    }
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Template, body, year, section keys and statistics-table presence of every corpus text.
#[test]
fn corpus_non_table_fields_match_gold() {
    let mut failures = Vec::new();
    for case in common::cases() {
        let gold = &case.gold;
        for path in &case.texts {
            let r = gongkai::parse_file(path).expect("parse");
            let j = r.to_json_value();
            let mut diffs = Vec::new();
            if j["template"] != gold["template"] {
                diffs.push(format!("template {} want {}", j["template"], gold["template"]));
            }
            let body = j["meta"]["body"].as_str().map(strip_ws);
            let want = gold["meta"]["body"].as_str().map(strip_ws);
            if body != want {
                diffs.push(format!("body {body:?} want {want:?}"));
            }
            if j["meta"]["year"] != gold["meta"]["year"] {
                diffs.push(format!("year {} want {}", j["meta"]["year"], gold["meta"]["year"]));
            }
            if !gold["sections"].is_null() {
                let got: Vec<serde_json::Value> = keys(&r).into_iter().map(Into::into).collect();
                if serde_json::Value::Array(got.clone()) != gold["sections"] {
                    diffs.push(format!("sections {got:?} want {}", gold["sections"]));
                }
            }
            let legacy = !r.legacy_statistics.is_empty();
            if gold["legacy_statistics_present"].as_bool().unwrap_or(false) != legacy {
                diffs.push(format!("legacy_statistics present {legacy}"));
            }
            if !diffs.is_empty() {
                failures.push(format!("{}: {}", case.stem, diffs.join("; ")));
            }
        }
    }
    assert!(failures.is_empty(), "{} reports differ:\n{}", failures.len(), failures.join("\n"));
}

/// Hostile inputs stay linear: a few megabytes of repeated anchors parse quickly even unoptimised.
#[test]
fn repeated_anchors_stay_linear() {
    for unit in ["收到申请", "一、总体情况", "|", "2024年", "行政复议", "信息处理费", "地址:", "电子版", "统计指标 单位 ", "一,二,三,"] {
        let text = unit.repeat(400_000 / unit.len());
        let t = std::time::Instant::now();
        let _ = gongkai::parse(&text).unwrap();
        assert!(t.elapsed().as_secs_f64() < 10.0, "{unit:?}: {:?}", t.elapsed());
    }
}
