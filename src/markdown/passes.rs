//! Checks that read a page's markdown while it is rendered, given to the
//! markdown stage as passes: the stage parses each body and markdown field
//! once and hands the syntax tree to every pass before links are rewritten,
//! so messages quote what the editor wrote. The passes themselves (content
//! rules, markup rules, the writing checks) live in the check stage, which
//! this stage never imports; the build core chooses which to give.

use std::path::Path;
use std::sync::Arc;

use comrak::nodes::AstNode;

use crate::content::Page;
use crate::diagnostics::{Diagnostic, Origin};

/// Where a piece of markdown being checked comes from.
pub struct LintContext<'a> {
    pub file: &'a Path,
    /// Where the markdown starts in the file.
    pub origin: Origin,
    /// Image file names the page marks as decorative (`alt=""` allowed).
    pub decorative: &'a [String],
    /// Whether it is the page's body (not a markdown field): some checks,
    /// such as the reading score, read only the body.
    pub is_body: bool,
}

/// One check over markdown.
pub trait Pass: Send + Sync {
    /// The findings in one body or markdown field: `text`, parsed as `root`.
    fn markdown<'a>(
        &self,
        root: &'a AstNode<'a>,
        text: &str,
        ctx: &LintContext<'_>,
    ) -> Vec<Diagnostic>;

    /// The findings in a page's front matter, once per page: `source` is
    /// the start of its file, up to the body at least.
    fn front_matter(&self, _page: &Page, _source: &str) -> Vec<Diagnostic> {
        Vec::new()
    }
}

/// The passes one build runs, shared by every thread that renders.
pub type Passes = Arc<[Box<dyn Pass>]>;
