//! Which feeds the site has and which pages each lists: one feed of site
//! updates, and one per section whose kind has `feed: true` (vacancies).
//! The output stage writes them as Atom; the templates link to them and the
//! address planner reserves their paths, from this one list.

use super::{Page, Site};

/// Where the site-wide updates feed is written.
pub const UPDATES_FEED: &str = "feed.xml";
/// The file name of each feed section's feed, inside its folder.
pub const SECTION_FEED: &str = "feed.xml";

/// One feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Its output path: `feed.xml`, `vacancies/feed.xml`.
    pub path: String,
    pub title: String,
    /// The section it lists (an index into `site.pages`), or `None` for
    /// the site's updates.
    pub section: Option<usize>,
}

impl Site {
    /// The pages search engines, feeds and site search should know about:
    /// every published page less those that have ended (a vacancy past its
    /// closing date).
    pub fn listed(&self) -> impl Iterator<Item = &Page> {
        self.pages.iter().filter(move |p| !p.is_closed(self.today))
    }

    /// The site's feeds: its updates first, then each feed section in the
    /// order of the pages.
    pub fn feeds(&self) -> Vec<Feed> {
        let mut out = vec![Feed {
            path: UPDATES_FEED.to_string(),
            title: format!("{}: updates", self.config.title),
            section: None,
        }];
        for (i, s) in self.pages.iter().enumerate() {
            if !s.is_section || !s.kind.feed || i == self.home {
                continue;
            }
            out.push(Feed {
                path: format!("{}{SECTION_FEED}", s.path.trim_start_matches('/')),
                title: format!("{}: {}", self.config.title, s.title()),
                section: Some(i),
            });
        }
        out
    }
}
