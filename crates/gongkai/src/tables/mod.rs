//! The three statutory tables: 表二 ([`proactive`]), 表三 ([`requests`]), 表四 ([`review`]).

use crate::fold::Folded;
use crate::model::{Diagnostic, Section, Tables, Template};

/// What reading the tables found.
pub(crate) struct Read {
    pub tables: Tables,
    /// The format the table labels show, if any.
    pub template: Option<Template>,
}

/// Read every statutory table in the text.
pub(crate) fn read(_doc: &Folded<'_>, _diagnostics: &mut Vec<Diagnostic>) -> Read {
    Read { tables: Tables::default(), template: None }
}

/// A `table.absent` diagnostic for each statutory section heading with no table under it.
pub(crate) fn note_absent(
    _doc: &Folded<'_>,
    _tables: &Tables,
    _template: Template,
    _sections: &[Section],
    _diagnostics: &mut Vec<Diagnostic>,
) {
}
