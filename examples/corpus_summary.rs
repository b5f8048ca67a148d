//! Parse every report of the bundled corpus and print one line per report.
//!
//! ```text
//! cargo run --release --example corpus_summary [DIR]
//! ```

use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "html" || e == "htm") {
            out.push(path);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"),
        PathBuf::from,
    );
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    println!("{:<40} {:<8} {:<28} {:>5} {:>6} {:>5}", "file", "template", "body", "year", "tables", "warn");
    let (mut with_tables, mut warnings) = (0, 0);
    for path in &files {
        match gongkai::parse_file(path) {
            Ok(report) => {
                let t = &report.tables;
                let present = [&t.proactive, &t.requests, &t.review_litigation].iter().filter(|x| x.is_some()).count();
                let warn = report.diagnostics_at_least(gongkai::Severity::Warning).count();
                with_tables += usize::from(present > 0);
                warnings += warn;
                println!(
                    "{:<40} {:<8} {:<28} {:>5} {:>6} {:>5}",
                    path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
                    report.template.as_str(),
                    report.meta.body.as_deref().unwrap_or("-"),
                    report.meta.year.map_or("-".to_string(), |y| y.to_string()),
                    present,
                    warn
                );
            }
            Err(e) => println!("{}: error: {e}", path.display()),
        }
    }
    println!("{} reports, {with_tables} with tables, {warnings} warnings", files.len());
}
