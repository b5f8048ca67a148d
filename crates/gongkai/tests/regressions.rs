//! Inputs that once broke (or nearly broke) the parser, found by fuzzing (`fuzz/`) and by the
//! property tests, minimised and kept here inline. Each must parse without panicking, with sound
//! spans, and quickly.

use std::time::{Duration, Instant};

fn parse_ok(text: &str) -> gongkai::Report {
    let started = Instant::now();
    let report = gongkai::parse(text).expect("parse");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(20), "took {took:?} on {} bytes", text.len());
    for s in &report.sections {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len(), "section span {:?}", s.span);
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
    }
    for d in &report.diagnostics {
        if let Some(sp) = d.span {
            assert!(sp.start <= sp.end && sp.end <= text.len(), "diagnostic span {sp:?}");
            assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
        }
    }
    let _ = report.to_json();
    report
}

fn bytes_ok(bytes: &[u8]) {
    if let Ok(report) = gongkai::parse_bytes(bytes) {
        let _ = report.to_json();
    }
}

#[test]
fn empty_and_tiny_inputs() {
    for text in ["", " ", "\n", "|", "||||", "0", "一、", "（", "\u{a0}", "\u{feff}", "\r\n"] {
        parse_ok(text);
    }
    for bytes in [&b""[..], b"\xff", b"\xff\xfe", b"\xfe\xff\x00", b"\xef\xbb", b"\xef\xbb\xbf", b"\x81", b"\x00\x00"] {
        bytes_ok(bytes);
    }
}

#[test]
fn labels_with_no_values() {
    let report = parse_ok("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n（七）总计\n四、结转下年度继续办理\n");
    if let Some(t) = &report.tables.requests {
        assert!(t.cells().all(|(_, _, v)| v.is_none()), "a value from nowhere");
    }
}

#[test]
fn a_label_at_the_very_end() {
    parse_ok("四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计");
    parse_ok("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n规章");
    parse_ok("行政事业性收费 1.");
    parse_ok("政府集中采购 3 元");
}

#[test]
fn long_digit_runs() {
    let digits = "9".repeat(5000);
    parse_ok(&format!("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量{digits}\n"));
    parse_ok(&format!("四、政府信息公开行政复议、行政诉讼情况\n结果维持结果纠正其他结果尚未审结总计{digits}\n"));
    parse_ok(&format!("二、主动公开政府信息情况\n规章{digits}行政规范性文件{digits}\n"));
}

#[test]
fn numbers_that_overflow() {
    parse_ok("一、本年新收政府信息公开申请数量 99999999999999999999999 1 1 1 1 1 1");
    parse_ok("行政事业性收费 1e308 | 1.7976931348623157e309 |");
    parse_ok("本年增/减 行政许可 -9223372036854775808 +9223372036854775808 0");
}
