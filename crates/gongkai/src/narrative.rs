//! Narrative figures: numbers stated in the prose, compared with the tables, never merged.

use crate::fold::Folded;
use crate::model::{Diagnostic, Narrative, Tables};

/// The figures the prose states.
pub(crate) fn extract(_doc: &Folded<'_>) -> Narrative {
    Narrative::default()
}

/// A `narrative.mismatch` diagnostic for each prose figure that disagrees with its table cell.
pub(crate) fn compare(_narrative: &Narrative, _tables: &Tables, _diagnostics: &mut Vec<Diagnostic>) {}
