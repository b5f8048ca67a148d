//! Every report of the bundled corpus against its hand-verified gold file.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

#[test]
fn every_text_rendering_matches_its_gold() {
    let cases = common::cases();
    assert_eq!(cases.len(), 29, "the corpus has 29 gold files");
    let mut failures = Vec::new();
    let mut reports = 0;
    let mut cells = 0;
    for case in &cases {
        assert!(!case.texts.is_empty(), "{}: no text rendering", case.stem);
        for path in &case.texts {
            let report = gongkai::parse_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            reports += 1;
            let diffs = common::compare(&report.to_json_value(), &case.gold, &mut cells);
            if !diffs.is_empty() {
                failures.push(format!("{}:\n  {}", path.display(), diffs.join("\n  ")));
            }
        }
    }
    eprintln!("golden: {reports} reports, {cells} cells compared, {} reports differ", failures.len());
    assert!(failures.is_empty(), "{} of {reports} reports differ from gold:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn source_identity_violations_are_reported_not_fixed() {
    for case in common::cases() {
        let wanted = case.gold["source_identity_violations"].as_array().map_or(0, Vec::len);
        for path in &case.texts {
            let report = gongkai::parse_file(path).expect("parse");
            let identity_warnings = report.diagnostics.iter().filter(|d| d.code.starts_with("identity.")).count();
            if wanted > 0 {
                assert!(identity_warnings > 0, "{}: the source breaks {wanted} identities, none reported", path.display());
            } else {
                assert_eq!(
                    identity_warnings,
                    0,
                    "{}: identity warnings on a report whose numbers hold: {:?}",
                    path.display(),
                    report.diagnostics.iter().filter(|d| d.code.starts_with("identity.")).collect::<Vec<_>>()
                );
            }
        }
    }
}

#[test]
fn inference_fills_only_blanks_and_flags_each() {
    let mut inferred = 0;
    for case in common::cases() {
        for path in &case.texts {
            let plain = gongkai::parse_file(path).expect("parse");
            let report = gongkai::Options::default().infer(true).parse_file(path).expect("parse");
            for (kind, table) in [
                (gongkai::TableKind::Proactive, &report.tables.proactive),
                (gongkai::TableKind::Requests, &report.tables.requests),
                (gongkai::TableKind::ReviewLitigation, &report.tables.review_litigation),
            ] {
                let Some(table) = table else { continue };
                let before = plain.tables.get(kind).expect("same tables");
                for (row, col, value) in table.cells() {
                    match (before.get(row, col), value) {
                        (Some(a), b) => assert_eq!(Some(a), b, "{}: {row}.{col} changed", path.display()),
                        (None, Some(_)) => {
                            inferred += 1;
                            assert!(
                                report.diagnostics.iter().any(|d| d.code == gongkai::codes::TABLE_INFERRED
                                    && d.cell.is_some_and(|c| c.row == row && c.column == col)),
                                "{}: {row}.{col} filled without a flag",
                                path.display()
                            );
                        }
                        (None, None) => {}
                    }
                }
            }
        }
    }
    // hebei-jyt-2021 leaves 上年结转's 总计 blank; its six zeros settle it.
    assert!(inferred > 0);
}
