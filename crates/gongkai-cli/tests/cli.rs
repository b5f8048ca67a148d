//! The `gongkai` binary, run as a user would run it.
#![allow(clippy::panic, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The report of `docs/template.md`'s 表四 example: 复议后起诉 0 + 0 + 0 + 1 ≠ 总计 2 (I6), on line 6.
const BROKEN_T4: &str = "某某镇2022年政府信息公开工作年度报告
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
1 0 0 0 1 0 0 0 0 0 0 0 0 1 2
五、存在的主要问题及改进情况
";

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../gongkai/tests/corpus")
}

/// The binary, run from the corpus directory so that sources are short relative paths.
fn gongkai() -> Command {
    let mut cmd = Command::cargo_bin("gongkai").expect("the gongkai binary is built");
    cmd.current_dir(corpus()).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("gongkai runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).expect("each line is one JSON object")).collect()
}

/// What the library says for a file, with `source` added as the batch output adds it.
fn expected(source: &str) -> Value {
    let report = gongkai::parse_file(corpus().join(source)).expect("corpus files parse");
    let mut v = report.to_json_value();
    v.as_object_mut().expect("a report is an object").insert("source".into(), source.into());
    v
}

/// Every report file of the corpus, in the order the walk yields them (sorted by path).
fn corpus_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["real", "seeds"] {
        let mut names: Vec<String> = std::fs::read_dir(corpus().join(dir))
            .expect("corpus dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt") || n.ends_with(".html"))
            .collect();
        names.sort();
        files.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    files
}

#[test]
fn version_and_help() {
    let r = run(gongkai().arg("--version"));
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.trim(), format!("gongkai {}", env!("CARGO_PKG_VERSION")));
    let r = run(gongkai().arg("--help"));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Examples:") && r.stdout.contains("gongkai parse") && r.stdout.contains("gongkai check"));
    let r = run(gongkai().args(["parse", "--help"]));
    assert!(r.stdout.contains("--format") && r.stdout.contains("--threads") && r.stdout.contains("--glob"));
    // Help is plain text when stdout is not a terminal.
    assert!(!r.stdout.contains('\x1b'));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(run(&mut gongkai()).code, 2);
    assert_eq!(run(gongkai().arg("parse")).code, 2);
    assert_eq!(run(gongkai().args(["parse", "seeds", "--format", "xml"])).code, 2);
    assert_eq!(run(gongkai().args(["parse", "seeds", "--threads", "0"])).code, 2);
    assert_eq!(run(gongkai().args(["frobnicate", "seeds"])).code, 2);
}

#[test]
fn json_of_one_file_is_the_report_object() {
    let source = "seeds/001_333e33f0e39a8a89.txt";
    let r = run(gongkai().args(["parse", source]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("one JSON object");
    let mut want = expected(source);
    want.as_object_mut().map(|m| m.remove("source"));
    assert_eq!(v, want);
    for key in ["template", "meta", "sections", "tables", "legacy_statistics", "narrative", "diagnostics"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn jsonl_over_the_corpus_is_every_report_in_order() {
    let r = run(gongkai().args(["parse", "real", "seeds"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = json_lines(&r.stdout);
    let files = corpus_files();
    assert_eq!(lines.len(), files.len());
    for (line, file) in lines.iter().zip(&files) {
        assert_eq!(line, &expected(file), "{file}");
    }
    // The summary line, and no progress bar or colour when stderr is not a terminal.
    let summary = r.stderr.lines().last().unwrap_or_default();
    assert!(summary.contains(&format!("{} files", files.len())), "{summary}");
    assert!(summary.contains("with tables") && summary.contains("warning") && summary.contains("MB/s"), "{summary}");
    assert!(!r.stderr.contains('\x1b') && !r.stderr.contains('\r'), "{:?}", r.stderr);
}

#[test]
fn json_of_several_inputs_is_an_array_with_sources() {
    let r = run(gongkai().args(["parse", "seeds", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("one JSON array");
    let items = v.as_array().expect("an array");
    let files: Vec<String> = corpus_files().into_iter().filter(|f| f.starts_with("seeds/")).collect();
    assert_eq!(items.len(), files.len());
    for (item, file) in items.iter().zip(&files) {
        assert_eq!(item, &expected(file));
    }
    // A directory with one file is still a batch: an array.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), BROKEN_T4).expect("write");
    let r = run(gongkai().arg("parse").arg(dir.path()).args(["--format", "json"]));
    let v: Value = serde_json::from_str(&r.stdout).expect("one JSON array");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
}

#[test]
fn csv_is_the_long_cells_table() {
    let r = run(gongkai().args(["parse", "real", "seeds", "--format", "csv"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.lines();
    assert_eq!(lines.next(), Some("source,table,row,column,value"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let mut want = Vec::new();
    for file in corpus_files() {
        let report = gongkai::parse_file(corpus().join(&file)).expect("parses");
        let t = &report.tables;
        for table in [&t.proactive, &t.requests, &t.review_litigation].into_iter().flatten() {
            for (row, column, value) in table.cells() {
                let value = value.map(|v| v.to_string()).unwrap_or_default();
                want.push(vec![file.clone(), table.kind.as_str().to_string(), row.to_string(), column.to_string(), value]);
            }
        }
    }
    assert_eq!(rows, want);
}

#[test]
fn csv_cells_of_a_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t4.txt");
    std::fs::write(&path, BROKEN_T4).expect("write");
    let r = run(gongkai().arg("parse").arg(&path).args(["--format", "csv"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let source = path.to_string_lossy();
    assert!(r.stdout.contains(&format!("{source},review_litigation,review,upheld,1\n")), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("{source},review_litigation,litigation_after_review,total,2\n")), "{}", r.stdout);
    assert_eq!(r.stdout.lines().filter(|l| l.contains(",review_litigation,")).count(), 15);
}

#[test]
fn a_directory_is_walked_recursively_in_a_stable_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for (path, text) in [
        ("b/nested/deep.txt", BROKEN_T4),
        ("a.html", "<html><body>某某镇2022年政府信息公开工作年度报告</body></html>"),
        ("b/c.txt", BROKEN_T4),
        ("notes.json", "{}"),
        (".hidden/x.txt", BROKEN_T4),
        ("b/.x.txt", BROKEN_T4),
    ] {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    let sources = |r: &Run| -> Vec<String> {
        json_lines(&r.stdout)
            .iter()
            .map(|v| {
                let s = v["source"].as_str().expect("source").to_string();
                Path::new(&s).strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/")
            })
            .collect()
    };
    let r = run(gongkai().arg("parse").arg(root));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sources(&r), ["a.html", "b/c.txt", "b/nested/deep.txt"]);
    let r = run(gongkai().arg("parse").arg(root).args(["--glob", "*.txt"]));
    assert_eq!(sources(&r), ["b/c.txt", "b/nested/deep.txt"]);
    let r = run(gongkai().arg("parse").arg(root).args(["--glob", "b/*.{txt,html}", "--glob", "notes.*"]));
    assert_eq!(sources(&r), ["b/c.txt", "notes.json"]);
    // A directory with no report file in it: nothing to do, and a warning saying so.
    let r = run(gongkai().arg("parse").arg(root.join("b")).args(["--glob", "*.pdf"]));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert!(r.stderr.contains("no input files"), "{}", r.stderr);
}

#[test]
fn stdin_is_read_for_a_dash() {
    let r = run(gongkai().args(["parse", "-"]).write_stdin(BROKEN_T4));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("one JSON object");
    let mut want = gongkai::parse_bytes(BROKEN_T4.as_bytes()).expect("parses").to_json_value();
    assert_eq!(v, want);
    // Beside files, in a batch, it is `<stdin>`.
    let r = run(gongkai().args(["parse", "seeds/001_333e33f0e39a8a89.txt", "-"]).write_stdin(BROKEN_T4));
    let lines = json_lines(&r.stdout);
    assert_eq!(lines.len(), 2);
    want.as_object_mut().map(|m| m.insert("source".into(), "<stdin>".into()));
    assert_eq!(lines[1], want);
    // GBK bytes on stdin are decoded.
    let gbk: &[u8] = &[0xb1, 0xa8, 0xb8, 0xe6, 0x0a]; // 报告
    let r = run(gongkai().args(["parse", "-"]).write_stdin(gbk));
    let v: Value = serde_json::from_str(&r.stdout).expect("one JSON object");
    assert!(v["diagnostics"].to_string().contains("gb18030"), "{v}");
}

#[test]
fn unreadable_inputs_fail_alone_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let undecodable = dir.path().join("bad.txt");
    std::fs::write(&undecodable, b"abc\xff\xff\xff").expect("write");
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "报告".repeat(200_000)).expect("write");
    let missing = dir.path().join("missing.txt");
    let good = ["seeds/001_333e33f0e39a8a89.txt", "real/pingtan-2020.txt", "seeds/004_22396afa0ad06227.txt"];
    let mut cmd = gongkai();
    cmd.args(["parse", good[0]]).arg(&undecodable).arg(good[1]).arg(&missing).arg(&big).arg(good[2]);
    cmd.args(["--max-input-bytes", "1000000", "--threads", "2"]);
    let r = run(&mut cmd);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines = json_lines(&r.stdout);
    assert_eq!(lines.len(), 6);
    for (i, file) in [(0, good[0]), (2, good[1]), (5, good[2])] {
        assert_eq!(lines[i], expected(file));
    }
    let kinds: Vec<&str> = [1, 3, 4].iter().map(|&i| lines[i]["error"]["kind"].as_str().unwrap_or("?")).collect();
    assert_eq!(kinds, ["decode", "io", "too_large"]);
    assert_eq!(lines[3]["source"], missing.to_string_lossy().as_ref());
    for i in [1, 3, 4] {
        let keys: Vec<&String> = lines[i].as_object().expect("object").keys().collect();
        assert_eq!(keys.len(), 2, "{}", lines[i]);
        assert!(lines[i]["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // One error line per failed input on stderr, then the summary.
    assert_eq!(r.stderr.lines().filter(|l| l.starts_with("error")).count(), 3, "{}", r.stderr);
    assert!(r.stderr.contains("missing.txt") && r.stderr.contains("3 errors"), "{}", r.stderr);

    // CSV: the good files' cells, the errors on stderr; still exit 1.
    let r = run(gongkai().args(["parse", good[0], "--format", "csv"]).arg(&missing));
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("source,table,row,column,value\n"));
    assert!(!r.stdout.contains("missing.txt"));
    // One unreadable input on its own: the error object, exit 1.
    let r = run(gongkai().arg("parse").arg(&missing));
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.stdout).expect("one JSON object");
    assert_eq!(v["error"]["kind"], "io");
}

#[test]
fn output_goes_to_a_file_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.jsonl");
    let r = run(gongkai().args(["parse", "seeds", "--output"]).arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let written = std::fs::read_to_string(&out).expect("written");
    assert_eq!(json_lines(&written).len(), 5);
    // A file that cannot be created is a bad argument.
    let r = run(gongkai().args(["parse", "seeds", "--output"]).arg(dir.path().join("no/such/dir/x")));
    assert_eq!(r.code, 2);
}

#[test]
fn one_thread_and_two_threads_give_identical_output() {
    for format in ["jsonl", "csv", "json"] {
        let one = run(gongkai().args(["parse", ".", "--threads", "1", "--format", format]));
        let two = run(gongkai().args(["parse", ".", "--threads", "2", "--format", format]));
        assert_eq!(one.code, 0);
        assert_eq!(one.stdout, two.stdout, "{format}");
        assert!(!one.stdout.is_empty());
    }
    let one = run(gongkai().args(["check", ".", "--threads", "1"]));
    let two = run(gongkai().args(["check", ".", "--threads", "2"]));
    assert_eq!((one.code, &one.stdout), (two.code, &two.stdout));
}

#[test]
fn check_names_the_broken_cell_and_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.txt");
    std::fs::write(&path, BROKEN_T4).expect("write");
    let r = run(gongkai().arg("check").arg(&path));
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    // Where the library puts the broken identity, as line:column (in characters).
    let report = gongkai::parse(BROKEN_T4).unwrap();
    let d = report.diagnostics.iter().find(|d| d.code == "identity.review_total").expect("I6 is reported");
    let start = d.span.expect("with a span").start;
    let before = &BROKEN_T4[..start];
    let (line_no, col) = (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().unwrap_or_default().chars().count() + 1,
    );
    assert!((2..=6).contains(&line_no), "the table lies on lines 2 to 6, not {line_no}");
    let head = format!("{}:{line_no}:{col}: ", path.to_string_lossy());
    let line = r.stdout.lines().find(|l| l.starts_with(&head)).unwrap_or_else(|| panic!("no {head} in\n{}", r.stdout));
    assert!(line.contains(": warning [identity.review_total]: "), "{line}");
    assert!(r.stdout.contains("cell: 表四 行政诉讼 复议后起诉 · 总计"), "{}", r.stdout);
    // The source line is shown under the message.
    let source_line = BROKEN_T4.lines().nth(line_no - 1).unwrap_or_default();
    assert!(r.stdout.contains(&format!("{line_no} | {source_line}\n")), "{}", r.stdout);
    assert!(r.stdout.contains('^'));
    assert!(!r.stdout.contains('\x1b'));
    assert!(r.stdout.lines().last().is_some_and(|l| l.starts_with("check failed: 1 file checked, 1 with")), "{}", r.stdout);

    // The same for tools.
    let r = run(gongkai().arg("check").arg(&path).args(["--format", "json"]));
    assert_eq!(r.code, 1);
    let lines = json_lines(&r.stdout);
    let d = lines.iter().find(|d| d["code"] == "identity.review_total").expect("the broken identity");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(line_no as u64), Some(col as u64)));
    assert_eq!(d["cell"]["row"], "litigation_after_review");
    assert_eq!(d["cell_label"], "表四 行政诉讼 复议后起诉 · 总计");
    assert_eq!(d["fails_check"], true);
    assert_eq!(d["source"], path.to_string_lossy().as_ref());
}

#[test]
fn check_flags_the_identity_a_real_report_breaks() {
    // pingtan-2020 (whole report on line 10): （七）总计 of 自然人 says 20, its outcome rows add to 26.
    let r = run(gongkai().args(["check", "real/pingtan-2020.txt"]));
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("[identity.results_total]"))
        .unwrap_or_else(|| panic!("no I3 warning in\n{}", r.stdout));
    assert!(line.starts_with("real/pingtan-2020.txt:10:"), "{line}");
    assert!(r.stdout.contains("cell: 表三 （七）总计 · 自然人"), "{}", r.stdout);
    assert!(r.stdout.contains("cell: 表三 （七）总计 · 总计"), "{}", r.stdout);
    // The very long source line is cut around the cell.
    let shown: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("10 | ")).collect();
    assert!(!shown.is_empty() && shown.iter().all(|l| l.chars().count() < 200), "{}", r.stdout);
}

#[test]
fn check_passes_a_clean_report() {
    let r = run(gongkai().args(["check", "seeds/001_333e33f0e39a8a89.txt"]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("[identity.") && !r.stdout.contains("[table.absent]"), "{}", r.stdout);
    assert!(r.stdout.lines().last().is_some_and(|l| l.starts_with("check passed: 1 file checked, 0 with")), "{}", r.stdout);
}

#[test]
fn check_fails_an_unreadable_input() {
    let r = run(gongkai().args(["check", "seeds/001_333e33f0e39a8a89.txt", "no-such-file.txt"]));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no-such-file.txt"));
    assert!(r.stdout.contains("1 unreadable"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.txt");
    std::fs::write(&path, BROKEN_T4).expect("write");
    let r = run(gongkai().args(["check", "--color", "always"]).arg(&path));
    assert!(r.stdout.contains("\x1b["), "{}", r.stdout);
    let r = run(gongkai().args(["check", "--color", "auto"]).arg(&path).env("NO_COLOR", "1"));
    assert!(!r.stdout.contains("\x1b["));
    let r = run(gongkai().args(["--quiet", "parse", "seeds"]));
    assert_eq!(r.code, 0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}
