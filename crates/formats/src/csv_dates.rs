//! Local dates and times as strength apps write them in their exports, in any locale.
//!
//! Strong writes the phone's own format: `2025-01-30 18:36:03`, `2025-01-30 6:36:03\u{202f}pm` (iOS puts a
//! narrow no-break space before the am/pm marker), `30.01.2025 18:36`, `30/01/2025 18:36`, `1/30/2025 6:36 PM`,
//! `2025/01/30 下午6:36:03`, `2025年1月30日 18:36`. Hevy writes `30 Jan 2025, 18:36`. [`parse`] reads all of these.
//!
//! `30/01/2025` is day first and `01/30/2025` month first, but `03/04/2025` could be either: the order is
//! decided once for the whole column ([`DayOrder::decide`]) from the dates that can only be read one way. When
//! none can, the column is ambiguous: it is read day first (month first in files with a 12-hour clock, the US
//! convention) and a warning says so. Dotted dates (`30.01.2025`) are always day first.

use jiff::civil::{Date, DateTime, Time};

/// Which number comes first in a `a/b/yyyy` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayOrder {
    DayFirst,
    MonthFirst,
}

/// A date-time split into its parts, before the day order is known.
#[derive(Debug, Clone, PartialEq)]
struct Parts {
    date: DateParts,
    /// Hour (0–23 after am/pm), minute, second, nanosecond.
    time: (i8, i8, i8, i32),
    twelve_hour: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum DateParts {
    /// Year, month and day known (`2025-01-30`, `30.01.2025`, `30 Jan 2025`).
    Known { year: i16, month: i8, day: i8 },
    /// `a/b/year`: day/month or month/day.
    Either { a: i8, b: i8, year: i16 },
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
/// am/pm markers, lowercase, without dots: English, Chinese, Japanese, Korean.
const AM: &[&str] = &["am", "上午", "午前", "오전"];
const PM: &[&str] = &["pm", "下午", "午後", "오후"];

impl DayOrder {
    /// The order of a column's dates, and a warning when it had to be assumed. Fails (with the two lines
    /// that disagree) when some dates are only readable day first and others only month first.
    pub(crate) fn decide<'a>(
        column: impl Iterator<Item = (u64, &'a str)>,
    ) -> Result<(DayOrder, Option<String>), String> {
        let mut day_first: Option<(u64, String)> = None;
        let mut month_first: Option<(u64, String)> = None;
        let mut ambiguous: Option<String> = None;
        let mut twelve_hour = false;
        let mut previous = "";
        for (line, text) in column {
            // Rows of one workout repeat its date; a date that starts with its year has no day order.
            if text == previous || starts_with_year(text) {
                continue;
            }
            previous = text;
            let Some(parts) = split(text) else { continue };
            twelve_hour |= parts.twelve_hour;
            if let DateParts::Either { a, b, .. } = parts.date {
                if a > 12 && day_first.is_none() {
                    day_first = Some((line, text.to_owned()));
                } else if b > 12 && month_first.is_none() {
                    month_first = Some((line, text.to_owned()));
                } else if a != b && a <= 12 && b <= 12 && ambiguous.is_none() {
                    ambiguous = Some(text.to_owned());
                }
            }
        }
        match (day_first, month_first) {
            (Some((l1, t1)), Some((l2, t2))) => Err(format!(
                "dates are neither all day/month nor all month/day: line {l1} has \"{t1}\", line {l2} has \"{t2}\""
            )),
            (Some(_), None) => Ok((DayOrder::DayFirst, None)),
            (None, Some(_)) => Ok((DayOrder::MonthFirst, None)),
            (None, None) => {
                let (order, name) = if twelve_hour {
                    (
                        DayOrder::MonthFirst,
                        "month/day (the file uses a 12-hour clock)",
                    )
                } else {
                    (DayOrder::DayFirst, "day/month")
                };
                let warning = ambiguous.map(|text| {
                    format!(
                        "dates such as \"{text}\" could be day/month or month/day and no date in the file \
                         decides it: read as {name}; check the imported dates"
                    )
                });
                Ok((order, warning))
            }
        }
    }
}

/// A local date-time in any of the formats of the module documentation, with the column's day order.
pub(crate) fn parse(text: &str, order: DayOrder) -> Option<DateTime> {
    // The common case first, without allocating: ISO 8601 (`2025-01-30 18:36:03`).
    if starts_with_year(text)
        && let Ok(civil) = text.trim().parse::<DateTime>()
    {
        return Some(civil);
    }
    let parts = split(text)?;
    let (year, month, day) = match parts.date {
        DateParts::Known { year, month, day } => (year, month, day),
        DateParts::Either { a, b, year } => match order {
            DayOrder::DayFirst => (year, b, a),
            DayOrder::MonthFirst => (year, a, b),
        },
    };
    let date = Date::new(year, month, day).ok()?;
    let (h, m, s, ns) = parts.time;
    Some(date.to_datetime(Time::new(h, m, s, ns).ok()?))
}

/// `2025-…` or `2025/…`: a date that starts with its year.
fn starts_with_year(text: &str) -> bool {
    let bytes = text.trim_start().as_bytes();
    bytes.len() > 5 && bytes[..4].iter().all(u8::is_ascii_digit) && matches!(bytes[4], b'-' | b'/')
}

/// The date and time parts of a cell, or `None` when it is not a date.
fn split(text: &str) -> Option<Parts> {
    // No-break spaces, CJK date markers and an ISO `T` are separators like any other.
    let mut cleaned = String::with_capacity(text.len());
    let mut chars = text.trim().chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        let between_digits =
            previous.is_ascii_digit() && chars.peek().is_some_and(char::is_ascii_digit);
        previous = c;
        match c {
            '\u{202f}' | '\u{a0}' | ',' => cleaned.push(' '),
            '年' | '月' | '년' | '월' => cleaned.push('-'),
            '日' | '일' => cleaned.push(' '),
            'T' | 't' if between_digits => cleaned.push(' '),
            c if c.is_ascii() => cleaned.push(c.to_ascii_lowercase()),
            _ => cleaned.extend(c.to_lowercase()),
        }
    }
    let mut twelve_hour = None;
    let mut time = None;
    let mut date_tokens: Vec<&str> = Vec::new();
    for token in cleaned.split_whitespace() {
        // `下午6:36:03`: a marker glued to the time.
        let (marker, rest) = split_marker(token);
        if let Some(pm) = marker {
            twelve_hour = Some(pm);
        }
        if rest.is_empty() {
            continue;
        }
        if rest.contains(':') && time.is_none() {
            time = Some(clock(rest)?);
        } else if time.is_some() {
            // Only a zone name or `Uhr` may follow a time: ignore it.
            continue;
        } else {
            date_tokens.push(rest);
        }
    }
    let date = date_parts(&date_tokens)?;
    let (mut h, m, s, ns) = time.unwrap_or((0, 0, 0, 0));
    if let Some(pm) = twelve_hour {
        if !(1..=12).contains(&h) {
            return None;
        }
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    Some(Parts {
        date,
        time: (h, m, s, ns),
        twelve_hour: twelve_hour.is_some(),
    })
}

/// An am/pm marker at the start or end of a token (`pm`, `p.m.`, `下午6:36`), and the rest of the token.
fn split_marker(token: &str) -> (Option<bool>, &str) {
    if token.starts_with(|c: char| c.is_ascii_digit())
        && token.ends_with(|c: char| c.is_ascii_digit())
    {
        return (None, token);
    }
    let undotted = token.replace('.', "");
    if AM.contains(&undotted.as_str()) {
        return (Some(false), "");
    }
    if PM.contains(&undotted.as_str()) {
        return (Some(true), "");
    }
    for (markers, pm) in [(AM, false), (PM, true)] {
        for marker in markers {
            if let Some(rest) = token.strip_prefix(marker) {
                return (Some(pm), rest);
            }
            if let Some(rest) = token.strip_suffix(marker)
                && rest.ends_with(|c: char| c.is_ascii_digit())
            {
                return (Some(pm), rest);
            }
        }
    }
    (None, token)
}

/// `18:36`, `18:36:03`, `18:36:03.250`.
fn clock(text: &str) -> Option<(i8, i8, i8, i32)> {
    let mut fields = text.split(':');
    let h: i8 = fields.next()?.parse().ok()?;
    let m: i8 = fields.next()?.parse().ok()?;
    let (s, ns) = match fields.next() {
        None => (0, 0),
        Some(sec) => {
            let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
            let s: i8 = whole.parse().ok()?;
            let ns = if frac.is_empty() {
                0
            } else {
                let digits: String = frac.chars().take(9).collect();
                let scale = 10i32.pow(9 - digits.len() as u32);
                digits.parse::<i32>().ok()? * scale
            };
            (s, ns)
        }
    };
    fields.next().is_none().then_some((h, m, s, ns))
}

/// The date from its tokens: one (`2025-01-30`, `30.01.2025`, `1/30/2025`) or three (`30 jan 2025`, `jan 30 2025`).
fn date_parts(tokens: &[&str]) -> Option<DateParts> {
    match tokens {
        [one] => numeric_date(one),
        [_, _, _] => named_month_date(tokens),
        _ => None,
    }
}

fn numeric_date(text: &str) -> Option<DateParts> {
    let text = text.trim_end_matches(['-', '.']);
    let separator = ['-', '.', '/'].into_iter().find(|&s| text.contains(s))?;
    let fields: Vec<&str> = text.split(separator).collect();
    let [first, second, third] = fields.as_slice() else {
        return None;
    };
    let number = |s: &str| -> Option<i16> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (a, b, c) = (number(first)?, number(second)?, number(third)?);
    if first.len() == 4 {
        return Some(DateParts::Known {
            year: a,
            month: i8::try_from(b).ok()?,
            day: i8::try_from(c).ok()?,
        });
    }
    let year = full_year(third, c)?;
    let (a, b) = (i8::try_from(a).ok()?, i8::try_from(b).ok()?);
    if separator == '.' {
        // Dotted dates are day first in every locale that writes them (de, ru, fi, tr…).
        return Some(DateParts::Known {
            year,
            month: b,
            day: a,
        });
    }
    Some(DateParts::Either { a, b, year })
}

/// `30 jan 2025`, `jan 30 2025`, `30 january 2025`.
fn named_month_date(tokens: &[&str]) -> Option<DateParts> {
    let month_of = |s: &str| {
        let s = s.trim_end_matches('.');
        MONTHS
            .iter()
            .position(|m| s.is_ascii() && s.starts_with(m))
            .map(|i| i as i8 + 1)
    };
    let month_at = tokens.iter().position(|t| month_of(t).is_some())?;
    let month = month_of(tokens[month_at])?;
    let numbers: Vec<&str> = tokens
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != month_at)
        .map(|(_, t)| t.trim_end_matches('.'))
        .collect();
    let [day, year] = numbers.as_slice() else {
        return None;
    };
    let day: i8 = day.parse().ok()?;
    let year = full_year(year, year.parse().ok()?)?;
    Some(DateParts::Known { year, month, day })
}

/// A four-digit year, or a two-digit one in this century.
fn full_year(text: &str, value: i16) -> Option<i16> {
    match text.len() {
        4 => Some(value),
        2 => Some(2000 + value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(text: &str) -> DateTime {
        text.parse().unwrap()
    }

    #[test]
    fn formats_of_many_locales() {
        let day = DayOrder::DayFirst;
        let cases = [
            ("2025-01-30 18:36:03", "2025-01-30T18:36:03"),
            ("2025-01-30 6:36:03\u{202f}pm", "2025-01-30T18:36:03"),
            ("2025-01-30 12:34:56\u{202f}pm", "2025-01-30T12:34:56"),
            ("2025-01-30 12:04:56 AM", "2025-01-30T00:04:56"),
            ("2025-01-30 6:36 p.m.", "2025-01-30T18:36:00"),
            ("30.01.2025 18:36", "2025-01-30T18:36:00"),
            ("30.01.25, 18:36:03", "2025-01-30T18:36:03"),
            ("2025/01/30 下午6:36:03", "2025-01-30T18:36:03"),
            ("2025/01/30 午前9:05:00", "2025-01-30T09:05:00"),
            ("2025年1月30日 18:36", "2025-01-30T18:36:00"),
            ("30 Jan 2025, 18:36", "2025-01-30T18:36:00"),
            ("Jan 30, 2025, 6:36 PM", "2025-01-30T18:36:00"),
            ("30 January 2025, 18:36", "2025-01-30T18:36:00"),
            ("2025-01-30T18:36:03", "2025-01-30T18:36:03"),
            ("2024-03-15", "2024-03-15T00:00:00"),
            ("30/01/2025 18:36", "2025-01-30T18:36:00"),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text, day), Some(dt(want)), "{text}");
        }
        assert_eq!(
            parse("01/30/2025 6:36 PM", DayOrder::MonthFirst),
            Some(dt("2025-01-30T18:36:00"))
        );
        for bad in [
            "",
            "sometime",
            "2025-13-01 10:00",
            "2025-01-30 25:00",
            "13:00 pm 2025-01-01",
            "1/2",
        ] {
            assert_eq!(parse(bad, day), None, "{bad}");
        }
    }

    #[test]
    fn the_column_decides_the_day_order() {
        let lines = |texts: &[&'static str]| {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| (i as u64 + 2, *t))
                .collect::<Vec<_>>()
        };
        let column = lines(&["03/04/2025 10:00", "28/04/2025 10:00"]);
        assert_eq!(
            DayOrder::decide(column.into_iter()),
            Ok((DayOrder::DayFirst, None))
        );
        let column = lines(&["03/04/2025 10:00", "04/28/2025 10:00"]);
        assert_eq!(
            DayOrder::decide(column.into_iter()),
            Ok((DayOrder::MonthFirst, None))
        );
        let (order, warning) = DayOrder::decide(lines(&["03/04/2025 10:00"]).into_iter()).unwrap();
        assert_eq!(order, DayOrder::DayFirst);
        assert!(warning.unwrap().contains("\"03/04/2025 10:00\""));
        let (order, _) = DayOrder::decide(lines(&["03/04/2025 10:00 pm"]).into_iter()).unwrap();
        assert_eq!(order, DayOrder::MonthFirst);
        let e = DayOrder::decide(lines(&["13/04/2025 10:00", "04/13/2025 10:00"]).into_iter())
            .unwrap_err();
        assert!(e.contains("line 2") && e.contains("line 3"), "{e}");
        // Same day and month, or ISO dates: nothing to warn about.
        assert_eq!(
            DayOrder::decide(lines(&["04/04/2025 10:00", "2025-01-30 10:00"]).into_iter()),
            Ok((DayOrder::DayFirst, None))
        );
    }
}
