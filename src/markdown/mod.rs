//! Markdown to HTML with comrak: GitHub-flavoured tables, strikethrough,
//! autolinks, footnotes and smart punctuation; stable unique heading ids;
//! links to other `.md` files turned into those pages' web addresses;
//! NHS.UK content components typed as `:::name` boxes ([`components`]).
//! Tables and footnotes get the markup in [`tables`] and [`footnotes`].

pub mod components;
mod footnotes;
mod ids;
pub mod passes;
mod punctuation;
mod tables;

pub use passes::{LintContext, Pass, Passes};
pub use punctuation::smart_punctuation;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use comrak::html::format_node_default;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, create_formatter, parse_document};

use crate::diagnostics::{Diagnostic, Origin};

/// Markdown settings for one build.
pub struct Markdown {
    options: Options<'static>,
    /// The theme's own ids on each page, which headings keep clear of.
    reserved: Reserved,
    /// The checks run on each body and markdown field rendered with a
    /// [`LintContext`].
    passes: Passes,
}

pub use ids::Reserved;

/// The site paths (without the base path) of the pages links can name, by
/// source path under `content/`. The renderer looks them up in the site
/// itself rather than in a table of copies held for every page.
pub trait PageAddresses: Sync {
    fn address(&self, source: &str) -> Option<std::borrow::Cow<'_, str>>;
}

impl PageAddresses for HashMap<String, String> {
    fn address(&self, source: &str) -> Option<std::borrow::Cow<'_, str>> {
        self.get(source)
            .map(|s| std::borrow::Cow::Borrowed(s.as_str()))
    }
}

/// What links in a page's markdown are resolved against.
pub struct LinkContext<'a> {
    /// The page's folder under `content/` (`services` or empty).
    pub source_dir: &'a str,
    /// The file, for messages.
    pub file: &'a Path,
    /// Where this markdown starts in the file.
    pub origin: Origin,
    /// Source path under `content/` → site path (without the base path).
    pub pages: &'a dyn PageAddresses,
    /// Source paths of drafts left out of this build.
    pub drafts: &'a [String],
    /// The `base_url` path, `/` or `/peer-support/`.
    pub base_path: &'a str,
}

/// A rendered piece of markdown.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    /// Every `id` given to a heading, in order.
    pub heading_ids: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every link and image, with the address as written in the HTML and
    /// where it is in the markdown, so link checks can point at the source.
    pub links: Vec<LinkAt>,
    /// The `.md` files linked to (source paths under `content/`), found or
    /// not: the page must be rendered again when one is added or removed.
    pub pages_named: Vec<String>,
}

/// A link or image address and its place in the markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAt {
    pub url: String,
    pub line: usize,
    pub column: usize,
}

/// Carries what was worked out before writing into the formatter: heading
/// ids and table labels in document order, and the footnotes' state.
#[derive(Default)]
struct Hooks {
    heading_ids: std::vec::IntoIter<String>,
    table_labels: std::vec::IntoIter<String>,
    notes: footnotes::State,
    /// What the components marked: classes for headings, paragraphs to
    /// write without `<p>`.
    marks: components::Marks,
}

impl footnotes::HasNotes for Hooks {
    fn notes(&mut self) -> &mut footnotes::State {
        &mut self.notes
    }
}

create_formatter!(HtmlWithIds<Hooks>, {
    NodeValue::Heading(ref nh) => |context, node, entering| {
        if entering {
            context.cr()?;
            let id = context.user.heading_ids.next().unwrap_or_default();
            write!(context, "<h{} id=\"", nh.level)?;
            context.escape(&id)?;
            if let Some(class) = context.user.marks.classes.get(&components::address(node)).copied() {
                write!(context, "\" class=\"{class}")?;
            }
            context.write_str("\">")?;
        } else {
            write!(context, "</h{}>", nh.level)?;
            context.lf()?;
        }
    },
    NodeValue::Table(_) => |context, node, entering| {
        if entering {
            let label = context.user.table_labels.next().unwrap_or_default();
            tables::open(context, &label)?;
        }
        let children = format_node_default(context, node, entering)?;
        if !entering {
            tables::close(context)?;
        }
        return Ok(children);
    },
    NodeValue::FootnoteReference(ref nfr) => |context, entering| {
        if entering {
            footnotes::reference(context, nfr)?;
        }
    },
    NodeValue::FootnoteDefinition(ref nfd) => |context, entering| {
        footnotes::definition(context, nfd, entering)?;
    },
    // A component's own HTML is in raw nodes around its content.
    NodeValue::BlockDirective(_) => |context| {
        let _ = context;
    },
    NodeValue::Paragraph => |context, node, entering| {
        if context.user.marks.bare.contains(&components::address(node)) {
            return Ok(comrak::html::ChildRendering::HTML);
        }
        if !footnotes::is_note_paragraph(node) {
            return format_node_default(context, node, entering);
        }
        footnotes::paragraph(context, node, entering)?;
    },
});

impl Markdown {
    pub fn new(allow_html: bool, smart: bool) -> Markdown {
        let mut options = Options::default();
        options.extension.table = true;
        options.extension.strikethrough = true;
        options.extension.autolink = true;
        options.extension.footnotes = true;
        options.extension.tasklist = false;
        options.extension.block_directive = true;
        options.parse.smart = smart;
        options.render.r#unsafe = allow_html;
        // Escape raw HTML so it shows as text, rather than silently dropping it.
        options.render.escape = !allow_html;
        Markdown {
            options,
            reserved: Reserved::default(),
            passes: Passes::from(Vec::new()),
        }
    }

    /// Gives the checks to run on each body and markdown field rendered
    /// with a [`LintContext`] (see [`passes`]).
    pub fn run_passes(&mut self, passes: Passes) {
        self.passes = passes;
    }

    /// Runs one pass over `text`, parsed as the stage parses it, without
    /// rendering it (for trying a check on its own).
    pub fn run_pass(&self, pass: &dyn Pass, text: &str, ctx: &LintContext<'_>) -> Vec<Diagnostic> {
        let arena = Arena::new();
        let root = parse_document(&arena, text, &self.options);
        pass.markdown(root, text, ctx)
    }

    /// The checks given with [`Markdown::run_passes`].
    pub fn passes(&self) -> &[Box<dyn Pass>] {
        &self.passes
    }

    /// The same checks, shared, for another renderer of the same site.
    pub fn shared_passes(&self) -> Passes {
        self.passes.clone()
    }

    /// Tells the renderer which ids the theme writes on each page, so that
    /// headings keep clear of them.
    pub fn reserve(&mut self, reserved: Reserved) {
        self.reserved = reserved;
    }

    /// Renders one page body or markdown field; with `lint`, also runs the
    /// content checks on it.
    pub fn render(
        &self,
        text: &str,
        links: &LinkContext<'_>,
        lint: Option<&LintContext<'_>>,
    ) -> Rendered {
        self.render_with(text, links, lint, &[])
    }

    /// As [`Markdown::render`], with headings also keeping clear of the ids
    /// in `avoid` (those of the page's other markdown), and the writing
    /// checks (reading score, plain English, spelling) run on the same
    /// syntax tree when `writing` is given.
    pub fn render_with(
        &self,
        text: &str,
        links: &LinkContext<'_>,
        lint: Option<&LintContext<'_>>,
        avoid: &[String],
    ) -> Rendered {
        let arena = Arena::new();
        let root = parse_document(&arena, text, &self.options);
        let mut out = Rendered::default();
        if let Some(ctx) = lint {
            // Before links are rewritten, so messages quote what the editor wrote.
            for pass in self.passes.iter() {
                out.diagnostics.extend(pass.markdown(root, text, ctx));
            }
        }
        let mut headings = Vec::new();
        let mut taken = self.reserved.taken(links.file, avoid);
        // Footnotes' ids first, so that no heading takes one.
        for node in root.descendants() {
            match &node.data().value {
                NodeValue::FootnoteDefinition(d) => taken.reserve(format!("fn-{}", d.name)),
                NodeValue::FootnoteReference(r) if r.ref_num > 1 => {
                    taken.reserve(format!("fnref-{}-{}", r.name, r.ref_num))
                }
                NodeValue::FootnoteReference(r) => taken.reserve(format!("fnref-{}", r.name)),
                _ => {}
            }
        }
        let mut tables = tables::Labels::default();
        for node in root.descendants() {
            let line = node.data().sourcepos.start.line;
            let column = node.data().sourcepos.start.column;
            let mut data = node.data_mut();
            match &mut data.value {
                NodeValue::Heading(_) => {
                    drop(data);
                    let text = collect_text(node);
                    tables.heading(&text);
                    let id = taken.heading(&text);
                    let level = match &node.data().value {
                        NodeValue::Heading(h) => h.level,
                        _ => 0,
                    };
                    headings.push(components::Toc {
                        level,
                        id: id.clone(),
                        text,
                    });
                    out.heading_ids.push(id);
                }
                NodeValue::Table(_) => {
                    drop(data);
                    tables.table(node);
                }
                NodeValue::Link(link) | NodeValue::Image(link) => {
                    if let Some(d) =
                        resolve_link(&mut link.url, links, line, column, &mut out.pages_named)
                    {
                        out.diagnostics.push(d);
                    }
                    let (line, column) = links.origin.map(line, column);
                    out.links.push(LinkAt {
                        url: link.url.clone(),
                        line,
                        column,
                    });
                }
                _ => {}
            }
        }
        let cctx = components::Context {
            file: links.file,
            origin: links.origin,
            source: text,
            smart: self.options.parse.smart,
            headings: &headings,
        };
        if lint.is_some() {
            out.diagnostics
                .extend(components::right_to_left(root, &cctx));
        }
        let applied = components::apply(&arena, root, &cctx);
        out.diagnostics.extend(applied.diagnostics);
        let mut html = String::with_capacity(text.len() + text.len() / 4);
        let hooks = Hooks {
            heading_ids: out.heading_ids.clone().into_iter(),
            table_labels: tables.labels.into_iter(),
            notes: footnotes::State::new(taken.unique("footnotes")),
            marks: applied.marks,
        };
        // Writing into a String cannot fail.
        if let Ok(hooks) = HtmlWithIds::format_document(root, &self.options, &mut html, hooks) {
            html.push_str(footnotes::closing(&hooks.notes));
        }
        out.html = html;
        out
    }
}

/// The plain text under a node (a heading's or a link's words), up to
/// [`TEXT_LIMIT`] bytes: enough for every check, and it keeps images nested
/// in images thousands deep from taking time by the square of the depth.
pub(crate) fn collect_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut s = String::new();
    for n in node.descendants() {
        if s.len() >= TEXT_LIMIT {
            break;
        }
        match &n.data().value {
            NodeValue::Text(t) => s.push_str(t),
            NodeValue::Code(c) => s.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// How much of a node's text [`collect_text`] gathers.
pub(crate) const TEXT_LIMIT: usize = 1000;

/// Rewrites a link written in markdown to a web address:
/// - `other.md#part` (relative) → that page's address;
/// - `photo.jpg` (relative) → the file's address, from the page's folder;
/// - `/path` → under the `base_url` path.
///
/// Returns a diagnostic when a linked `.md` file does not exist.
fn resolve_link(
    url: &mut String,
    ctx: &LinkContext<'_>,
    line: usize,
    column: usize,
    pages_named: &mut Vec<String>,
) -> Option<Diagnostic> {
    let u = url.as_str();
    if u.is_empty() || u.starts_with('#') || crate::urls::is_external(u) {
        return None;
    }
    let (path, fragment) = match u.find(['#', '?']) {
        Some(i) => (&u[..i], &u[i..]),
        None => (u, ""),
    };
    if let Some(rooted) = path.strip_prefix('/') {
        if !ctx.base_path.is_empty() && ctx.base_path != "/" && !u.starts_with(ctx.base_path) {
            *url = format!("{}{rooted}{fragment}", ctx.base_path);
        }
        return None;
    }
    let joined = crate::urls::join_path(ctx.source_dir, path)?.replace("%20", " ");
    let (line, column) = ctx.origin.map(line, column);
    if joined.ends_with(".md") {
        pages_named.push(joined.clone());
        if let Some(site_path) = ctx.pages.address(&joined) {
            *url = format!(
                "{}{}{fragment}",
                ctx.base_path.trim_end_matches('/'),
                site_path
            );
            return None;
        }
        let (code, message, help) = if ctx.drafts.contains(&joined) {
            (
                "link/to-draft",
                format!("This links to `{path}`, which is not published in this build"),
                "That page is a draft, has a `publish_date` still to come, or is past its end date (a closed vacancy): publish it, or remove the link.".to_string(),
            )
        } else {
            (
                "link/missing-page",
                format!("This links to `{path}`, but there is no such page"),
                format!(
                    "Check the file name and folder. Links are relative to this page's folder (`content/{}`); use `../` to go up a folder.",
                    ctx.source_dir
                ),
            )
        };
        return Some(
            Diagnostic::error(code, ctx.file, message)
                .at(line, column)
                .help(help),
        );
    }
    *url = format!("{}{joined}{fragment}", ctx.base_path);
    None
}

#[cfg(test)]
mod tests;
