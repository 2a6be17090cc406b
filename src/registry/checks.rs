//! The checks: findings `site.yaml` can set to off, warn or error, with
//! what each catches and how to fix it (README's table of checks is made
//! from this list).

use super::{Check, check};
use crate::diagnostics::Severity::{Error as E, Warning as W};

/// Every check that can be configured or silenced.
pub const CHECKS: &[Check] = &[
    check(
        "link/missing-page",
        E,
        "a link to a `.md` file that does not exist",
        "check the file name and folder; links are relative to the page's folder",
    ),
    check(
        "link/to-draft",
        E,
        "a link from a published page, or from `nav` or `footer_links` in `site.yaml`, to a draft or a page whose `publish_date` is still to come",
        "publish the draft, or remove the link",
    ),
    check(
        "link/broken",
        E,
        "a link or image (in a page, the theme or `footer_links`) whose address is not a page or file of the site",
        "link to a page's `.md` file, or put the file in `static/` or beside the page",
    ),
    check(
        "link/fragment",
        E,
        "a link to `#part` of a page that has no such part",
        "use the `id` of a heading on that page: `## Learning outcomes` has `#learning-outcomes`",
    ),
    check(
        "link/mailto",
        E,
        "a `mailto:` link that is not an email address",
        "write `mailto:name@example.org`",
    ),
    check(
        "link/tel",
        E,
        "a `tel:` link that is not a phone number",
        "write `tel:` and the number",
    ),
    check(
        "link/insecure",
        W,
        "a link to another site with `http://`",
        "use `https://` if the site supports it",
    ),
    check(
        "a11y/image-alt",
        E,
        "an image without alt text (unless listed in `decorative_images`)",
        "describe the image: `![What it shows](photo.jpg)`",
    ),
    check(
        "a11y/image-alt-filename",
        W,
        "alt text that is a file name",
        "describe what the image shows",
    ),
    check(
        "a11y/image-alt-redundant",
        W,
        "alt text starting \"image of\" or \"picture of\"",
        "start with what the image shows",
    ),
    check(
        "a11y/image-alt-long",
        W,
        "alt text over 125 characters",
        "shorten it; describe the detail in the page text",
    ),
    check(
        "a11y/heading-h1",
        E,
        "a `#` heading in the page text (the title is already the main heading)",
        "start headings at `##`",
    ),
    check(
        "a11y/heading-skip",
        E,
        "a heading that skips a level, such as `##` then `####`",
        "use the next level down",
    ),
    check(
        "a11y/heading-empty",
        E,
        "a heading with no text",
        "write the heading or remove the line",
    ),
    check(
        "a11y/link-empty",
        E,
        "a link with no text",
        "write what the link is about between the brackets",
    ),
    check(
        "a11y/link-text",
        W,
        "link text such as \"click here\", \"here\", \"read more\", \"more\" or \"link\"",
        "use words that say where the link goes",
    ),
    check(
        "a11y/link-text-url",
        W,
        "a web address used as link text",
        "write what the link is about",
    ),
    check(
        "a11y/link-text-duplicate",
        W,
        "the same link text going to different places on one page",
        "make each link text say where it goes",
    ),
    check(
        "a11y/link-file-type",
        W,
        "a link to a PDF or other document whose text does not say so",
        "add the type: \"Annual report (PDF, 2 MB)\"",
    ),
    check(
        "a11y/table-header",
        E,
        "a table with no header row",
        "write a heading for each column in the first row",
    ),
    check(
        "a11y/all-caps",
        W,
        "four or more words in a row in capital letters",
        "use sentence case, and bold if it must stand out",
    ),
    check(
        "markdown/footnote-missing",
        W,
        "a footnote reference such as `[^9]` with no `[^9]:` line: it is shown as the text \"[^9]\"",
        "add a line `[^9]: The note.` below the paragraph, or remove the reference",
    ),
    check(
        "markdown/raw-html",
        W,
        "HTML typed into a page while `allow_html` is off (the default): it is shown as text, with its angle brackets",
        "write it in markdown, as the message says (`**bold**`, `[text](address)`, `##` headings), or remove it",
    ),
    check(
        "component/unknown",
        E,
        "a `:::name` box whose name is not a [component](#components), such as `:::care-crad` (the message suggests the closest)",
        "use a name from [Components](#components)",
    ),
    check(
        "component/argument",
        E,
        "the words after a component's name missing or wrong: a care card's kind, a details box's summary, a quote's attribution, a passage's language code",
        "write what the message asks for on the `:::` line, such as `:::care-card urgent` or `:::lang cy`",
    ),
    check(
        "component/missing-part",
        E,
        "a component without a part it needs: a care card or card without a heading, a do or don't list with no items, a summary list row without `Key:`",
        "add the part the message names",
    ),
    check(
        "component/misplaced",
        E,
        "a component inside another where it makes no sense, such as a care card inside a details box, or text in a card group",
        "move it into the page itself, or into a component the message names",
    ),
    check(
        "component/fence",
        E,
        "a `:::` box that is never closed, or closed by the line meant for the box around it, or a `:::` line that closes nothing",
        "end each box with a line of only colons; give a box that holds others more colons (`::::card-group` … `::::`)",
    ),
    check(
        "language/right-to-left",
        W,
        "text in a right-to-left script (such as Arabic, Urdu or Hebrew) outside a `:::lang` passage of its language",
        "put it in a passage with its language's code: `:::lang ar` … `:::`",
    ),
    check(
        "content/ended",
        W,
        "a page past its end date: a vacancy whose closing date has passed (it is shown as closed), or a page of [your own kind](#your-own-kinds) past its `ends_on` date",
        "remove the page, or mark it `draft: true`",
    ),
    check(
        "content/review-overdue",
        W,
        "a page whose `next_review_due` date has passed",
        "check the page, then update `last_reviewed` and `next_review_due`",
    ),
    check(
        "content/duplicate-title",
        W,
        "two pages with the same title",
        "give each page its own title",
    ),
    check(
        "content/duplicate-summary",
        W,
        "two pages with the same summary",
        "give each page its own summary",
    ),
    check(
        "content/unknown-reference",
        E,
        "a service's `team_members` or a vacancy's `course` naming a page that does not exist, or that is a draft or not yet published (the message says which)",
        "use the file name of the page, without `.md`; publish the page first",
    ),
    check(
        "content/placeholder",
        E,
        "a published page (not `draft: true`) still holding a text `signpost new` wrote for you to replace, such as \"Write pay here.\"",
        "write the real text, or keep `draft: true` until the page is ready",
    ),
    check(
        "content/link-outside",
        W,
        "a shortcut (symbolic link) in `content/`, `static/` or the theme to a file or folder outside the site: it is left out, so that no file elsewhere on the computer is published by mistake",
        "copy the file into the site's folder instead of linking to it",
    ),
    check(
        "config/feedback-missing",
        W,
        "no `feedback` endpoint in `site.yaml`, so the rate-this-page form is left out of every page",
        "add `feedback:` with `endpoint: https://…` (your form service) or `provider: netlify`; a site that collects feedback another way can set this check to `off`",
    ),
    check(
        "config/section-no-index",
        W,
        "a folder under `sections:` in `site.yaml` has no `_index.md`, so it has no page of its own (its pages are listed under the home page)",
        "create `content/<folder>/_index.md` with a `title:` and a `summary:`",
    ),
    check(
        "config/allow-word-unknown",
        W,
        "a term under `writing.allow_words` in `site.yaml` that is not one of the wordy terms, so allowing it changes nothing",
        "check its spelling against the list of terms, or remove it",
    ),
    check(
        "theme/optional-template-missing",
        W,
        "the theme has no `feedback_problem.html`, so the page the feedback form shows when it is sent empty is not made (an older theme)",
        "add the template to the theme's `templates` folder; the default theme has one to copy",
    ),
    check(
        "writing/reading-age",
        W,
        "a page whose reading score (SMOG, as the NHS service manual uses) is over `writing.reading_score` (14 unless set); the message gives the score and the page's three hardest sentences, by line",
        "use shorter sentences and everyday words of one or two syllables",
    ),
    check(
        "writing/plain-english",
        W,
        "a wordy or formal term that has a plainer alternative, such as \"utilise\" (\"use\") or \"in order to\" (\"to\"), in the page or its front matter",
        "write the plainer words, or list the term under `writing.allow_words`",
    ),
    check(
        "writing/spelling",
        W,
        "a word not in the British English dictionary, the site's word list, or its names and titles, with up to three suggestions",
        "correct it, or add it to `words.txt` (or `writing.known_words`) if it is a name, place or service",
    ),
];
