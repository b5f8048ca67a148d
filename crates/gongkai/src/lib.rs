//! # gongkai (公开)
//!
//! Parse China's statutory government information-disclosure annual reports
//! (政府信息公开工作年度报告) into validated, structured data.
//!
//! Every government body in China publishes such a report each year in a national format: six
//! sections and three statutory tables (表二 proactive disclosure under Article 20, 表三 requests
//! received and how they were handled, 表四 administrative reviews and lawsuits). gongkai reads the
//! report however it was scraped (table cells one per line, pipe-separated, run together with no
//! separator, whole rows on one line), decides which format it follows (`f2021`, `f2019`,
//! `pre2019`), checks the statutory identities, and says exactly what it could not settle.
//!
//! ```
//! let text = "某某镇2022年政府信息公开工作年度报告\n\
//!     四、政府信息公开行政复议、行政诉讼情况\n\
//!     行政复议 行政诉讼\n\
//!     结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n\
//!     结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n\
//!     1 0 0 0 1 0 0 0 0 0 0 0 0 1 2\n\
//!     五、存在的主要问题及改进情况\n";
//! let report = gongkai::parse(text).unwrap();
//! let t4 = report.tables.review_litigation.as_ref().unwrap();
//! assert_eq!(t4.get("review", "total"), Some(gongkai::Number::Int(1)));
//! // 复议后起诉: 0 + 0 + 0 + 1 ≠ 2, so the report says so, naming the cell.
//! let broken = report.diagnostics.iter().find(|d| d.code == gongkai::codes::IDENTITY_REVIEW_TOTAL).unwrap();
//! assert_eq!(broken.cell.unwrap().row, "litigation_after_review");
//! ```
//!
//! Nothing is guessed silently: a blank cell is `None`, never 0; digits that run together are
//! split only where exactly one split satisfies the identities; whatever cannot be placed is
//! reported as a [`Diagnostic`] with its [`Span`] in the text.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod codes;
mod decode;
mod error;
mod fold;
mod html;
mod identities;
mod legacy;
mod meta;
mod model;
mod narrative;
mod needles;
mod report;
mod sections;
#[cfg(feature = "synth")]
pub mod synth;
mod tables;
mod template;
mod traditional;

pub use decode::{Decoded, decode};
pub use error::{Error, Result};
pub use model::{
    CellRef, Contact, Diagnostic, LegacyRow, Meta, Narrative, Number, Period, Report, Row, Section, Severity, Span,
    Table, TableKind, Tables, Template,
};

/// Default limit on input size: 64 MiB, far above any real report, low enough that one hostile
/// file cannot stall a batch.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Parsing options. `Options::default()` is what [`parse`] and [`parse_bytes`] use.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// Inputs larger than this many bytes are refused with [`Error::TooLarge`].
    pub max_input_bytes: usize,
    /// Fill blank cells that a statutory identity determines (each flagged with a
    /// `table.inferred` diagnostic). Off by default: a blank cell stays blank.
    pub infer: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_input_bytes: DEFAULT_MAX_INPUT_BYTES, infer: false }
    }
}

impl Options {
    /// Set the input size limit.
    pub fn max_input_bytes(mut self, limit: usize) -> Self {
        self.max_input_bytes = limit;
        self
    }

    /// Fill blank cells that the identities determine, flagging each (`table.inferred`).
    ///
    /// ```
    /// let text = "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 —\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n";
    /// let plain = gongkai::parse(text).unwrap();
    /// assert_eq!(plain.tables.requests.as_ref().unwrap().get("new_received", "total"), None);
    /// let inferred = gongkai::Options::default().infer(true).parse(text).unwrap();
    /// assert_eq!(inferred.tables.requests.as_ref().unwrap().get("new_received", "total"), Some(gongkai::Number::Int(3)));
    /// ```
    pub fn infer(mut self, infer: bool) -> Self {
        self.infer = infer;
        self
    }

    fn finish(&self, mut report: Report) -> Report {
        if self.infer {
            identities::infer(&mut report.tables, report.template, &mut report.diagnostics);
        }
        report
    }

    /// Parse report text with these options.
    pub fn parse(&self, text: &str) -> Result<Report> {
        self.check_size(text.len())?;
        Ok(self.finish(report::build(text, Vec::new())))
    }

    /// Decode raw bytes (see [`decode`]) and parse them with these options. Spans point into the
    /// decoded text.
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Report> {
        self.check_size(bytes.len())?;
        Ok(self.build_decoded(&decode(bytes)?))
    }

    /// Parse text that [`decode`] returned, as [`Options::parse_bytes`] would (with its
    /// `input.encoding` note). For a caller that needs the decoded text too, the text the spans
    /// point into, without decoding twice.
    ///
    /// ```
    /// let bytes = b"\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6"; // 一、总体情况 in GBK
    /// let decoded = gongkai::decode(bytes).unwrap();
    /// let report = gongkai::Options::default().parse_decoded(&decoded).unwrap();
    /// let overview = &report.sections[0];
    /// assert_eq!(&decoded.text[overview.span.start..overview.span.end], "一、总体情况");
    /// assert_eq!(report.diagnostics[0].code, gongkai::codes::INPUT_ENCODING);
    /// ```
    pub fn parse_decoded(&self, decoded: &Decoded<'_>) -> Result<Report> {
        self.check_size(decoded.text.len())?;
        Ok(self.build_decoded(decoded))
    }

    fn build_decoded(&self, decoded: &Decoded<'_>) -> Report {
        let note = Diagnostic::new(
            Severity::Info,
            codes::INPUT_ENCODING,
            format!("decoded as {} ({})", decoded.encoding, decoded.decided_by),
        );
        self.finish(report::build(&decoded.text, vec![note]))
    }

    /// Read a file and parse it with these options.
    pub fn parse_file(&self, path: impl AsRef<std::path::Path>) -> Result<Report> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
        self.parse_bytes(&bytes)
    }

    fn check_size(&self, size: usize) -> Result<()> {
        if size > self.max_input_bytes {
            return Err(Error::TooLarge { size, limit: self.max_input_bytes });
        }
        Ok(())
    }
}

/// Parse the text of a report.
///
/// Fails only when the input exceeds [`DEFAULT_MAX_INPUT_BYTES`]; everything else the parser
/// could not settle is a [`Diagnostic`] on the returned report.
pub fn parse(text: &str) -> Result<Report> {
    Options::default().parse(text)
}

/// Decode raw bytes and parse them. The encoding is decided from a byte order mark, the page's
/// declared charset (overruled when the bytes contradict it), or the bytes themselves: UTF-8,
/// UTF-16, GB18030/GBK/GB2312 and Big5. An `input.encoding` diagnostic says what was chosen and
/// why. An HTML page is read as HTML (tables from their grid, page chrome left out), and its spans
/// point into the decoded page.
pub fn parse_bytes(bytes: &[u8]) -> Result<Report> {
    Options::default().parse_bytes(bytes)
}

/// Read a file and parse it (see [`parse_bytes`]).
pub fn parse_file(path: impl AsRef<std::path::Path>) -> Result<Report> {
    Options::default().parse_file(path)
}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
