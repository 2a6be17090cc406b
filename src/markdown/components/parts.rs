//! The parts of a component, checked and marked up: the words after its
//! name, its heading, and its body (text, a list, `Key: value` rows, one
//! link, a group of other components, or a contents list).

use comrak::nodes::{AstNode, NodeValue};

use super::registry::{self, Argument, Body, Component};
use super::{Work, address, capital, language};
use crate::diagnostics::did_you_mean;

/// Values for a component's HTML templates.
#[derive(Default)]
pub(super) struct Vars {
    /// The argument, escaped.
    arg: String,
    /// ` dir="rtl"` or nothing.
    dir: &'static str,
    /// The chosen word's screen-reader prefix.
    prefix: &'static str,
    /// The class a linked heading adds.
    modifier: &'static str,
}

/// A template with its `{…}` filled in.
pub(super) fn fill(template: &str, vars: &Vars) -> String {
    template
        .replace("{arg}", &vars.arg)
        .replace("{dir}", vars.dir)
        .replace("{prefix}", vars.prefix)
        .replace("{modifier}", vars.modifier)
}

pub(super) use crate::html::escape;

/// Checks what follows the name on the `:::` line.
pub(super) fn argument(
    work: &mut Work<'_, '_>,
    node: &AstNode<'_>,
    component: &Component,
    arg: &str,
) -> Vars {
    let mut vars = Vars::default();
    let start = node.data().sourcepos.start;
    let line = work.line(start.line);
    // The column of the argument on its line, in characters.
    let column = line
        .rfind(arg)
        .filter(|_| !arg.is_empty())
        .map_or(start.column, |i| line[..i].chars().count() + 1);
    let typed = line.trim();
    let bad = |work: &mut Work<'_, '_>, message: String, help: String| {
        work.report_at("component/argument", start.line, column, message, help);
    };
    match &component.argument {
        Argument::None => {
            if !arg.is_empty() {
                bad(
                    work,
                    format!(
                        "{} takes nothing after its name, but this line has \"{arg}\"",
                        capital(component.called)
                    ),
                    format!(
                        "Write `:::{}` on its own, and put the words on the lines inside it.",
                        component.name
                    ),
                );
            }
        }
        Argument::Text { what, example } => {
            if arg.is_empty() {
                bad(
                    work,
                    format!("This `{typed}` needs {what} after its name"),
                    format!("Write them on the same line: `{example}`."),
                );
            }
            let words = arg.trim_start_matches(['-', '\u{2013}', '\u{2014}', ' ']);
            let words = if work.ctx.smart {
                crate::markdown::smart_punctuation(words)
            } else {
                words.to_string()
            };
            vars.arg = escape(&words);
        }
        Argument::Choice(choices) => {
            let lower = arg.to_lowercase();
            let chosen = choices
                .iter()
                .find(|c| c.value == lower || c.aliases.contains(&lower.as_str()));
            let list = choices
                .iter()
                .map(|c| format!("`:::{} {}`", component.name, c.value))
                .collect::<Vec<_>>()
                .join(", ");
            match chosen {
                Some(c) => {
                    vars.arg = c.value.to_string();
                    vars.prefix = c.prefix;
                }
                None if arg.is_empty() => bad(
                    work,
                    format!("This `{typed}` needs to say which kind it is"),
                    format!("Write one of {list}."),
                ),
                None => {
                    let words = choices
                        .iter()
                        .flat_map(|c| std::iter::once(c.value).chain(c.aliases.iter().copied()));
                    let help = match did_you_mean(arg, words) {
                        Some(w) => format!(
                            "Did you mean `:::{} {w}`? The kinds are {list}.",
                            component.name
                        ),
                        None => format!("Write one of {list}."),
                    };
                    let values: Vec<_> = choices.iter().map(|c| c.value).collect();
                    let kinds = match values.split_last() {
                        Some((last, [])) => last.to_string(),
                        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                        None => String::new(),
                    };
                    bad(
                        work,
                        format!(
                            "{} can be {kinds}, not \"{arg}\"",
                            capital(component.called)
                        ),
                        help,
                    );
                }
            }
            if chosen.is_none() {
                // Shown as the first kind until it is fixed.
                if let Some(c) = choices.first() {
                    vars.arg = c.value.to_string();
                    vars.prefix = c.prefix;
                }
            }
        }
        Argument::Language => {
            let code = arg.split_whitespace().next().unwrap_or_default();
            if language::is_language_tag(code) {
                vars.arg = escape(code);
                vars.dir = if language::is_rtl(code) {
                    r#" dir="rtl""#
                } else {
                    r#" dir="ltr""#
                };
            } else {
                let help = match language::code_for_name(code) {
                    Some(c) => format!("Use the language's code: `:::lang {c}`."),
                    None => "Write the language's code after `:::lang`, such as `:::lang cy` for Welsh, `:::lang pl` for Polish or `:::lang ur` for Urdu.".into(),
                };
                let message = if code.is_empty() {
                    format!("This `{typed}` needs the code of the passage's language")
                } else {
                    format!("\"{code}\" is not a language code")
                };
                bad(work, message, help);
            }
        }
    }
    vars
}

/// Checks and marks up the heading a component starts with.
pub(super) fn heading<'a>(
    work: &mut Work<'a, '_>,
    node: &'a AstNode<'a>,
    component: &Component,
    under: u8,
    mut vars: Vars,
) -> Vars {
    let Some(part) = &component.heading else {
        return vars;
    };
    let first = node
        .first_child()
        .filter(|c| matches!(c.data().value, NodeValue::Heading(_)));
    match first {
        Some(h) => {
            work.out.marks.classes.insert(address(h), part.class);
            let prefix = fill(part.prefix, &vars);
            if !prefix.is_empty() {
                h.prepend(work.raw(format!(r#"<span class="visually-hidden">{prefix}</span>"#)));
            }
            if h.descendants()
                .any(|n| matches!(n.data().value, NodeValue::Link(_)))
            {
                vars.modifier = part.linked;
            }
            if !part.then.is_empty() {
                h.insert_after(work.raw(part.then));
            }
        }
        None => {
            let mut html = String::new();
            if let Some(label) = part.default {
                let level = (under + 1).clamp(2, 6);
                html = format!(r#"<h{level} class="{}">{label}</h{level}>"#, part.class);
            } else if part.required {
                work.report(
                    "component/missing-part",
                    node,
                    format!(
                        "{} needs a heading as its first line",
                        capital(component.called)
                    ),
                    format!(
                        "Start it with a heading on the line after `:::{}`, such as `### {}`.",
                        component.name,
                        if component.name == "care-card" {
                            "Get help now if:"
                        } else {
                            "What it is about"
                        }
                    ),
                );
            }
            html.push_str(part.then);
            if !html.is_empty() {
                node.prepend(work.raw(html));
            }
        }
    }
    vars
}

/// The nodes the editor wrote in a component (not the HTML added to it),
/// after its heading.
fn written<'a>(node: &'a AstNode<'a>, component: &Component) -> Vec<&'a AstNode<'a>> {
    let mut kids: Vec<_> = node
        .children()
        .filter(|c| !matches!(c.data().value, NodeValue::Raw(_)))
        .collect();
    let starts_with_heading = kids
        .first()
        .is_some_and(|c| matches!(c.data().value, NodeValue::Heading(_)));
    if component.heading.is_some() && starts_with_heading {
        kids.remove(0);
    }
    kids
}

/// Checks and marks up a component's body.
pub(super) fn body<'a>(work: &mut Work<'a, '_>, node: &'a AstNode<'a>, component: &Component) {
    let kids = written(node, component);
    let missing = |work: &mut Work<'a, '_>, message: String, help: String| {
        work.report("component/missing-part", node, message, help);
    };
    match &component.body {
        Body::Text { required } => {
            if *required && kids.is_empty() {
                missing(
                    work,
                    format!("{} has nothing in it", capital(component.called)),
                    format!(
                        "Write its text on the lines between `:::{}` and `:::`.",
                        component.name
                    ),
                );
            }
        }
        Body::List => {
            let items = kids
                .iter()
                .filter(|k| matches!(k.data().value, NodeValue::List(_)))
                .map(|l| l.children().count())
                .sum::<usize>();
            if items == 0 {
                missing(
                    work,
                    format!("{} has no items", capital(component.called)),
                    "Write each item on its own line, starting with `- `.".into(),
                );
            }
        }
        Body::Rows => super::rows::rows(work, node, &kids),
        Body::Link => {
            let links: Vec<_> = kids
                .iter()
                .filter(|k| matches!(k.data().value, NodeValue::Paragraph))
                .flat_map(|p| p.children())
                .filter(|n| matches!(n.data().value, NodeValue::Link(_)))
                .collect();
            let only_link = kids.len() == 1
                && kids.first().is_some_and(|p| {
                    p.children().all(|n| match &n.data().value {
                        NodeValue::Link(_) => true,
                        NodeValue::Text(t) => t.trim().is_empty(),
                        _ => false,
                    })
                });
            if links.len() != 1 || !only_link {
                missing(
                    work,
                    format!(
                        "{} needs one link and nothing else",
                        capital(component.called)
                    ),
                    format!(
                        "Write the link on its own line: `[Find a group near you](groups.md)`, between `:::{}` and `:::`.",
                        component.name
                    ),
                );
            } else if let Some(p) = kids.first() {
                work.out.marks.bare.insert(address(p));
            }
        }
        Body::Each { name, open, close } => {
            if kids.is_empty() {
                missing(
                    work,
                    format!("{} has nothing in it", capital(component.called)),
                    format!(
                        "Put `:::{name}` boxes inside it, and give `:::{}` one more colon than them.",
                        component.name
                    ),
                );
            }
            for k in kids {
                let is_part = match &k.data().value {
                    NodeValue::BlockDirective(d) => d
                        .info
                        .split_whitespace()
                        .next()
                        .and_then(registry::find)
                        .is_some_and(|c| c.name == *name),
                    _ => false,
                };
                if !is_part && !matches!(k.data().value, NodeValue::BlockDirective(_)) {
                    work.report(
                        "component/misplaced",
                        k,
                        format!(
                            "{} holds only `:::{name}` boxes, not text",
                            capital(component.called)
                        ),
                        format!("Move the text into a `:::{name}`, or out of the group."),
                    );
                }
                if !open.is_empty() {
                    k.insert_before(work.raw(*open));
                    k.insert_after(work.raw(*close));
                }
            }
        }
        Body::Contents => super::rows::contents(work, node, component, &kids),
    }
}
