//! The two bodies that are remade rather than wrapped: a summary list's
//! `- Key: value` items become rows of a description list, and a contents
//! list is made from the page's `##` headings.

use comrak::nodes::{AstNode, NodeValue};

use super::parts::escape;
use super::registry::Component;
use super::{Work, address, capital};

/// `- Phone: 0300 123 4567` → a `<dt>` and a `<dd>` in a row. The key is
/// everything before the first colon of the item's first line.
pub(super) fn rows<'a>(work: &mut Work<'a, '_>, node: &'a AstNode<'a>, kids: &[&'a AstNode<'a>]) {
    let lists: Vec<_> = kids
        .iter()
        .filter(|k| matches!(k.data().value, NodeValue::List(_)))
        .collect();
    if lists.iter().all(|l| l.children().next().is_none()) {
        work.report(
            "component/missing-part",
            node,
            "A summary list has no rows".into(),
            "Write each row on its own line as `- Key: value`, such as `- Phone: 0300 123 4567`."
                .into(),
        );
    }
    for k in kids {
        if !matches!(k.data().value, NodeValue::List(_)) {
            work.report(
                "component/missing-part",
                k,
                "A summary list holds only rows, and this is not one".into(),
                "Write each row as `- Key: value`, such as `- Opening times: Monday to Friday, 9am to 5pm`.".into(),
            );
        }
    }
    for list in lists {
        for item in list.children() {
            row(work, list, item);
        }
        list.detach();
    }
}

/// One item as a row, put before the list.
fn row<'a>(work: &mut Work<'a, '_>, list: &'a AstNode<'a>, item: &'a AstNode<'a>) {
    let first = item
        .first_child()
        .filter(|p| matches!(p.data().value, NodeValue::Paragraph));
    let split = first.and_then(|p| {
        p.children().find_map(|n| match &n.data().value {
            NodeValue::Text(t) => t.find(':').map(|i| (n, i)),
            _ => None,
        })
    });
    let (Some(paragraph), Some((text_node, at))) = (first, split) else {
        work.report(
            "component/missing-part",
            item,
            "This summary list row has no `Key:` before its value".into(),
            "Write it as `- Key: value`, such as `- Email: peer.support@example.nhs.uk`.".into(),
        );
        return;
    };
    let key = work.arena.alloc(AstNode::from(NodeValue::Paragraph));
    let value = work.arena.alloc(AstNode::from(NodeValue::Paragraph));
    let text = match &text_node.data().value {
        NodeValue::Text(t) => t.to_string(),
        _ => String::new(),
    };
    let (before, after) = text.split_at(at);
    let after = after.get(1..).unwrap_or_default().trim_start();
    let siblings_before: Vec<_> = paragraph
        .children()
        .take_while(|n| !n.same_node(text_node))
        .collect();
    let siblings_after: Vec<_> = text_node.following_siblings().skip(1).collect();
    for n in siblings_before {
        key.append(n);
    }
    let before = before.trim_end();
    if !before.is_empty() {
        key.append(
            work.arena
                .alloc(AstNode::from(NodeValue::Text(before.to_string().into()))),
        );
    }
    if !after.is_empty() {
        value.append(
            work.arena
                .alloc(AstNode::from(NodeValue::Text(after.to_string().into()))),
        );
    }
    for n in siblings_after {
        value.append(n);
    }
    work.out.marks.bare.insert(address(key));
    work.out.marks.bare.insert(address(value));
    let rest: Vec<_> = paragraph.following_siblings().skip(1).collect();
    list.insert_before(
        work.raw(r#"<div class="summary-list__row"><dt class="summary-list__key">"#),
    );
    list.insert_before(key);
    list.insert_before(work.raw(r#"</dt><dd class="summary-list__value">"#));
    list.insert_before(value);
    for n in rest {
        list.insert_before(n);
    }
    list.insert_before(work.raw("</dd></div>"));
}

/// The page's `##` headings as links, in the component.
pub(super) fn contents<'a>(
    work: &mut Work<'a, '_>,
    node: &'a AstNode<'a>,
    component: &Component,
    kids: &[&'a AstNode<'a>],
) {
    if let Some(k) = kids.first() {
        work.report(
            "component/misplaced",
            k,
            format!(
                "Nothing goes inside {}: it is made from the page's `##` headings",
                component.called
            ),
            format!(
                "Leave `:::{}` and `:::` with nothing between them.",
                component.name
            ),
        );
    }
    for k in kids {
        k.detach();
    }
    let items: String = work
        .ctx
        .headings
        .iter()
        .filter(|h| h.level == 2)
        .map(|h| {
            format!(
                r##"<li class="contents-list__item"><a class="contents-list__link" href="#{}">{}</a></li>"##,
                escape(&h.id),
                escape(&h.text)
            )
        })
        .collect();
    if items.is_empty() {
        work.report(
            "component/missing-part",
            node,
            format!(
                "{} lists the page's `##` headings, and this page has none",
                capital(component.called)
            ),
            "Add `##` headings to the page, or remove the contents list.".into(),
        );
    }
    node.append(work.raw(items));
}
