//! Metadata: title, issuing body, reporting year, dates, contact, electronic-version URL.

use crate::fold::Folded;
use crate::model::Meta;

/// Everything the report says about itself.
pub(crate) fn extract(_doc: &Folded<'_>) -> Meta {
    Meta::default()
}
