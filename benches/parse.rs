//! Parsing speed: the bundled corpus, synthetic reports per layout and format, and scaling on
//! pathological inputs. Run with `cargo bench -p gongkai --bench parse`.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gongkai::Template;
use gongkai::synth::{self, Layout, stress};

fn corpus_texts() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus");
    let mut out = Vec::new();
    for sub in ["seeds", "real"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt" || e == "html") {
                if let Ok(bytes) = std::fs::read(&p) {
                    out.push((p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(), bytes));
                }
            }
        }
    }
    out
}

fn corpus(c: &mut Criterion) {
    let all = corpus_texts();
    let mut g = c.benchmark_group("corpus");
    // The headline figures: more and longer samples than the other groups, since this machine's
    // speed drifts from minute to minute.
    g.sample_size(30).measurement_time(Duration::from_secs(6));
    // The whole corpus, then its text reports and its HTML pages apart (the paths differ).
    let text: Vec<_> = all.iter().filter(|(n, _)| n.ends_with(".txt")).cloned().collect();
    let html: Vec<_> = all.iter().filter(|(n, _)| n.ends_with(".html")).cloned().collect();
    for (name, files) in [("all", &all), ("text", &text), ("html", &html)] {
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("{name}_{}_files", files.len()), |b| {
            b.iter(|| {
                for (_, t) in files {
                    let _ = black_box(gongkai::parse_bytes(black_box(t)));
                }
            })
        });
    }
    g.finish();
}

fn layouts(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic");
    for template in [Template::F2021, Template::F2019] {
        for layout in Layout::ALL {
            let texts: Vec<String> = (0..20).map(|s| synth::report(s, template, layout).text).collect();
            let bytes: usize = texts.iter().map(String::len).sum();
            g.throughput(Throughput::Bytes(bytes as u64));
            g.bench_with_input(BenchmarkId::new(template.as_str(), layout.name()), &texts, |b, texts| {
                b.iter(|| {
                    for t in texts {
                        let _ = black_box(gongkai::parse(black_box(t)));
                    }
                })
            });
        }
    }
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    let mut case = |name: &str, param: usize, text: String| {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new(name, param), &text, |b, t| b.iter(|| black_box(gongkai::parse(black_box(t)))));
    };
    for mb in [1usize, 5, 25] {
        case("single_line_mb", mb, stress::single_line(mb << 20, 1));
    }
    for n in [10_000usize, 100_000] {
        case("headings", n, stress::headings(n));
    }
    for n in [100_000usize, 1_000_000] {
        case("pipe_cells", n, stress::pipe_cells(n));
    }
    for n in [1_000usize, 10_000] {
        case("requests_rows", n, stress::long_requests_table(n, 1));
    }
    for n in [10_000usize, 100_000] {
        case("repeated_labels", n, stress::repeated_labels(n));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    targets = corpus, layouts, scaling
}
criterion_main!(benches);
