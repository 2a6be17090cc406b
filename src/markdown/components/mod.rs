//! NHS.UK content components typed in markdown as comrak block directives:
//!
//! ```text
//! :::care-card urgent
//! ### Ask for an urgent appointment if:
//! - you have not slept for 3 nights
//! :::
//! ```
//!
//! [`apply`] checks every `:::` box against its declaration in
//! [`registry`] (a known name, what follows the name, its required parts,
//! where it may go, a closing line) and turns it into the component's HTML
//! by adding raw HTML nodes around and inside it, so the markdown inside
//! renders as usual. To put one component inside another, the outer one
//! takes more colons (`::::card-group` … `::::`).

mod language;
mod parts;
pub mod registry;
mod rows;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

use crate::diagnostics::Origin;
use crate::diagnostics::{Diagnostic, did_you_mean};
use registry::{Body, Component, Inside};

pub use language::{is_rtl_char, right_to_left};

/// What a component needs to know about the markdown it is in.
pub struct Context<'t> {
    pub file: &'t Path,
    pub origin: Origin,
    /// The markdown, to read the `:::` lines as typed.
    pub source: &'t str,
    /// Smart punctuation on the `:::` lines' words, as in the text.
    pub smart: bool,
    /// The page's headings, for contents lists.
    pub headings: &'t [Toc],
}

/// One heading of the page: its level, `id` and words.
#[derive(Debug, Clone)]
pub struct Toc {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// How the HTML formatter treats nodes the components marked, by address.
#[derive(Default)]
pub struct Marks {
    /// Paragraphs written without `<p>` (an action link's, a row's key).
    pub bare: HashSet<usize>,
    /// Headings and the class they get.
    pub classes: HashMap<usize, &'static str>,
}

/// The address of a node: how [`Marks`] names it.
pub fn address(node: &AstNode<'_>) -> usize {
    node as *const AstNode<'_> as usize
}

/// The findings and marks of [`apply`].
#[derive(Default)]
pub struct Applied {
    pub diagnostics: Vec<Diagnostic>,
    pub marks: Marks,
}

/// State while turning one piece of markdown's components into HTML.
pub(super) struct Work<'a, 't> {
    pub arena: &'a Arena<'a>,
    pub ctx: &'t Context<'t>,
    pub out: Applied,
}

impl<'a, 't> Work<'a, 't> {
    /// A raw HTML node.
    pub fn raw(&self, html: impl Into<String>) -> &'a AstNode<'a> {
        self.arena.alloc(AstNode::from(NodeValue::Raw(html.into())))
    }

    /// A finding at a place in the markdown.
    pub fn report(
        &mut self,
        code: &'static str,
        node: &AstNode<'_>,
        message: String,
        help: String,
    ) {
        let pos = node.data().sourcepos.start;
        self.report_at(code, pos.line, pos.column, message, help);
    }

    pub fn report_at(
        &mut self,
        code: &'static str,
        line: usize,
        column: usize,
        message: String,
        help: String,
    ) {
        let (line, column) = self.ctx.origin.map(line, column);
        self.out.diagnostics.push(
            Diagnostic::error(code, self.ctx.file, message)
                .at(line, column)
                .help(help),
        );
    }

    /// A line of the markdown (1-based), as typed.
    pub fn line(&self, n: usize) -> &'t str {
        self.ctx
            .source
            .lines()
            .nth(n.saturating_sub(1))
            .unwrap_or_default()
    }
}

/// One `:::` box: its node, the fence's colons, and the line as split.
struct Directive<'a> {
    node: &'a AstNode<'a>,
    colons: usize,
    name: String,
    argument: String,
    /// The level of the last heading above it.
    under: u8,
}

/// The `:::` boxes in document order.
fn directives<'a>(root: &'a AstNode<'a>) -> Vec<Directive<'a>> {
    let mut found = Vec::new();
    let mut under = 1;
    for node in root.descendants() {
        match &node.data().value {
            NodeValue::Heading(h) => under = h.level,
            NodeValue::BlockDirective(d) => {
                let (name, argument) = match d.info.split_once(char::is_whitespace) {
                    Some((n, a)) => (n.to_string(), a.trim().to_string()),
                    None => (d.info.clone(), String::new()),
                };
                found.push(Directive {
                    node,
                    colons: d.fence_length,
                    name,
                    argument,
                    under,
                });
            }
            _ => {}
        }
    }
    found
}

/// The component of the nearest `:::` box around a node, if any.
pub(super) fn enclosing<'a>(node: &'a AstNode<'a>) -> Option<(&'static Component, String)> {
    node.ancestors()
        .skip(1)
        .find_map(|a| match &a.data().value {
            NodeValue::BlockDirective(d) => {
                let mut words = d.info.split_whitespace();
                let name = words.next().unwrap_or_default();
                registry::find(name).map(|c| (c, words.collect::<Vec<_>>().join(" ")))
            }
            _ => None,
        })
}

/// Checks every component and turns it into HTML.
pub fn apply<'a>(arena: &'a Arena<'a>, root: &'a AstNode<'a>, ctx: &Context<'_>) -> Applied {
    let mut work = Work {
        arena,
        ctx,
        out: Applied::default(),
    };
    for d in directives(root) {
        one(&mut work, &d);
    }
    work.out
}

fn one<'a>(work: &mut Work<'a, '_>, d: &Directive<'a>) {
    let colons = ":".repeat(d.colons);
    if d.name.is_empty() {
        work.report(
            "component/fence",
            d.node,
            format!("This `{colons}` line closes nothing: the box it was meant to close was already closed, so it starts a new box with no name"),
            "To put one component inside another, give the outer one more colons: `::::card-group`, then `:::card` … `:::` inside, then `::::` to close the group. Otherwise remove the extra line.".into(),
        );
        return;
    }
    let end = d.node.data().sourcepos.end.line;
    // Inside a quote, the line starts with `>`s.
    let closing = work
        .line(end)
        .trim_start_matches(|c: char| c == '>' || c.is_whitespace())
        .trim_end();
    let closed = end > d.node.data().sourcepos.start.line
        && closing.len() >= d.colons
        && closing.bytes().all(|b| b == b':');
    let outer = d
        .node
        .ancestors()
        .skip(1)
        .find_map(|a| match &a.data().value {
            NodeValue::BlockDirective(o) => {
                Some((o.info.clone(), o.fence_length, a.data().sourcepos.end.line))
            }
            _ => None,
        });
    let outer_name = outer
        .as_ref()
        .and_then(|(info, _, _)| info.split_whitespace().next())
        .unwrap_or_default();
    if !closed && outer.is_some() && outer_name.is_empty() {
        // Inside a box with no name: that box's `:::` line is reported.
    } else if let (false, Some((_, outer_colons, outer_end))) = (closed, &outer) {
        let (line, _) = work.ctx.origin.map(*outer_end, 1);
        work.report(
            "component/fence",
            d.node,
            format!(
                "This `{colons}{}` is closed by the `{}` line that closes the `{}{outer_name}` around it (line {line})",
                d.name,
                ":".repeat(*outer_colons),
                ":".repeat(*outer_colons),
            ),
            format!(
                "Give the outer one more colons than the boxes inside it: `{}{outer_name}` … `{}`, so that each `{colons}` line closes the box it is meant to.",
                ":".repeat(d.colons.max(*outer_colons) + 1),
                ":".repeat(d.colons.max(*outer_colons) + 1),
            ),
        );
    } else if !closed {
        work.report(
            "component/fence",
            d.node,
            format!(
                "This `{colons}{}` is never closed, so it runs to the end of the page",
                d.name
            ),
            format!("Add a line with only `{colons}` where it ends."),
        );
    }
    let Some(component) = registry::find(&d.name) else {
        let names = registry::COMPONENTS
            .iter()
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()));
        let help = match did_you_mean(&d.name, names).and_then(registry::find) {
            Some(c) => format!("Did you mean `{colons}{}`?", c.name),
            None => format!(
                "The components are: {}. The README's \"Components\" section shows each.",
                registry::COMPONENTS
                    .iter()
                    .map(|c| format!("`{}`", c.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        work.report(
            "component/unknown",
            d.node,
            format!("There is no component called `{}`", d.name),
            help,
        );
        return;
    };
    placement(work, d, component);
    let vars = parts::argument(work, d.node, component, &d.argument);
    let vars = parts::heading(work, d.node, component, d.under, vars);
    parts::body(work, d.node, component);
    let open = parts::fill(component.open, &vars);
    let close = parts::fill(component.close, &vars);
    d.node.prepend(work.raw(open));
    d.node.append(work.raw(close));
}

/// A component inside another where it makes no sense.
fn placement(work: &mut Work<'_, '_>, d: &Directive<'_>, component: &'static Component) {
    let Some((parent, _)) = enclosing(d.node) else {
        return;
    };
    let fits = match (&parent.body, &component.inside) {
        (Body::Each { name, .. }, _) => *name == component.name,
        (_, Inside::Anywhere) => true,
        (_, Inside::PageOr(parents)) => parents.contains(&parent.name),
    };
    if fits {
        return;
    }
    let help = match (&parent.body, &component.inside) {
        (Body::Each { name, .. }, _) => format!(
            "{} holds only `:::{name}` boxes. Close it (with its `:::` line) before this one.",
            capital(parent.called)
        ),
        (_, Inside::PageOr([])) => {
            format!(
                "Put {} in the page itself, not inside another component.",
                component.called
            )
        }
        (_, Inside::PageOr(parents)) => format!(
            "Put {} in the page itself, or inside {}.",
            component.called,
            parents
                .iter()
                .map(|p| format!("`:::{p}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        (_, Inside::Anywhere) => String::new(),
    };
    work.report(
        "component/misplaced",
        d.node,
        format!(
            "{} does not belong inside {}",
            capital(component.called),
            parent.called
        ),
        help,
    );
}

/// "a care card" → "A care card".
pub(super) fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
