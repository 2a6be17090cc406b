//! The mistakes: findings that stop a page or the site being built as
//! written, always errors.

use super::{Mistake, mistake};

/// Every mistake's code.
pub const MISTAKES: &[Mistake] = &[
    mistake(
        "front-matter/missing",
        "the file does not start with a `---` line and the fields",
    ),
    mistake(
        "front-matter/unclosed",
        "the fields have no closing `---` line",
    ),
    mistake(
        "front-matter/empty",
        "there is nothing between the two `---` lines",
    ),
    mistake(
        "front-matter/not-fields",
        "the front matter is not a list of `name: value` fields",
    ),
    mistake(
        "front-matter/invalid",
        "the front matter cannot be read as fields",
    ),
    mistake(
        "front-matter/bad-field-name",
        "a field's name is not text (a number, a list)",
    ),
    mistake(
        "front-matter/missing-field",
        "a required field is missing or empty",
    ),
    mistake(
        "front-matter/unknown-field",
        "a field this kind of page does not have, usually a typo",
    ),
    mistake(
        "front-matter/wrong-type",
        "a field has the wrong kind of value",
    ),
    mistake(
        "front-matter/photo-alt-missing",
        "a photo or other file field has no description",
    ),
    mistake(
        "yaml/syntax",
        "the fields cannot be read: a missing space after `:`, an unclosed quote, a tab used to indent",
    ),
    mistake(
        "yaml/unknown-field",
        "a setting in a YAML file that Signpost does not know",
    ),
    mistake(
        "yaml/missing-field",
        "a required setting in a YAML file is missing",
    ),
    mistake(
        "yaml/wrong-type",
        "a setting in a YAML file has the wrong kind of value",
    ),
    mistake("content/missing", "there is no `content` folder"),
    mistake("content/no-home", "there is no `content/_index.md`"),
    mistake(
        "content/unreadable",
        "a file that cannot be opened, or is not an ordinary file",
    ),
    mistake("content/not-utf8", "a file not saved as UTF-8 text"),
    mistake(
        "content/duplicate-url",
        "two things would be published at the same address; neither is written",
    ),
    mistake(
        "content/file-name",
        "a file or folder name a web address cannot hold",
    ),
    mistake(
        "content/hidden-address",
        "a page whose address would have a part starting with a dot",
    ),
    mistake(
        "content/alias",
        "an old address under `aliases:` that cannot be one",
    ),
    mistake("config/unreadable", "`site.yaml` cannot be opened"),
    mistake(
        "config/not-a-mapping",
        "`site.yaml` is not a list of `name: value` settings",
    ),
    mistake(
        "config/unknown-setting",
        "a setting in `site.yaml` Signpost does not know, usually a typo",
    ),
    mistake(
        "config/unknown-check",
        "`checks:` or `silence_checks:` names a check that does not exist",
    ),
    mistake("config/base-url", "`base_url` is not a web address"),
    mistake(
        "config/feedback-endpoint",
        "the feedback endpoint is not a web address",
    ),
    mistake(
        "config/section-missing",
        "`sections:` names a folder that is not in `content/`",
    ),
    mistake(
        "config/section-name",
        "a `sections:` key is not the name of one folder inside `content/`",
    ),
    mistake(
        "config/unknown-kind",
        "`sections:` names a kind that is neither built in nor declared",
    ),
    mistake("config/kind", "a mistake in a kind declared under `kinds:`"),
    mistake(
        "config/nav-missing",
        "`nav:` names a page that does not exist",
    ),
    mistake("config/cms", "a mistake under `cms:` in `site.yaml`"),
    mistake(
        "config/writing",
        "a mistake under `writing:` in `site.yaml`",
    ),
    mistake(
        "theme/missing",
        "the theme named in `site.yaml` is not in `themes/`",
    ),
    mistake("theme/unreadable", "a template cannot be opened"),
    mistake(
        "theme/missing-template",
        "the theme has no template a page needs",
    ),
    mistake("theme/template", "a mistake in a template"),
    mistake("serve/build", "the preview could not build the site"),
    mistake(
        "output/write",
        "a page or file could not be written to the output folder",
    ),
];
