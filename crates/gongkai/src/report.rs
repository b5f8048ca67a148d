//! Putting a report together: tables, template, metadata, sections, narrative, identities.

use crate::fold::Folded;
use crate::model::{Diagnostic, Report, Severity, Template};
use crate::{codes, identities, legacy, meta, narrative, sections, tables};

/// Build the report of a text (an HTML page is rendered first, see `html`). Never panics, whatever the text.
pub(crate) fn build(text: &str, diagnostics: Vec<Diagnostic>) -> Report {
    if crate::html::looks_like_html(text) {
        return crate::html::build(text, diagnostics, build_text);
    }
    build_text(text, diagnostics)
}

/// Build the report of plain text.
fn build_text(text: &str, mut diagnostics: Vec<Diagnostic>) -> Report {
    let doc = Folded::new(text);
    let read = tables::read(&doc, &mut diagnostics);
    let layout = sections::layout(&doc);
    let meta = meta::extract_in(&doc, &layout);
    let template = decide_template(
        read.template,
        sections::looks_pre2019_in(&doc, &layout),
        sections::has_statutory_headings_in(&doc, &layout),
        meta.year,
        &mut diagnostics,
    );
    let sections = sections::find_in(&doc, &layout, template);
    tables::note_absent(&read.tables, template, &sections, &mut diagnostics);
    identities::check(&read.tables, template, &mut diagnostics);
    let narrative = narrative::extract_in(&doc, &layout);
    narrative::compare(&narrative, &read.tables, &mut diagnostics);
    let legacy_statistics = if template == Template::Pre2019 || template == Template::Unknown {
        legacy::extract_in(&doc, &layout)
    } else {
        Vec::new()
    };
    Report { template, meta, sections, tables: read.tables, legacy_statistics, narrative, diagnostics }
}

/// The format, from the strongest evidence present: table labels, then headings (the statutory
/// post-2019 headings before pre-2019 ones, since only a post-2019 report has a
/// 收到和处理政府信息公开申请情况 heading), then the year.
fn decide_template(
    from_tables: Option<Template>,
    pre2019_headings: bool,
    statutory_headings: bool,
    year: Option<i32>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Template {
    if let Some(t) = from_tables {
        return t;
    }
    let by_year = match year {
        Some(y) if y >= 2021 => Template::F2021,
        Some(y) if y >= 2019 => Template::F2019,
        Some(_) => Template::Pre2019,
        None => Template::Unknown,
    };
    if statutory_headings {
        return match by_year {
            Template::Pre2019 | Template::Unknown => {
                diagnostics.push(Diagnostic::new(
                    Severity::Info,
                    codes::TEMPLATE_GUESSED,
                    "post-2019 headings without tables or a year: taken as f2021",
                ));
                Template::F2021
            }
            t => t,
        };
    }
    if pre2019_headings {
        return Template::Pre2019;
    }
    if by_year != Template::Unknown {
        diagnostics.push(Diagnostic::new(
            Severity::Info,
            codes::TEMPLATE_GUESSED,
            format!("no table labels or statutory headings: format taken from the year ({})", by_year.as_str()),
        ));
    }
    by_year
}
