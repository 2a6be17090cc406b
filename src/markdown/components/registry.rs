//! The components an editor can type, as data: one declaration each, saying
//! its name, what may follow the name on the `:::` line, its parts (which
//! are required), where it may go, and the HTML around it. The code in
//! `parts.rs` knows how to check and mark up each kind of part, so adding a
//! component is one entry here and a test.
//!
//! The markup follows the NHS.UK design system's patterns (with this
//! theme's class names), including the words only screen readers hear.

/// One component.
#[derive(Debug)]
pub struct Component {
    /// What follows `:::` (lower case, with hyphens).
    pub name: &'static str,
    /// Other names editors might type for it.
    pub aliases: &'static [&'static str],
    /// What it is called in messages: "a care card".
    pub called: &'static str,
    /// What may or must follow the name on the `:::` line.
    pub argument: Argument,
    /// A heading as its first line, if it has one.
    pub heading: Option<Heading>,
    /// What goes inside, after any heading.
    pub body: Body,
    /// Where it may go.
    pub inside: Inside,
    /// HTML before and after it. `{arg}` is the escaped argument, `{dir}`
    /// ` dir="rtl"` for a right-to-left language, `{modifier}` the extra
    /// class a linked heading adds.
    pub open: &'static str,
    pub close: &'static str,
}

/// What follows the name on the opening line.
#[derive(Debug)]
pub enum Argument {
    /// Nothing.
    None,
    /// Words, required: `what` names them in messages, `example` shows a line.
    Text {
        what: &'static str,
        example: &'static str,
    },
    /// One of a few words.
    Choice(&'static [Choice]),
    /// A language code such as `cy`.
    Language,
}

/// One of the words a [`Argument::Choice`] takes.
#[derive(Debug)]
pub struct Choice {
    pub value: &'static str,
    pub aliases: &'static [&'static str],
    /// Said by screen readers before the heading.
    pub prefix: &'static str,
}

/// A heading as the component's first line.
#[derive(Debug)]
pub struct Heading {
    pub required: bool,
    /// The class the heading gets.
    pub class: &'static str,
    /// Words only screen readers hear before the heading (or `{prefix}`,
    /// the chosen [`Choice`]'s).
    pub prefix: &'static str,
    /// The heading shown when the editor writes none (one level below the
    /// heading the component is under).
    pub default: Option<&'static str>,
    /// HTML between the heading and the rest.
    pub then: &'static str,
    /// The class added (as `{modifier}`) when the heading is a link.
    pub linked: &'static str,
}

/// What goes inside a component.
#[derive(Debug)]
pub enum Body {
    /// Any markdown; `required` says there must be some.
    Text { required: bool },
    /// A list with at least one item (`- `).
    List,
    /// A list of `Key: value` items, shown as a summary list.
    Rows,
    /// One link on its own.
    Link,
    /// Only components named `name`, each wrapped in `open` … `close`.
    Each {
        name: &'static str,
        open: &'static str,
        close: &'static str,
    },
    /// Nothing: the component is made from the page's `##` headings.
    Contents,
}

/// Where a component may go.
#[derive(Debug)]
pub enum Inside {
    /// Anywhere markdown goes.
    Anywhere,
    /// In the page itself, or directly inside one of these components.
    PageOr(&'static [&'static str]),
}

const NO_HEADING: Option<Heading> = None;

/// Every component.
pub const COMPONENTS: &[Component] = &[
    Component {
        name: "inset",
        aliases: &["inset-text"],
        called: "an inset text",
        argument: Argument::None,
        heading: NO_HEADING,
        body: Body::Text { required: true },
        inside: Inside::PageOr(&["lang", "details", "card"]),
        open: r#"<div class="inset"><span class="visually-hidden">Information: </span>"#,
        close: "</div>",
    },
    Component {
        name: "warning",
        aliases: &["warning-callout", "important", "callout"],
        called: "a warning callout",
        argument: Argument::None,
        heading: Some(Heading {
            required: false,
            class: "warning-callout__heading",
            prefix: "Important: ",
            default: Some("Important"),
            then: "",
            linked: "",
        }),
        body: Body::Text { required: true },
        inside: Inside::PageOr(&["lang", "details", "card"]),
        open: r#"<div class="warning-callout">"#,
        close: "</div>",
    },
    Component {
        name: "care-card",
        aliases: &["care", "carecard"],
        called: "a care card",
        argument: Argument::Choice(&[
            Choice {
                value: "non-urgent",
                aliases: &["nonurgent", "primary", "routine"],
                prefix: "Non-urgent advice: ",
            },
            Choice {
                value: "urgent",
                aliases: &[],
                prefix: "Urgent advice: ",
            },
            Choice {
                value: "emergency",
                aliases: &["immediate", "999"],
                prefix: "Immediate action required: ",
            },
        ]),
        heading: Some(Heading {
            required: true,
            class: "care-card__heading",
            prefix: "{prefix}",
            default: None,
            then: r#"</div><div class="care-card__content">"#,
            linked: "",
        }),
        body: Body::Text { required: true },
        inside: Inside::PageOr(&["lang"]),
        open: r#"<div class="care-card care-card--{arg}"><div class="care-card__heading-container">"#,
        close: "</div></div>",
    },
    Component {
        name: "do",
        aliases: &["dos"],
        called: "a do list",
        argument: Argument::None,
        heading: Some(Heading {
            required: false,
            class: "do-dont__label",
            prefix: "",
            default: Some("Do"),
            then: "",
            linked: "",
        }),
        body: Body::List,
        inside: Inside::PageOr(&["lang", "details"]),
        open: r#"<div class="do-dont do-dont--do">"#,
        close: "</div>",
    },
    Component {
        name: "dont",
        aliases: &["don't", "donts", "do-not"],
        called: "a don't list",
        argument: Argument::None,
        heading: Some(Heading {
            required: false,
            class: "do-dont__label",
            prefix: "",
            default: Some("Don\u{2019}t"),
            then: "",
            linked: "",
        }),
        body: Body::List,
        inside: Inside::PageOr(&["lang", "details"]),
        open: r#"<div class="do-dont do-dont--dont">"#,
        close: "</div>",
    },
    Component {
        name: "details",
        aliases: &["expander", "detail", "reveal"],
        called: "a details box",
        argument: Argument::Text {
            what: "the words to click to open it",
            example: ":::details Where is the group held?",
        },
        heading: NO_HEADING,
        body: Body::Text { required: true },
        inside: Inside::PageOr(&["details-group", "lang", "card"]),
        open: r#"<details class="details"><summary class="details__summary"><span class="details__summary-text">{arg}</span></summary><div class="details__text">"#,
        close: "</div></details>",
    },
    Component {
        name: "details-group",
        aliases: &["expander-group", "details-list"],
        called: "a group of details boxes",
        argument: Argument::None,
        heading: NO_HEADING,
        body: Body::Each {
            name: "details",
            open: "",
            close: "",
        },
        inside: Inside::PageOr(&["lang"]),
        open: r#"<div class="details-group">"#,
        close: "</div>",
    },
    Component {
        name: "action-link",
        aliases: &["action"],
        called: "an action link",
        argument: Argument::None,
        heading: NO_HEADING,
        body: Body::Link,
        inside: Inside::PageOr(&["lang", "care-card", "details", "card"]),
        open: r#"<div class="action-link">"#,
        close: "</div>",
    },
    Component {
        name: "summary-list",
        aliases: &["key-details", "contact-details"],
        called: "a summary list",
        argument: Argument::None,
        heading: NO_HEADING,
        body: Body::Rows,
        inside: Inside::PageOr(&["lang", "details", "card"]),
        open: r#"<dl class="summary-list">"#,
        close: "</dl>",
    },
    Component {
        name: "card",
        aliases: &["cards"],
        called: "a card",
        argument: Argument::None,
        heading: Some(Heading {
            required: true,
            class: "card__heading",
            prefix: "",
            default: None,
            then: "",
            linked: " card--clickable",
        }),
        body: Body::Text { required: false },
        inside: Inside::PageOr(&["card-group", "lang"]),
        open: r#"<div class="card card--component{modifier}"><div class="card__content">"#,
        close: "</div></div>",
    },
    Component {
        name: "card-group",
        aliases: &["cards-group"],
        called: "a card group",
        argument: Argument::None,
        heading: NO_HEADING,
        body: Body::Each {
            name: "card",
            open: r#"<li class="card-group__item">"#,
            close: "</li>",
        },
        inside: Inside::PageOr(&["lang"]),
        open: r#"<ul class="card-group">"#,
        close: "</ul>",
    },
    Component {
        name: "contents",
        aliases: &["contents-list", "toc", "on-this-page"],
        called: "a contents list",
        argument: Argument::None,
        heading: NO_HEADING,
        body: Body::Contents,
        inside: Inside::PageOr(&[]),
        open: r#"<nav class="contents-list" aria-label="Contents"><ol class="contents-list__list">"#,
        close: "</ol></nav>",
    },
    Component {
        name: "quote",
        aliases: &["blockquote", "quotation", "testimonial"],
        called: "a quote",
        argument: Argument::Text {
            what: "who said it",
            example: ":::quote Sam, who came to the group in 2025",
        },
        heading: NO_HEADING,
        body: Body::Text { required: true },
        inside: Inside::PageOr(&["lang", "card", "details"]),
        open: r#"<figure class="quote"><blockquote class="quote__text">"#,
        close: r#"</blockquote><figcaption class="quote__attribution">{arg}</figcaption></figure>"#,
    },
    Component {
        name: "lang",
        aliases: &["language"],
        called: "a passage in another language",
        argument: Argument::Language,
        heading: NO_HEADING,
        body: Body::Text { required: true },
        inside: Inside::Anywhere,
        open: r#"<div class="lang-passage" lang="{arg}"{dir}>"#,
        close: "</div>",
    },
];

/// The component with this name or alias (any case).
pub fn find(name: &str) -> Option<&'static Component> {
    let name = name.to_ascii_lowercase();
    COMPONENTS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name.as_str()))
}

/// The component with exactly this name.
pub fn named(name: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_are_unique_and_what_they_name_exists() {
        let mut seen = std::collections::BTreeSet::new();
        for c in COMPONENTS {
            for n in std::iter::once(&c.name).chain(c.aliases) {
                assert!(seen.insert(*n), "`{n}` names two components");
            }
            if let Inside::PageOr(parents) = c.inside {
                for p in parents {
                    assert!(named(p).is_some(), "{}: no component `{p}`", c.name);
                }
            }
            if let Body::Each { name, .. } = c.body {
                assert!(named(name).is_some(), "{}: no component `{name}`", c.name);
            }
        }
    }
}
