//! The example site against the calendar: CI checks it on a fixed date, so
//! these tests say what happens on other dates. On any date in 2027 the
//! only findings are the ones time brings (a vacancy closes, reviews fall
//! due), and the real date is compared with the example's own dates so
//! that someone refreshes them before they look stale.

mod common;

use std::collections::BTreeSet;

use jiff::civil::Date;

fn codes_on(today: Date) -> (usize, BTreeSet<&'static str>) {
    let mut opts = signpost::BuildOptions::new(common::repo_root());
    opts.today = Some(today);
    let report = signpost::check_site(&opts).expect("check the example site");
    let d = &report.diagnostics;
    (d.error_count(), d.iter().map(|d| d.code).collect())
}

#[test]
fn on_any_date_in_2027_the_example_has_only_the_warnings_time_brings() {
    let allowed: BTreeSet<&str> = ["content/ended", "content/review-overdue"].into();
    for day in [
        "2027-01-01",
        "2027-01-16",
        "2027-06-30",
        "2027-11-02",
        "2027-12-31",
    ] {
        let (errors, codes) = codes_on(day.parse().expect("date"));
        assert_eq!(errors, 0, "{day}: {codes:?}");
        assert!(codes.is_subset(&allowed), "{day}: {codes:?}");
    }
}

#[test]
fn the_examples_closing_dates_are_compared_with_todays_date() {
    let today = signpost::today();
    let vacancies = common::repo_root().join("content/vacancies");
    let mut open = 0;
    for entry in std::fs::read_dir(&vacancies).expect("read the example's vacancies") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let Some(date) = text
            .lines()
            .find_map(|l| l.strip_prefix("closing_date:"))
            .and_then(|d| d.trim().parse::<Date>().ok())
        else {
            continue;
        };
        let days = today.until(date).map_or(0, |s| s.get_days());
        if days >= 0 {
            open += 1;
        }
        if (0..60).contains(&days) {
            // Printed, not failed: the calendar must never break the tests.
            eprintln!(
                "NOTE: the example vacancy content/vacancies/{} closes in {days} days ({date}); \
                 give it a later closing date so the example keeps an open vacancy",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
        }
    }
    if open == 0 {
        eprintln!("NOTE: every example vacancy has closed; give one a later closing date");
    }
    let (errors, codes) = codes_on(today);
    assert_eq!(errors, 0, "the example has mistakes today: {codes:?}");
}
