//! Dates as precise as the sources allow: a year, a month, a day, or a range
//! of those.

use std::cmp::Ordering;
use std::fmt;

/// A calendar date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Orders coarser precision first within the same start:
    /// `2025` < `2025-10` < `2025-10-01`.
    fn key(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

/// A date or a range of dates, as written in a brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

impl Date {
    /// Parses `2025`, `2025-10`, `2025-10-19` or `START/END` of those.
    pub fn parse(text: &str) -> Result<Date, String> {
        match text.split_once('/') {
            None => Ok(Date {
                start: parse_partial(text)?,
                end: None,
            }),
            Some((start, end)) => {
                let start = parse_partial(start)?;
                let end = parse_partial(end)?;
                // Compare the last day each side may mean: `2025-04/2025-04-30`
                // is fine, `2025-05/2025-04` is not.
                if last_day_key(&end) < first_day_key(&start) {
                    return Err(format!("the range ends ({end}) before it starts ({start})"));
                }
                Ok(Date {
                    start,
                    end: Some(end),
                })
            }
        }
    }

    /// The calendar date of a TOML local date value.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Result<Date, String> {
        check_real(year, Some(month), Some(day))?;
        Ok(Date {
            start: PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            },
            end: None,
        })
    }

    /// Chronological order: by start (coarser precision first within the
    /// same start, see [`PartialDate`]'s order), then by end (a plain date before a range that starts with
    /// it).
    pub fn chronological(&self, other: &Date) -> Ordering {
        self.start
            .cmp(&other.start)
            .then_with(|| self.end.cmp(&other.end))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            None => write!(f, "{}", self.start),
            Some(end) => write!(f, "{} \u{2013} {}", self.start, end),
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl PartialDate {
    /// `15 Oct`, `Oct`, or `` for a year alone.
    fn within_year(&self) -> String {
        let month = self
            .month
            .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)));
        match (self.day, month) {
            (Some(day), Some(month)) => format!("{day} {month}"),
            (None, Some(month)) => (*month).to_string(),
            _ => String::new(),
        }
    }

    /// `15 Oct 2025`, `Oct 2025`, `2025`.
    fn with_year(&self) -> String {
        let within = self.within_year();
        if within.is_empty() {
            self.year.to_string()
        } else {
            format!("{within} {}", self.year)
        }
    }
}

impl Date {
    /// The year this date is listed under in a chronology grouped by year.
    pub fn heading_year(&self) -> u16 {
        self.start.year
    }

    /// The date as the chronology's compact column shows it under its
    /// year's heading, at its own precision: `15 Oct`, `Oct`, `15–19 Oct`,
    /// `Oct–Nov`, `15 Oct – 2 Nov`; a range into another year names both
    /// years (`Apr 2024 – Jun 2025`, `1996–2001`); a year alone is the year.
    pub fn compact(&self) -> String {
        let start = &self.start;
        let Some(end) = &self.end else {
            return start.with_year().replace(&format!(" {}", start.year), "");
        };
        if end.year != start.year {
            return if start.month.is_none() && end.month.is_none() {
                format!("{}–{}", start.year, end.year)
            } else {
                format!("{} – {}", start.with_year(), end.with_year())
            };
        }
        match (start.month, end.month, start.day, end.day) {
            (Some(a), Some(b), Some(d1), Some(d2)) if a == b => {
                format!(
                    "{d1}–{d2} {}",
                    start.within_year().split(' ').nth(1).unwrap_or("")
                )
            }
            (Some(a), Some(b), None, None) if a != b => {
                format!("{}–{}", start.within_year(), end.within_year())
            }
            (Some(a), Some(b), None, None) if a == b => start.within_year(),
            _ if start.within_year().is_empty() => {
                format!("{} – {}", start.year, end.within_year())
            }
            _ => format!("{} – {}", start.within_year(), end.within_year()),
        }
    }
}

fn first_day_key(date: &PartialDate) -> (u16, u8, u8) {
    (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
}

fn last_day_key(date: &PartialDate) -> (u16, u8, u8) {
    (date.year, date.month.unwrap_or(12), date.day.unwrap_or(31))
}

fn parse_number<T: std::str::FromStr>(part: &str, digits: usize, what: &str) -> Result<T, String> {
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("expected a {digits}-digit {what}, found `{part}`"));
    }
    part.parse()
        .map_err(|_| format!("expected a {digits}-digit {what}, found `{part}`"))
}

fn parse_partial(text: &str) -> Result<PartialDate, String> {
    let mut parts = text.split('-');
    let year = parse_number::<u16>(parts.next().unwrap_or(""), 4, "year")?;
    let month = parts
        .next()
        .map(|m| parse_number::<u8>(m, 2, "month"))
        .transpose()?;
    let day = parts
        .next()
        .map(|d| parse_number::<u8>(d, 2, "day"))
        .transpose()?;
    if parts.next().is_some() {
        return Err(format!(
            "`{text}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"
        ));
    }
    check_real(year, month, day)?;
    Ok(PartialDate { year, month, day })
}

fn check_real(year: u16, month: Option<u8>, day: Option<u8>) -> Result<(), String> {
    if year == 0 {
        return Err("year 0000 is not a calendar year".to_string());
    }
    let Some(month) = month else { return Ok(()) };
    if !(1..=12).contains(&month) {
        return Err(format!("month {month:02} does not exist"));
    }
    let Some(day) = day else { return Ok(()) };
    jiff::civil::Date::new(year as i16, month as i8, day as i8)
        .map(|_| ())
        .map_err(|_| format!("{year:04}-{month:02}-{day:02} is not a real calendar date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn parses_every_precision_and_displays_it_back() {
        for text in ["2025", "2025-10", "2025-10-19", "2024-02-29"] {
            assert_eq!(d(text).to_string(), text);
        }
        assert_eq!(d("2025-04/2025-05").to_string(), "2025-04 \u{2013} 2025-05");
        assert_eq!(d("2025-04/2025-04-30").end.unwrap().day, Some(30));
    }

    #[test]
    fn rejects_what_is_not_a_real_date() {
        for bad in [
            "2025-02-29",
            "2025-13",
            "2025-00",
            "2025-04-31",
            "0000",
            "25",
            "2025-1",
            "2025-10-19-1",
            "2025-10-19T10:00",
            "",
            "2025-05/2025-04",
            "2025/2024-12",
            "2025-10-20/2025-10-19",
            "２０２５",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn ranges_may_end_inside_their_start() {
        assert!(Date::parse("2025/2025-03").is_ok());
        assert!(Date::parse("2025-10/2025-10-19").is_ok());
        assert!(Date::parse("2025-10-19/2025-10").is_ok());
    }

    #[test]
    fn compact_labels_say_as_much_as_the_date_and_no_more() {
        for (date, label) in [
            ("2025-10-15", "15 Oct"),
            ("2025-10", "Oct"),
            ("2025", "2025"),
            ("2025/2025-10", "2025 – Oct"),
            ("2025-10-15/2025-10-19", "15–19 Oct"),
            ("2025-10/2025-11", "Oct–Nov"),
            ("2025-10-15/2025-11-02", "15 Oct – 2 Nov"),
            ("2024-04/2025-06", "Apr 2024 – Jun 2025"),
            ("1996/2001", "1996–2001"),
            ("2025-10/2025-11-08", "Oct – 8 Nov"),
            ("2025-10/2025-10-31", "Oct – 31 Oct"),
        ] {
            assert_eq!(d(date).compact(), label, "{date}");
        }
        assert_eq!(d("2024-04/2025-06").heading_year(), 2024);
    }

    #[test]
    fn sorts_by_start_with_coarser_precision_first() {
        let mut dates = [
            d("2025-10-19"),
            d("2025-10"),
            d("2024"),
            d("2025"),
            d("2025-04/2025-05"),
            d("2025-04"),
            d("2025-01-01"),
        ];
        dates.sort_by(Date::chronological);
        let shown: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "2024",
                "2025",
                "2025-01-01",
                "2025-04",
                "2025-04 \u{2013} 2025-05",
                "2025-10",
                "2025-10-19"
            ]
        );
    }
}
