//! Every report of the bundled corpus against its hand-verified gold file.

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
