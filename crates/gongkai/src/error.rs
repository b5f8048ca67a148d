//! The crate's one error type.

use thiserror::Error;

/// Why a report could not be parsed at all.
///
/// Anything short of these (a missing table, a broken identity, a cell that cannot be placed) is
/// not an error but a [`Diagnostic`](crate::Diagnostic) on an otherwise returned [`Report`](crate::Report).
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not text in any encoding gongkai reads.
    #[error("cannot decode input as {encoding}: {reason}")]
    Decode {
        /// The encoding that was tried last.
        encoding: &'static str,
        /// What went wrong.
        reason: String,
    },
    /// The input is larger than the configured limit ([`Options::max_input_bytes`](crate::Options)).
    #[error("input of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that was read.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A stable, short name of the error kind (`"decode"`, `"too_large"`, `"io"`), as used in the
    /// `error.kind` field of batch output.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Decode { .. } => "decode",
            Error::TooLarge { .. } => "too_large",
            Error::Io { .. } => "io",
        }
    }
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
