//! Dates and times in front matter: `YYYY-MM-DD` and `YYYY-MM-DD HH:MM`,
//! explaining what is wrong in words, such as a date written `15/01/2027`.

/// Parses `YYYY-MM-DD HH:MM` (or with `T`, or with seconds).
pub fn parse_datetime(s: &str) -> Result<jiff::civil::DateTime, String> {
    let s = s.trim();
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, t.trim()),
        None => {
            return Err(match parse_date(s) {
                Ok(_) => format!("`{s}` has no time: add one, as in `{s} 10:00`"),
                Err(e) => e,
            });
        }
    };
    let whole = || format!("`{s}` is not written YYYY-MM-DD HH:MM (for example 2027-03-04 10:00)");
    let d = parse_date(date).map_err(|e| if date.len() < 8 { whole() } else { e })?;
    let t: jiff::civil::Time = time.parse().map_err(|_| {
        format!("`{time}` is not a time written HH:MM (for example 10:00 or 14:30)")
    })?;
    Ok(d.to_datetime(t))
}

/// Parses `YYYY-MM-DD`, explaining what is wrong in words.
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    let s = s.trim();
    let shape_ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(match other_order(s) {
            Some(hint) => format!("`{s}` {hint}"),
            None => format!("`{s}` is not written YYYY-MM-DD (for example 2026-12-01)"),
        });
    }
    s.parse::<jiff::civil::Date>()
        .map_err(|_| format!("`{s}` is not a real date in the calendar"))
}

/// For a date written with `/`, `.` or `-` in another order (`15/01/2027`,
/// `2027/01/15`): what to write instead. Day and month are only swapped
/// when there is no doubt which is which; otherwise both readings are given.
fn other_order(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i16>().ok())
            .flatten()
    };
    let (a, b, c) = (num(a)?, num(b)?, num(c)?);
    let real = |y: i16, m: i16, d: i16| -> Option<jiff::civil::Date> {
        let (m, d) = (i8::try_from(m).ok()?, i8::try_from(d).ok()?);
        jiff::civil::Date::new(y, m, d).ok().filter(|_| y >= 1000)
    };
    let write = |d: jiff::civil::Date| format!("`{d}` ({})", d.strftime("%-d %B %Y"));
    // Year first: 2027/01/15.
    if let Some(d) = real(a, b, c) {
        let why = if s.split('-').count() == 3 {
            "needs two digits for the month and the day"
        } else {
            "needs `-` between the year, month and day"
        };
        return Some(format!("{why}: write {}", write(d)));
    }
    // Year last: day/month (British) and month/day (American).
    let dm = real(c, b, a);
    let md = real(c, a, b);
    match (dm, md) {
        (Some(d), Some(m)) if d != m => Some(format!(
            "could be day/month/year or month/day/year: write {} or {}",
            write(d),
            write(m)
        )),
        (Some(d), _) => Some(format!("is day/month/year: write {}", write(d))),
        (None, Some(d)) => Some(format!("is month/day/year: write {}", write(d))),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_well_formed() {
        assert!(parse_date("2026-12-01").is_ok());
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .contains("not a real date")
        );
        assert!(parse_date("1 Dec 2026").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn a_date_written_the_british_way_gets_the_iso_form_when_there_is_no_doubt() {
        assert_eq!(
            parse_date("15/01/2027").unwrap_err(),
            "`15/01/2027` is day/month/year: write `2027-01-15` (15 January 2027)"
        );
        assert!(
            parse_date("2027/01/15")
                .unwrap_err()
                .ends_with("write `2027-01-15` (15 January 2027)")
        );
        assert!(
            parse_date("15.1.2027")
                .unwrap_err()
                .contains("`2027-01-15`")
        );
        assert_eq!(
            parse_date("2027-1-5").unwrap_err(),
            "`2027-1-5` needs two digits for the month and the day: write `2027-01-05` (5 January 2027)"
        );
        assert!(
            parse_date("2027/01/15")
                .unwrap_err()
                .starts_with("`2027/01/15` needs `-` between the year, month and day")
        );
        assert!(
            parse_date("07/07/2027")
                .unwrap_err()
                .ends_with("write `2027-07-07` (7 July 2027)")
        );
        assert_eq!(
            parse_date("05/01/2027").unwrap_err(),
            "`05/01/2027` could be day/month/year or month/day/year: write `2027-01-05` (5 January 2027) or `2027-05-01` (1 May 2027)"
        );
        // Not a real date either way: no suggestion.
        assert!(
            parse_date("31/31/2027")
                .unwrap_err()
                .contains("for example")
        );
        assert!(parse_date("15/01/27").unwrap_err().contains("for example"));
    }
}
