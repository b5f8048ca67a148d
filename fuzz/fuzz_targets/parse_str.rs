//! `parse` on arbitrary UTF-8: never panics, every span lies inside the text on char boundaries,
//! and every table value's digits occur in the text (the property of `tests/properties.rs`).
#![no_main]

use gongkai::{Number, Span};
use libfuzzer_sys::fuzz_target;

fn digits(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect()
}

fn check_span(text: &str, what: &str, s: Span) {
    assert!(
        s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what}: bad span {s:?} in {} bytes",
        text.len()
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(report) = gongkai::parse(text) else { return };
    let _ = report.to_json();
    for s in &report.sections {
        check_span(text, s.key, s.span);
    }
    for d in &report.diagnostics {
        if let Some(sp) = d.span {
            check_span(text, d.code, sp);
        }
    }
    let all = digits(text);
    for t in [&report.tables.proactive, &report.tables.requests, &report.tables.review_litigation].into_iter().flatten() {
        check_span(text, t.kind.as_str(), t.span);
        for r in &t.rows {
            if let Some(sp) = r.span {
                check_span(text, r.key, sp);
            }
        }
        for (row, col, v) in t.cells() {
            let want = match v {
                Some(Number::Int(i)) => Some(i.unsigned_abs().to_string()),
                Some(Number::Decimal(d)) => {
                    assert!(d.is_finite(), "{row}.{col}: non-finite {d}");
                    let whole = d.abs().trunc();
                    (d == 0.0 || (1.0..1e15).contains(&whole)).then(|| format!("{whole:.0}"))
                }
                None => None,
            };
            if let Some(w) = want {
                assert!(all.contains(&w), "{}.{row}.{col} = {w}: not in the text", t.kind.as_str());
            }
        }
    }
});
