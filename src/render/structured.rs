//! Structured data (schema.org JSON-LD) that search engines read: the
//! organisation (on the home page), a `BreadcrumbList` on every page, a
//! `JobPosting` for each vacancy, a `Course` for each course and a `Person`
//! for each team member. Job seekers find NHS vacancies through job search,
//! which relies on `JobPosting`.

use serde_json::{Value, json};

use crate::content::{Meta, Page, Site};

/// The `@id` of the organisation, so other items can refer to it.
pub fn organisation_id(site: &Site) -> String {
    format!("{}#organisation", site.config.absolute_url(""))
}

fn permalink(site: &Site, p: &Page) -> String {
    site.config.absolute_url(&p.path)
}

fn organisation(site: &Site) -> Value {
    let c = &site.config;
    let mut org = json!({
        "@context": "https://schema.org",
        "@type": "MedicalOrganization",
        "@id": organisation_id(site),
        "name": c.organisation,
        "url": c.absolute_url(""),
    });
    if let Some(email) = &c.contact.email {
        org["email"] = json!(email);
    }
    if let Some(phone) = &c.contact.phone {
        org["telephone"] = json!(phone);
    }
    if let Some(address) = &c.contact.address {
        org["address"] =
            json!({ "@type": "PostalAddress", "streetAddress": address, "addressCountry": "GB" });
    }
    org
}

fn org_ref(site: &Site) -> Value {
    json!({ "@type": "MedicalOrganization", "@id": organisation_id(site), "name": site.config.organisation })
}

fn breadcrumbs(site: &Site, i: usize) -> Value {
    let mut items: Vec<Value> = Vec::new();
    for (n, a) in site.ancestors(i).into_iter().chain([i]).enumerate() {
        let p = &site.pages[a];
        items.push(json!({
            "@type": "ListItem",
            "position": n + 1,
            "name": p.title(),
            "item": permalink(site, p),
        }));
    }
    json!({ "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items })
}

/// ISO 8601 duration for a number of hours: 6 → `PT6H`, 1.5 → `PT1H30M`.
pub fn iso_hours(hours: f64) -> String {
    let minutes = (hours * 60.0).round() as i64;
    match (minutes / 60, minutes % 60) {
        (h, 0) => format!("PT{h}H"),
        (0, m) => format!("PT{m}M"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

fn job_posting(site: &Site, p: &Page, body_html: &str) -> Option<Value> {
    let Meta::Vacancy(v) = &p.meta else {
        return None;
    };
    let posted = v
        .posted
        .or(p.common.publish_date)
        .or(p.common.last_reviewed)
        .unwrap_or(site.today);
    // The section's criteria apply to every vacancy in it, as the page shows.
    let shared = match p.parent.map(|s| &site.pages[s].meta) {
        Some(Meta::Section(s)) => s.eligibility_criteria.clone(),
        _ => Vec::new(),
    };
    let criteria: Vec<String> = v
        .eligibility_criteria
        .iter()
        .cloned()
        .chain(shared)
        .collect();
    let mut description = format!("<p>{}</p>{}", html_escape(&v.summary), body_html);
    if !criteria.is_empty() {
        description.push_str("<ul>");
        for c in &criteria {
            description.push_str(&format!("<li>{}</li>", html_escape(c)));
        }
        description.push_str("</ul>");
    }
    let mut job = json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": v.title,
        "description": description,
        "datePosted": posted.to_string(),
        "validThrough": format!("{}T23:59:59", v.closing_date),
        "hiringOrganization": org_ref(site),
        "jobLocation": {
            "@type": "Place",
            "name": v.location,
            "address": { "@type": "PostalAddress", "addressLocality": v.location, "addressCountry": "GB" },
        },
        "qualifications": criteria.join("; "),
        "experienceRequirements": criteria.join("; "),
        "url": permalink(site, p),
        "directApply": v.apply_url.is_some(),
    });
    if let Some(t) = &v.employment_type {
        job["employmentType"] = json!(t.schema_name());
    }
    if v.salary_min.is_some() || v.salary_max.is_some() {
        let mut value = json!({ "@type": "QuantitativeValue", "unitText": "YEAR" });
        if let Some(min) = v.salary_min {
            value["minValue"] = json!(min);
        }
        if let Some(max) = v.salary_max {
            value["maxValue"] = json!(max);
        }
        job["baseSalary"] = json!({ "@type": "MonetaryAmount", "currency": "GBP", "value": value });
    }
    Some(job)
}

fn course(site: &Site, p: &Page) -> Option<Value> {
    let Meta::Course(c) = &p.meta else {
        return None;
    };
    let mode = c.format.to_lowercase();
    let mut instance = json!({ "@type": "CourseInstance", "courseMode": mode });
    if let Some(h) = c.total_hours {
        instance["courseWorkload"] = json!(iso_hours(h));
    }
    let mut instances = vec![];
    if c.dates.is_empty() {
        instances.push(instance);
    } else {
        for d in &c.dates {
            let mut i = instance.clone();
            i["startDate"] = json!(d.start.to_string());
            i["endDate"] = json!(d.end.unwrap_or(d.start).to_string());
            instances.push(i);
        }
    }
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Course",
        "name": c.title,
        "description": c.summary,
        "url": permalink(site, p),
        "provider": org_ref(site),
        "teaches": c.learning_outcomes,
        "about": c.topics,
        "hasCourseInstance": instances,
    });
    if let Some(free) = c.is_free {
        value["isAccessibleForFree"] = json!(free);
    }
    Some(value)
}

fn person(site: &Site, p: &Page) -> Option<Value> {
    let Meta::TeamMember(m) = &p.meta else {
        return None;
    };
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": m.name,
        "jobTitle": m.role,
        "worksFor": org_ref(site),
        "url": permalink(site, p),
    });
    if let Some(bio) = &m.bio {
        v["description"] = json!(bio);
    }
    Some(v)
}

/// The page's JSON-LD, as `<script>` elements ready to insert in `<head>`.
pub fn for_page(site: &Site, i: usize, body_html: &str) -> String {
    let p = &site.pages[i];
    let mut items = Vec::new();
    if i == site.home {
        items.push(organisation(site));
    }
    items.push(breadcrumbs(site, i));
    if !p.is_section {
        items.extend(job_posting(site, p, body_html));
        items.extend(course(site, p));
        items.extend(person(site, p));
    }
    items.iter().map(script).collect::<Vec<_>>().join("\n")
}

/// A `<script type="application/ld+json">`; `</` is escaped so the JSON
/// cannot end the script early.
fn script(v: &Value) -> String {
    let json = serde_json::to_string(v)
        .unwrap_or_default()
        .replace("</", "<\\/");
    format!("<script type=\"application/ld+json\">{json}</script>")
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_become_iso_durations() {
        assert_eq!(iso_hours(6.0), "PT6H");
        assert_eq!(iso_hours(1.5), "PT1H30M");
        assert_eq!(iso_hours(0.25), "PT15M");
    }

    #[test]
    fn script_content_cannot_close_the_element() {
        let s = script(&json!({ "description": "</script><script>alert(1)</script>" }));
        assert!(!s[..s.len() - 9].contains("</script>"), "{s}");
    }
}
