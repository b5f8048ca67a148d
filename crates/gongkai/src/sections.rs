//! Sections: the report's top-level headings (一、总体情况 …) and the text under each.

use crate::fold::Folded;
use crate::model::{Section, Template};

/// Whether the headings are those of a pre-2019 report (一、概述, 收费及减免, …).
pub(crate) fn looks_pre2019(doc: &Folded<'_>) -> bool {
    let f = &doc.folded;
    f.contains("概述") || f.contains("收费及减免") || f.contains("492号")
}

/// Whether the text carries the post-2019 statutory headings (收到和处理政府信息公开申请情况 …).
pub(crate) fn has_statutory_headings(doc: &Folded<'_>) -> bool {
    doc.folded.contains("收到和处理政府信息公开申请")
}

/// The top-level sections in reading order.
pub(crate) fn find(_doc: &Folded<'_>, _template: Template) -> Vec<Section> {
    Vec::new()
}
