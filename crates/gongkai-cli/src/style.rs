//! Colour, only where it helps: on a terminal, unless `NO_COLOR` is set or `--color never`.

use std::io::IsTerminal;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when the stream is a terminal and `NO_COLOR` is not set (and `TERM` is not `dumb`).
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream.
    pub fn enabled(self, stream: &impl IsTerminal) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stream.is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

/// ANSI styling that is a no-op when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether to emit escape codes.
    pub enabled: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.enabled { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
    /// Bold.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
    /// Bold red, for errors.
    pub fn error(self, text: &str) -> String {
        self.paint("1;31", text)
    }
    /// Bold yellow, for warnings.
    pub fn warning(self, text: &str) -> String {
        self.paint("1;33", text)
    }
    /// Bold cyan, for notes.
    pub fn info(self, text: &str) -> String {
        self.paint("1;36", text)
    }
    /// Bold blue, for the source gutter.
    pub fn gutter(self, text: &str) -> String {
        self.paint("1;34", text)
    }
    /// Bold green, for success.
    pub fn ok(self, text: &str) -> String {
        self.paint("1;32", text)
    }
    /// By severity.
    pub fn severity(self, severity: gongkai::Severity, text: &str) -> String {
        match severity {
            gongkai::Severity::Error => self.error(text),
            gongkai::Severity::Warning => self.warning(text),
            gongkai::Severity::Info => self.info(text),
        }
    }
}
