//! Footnotes as screen reader and keyboard users need them: the list has a
//! "Footnotes" heading, each reference in the text is read as "Footnote 1"
//! (not a bare "1"), and each link back to the text has words ("Back to
//! text") that are also its accessible name, where comrak writes an arrow
//! with a different label (axe: label-content-name-mismatch).
//!
//! comrak's own footnote HTML keeps its count in private fields, so these
//! write the whole of it: the references, the definitions and the last
//! paragraph of each definition, which ends with the link back.

use std::fmt::{self, Write as _};

use comrak::html::Context;
use comrak::nodes::{AstNode, NodeFootnoteDefinition, NodeFootnoteReference, NodeValue};

/// What the formatter remembers between footnote nodes.
#[derive(Debug, Default)]
pub struct State {
    /// The id of the "Footnotes" heading (`footnotes`, unless a heading of
    /// the page already has it).
    pub heading_id: String,
    /// Definitions written so far.
    written: u32,
    /// Whether the current definition's links back have been written.
    linked_back: bool,
}

impl State {
    pub fn new(heading_id: String) -> State {
        State {
            heading_id,
            ..State::default()
        }
    }

    /// Whether the list was opened, so that it must be closed at the end.
    pub fn is_open(&self) -> bool {
        self.written > 0
    }
}

/// Gives access to the footnote state in the formatter's own data.
pub trait HasNotes {
    fn notes(&mut self) -> &mut State;
}

/// `<sup><a …><span class="visually-hidden">Footnote </span>1</a></sup>`.
pub fn reference<T>(context: &mut Context<T>, nfr: &NodeFootnoteReference) -> fmt::Result {
    context.write_str("<sup class=\"footnote-ref\"><a href=\"#fn-")?;
    context.escape_href(&nfr.name)?;
    context.write_str("\" id=\"fnref-")?;
    context.escape_href(&nfr.name)?;
    if nfr.ref_num > 1 {
        write!(context, "-{}", nfr.ref_num)?;
    }
    write!(
        context,
        "\"><span class=\"visually-hidden\">Footnote </span>{}</a></sup>",
        nfr.ix
    )
}

/// One definition: the section, heading and list open before the first.
pub fn definition<T: HasNotes>(
    context: &mut Context<T>,
    nfd: &NodeFootnoteDefinition,
    entering: bool,
) -> fmt::Result {
    if entering {
        if context.user.notes().written == 0 {
            let id = context.user.notes().heading_id.clone();
            context.cr()?;
            context.write_str("<section class=\"footnotes\">")?;
            context.lf()?;
            context.write_str("<h2 class=\"footnotes__heading\" id=\"")?;
            context.escape(&id)?;
            context.write_str("\">Footnotes</h2>")?;
            context.lf()?;
            context.write_str("<ol>")?;
            context.lf()?;
        }
        let notes = context.user.notes();
        notes.written += 1;
        notes.linked_back = false;
        context.write_str("<li id=\"fn-")?;
        context.escape_href(&nfd.name)?;
        context.write_str("\">")
    } else {
        if !context.user.notes().linked_back {
            links_back(context, nfd)?;
            context.lf()?;
        }
        context.write_str("</li>")?;
        context.lf()
    }
}

/// Whether `node` is a paragraph directly in a footnote definition, which
/// [`paragraph`] writes.
pub fn is_note_paragraph<'a>(node: &'a AstNode<'a>) -> bool {
    matches!(node.data().value, NodeValue::Paragraph)
        && node
            .parent()
            .is_some_and(|p| matches!(p.data().value, NodeValue::FootnoteDefinition(_)))
}

/// A paragraph of a definition; the last one ends with the links back.
pub fn paragraph<'a, T: HasNotes>(
    context: &mut Context<T>,
    node: &'a AstNode<'a>,
    entering: bool,
) -> fmt::Result {
    if entering {
        context.cr()?;
        return context.write_str("<p>");
    }
    if node.next_sibling().is_none()
        && let Some(parent) = node.parent()
        && let NodeValue::FootnoteDefinition(ref nfd) = parent.data().value
    {
        context.write_str(" ")?;
        links_back(context, nfd)?;
    }
    context.write_str("</p>")?;
    context.lf()
}

/// The end of the list, written after the document when it was opened.
pub fn closing(state: &State) -> &'static str {
    if state.is_open() {
        "</ol>\n</section>\n"
    } else {
        ""
    }
}

/// "Back to text" for each place the footnote is used; the hidden words
/// say which footnote, so each link's name is different.
fn links_back<T: HasNotes>(context: &mut Context<T>, nfd: &NodeFootnoteDefinition) -> fmt::Result {
    let ix = context.user.notes().written;
    context.user.notes().linked_back = true;
    for n in 1..=nfd.total_references {
        if n > 1 {
            context.write_str(" ")?;
        }
        context.write_str("<a href=\"#fnref-")?;
        context.escape_href(&nfd.name)?;
        if n > 1 {
            write!(context, "-{n}")?;
        }
        context.write_str("\" class=\"footnote-backref\">Back to text")?;
        if nfd.total_references > 1 {
            write!(context, " ({n})")?;
        }
        write!(
            context,
            "<span class=\"visually-hidden\"> for footnote {ix}</span></a>"
        )?;
    }
    Ok(())
}
