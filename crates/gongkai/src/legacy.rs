//! Pre-2019 statistics tables (政府信息公开情况统计表): free-form (label, unit, value) rows.

use crate::fold::Folded;
use crate::model::LegacyRow;

/// The rows of a pre-2019 statistics table, in order.
pub(crate) fn extract(_doc: &Folded<'_>) -> Vec<LegacyRow> {
    Vec::new()
}
