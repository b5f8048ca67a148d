//! Running a batch: read each input, render it on a worker thread, write the results in input
//! order, keep the counts, show progress on a terminal and say what failed.

use std::io::{self, IsTerminal, Read};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::inputs::Input;
use crate::pipeline;
use crate::style::Style;

/// What became of one input.
#[derive(Debug)]
pub enum Status {
    /// Parsed.
    Parsed {
        /// At least one statutory table was found.
        with_tables: bool,
        /// Diagnostics of severity warning.
        warnings: usize,
        /// Diagnostics of severity error.
        errors: usize,
        /// A statutory identity fails or a statutory table is missing.
        failing: bool,
    },
    /// Could not be read or decoded.
    Failed {
        /// `Error::kind()`.
        kind: &'static str,
        /// The error message.
        message: String,
    },
}

/// One rendered input.
#[derive(Debug)]
pub struct Item {
    /// The input's `source` name.
    pub source: String,
    /// Bytes read.
    pub bytes: u64,
    /// What to write for it.
    pub out: Vec<u8>,
    /// What became of it.
    pub status: Status,
}

/// Counts over a batch.
#[derive(Debug, Default, Clone)]
pub struct Totals {
    /// Inputs.
    pub files: usize,
    /// Inputs parsed with at least one statutory table.
    pub with_tables: usize,
    /// Warning diagnostics.
    pub warnings: usize,
    /// Error diagnostics.
    pub error_diagnostics: usize,
    /// Inputs that could not be read or decoded.
    pub failed: usize,
    /// Inputs with a failing identity or a missing statutory table.
    pub failing: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl Totals {
    /// Megabytes (10^6 bytes) per second.
    pub fn mb_per_s(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 { self.bytes as f64 / 1e6 / s } else { 0.0 }
    }
}

/// Read an input whole, refusing inputs over `limit` bytes.
pub fn read(input: &Input, limit: usize) -> Result<Vec<u8>, gongkai::Error> {
    let io_error = |source: io::Error| gongkai::Error::Io { path: input.source(), source };
    let too_large = |size: usize| gongkai::Error::TooLarge { size, limit };
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().lock().take(limit as u64 + 1).read_to_end(&mut bytes).map_err(io_error)?;
            if bytes.len() > limit {
                return Err(too_large(bytes.len()));
            }
            Ok(bytes)
        }
        Input::File(path) => {
            let file = std::fs::File::open(path).map_err(io_error)?;
            let meta = file.metadata().map_err(io_error)?;
            if meta.is_dir() {
                return Err(io_error(io::Error::new(io::ErrorKind::IsADirectory, "is a directory")));
            }
            if meta.len() > limit as u64 {
                return Err(too_large(usize::try_from(meta.len()).unwrap_or(usize::MAX)));
            }
            let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
            file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(io_error)?;
            if bytes.len() > limit {
                return Err(too_large(bytes.len()));
            }
            Ok(bytes)
        }
    }
}

/// How a batch runs.
pub struct Settings {
    /// Worker threads.
    pub threads: usize,
    /// Show a progress bar (only honoured when stderr is a terminal).
    pub progress: bool,
    /// Styling for stderr.
    pub stderr_style: Style,
}

/// Render every input with `render` on `settings.threads` threads, and hand each result, in input
/// order, to `write`. Failed inputs get an error line on stderr. Returns the counts, or the first
/// error of `write` (e.g. a closed pipe).
pub fn run<R, W>(inputs: &[Input], settings: &Settings, render: R, mut write: W) -> io::Result<Totals>
where
    R: Fn(&Input) -> Item + Sync,
    W: FnMut(usize, &Item) -> io::Result<()>,
{
    let start = Instant::now();
    let bar = if settings.progress && io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr_with_hz(10));
        let template = if settings.stderr_style.enabled {
            "{spinner:.green} {elapsed_precise} [{wide_bar:.cyan/blue}] {pos}/{len} files · {msg} · ETA {eta}"
        } else {
            "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} files · {msg} · ETA {eta}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut totals = Totals { files: inputs.len(), ..Totals::default() };
    let window = settings.threads * 8;
    let style = settings.stderr_style;
    let result = pipeline::run_ordered(
        inputs.len(),
        settings.threads,
        window,
        |i| render(&inputs[i]),
        |i, item: Item| {
            totals.bytes += item.bytes;
            match &item.status {
                Status::Parsed { with_tables, warnings, errors, failing } => {
                    totals.with_tables += usize::from(*with_tables);
                    totals.warnings += warnings;
                    totals.error_diagnostics += errors;
                    totals.failing += usize::from(*failing);
                }
                Status::Failed { kind, message } => {
                    totals.failed += 1;
                    let line = if message.contains(&item.source) {
                        format!("{} [{kind}]: {message}", style.error("error"))
                    } else {
                        format!("{} [{kind}]: {}: {message}", style.error("error"), item.source)
                    };
                    bar.suspend(|| eprintln!("{line}"));
                }
            }
            write(i, &item)?;
            bar.inc(1);
            let secs = start.elapsed().as_secs_f64();
            if secs > 0.0 {
                bar.set_message(format!("{:.1} MB/s", totals.bytes as f64 / 1e6 / secs));
            }
            Ok(())
        },
    );
    bar.finish_and_clear();
    totals.elapsed = start.elapsed();
    result.map(|()| totals)
}

/// The one-line summary of a batch.
pub fn summary(t: &Totals, style: Style) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let errors = plural(t.failed, "error", "errors");
    let errors = if t.failed > 0 { style.error(&errors) } else { errors };
    let warnings = plural(t.warnings, "warning", "warnings");
    let warnings = if t.warnings > 0 { style.warning(&warnings) } else { warnings };
    let size = if t.bytes >= 100_000 {
        format!("{:.1} MB", t.bytes as f64 / 1e6)
    } else {
        format!("{:.1} kB", t.bytes as f64 / 1e3)
    };
    format!(
        "{}: {}, {} with tables, {warnings}, {errors}; {size} in {:.2} s ({:.1} MB/s)",
        style.bold("gongkai"),
        plural(t.files, "file", "files"),
        t.with_tables,
        t.elapsed.as_secs_f64(),
        t.mb_per_s()
    )
}
