//! Structured data (schema.org JSON-LD) that search engines read: the
//! organisation (on the home page), a `BreadcrumbList` on every page, a
//! `JobPosting` for each vacancy, a `Course` for each course and a `Person`
//! for each team member. Job seekers find NHS vacancies through job search,
//! which relies on `JobPosting`.

use serde_json::{Value, json};

use crate::content::{Page, Site};
use crate::schema::StructuredData;

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
            "name": t(site, p.title()),
            "item": permalink(site, p),
        }));
    }
    json!({ "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items })
}

/// schema.org's `courseMode` for what `format` says: `online`, `onsite` or
/// `blended` (both); `None` when it says neither.
pub fn course_mode(format: &str) -> Option<&'static str> {
    let f = format.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| f.contains(w));
    let online = has(&[
        "online",
        "virtual",
        "remote",
        "video",
        "zoom",
        "teams",
        "webinar",
        "e-learning",
        "elearning",
    ]);
    let onsite = has(&[
        "in person",
        "in-person",
        "face to face",
        "face-to-face",
        "onsite",
        "on site",
        "on-site",
        "classroom",
        "venue",
    ]);
    if has(&["blended", "hybrid", "mixed"]) || (online && onsite) {
        Some("blended")
    } else if online {
        Some("online")
    } else if onsite {
        Some("onsite")
    } else {
        None
    }
}

/// The end of the closing date in the UK: `2027-07-01T23:59:59+01:00` in
/// summer time, `+00:00` in winter. Time zone rules come from the computer's
/// database, or the copy built into Signpost when it has none.
pub fn valid_through(closing: jiff::civil::Date) -> String {
    let end = closing.at(23, 59, 59, 0);
    match end.in_tz("Europe/London") {
        Ok(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        // Without time zone rules, the date alone (it is a valid value).
        Err(_) => closing.to_string(),
    }
}

/// `href` and `src` values in `html` made full addresses: `/x/` gets the
/// site's scheme and host, a relative one is resolved against the page.
fn absolute_links(site: &Site, p: &Page, html: &str) -> String {
    let base = site.config.base_url();
    let origin_end = base
        .find("://")
        .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(base.len());
    let origin = &base[..origin_end];
    let page_url = site.config.absolute_url(&p.path);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let next = |s: &str| {
        [s.find(" href=\""), s.find(" src=\"")]
            .into_iter()
            .flatten()
            .min()
    };
    while let Some(i) = next(rest) {
        let start = i + rest[i..].find('"').map_or(0, |q| q + 1);
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let url = &rest[..end];
        let is_absolute = crate::urls::is_external(url);
        if is_absolute {
            out.push_str(url);
        } else if url.starts_with('/') {
            out.push_str(&crate::urls::encode_url(&format!("{origin}{url}")));
        } else if let Some(frag) = url.strip_prefix('#') {
            out.push_str(&format!("{page_url}#{frag}"));
        } else {
            let dir = p.path.trim_matches('/');
            let joined = crate::urls::join_path(dir, url).unwrap_or_default();
            out.push_str(&site.config.absolute_url(&joined));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
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

/// schema.org's name for a vacancy's `employment_type`.
fn employment_type(t: &str) -> Option<&'static str> {
    Some(match t {
        "full_time" => "FULL_TIME",
        "part_time" => "PART_TIME",
        "contract" => "CONTRACTOR",
        "temporary" => "TEMPORARY",
        "bank" => "PER_DIEM",
        "volunteer" => "VOLUNTEER",
        "apprenticeship" => "INTERN",
        _ => return None,
    })
}

fn job_posting(site: &Site, p: &Page, body_html: &str) -> Value {
    let posted = p
        .kind
        .published_on
        .as_deref()
        .and_then(|f| p.date(f))
        .or(p.common.publish_date)
        .or(p.common.last_reviewed)
        .unwrap_or(site.today);
    // The section's criteria apply to every vacancy in it, as the page shows.
    let shared = p
        .parent
        .map(|s| site.pages[s].strings("eligibility_criteria"))
        .unwrap_or_default();
    let criteria: Vec<&str> = p
        .strings("eligibility_criteria")
        .into_iter()
        .chain(shared)
        .collect();
    // Job boards show the description away from the site: links in it must
    // be full addresses.
    let body_html = absolute_links(site, p, body_html);
    let mut description = format!("<p>{}</p>{}", html_escape(&t(site, p.summary())), body_html);
    if !criteria.is_empty() {
        description.push_str("<ul>");
        for c in &criteria {
            description.push_str(&format!("<li>{}</li>", html_escape(&t(site, c))));
        }
        description.push_str("</ul>");
    }
    let location = p.text("location").unwrap_or_default();
    let mut job = json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": t(site, p.title()),
        "description": description,
        "datePosted": posted.to_string(),
        "hiringOrganization": org_ref(site),
        "jobLocation": {
            "@type": "Place",
            "name": location,
            "address": { "@type": "PostalAddress", "addressLocality": location, "addressCountry": "GB" },
        },
        "qualifications": criteria.join("; "),
        "experienceRequirements": criteria.join("; "),
        "url": permalink(site, p),
        "directApply": p.field("apply_url").is_some(),
    });
    if let Some(end) = p.end_date() {
        job["validThrough"] = json!(valid_through(end));
    }
    if let Some(t) = p.text("employment_type").and_then(employment_type) {
        job["employmentType"] = json!(t);
    }
    let (min, max) = (p.number("salary_min"), p.number("salary_max"));
    if min.is_some() || max.is_some() {
        let mut value = json!({ "@type": "QuantitativeValue", "unitText": "YEAR" });
        if let Some(min) = min {
            value["minValue"] = json!(min);
        }
        if let Some(max) = max {
            value["maxValue"] = json!(max);
        }
        job["baseSalary"] = json!({ "@type": "MonetaryAmount", "currency": "GBP", "value": value });
    }
    job
}

fn course(site: &Site, p: &Page) -> Value {
    let mut instance = json!({ "@type": "CourseInstance" });
    if let Some(mode) = p.text("format").and_then(course_mode) {
        instance["courseMode"] = json!(mode);
    }
    if let Some(h) = p.number("total_hours") {
        instance["courseWorkload"] = json!(iso_hours(h));
    }
    // Only dates still to come (or running today) are offered.
    let dates = p
        .field("dates")
        .and_then(serde_yaml::Value::as_sequence)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let upcoming: Vec<(jiff::civil::Date, jiff::civil::Date)> = dates
        .iter()
        .filter_map(|d| {
            let start = d.get("start").and_then(crate::content::kinds::date_of)?;
            let end = d
                .get("end")
                .and_then(crate::content::kinds::date_of)
                .unwrap_or(start);
            Some((start, end))
        })
        .filter(|(_, end)| *end >= site.today)
        .collect();
    let mut instances = vec![];
    if upcoming.is_empty() {
        instances.push(instance);
    } else {
        for (start, end) in upcoming {
            let mut i = instance.clone();
            i["startDate"] = json!(start.to_string());
            i["endDate"] = json!(end.to_string());
            instances.push(i);
        }
    }
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Course",
        "name": t(site, p.title()),
        "description": t(site, p.summary()),
        "url": permalink(site, p),
        "provider": org_ref(site),
        "teaches": p.strings("learning_outcomes").into_iter().map(|x| t(site, x)).collect::<Vec<_>>(),
        "about": p.strings("topics").into_iter().map(|x| t(site, x)).collect::<Vec<_>>(),
        "hasCourseInstance": instances,
    });
    if let Some(free) = p.field("is_free").and_then(serde_yaml::Value::as_bool) {
        value["isAccessibleForFree"] = json!(free);
        let mut offer = json!({
            "@type": "Offer",
            "category": if free { "Free" } else { "Paid" },
        });
        if free {
            offer["price"] = json!(0);
            offer["priceCurrency"] = json!("GBP");
        }
        value["offers"] = json!([offer]);
    }
    value
}

fn person(site: &Site, p: &Page) -> Value {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": t(site, p.title()),
        "jobTitle": t(site, p.text("role").unwrap_or_default()),
        "worksFor": org_ref(site),
        "url": permalink(site, p),
    });
    if let Some(bio) = p.text("bio") {
        v["description"] = json!(t(site, bio));
    }
    v
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
        match p.kind.structured_data {
            Some(StructuredData::JobPosting) => items.push(job_posting(site, p, body_html)),
            Some(StructuredData::Course) => items.push(course(site, p)),
            Some(StructuredData::Person) => items.push(person(site, p)),
            None => {}
        }
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

/// Front-matter text with the site's punctuation setting, as on the page.
fn t(site: &Site, text: &str) -> String {
    super::summary::typeset(site.config.markdown.smart_punctuation, text)
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
    fn course_formats_become_schema_org_course_modes() {
        assert_eq!(course_mode("Online"), Some("online"));
        assert_eq!(course_mode("Online, on Microsoft Teams"), Some("online"));
        assert_eq!(
            course_mode("In person at Duncan Macmillan House"),
            Some("onsite")
        );
        assert_eq!(course_mode("Face to face"), Some("onsite"));
        assert_eq!(
            course_mode("Blended: online and in person"),
            Some("blended")
        );
        assert_eq!(course_mode("Hybrid"), Some("blended"));
        assert_eq!(course_mode("Self-paced reading"), None);
    }

    #[test]
    fn closing_dates_end_at_midnight_uk_time_in_summer_and_winter() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().expect("date");
        assert_eq!(valid_through(d("2027-01-15")), "2027-01-15T23:59:59+00:00");
        assert_eq!(valid_through(d("2027-07-01")), "2027-07-01T23:59:59+01:00");
        // The last Sunday of March 2027 is the 28th: summer time from then.
        assert_eq!(valid_through(d("2027-03-27")), "2027-03-27T23:59:59+00:00");
        assert_eq!(valid_through(d("2027-03-28")), "2027-03-28T23:59:59+01:00");
    }

    #[test]
    fn script_content_cannot_close_the_element() {
        let s = script(&json!({ "description": "</script><script>alert(1)</script>" }));
        assert!(!s[..s.len() - 9].contains("</script>"), "{s}");
    }
}
