//! Shared by the integration tests: the bundled corpus and its gold files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// `tests/corpus` of this crate.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus")
}

/// One gold file and the text renderings of its report.
pub struct Case {
    pub stem: String,
    pub gold: Value,
    /// Text renderings (`.txt`).
    pub texts: Vec<PathBuf>,
    /// HTML renderings (`.html`).
    pub htmls: Vec<PathBuf>,
}

/// Every gold file with the renderings it describes.
pub fn cases() -> Vec<Case> {
    let dir = corpus_dir();
    let mut cases = Vec::new();
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .expect("gold dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    golds.sort();
    for gold_path in golds {
        let stem = gold_path.file_stem().expect("stem").to_string_lossy().to_string();
        let gold: Value = serde_json::from_slice(&std::fs::read(&gold_path).expect("read gold")).expect("gold json");
        let mut texts = Vec::new();
        let mut htmls = Vec::new();
        for sub in ["seeds", "real"] {
            for ext in ["txt", "html"] {
                let p = dir.join(sub).join(format!("{stem}.{ext}"));
                if p.exists() {
                    if ext == "txt" { texts.push(p) } else { htmls.push(p) }
                }
            }
        }
        cases.push(Case { stem, gold, texts, htmls });
    }
    cases
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn same_number(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
        _ => a.is_null() && b.is_null(),
    }
}

/// Compare a parsed report (its JSON) with gold; returns one line per difference, and counts the
/// cells compared.
pub fn compare(report: &Value, gold: &Value, cells_compared: &mut usize) -> Vec<String> {
    let mut diffs = Vec::new();
    if report["template"] != gold["template"] {
        diffs.push(format!("template: got {} want {}", report["template"], gold["template"]));
    }
    let body = report["meta"]["body"].as_str().map(strip_ws);
    let want_body = gold["meta"]["body"].as_str().map(strip_ws);
    if body != want_body {
        diffs.push(format!("meta.body: got {body:?} want {want_body:?}"));
    }
    if report["meta"]["year"] != gold["meta"]["year"] {
        diffs.push(format!("meta.year: got {} want {}", report["meta"]["year"], gold["meta"]["year"]));
    }
    if !gold["sections"].is_null() {
        let keys: Vec<Value> = report["sections"]
            .as_array()
            .map(|a| a.iter().map(|s| s["key"].clone()).collect())
            .unwrap_or_default();
        if Value::Array(keys.clone()) != gold["sections"] {
            diffs.push(format!("sections: got {:?} want {}", keys, gold["sections"]));
        }
    }
    let uncertain: Vec<String> = gold["uncertain"]
        .as_array()
        .map(|a| a.iter().filter_map(|u| u.as_str()).map(|u| u.split(':').next().unwrap_or("").trim().to_string()).collect())
        .unwrap_or_default();
    for table in ["proactive", "requests", "review_litigation"] {
        let got = &report["tables"][table];
        let want = &gold["tables"][table];
        if got.is_null() != want.is_null() {
            diffs.push(format!("tables.{table}: present {} want {}", !got.is_null(), !want.is_null()));
            continue;
        }
        let Some(rows) = want["rows"].as_object() else { continue };
        for (row, cols) in rows {
            let Some(cols) = cols.as_object() else { continue };
            for (col, want_v) in cols {
                let key = format!("{table}.{row}.{col}");
                if uncertain.contains(&key) {
                    // The text alone cannot settle it: blank, the page's value, or a value the
                    // parser flags with a diagnostic on that row; never a silent other number.
                    let got_v = &got["rows"][row.as_str()][col.as_str()];
                    let flagged = report["diagnostics"].as_array().is_some_and(|ds| {
                        ds.iter().any(|d| d["cell"]["table"] == table && d["cell"]["row"] == row.as_str())
                    });
                    if !got_v.is_null() && !same_number(got_v, want_v) && !flagged {
                        diffs.push(format!("{key} (uncertain): got {got_v} silently, the page shows {want_v}"));
                    }
                    continue;
                }
                *cells_compared += 1;
                let got_v = &got["rows"][row.as_str()][col.as_str()];
                if !same_number(got_v, want_v) {
                    diffs.push(format!("{key}: got {got_v} want {want_v}"));
                }
            }
        }
    }
    if gold["legacy_statistics_present"].as_bool() == Some(true)
        && report["legacy_statistics"].as_array().is_none_or(|a| a.is_empty())
    {
        diffs.push("legacy_statistics: none read, gold has a statistics table".to_string());
    }
    diffs
}
