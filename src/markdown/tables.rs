//! Markdown tables in a scroll container: a wide table scrolls sideways on
//! its own instead of squeezing its words into pieces, and the container is
//! a labelled region that can take keyboard focus, so people who use a
//! keyboard can scroll it and screen reader users hear what it holds.
//!
//! The label is the text of the heading the table is under, or its column
//! headings when there is no heading before it; a second table under the
//! same heading gets "(2)" so every region's name on the page is different.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use comrak::html::Context;
use comrak::nodes::AstNode;

/// Longest label, in characters: enough to tell tables apart.
const LABEL_LIMIT: usize = 80;

/// Works out each table's label, in document order, while the headings are
/// read.
#[derive(Debug, Default)]
pub struct Labels {
    heading: Option<String>,
    counts: HashMap<String, usize>,
    pub labels: Vec<String>,
}

impl Labels {
    /// A heading with this text comes next in the document.
    pub fn heading(&mut self, text: &str) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.heading = (!text.is_empty()).then_some(text);
    }

    /// A table comes next in the document.
    pub fn table<'a>(&mut self, table: &'a AstNode<'a>) {
        let base = match &self.heading {
            Some(h) => h.clone(),
            None => {
                let columns: Vec<String> = table
                    .first_child()
                    .map(|row| {
                        row.children()
                            .map(|cell| super::collect_text(cell).trim().to_string())
                            .filter(|t| !t.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
                if columns.is_empty() {
                    "Table".to_string()
                } else {
                    format!("Table: {}", columns.join(", "))
                }
            }
        };
        let base = shorten(&base);
        let n = self.counts.entry(base.clone()).or_insert(0);
        *n += 1;
        self.labels.push(if *n == 1 {
            base
        } else {
            format!("{base} ({n})")
        });
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= LABEL_LIMIT {
        return text.to_string();
    }
    let cut: String = text.chars().take(LABEL_LIMIT - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Writes the opening of the container.
pub fn open<T>(context: &mut Context<T>, label: &str) -> fmt::Result {
    context.cr()?;
    context
        .write_str("<div class=\"table-container\" role=\"region\" tabindex=\"0\" aria-label=\"")?;
    context.escape(label)?;
    context.write_str("\">")?;
    context.lf()
}

/// Writes the end of the container.
pub fn close<T>(context: &mut Context<T>) -> fmt::Result {
    context.cr()?;
    context.write_str("</div>")?;
    context.lf()
}
