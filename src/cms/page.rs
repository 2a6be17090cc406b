//! `admin/index.html`: the page that loads the CMS (its script in the
//! body, as its documentation shows) and registers Signpost's components
//! (`:::inset`, `:::care-card urgent`…) as editor components, so an editor
//! can insert them from the body editor's menu and edit their parts in a
//! small form instead of typing the colons.

use serde_json::{Value, json};

use crate::config::Config;
use crate::markdown::components::registry::{Argument, Body, COMPONENTS, Component};

/// The whole page.
pub fn index_html(config: &Config, script: &str, integrity: Option<&str>) -> String {
    let integrity = integrity
        .map(|i| format!(" integrity=\"{}\" crossorigin=\"anonymous\"", escape(i)))
        .unwrap_or_default();
    let components = serde_json::to_string(&editor_components()).unwrap_or_else(|_| "[]".into());
    // `</` inside the script would end it early.
    let components = components.replace("</", "<\\/");
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit {title}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="{script}"{integrity}></script>
<script>
{SCRIPT}
registerSignpostComponents({components});
</script>
</body>
</html>
"#,
        lang = escape(&config.language),
        title = escape(&config.title),
        script = escape(script),
    )
}

use crate::html::escape;

/// Registers each component with the CMS: a block that starts with
/// `:::name` (and what may follow the name) and ends at the first line of
/// just `:::`. The CMS matches from the start of a block against the rest
/// of the text, so the end is a line's end, not the text's.
const SCRIPT: &str = r#"function registerSignpostComponents(components) {
  if (!window.CMS) {
    return;
  }
  const text = (s) => String(s == null ? "" : s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  for (const c of components) {
    const name = c.name.replace(/[-]/g, "\\-");
    CMS.registerEditorComponent({
      id: c.name,
      label: c.label,
      fields: c.fields,
      pattern: new RegExp("^:::" + name + "(?:[ \\t]+([^\\n]*))?\\n(.*?)\\n:::(?=\\n|$)", "s"),
      fromBlock: (m) => ({ argument: (m[1] || "").trim(), body: m[2] }),
      toBlock: (d) => ":::" + c.name + (d.argument ? " " + d.argument : "") + "\n" + String(d.body || "").trim() + "\n:::",
      toPreview: (d) => '<div style="border-left:8px solid #005eb8;padding:8px 16px;margin:16px 0"><strong>' + text(c.label) + (d.argument ? ": " + text(d.argument) : "") + "</strong><div style=\"white-space:pre-wrap\">" + text(d.body) + "</div></div>",
    });
  }
}"#;

/// The components an editor can insert, as the CMS's editor component
/// settings: those made of a `:::` line and markdown inside. Groups (a box
/// of boxes) and the contents list (made from the headings) are typed.
pub fn editor_components() -> Vec<Value> {
    COMPONENTS.iter().filter_map(component).collect()
}

fn component(c: &Component) -> Option<Value> {
    let body_hint = match c.body {
        Body::Text { .. } => "Markdown: the text inside the box.",
        Body::List => "A list: each line starting with `- `.",
        Body::Rows => "One line each, as `Key: value`, starting with `- `.",
        Body::Link => "One link, written `[words](address)`.",
        Body::Each { .. } | Body::Contents => return None,
    };
    let mut fields = Vec::new();
    match &c.argument {
        Argument::None => {}
        Argument::Text { what, example } => fields.push(json!({
            "name": "argument", "label": label(what), "widget": "string",
            "hint": format!("For example: {example}"),
        })),
        Argument::Choice(choices) => fields.push(json!({
            "name": "argument", "label": "Which", "widget": "select",
            "options": choices.iter().map(|ch| ch.value).collect::<Vec<_>>(),
        })),
        Argument::Language => fields.push(json!({
            "name": "argument", "label": "Language code", "widget": "string",
            "hint": "Such as cy for Welsh, pl for Polish, ur for Urdu.",
        })),
    }
    let heading = if c.heading.is_some() {
        " Start with a heading (### …) for the box's own heading."
    } else {
        ""
    };
    fields.push(json!({
        "name": "body", "label": "Inside", "widget": "text",
        "hint": format!("{body_hint}{heading}"),
    }));
    Some(json!({
        "name": c.name,
        "label": label(c.called),
        "fields": fields,
    }))
}

/// "a care card" → "Care card".
fn label(called: &str) -> String {
    let words = called
        .strip_prefix("a ")
        .or_else(|| called.strip_prefix("an "))
        .unwrap_or(called);
    crate::schema::label_for(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_components_are_editor_components_and_groups_are_not() {
        let all = editor_components();
        let names: Vec<&str> = all.iter().filter_map(|c| c["name"].as_str()).collect();
        for common in ["inset", "warning", "care-card", "do", "dont", "details"] {
            assert!(names.contains(&common), "{common}: {names:?}");
        }
        assert!(!names.contains(&"card-group") && !names.contains(&"contents"));
        let care = all.iter().find(|c| c["name"] == "care-card").expect("care");
        assert_eq!(care["label"], "Care card");
        assert_eq!(care["fields"][0]["options"][1], "urgent");
    }
}
