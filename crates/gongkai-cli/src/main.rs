//! `gongkai`: batch-parse 政府信息公开工作年度报告 into JSON, JSON Lines or CSV, and check a report
//! before it is published.
//!
//! Exit status: 0 when every input parsed (and, for `check`, every statutory identity holds and
//! every statutory table is present), 1 otherwise, 2 on bad arguments.

mod batch;
mod check_cmd;
mod inputs;
mod labels;
mod location;
mod parse_cmd;
mod pipeline;
mod style;

use std::io::{self, BufWriter, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::check_cmd::{CheckFormat, CheckSettings};
use crate::parse_cmd::{Format, Layout};
use crate::style::{ColorChoice, Style};

const EXAMPLES: &str = "\
Examples:
  Parse one report and print its JSON:
    gongkai parse report.txt
  Parse a directory tree (recursively) into JSON Lines, one report per line:
    gongkai parse crawl/ --output reports.jsonl
  Only some files of the tree, on 4 threads:
    gongkai parse crawl/ --glob '*.{txt,html}' --threads 4 > reports.jsonl
  Every table cell in long form, for a spreadsheet or a database:
    gongkai parse crawl/ --format csv > cells.csv
  From standard input:
    curl -s https://example.gov.cn/report.html | gongkai parse -
  Check a report before it is published (exit status 1 when an identity fails):
    gongkai check 2024年度报告.txt
";

/// Parse China's government information-disclosure annual reports (政府信息公开工作年度报告)
/// into validated, structured data.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, after_help = EXAMPLES, propagate_version = true)]
struct Cli {
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// No progress bar and no summary line.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse reports into JSON (docs/output.md), JSON Lines or the long CSV cells table.
    #[command(after_help = "\
Examples:
  gongkai parse report.txt                        one report object
  gongkai parse crawl/ > reports.jsonl            one object per line, with \"source\"
  gongkai parse a.txt b.html --format json        a JSON array
  gongkai parse crawl/ --format csv > cells.csv   source,table,row,column,value
  cat report.txt | gongkai parse -                standard input")]
    Parse(ParseArgs),
    /// Show a report's diagnostics like a compiler; fail when a statutory identity does not hold
    /// or a statutory table is missing.
    #[command(after_help = "\
Examples:
  gongkai check report.txt
  gongkai check crawl/ --format json | jq 'select(.fails_check)'

Exit status: 1 when any statutory identity (identity.*) fails, a statutory table is missing
(table.absent) or an input cannot be read; 0 otherwise.")]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
struct InputArgs {
    /// Files or directories (walked recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Only files whose name matches, in directories (repeatable; `*`, `?`, `[...]`, `{a,b}`; a
    /// pattern with `/` matches the path below the directory). Default: *.txt *.html *.htm *.shtml.
    #[arg(long, value_name = "PATTERN")]
    glob: Vec<String>,
    /// Worker threads [default: all cores].
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<NonZeroUsize>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = gongkai::DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: usize,
}

#[derive(Debug, Args)]
struct ParseArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// Output format [default: json for one file or `-`, jsonl otherwise].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    /// Show info diagnostics too (how the input was decoded, values converted).
    #[arg(long)]
    all: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stderr_style = Style { enabled: cli.color.enabled(&io::stderr()) };
    let result = match &cli.command {
        Command::Parse(args) => parse(args, &cli, stderr_style),
        Command::Check(args) => check(args, &cli, stderr_style),
    };
    match result {
        Ok(code) => code,
        // Output closed early (`| head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e}", stderr_style.error("error"));
            ExitCode::from(1)
        }
    }
}

fn settings(inputs: &InputArgs, cli: &Cli, stderr_style: Style) -> batch::Settings {
    let threads = inputs
        .threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    batch::Settings { threads, progress: !cli.quiet, stderr_style }
}

/// Expand the PATH arguments, saying so when they name no file at all.
fn expand(args: &InputArgs, cli: &Cli, style: Style) -> Vec<inputs::Input> {
    let found = inputs::expand(&args.paths, &args.glob);
    if found.is_empty() && !cli.quiet {
        let globs = if args.glob.is_empty() { inputs::DEFAULT_GLOBS.join(" ") } else { args.glob.join(" ") };
        eprintln!("{}: no input files: the directories hold no file matching {globs}", style.warning("warning"));
    }
    found
}

fn options(inputs: &InputArgs) -> gongkai::Options {
    gongkai::Options::default().max_input_bytes(inputs.max_input_bytes)
}

fn parse(args: &ParseArgs, cli: &Cli, stderr_style: Style) -> io::Result<ExitCode> {
    let inputs = expand(&args.inputs, cli, stderr_style);
    let single = args.inputs.paths.len() == 1 && !std::path::Path::new(&args.inputs.paths[0]).is_dir();
    let format = args.format.unwrap_or(if single { Format::Json } else { Format::Jsonl });
    let layout = Layout::new(format, single);
    let out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("{}: cannot create {}: {e}", stderr_style.error("error"), path.display());
                return Ok(ExitCode::from(2));
            }
        },
        None => Box::new(io::stdout().lock()),
    };
    let mut writer = parse_cmd::Writer::new(BufWriter::with_capacity(256 * 1024, out), layout)?;
    let options = options(&args.inputs);
    let settings = settings(&args.inputs, cli, stderr_style);
    let totals = batch::run(
        &inputs,
        &settings,
        |input| parse_cmd::render(input, &options, layout),
        |_, item| writer.item(item),
    )?;
    writer.finish()?;
    if !cli.quiet {
        eprintln!("{}", batch::summary(&totals, stderr_style));
    }
    Ok(if totals.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn check(args: &CheckArgs, cli: &Cli, stderr_style: Style) -> io::Result<ExitCode> {
    let inputs = expand(&args.inputs, cli, stderr_style);
    let stdout = io::stdout();
    let check_settings = CheckSettings {
        format: args.format,
        min_severity: if args.all { gongkai::Severity::Info } else { gongkai::Severity::Warning },
        style: Style { enabled: args.format == CheckFormat::Human && cli.color.enabled(&stdout) },
        max_width: 120,
    };
    let mut out = BufWriter::new(stdout.lock());
    let options = options(&args.inputs);
    let settings = settings(&args.inputs, cli, stderr_style);
    let totals = batch::run(
        &inputs,
        &settings,
        |input| check_cmd::render(input, &options, &check_settings),
        |_, item| out.write_all(&item.out),
    )?;
    match args.format {
        CheckFormat::Human => writeln!(out, "{}", check_cmd::closing(&totals, check_settings.style))?,
        CheckFormat::Json if !cli.quiet => eprintln!("{}", check_cmd::closing(&totals, stderr_style)),
        CheckFormat::Json => {}
    }
    out.flush()?;
    Ok(if totals.failing == 0 && totals.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
