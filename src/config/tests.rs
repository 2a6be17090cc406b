//! Tests of `config.rs`.

use super::*;
use crate::urls::encode_url;

const MINIMAL: &str = "title: T\norganisation: O\nbase_url: https://example.org/peer-support\n";

#[test]
fn minimal_settings_get_defaults() {
    let mut d = Diagnostics::default();
    let c = Config::parse(MINIMAL, &mut d).expect("parses");
    assert_eq!(c.language, "en-GB");
    assert_eq!(c.theme, "default");
    assert_eq!(c.base_url(), "https://example.org/peer-support/");
    assert_eq!(c.base_path(), "/peer-support/");
}

#[test]
fn an_unknown_setting_suggests_the_right_one_with_its_line() {
    let mut d = Diagnostics::default();
    let text = format!("{MINIMAL}langauge: en\n");
    assert!(Config::parse(&text, &mut d).is_none());
    let all = d.sorted();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].line, Some(4));
    assert!(all[0].help.as_deref().unwrap_or("").contains("`language`"));
}

#[test]
fn a_misspelt_nested_setting_is_named_with_its_section() {
    let mut d = Diagnostics::default();
    let text = format!("{MINIMAL}feedback:\n  endpont: https://x\n");
    assert!(Config::parse(&text, &mut d).is_none());
    let all = d.sorted();
    assert_eq!(all[0].field.as_deref(), Some("feedback.endpont"));
    assert_eq!(all[0].line, Some(5));
    assert!(
        all[0].help.as_deref().unwrap_or("").contains("`endpoint`"),
        "{:?}",
        all[0]
    );
}

#[test]
fn checks_can_be_configured_and_unknown_ones_are_reported() {
    let mut d = Diagnostics::default();
    let text = format!("{MINIMAL}checks:\n  link/insecure: off\n  a11y/all-caps: error\n");
    let c = Config::parse(&text, &mut d).expect("parses");
    assert_eq!(c.checks.len(), 2);
    let text = format!("{MINIMAL}checks:\n  link/insecur: off\n");
    assert!(Config::parse(&text, &mut d).is_none());
    assert!(
        d.sorted()[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("`link/insecure`")
    );
}

#[test]
fn absolute_urls_are_percent_encoded_once() {
    let mut d = Diagnostics::default();
    let c = Config::parse(MINIMAL, &mut d).expect("parses");
    assert_eq!(
        c.absolute_url("/our-team/dr-siân-ó/"),
        "https://example.org/peer-support/our-team/dr-si%C3%A2n-%C3%B3/"
    );
    assert_eq!(
        encode_url("https://x.org/a%20b/?q=1&r=\"2\""),
        "https://x.org/a%20b/?q=1&r=%222%22"
    );
}

#[test]
fn a_section_key_that_is_a_path_is_a_located_error() {
    for (key, why) in [
        ("\"../outside\"", "`..`"),
        ("/tmp/x", "path"),
        ("a/b", "path"),
        ("\".hidden\"", "dot"),
        ("'C:\\x'", "path"),
    ] {
        let mut d = Diagnostics::default();
        let text = format!("{MINIMAL}sections:\n  services: service\n  {key}: page\n");
        assert!(Config::parse(&text, &mut d).is_none(), "{key}");
        let all = d.sorted();
        assert_eq!(all.len(), 1, "{key}: {all:#?}");
        assert_eq!(all[0].code, "config/section-name");
        assert_eq!(all[0].line, Some(6), "{key}");
        assert!(all[0].message.contains(why), "{key}: {}", all[0].message);
    }
}

#[test]
fn an_unknown_section_kind_is_reported() {
    let mut d = Diagnostics::default();
    let text = format!("{MINIMAL}sections:\n  services: servce\n");
    assert!(Config::parse(&text, &mut d).is_none());
    let all = d.sorted();
    assert!(
        all[0].help.as_deref().unwrap_or("").contains("`service`"),
        "{:?}",
        all[0]
    );
}
