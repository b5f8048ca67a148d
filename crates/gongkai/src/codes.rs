//! Every diagnostic code gongkai emits, in one place. Codes are stable: tools match on them.

/// A statutory table's heading is present but no table follows (published as an image, or dropped).
pub const TABLE_ABSENT: &str = "table.absent";
/// A row holds more or fewer values than the template has cells, and they could not all be placed.
pub const TABLE_CELL_COUNT: &str = "table.cell_count";
/// A row of the template was not found in a table that is otherwise present.
pub const TABLE_ROW_MISSING: &str = "table.row_missing";
/// Digits of adjacent cells run together and more than one split fits: the cells are left blank.
pub const TABLE_AMBIGUOUS_SPLIT: &str = "table.ambiguous_split";
/// Digits of adjacent cells run together and exactly one split fits the identities: it was taken.
pub const TABLE_SPLIT: &str = "table.split";
/// A cell's text is not a number or a known placeholder.
pub const TABLE_UNREADABLE_CELL: &str = "table.unreadable_cell";
/// A blank cell was filled from a statutory identity, because the caller asked for inference.
pub const TABLE_INFERRED: &str = "table.inferred";
/// An amount was converted to 万元, or kept as written because the cell states no unit.
pub const TABLE_UNIT: &str = "table.unit";
/// The template was decided from weak evidence (the year alone).
pub const TEMPLATE_GUESSED: &str = "template.guessed";
/// I1: 新收 + 上年结转 ≠ 办理结果总计 + 结转下年度, for a column of 表三.
pub const IDENTITY_BALANCE: &str = "identity.balance";
/// I2: a row's 总计 ≠ the sum of its applicant columns, in 表三.
pub const IDENTITY_ROW_TOTAL: &str = "identity.row_total";
/// I3: （七）总计 ≠ the sum of the outcome rows, for a column of 表三.
pub const IDENTITY_RESULTS_TOTAL: &str = "identity.results_total";
/// I4–I6: a 总计 of 表四 ≠ the sum of its four parts.
pub const IDENTITY_REVIEW_TOTAL: &str = "identity.review_total";
/// A figure in the prose disagrees with its counterpart in a table.
pub const NARRATIVE_MISMATCH: &str = "narrative.mismatch";
/// How the input bytes were decoded.
pub const INPUT_ENCODING: &str = "input.encoding";
/// The input looked like HTML and was read as such.
pub const INPUT_HTML: &str = "input.html";
/// No title, body or year could be found.
pub const META_MISSING: &str = "meta.missing";
