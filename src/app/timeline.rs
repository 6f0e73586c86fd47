//! The timeline strip over the chronology: how the listed events spread
//! over time, in bins of the finest of week, month, quarter and year that
//! fit the width. Plain data; the chronology pane draws it, and `<`/`>`
//! and clicks move the chronology's cursor by its bins.

use super::state::State;
use crate::brief::date::PartialDate;
use crate::brief::{Brief, Date};

/// How long one bin of the strip is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    Week,
    Month,
    Quarter,
    Year,
}

impl Grain {
    pub const FINEST_FIRST: [Grain; 4] = [Grain::Week, Grain::Month, Grain::Quarter, Grain::Year];

    pub fn name(self) -> &'static str {
        match self {
            Grain::Week => "week",
            Grain::Month => "month",
            Grain::Quarter => "quarter",
            Grain::Year => "year",
        }
    }

    /// The bin holding day `day` (days since 1970-01-01).
    fn bin(self, day: i64) -> i64 {
        let (year, month, _) = civil_from_days(day);
        match self {
            // Weeks from a Monday (1970-01-05 was one).
            Grain::Week => (day - 4).div_euclid(7),
            Grain::Month => year * 12 + month - 1,
            Grain::Quarter => year * 4 + (month - 1) / 3,
            Grain::Year => year,
        }
    }
}

/// The strip for one list of events at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strip {
    pub grain: Grain,
    /// Events touching each bin: all of the brief's (the context)...
    pub all: Vec<u32>,
    /// ...and the listed ones (the selected factor's, or all).
    pub listed: Vec<u32>,
    /// The first and last years the strip covers, for its labels.
    pub years: (i64, i64),
    /// The busiest bin's count, which sets the bars' scale.
    most: u32,
    first_bin: i64,
    /// The first and last day of the listed events' span.
    days: (i64, i64),
}

impl Strip {
    /// The strip over the span of `listed` (indices into the brief's
    /// events) in at most `width` bins. None when nothing is listed or no
    /// grain fits.
    pub fn new(brief: &Brief, listed: &[usize], width: usize) -> Option<Strip> {
        let spans: Vec<(i64, i64)> = listed
            .iter()
            .map(|&e| span(&brief.events[e].date))
            .collect();
        let first = spans.iter().map(|s| s.0).min()?;
        let last = spans.iter().map(|s| s.1).max()?;
        let grain = Grain::FINEST_FIRST
            .into_iter()
            .find(|g| (g.bin(last) - g.bin(first) + 1) as usize <= width)?;
        let first_bin = grain.bin(first);
        let bins = (grain.bin(last) - first_bin + 1) as usize;
        let mut strip = Strip {
            grain,
            all: vec![0; bins],
            listed: vec![0; bins],
            years: (civil_from_days(first).0, civil_from_days(last).0),
            most: 0,
            first_bin,
            days: (first, last),
        };
        for event in &brief.events {
            strip.add(span(&event.date), false);
        }
        for &s in &spans {
            strip.add(s, true);
        }
        strip.most = strip.all.iter().copied().max().unwrap_or(0);
        Some(strip)
    }

    /// Counts an event spanning days `from..=to` in every bin it touches
    /// (a range is drawn as a span).
    fn add(&mut self, (from, to): (i64, i64), listed: bool) {
        let bins = self.all.len() as i64;
        let a = (self.grain.bin(from) - self.first_bin).clamp(0, bins);
        let b = (self.grain.bin(to) - self.first_bin).clamp(-1, bins - 1);
        for bin in a..=b {
            let counts = if listed {
                &mut self.listed
            } else {
                &mut self.all
            };
            if let Some(c) = counts.get_mut(bin as usize) {
                *c += 1;
            }
        }
    }

    /// The bar for bin `bin`: `' '` for none, then `▁` to `█` on a
    /// square-root scale of the busiest bin, so one busy month does not
    /// flatten the rest.
    pub fn bar(&self, bin: usize) -> char {
        const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        let count = self.all.get(bin).copied().unwrap_or(0);
        let most = self.most;
        if count == 0 || most == 0 {
            return ' ';
        }
        let level = ((count as f64).sqrt() / (most as f64).sqrt() * 8.0).ceil() as usize;
        BARS[level.clamp(1, 8) - 1]
    }

    /// Whether the strip still fits in `width` columns.
    pub fn fits(&self, width: usize) -> bool {
        self.all.len() <= width
    }

    /// Whether a finer grain than the strip's would fit in `width`
    /// columns (the strip would be computed anew there).
    pub fn finer_fits(&self, width: usize) -> bool {
        let (first, last) = self.days;
        Grain::FINEST_FIRST
            .into_iter()
            .take_while(|&g| g != self.grain)
            .any(|g| (g.bin(last) - g.bin(first) + 1) as usize <= width)
    }

    /// Labels for the strip, longest first, to draw the first that fits:
    /// the span and grain (`Apr–Oct 2025 · by week`), the years and grain
    /// (`2025 · by week`), the grain alone (`by week`).
    pub fn labels(&self) -> [String; 3] {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = |day: i64| {
            let (year, month, _) = civil_from_days(day);
            let name = MONTHS.get((month - 1).clamp(0, 11) as usize).unwrap_or(&"");
            (year, *name)
        };
        let (first, last) = (month(self.days.0), month(self.days.1));
        let years = if self.years.0 == self.years.1 {
            self.years.0.to_string()
        } else {
            format!("{}–{}", self.years.0, self.years.1)
        };
        let span = match self.grain {
            Grain::Year | Grain::Quarter => years.clone(),
            _ if first == last => format!("{} {}", first.1, first.0),
            _ if first.0 == last.0 => format!("{}–{} {}", first.1, last.1, first.0),
            _ => format!("{} {} – {} {}", first.1, first.0, last.1, last.0),
        };
        let by = format!("by {}", self.grain.name());
        [format!("{span} · {by}"), format!("{years} · {by}"), by]
    }

    /// The bin event `event` (an index into the brief's events) starts in.
    pub fn bin_of(&self, brief: &Brief, event: usize) -> Option<usize> {
        let date = &brief.events.get(event)?.date;
        let bin = self.grain.bin(span(date).0) - self.first_bin;
        usize::try_from(bin).ok().filter(|&b| b < self.all.len())
    }
}

/// The listed event `>` (`forward`) or `<` moves the chronology's cursor
/// to: the first listed event of the next (previous) bin of the strip that
/// holds any. At an end, or without a strip, what to say instead.
pub fn step(state: &State, forward: bool) -> Result<usize, String> {
    let (Some(strip), Some(event)) = (&state.laid_out.chronology.strip, state.selected_event())
    else {
        return Err("no timeline: the chronology lists no events".into());
    };
    let bins = listed_bins(state, strip);
    let Some(here) = strip.bin_of(&state.brief, event) else {
        return Err("this event is outside the timeline".into());
    };
    let next = if forward {
        bins.iter().flatten().filter(|&&b| b > here).min()
    } else {
        bins.iter().flatten().filter(|&&b| b < here).max()
    };
    let Some(&bin) = next else {
        let (end, grain) = (if forward { "last" } else { "first" }, strip.grain.name());
        return Err(format!("already in the timeline's {end} {grain}"));
    };
    bins.iter()
        .position(|&b| b == Some(bin))
        .ok_or_else(|| "no event there".into())
}

/// The listed event a click on bin `bin` of the strip goes to: the first
/// one in that bin, else the nearest (and a notice saying so). None when
/// the click is past the bins or nothing is listed.
pub fn listed_near(state: &State, bin: usize) -> Option<(usize, Option<String>)> {
    let strip = state.laid_out.chronology.strip.as_ref()?;
    if bin >= strip.all.len() {
        return None;
    }
    let bins = listed_bins(state, strip);
    if let Some(at) = bins.iter().position(|&b| b == Some(bin)) {
        return Some((at, None));
    }
    let at = (0..bins.len())
        .filter(|&i| bins[i].is_some())
        .min_by_key(|&i| bins[i].map_or(usize::MAX, |b| b.abs_diff(bin)))?;
    let grain = strip.grain.name();
    Some((
        at,
        Some(format!("nothing listed in that {grain}: the nearest")),
    ))
}

/// The strip's bin of each listed event.
fn listed_bins(state: &State, strip: &Strip) -> Vec<Option<usize>> {
    let brief = &state.brief;
    (state.reading.chronology.events.iter())
        .map(|&e| strip.bin_of(brief, e))
        .collect()
}

/// The first and last day a date may mean.
fn span(date: &Date) -> (i64, i64) {
    let end = date.end.as_ref().unwrap_or(&date.start);
    (first_day(&date.start), last_day(end))
}

fn first_day(date: &PartialDate) -> i64 {
    days_from_civil(
        i64::from(date.year),
        i64::from(date.month.unwrap_or(1)),
        i64::from(date.day.unwrap_or(1)),
    )
}

fn last_day(date: &PartialDate) -> i64 {
    let year = i64::from(date.year);
    let month = i64::from(date.month.unwrap_or(12));
    let day = date
        .day
        .map_or_else(|| days_in_month(year, month), i64::from);
    days_from_civil(year, month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the standard
/// era-based conversion).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number: (year, month, day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2025, 10, 19), 20_380);
        for day in [-800_000, -1, 0, 59, 60, 20_380, 100_000] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(
            Grain::Week.bin(days_from_civil(2025, 10, 20)),
            Grain::Week.bin(days_from_civil(2025, 10, 26))
        );
        assert_ne!(
            Grain::Week.bin(days_from_civil(2025, 10, 19)),
            Grain::Week.bin(days_from_civil(2025, 10, 20))
        );
    }

    fn brief_with_dates(dates: &[&str]) -> Brief {
        let mut brief = crate::brief::load_bundled().brief.expect("bundled brief");
        brief.events.truncate(dates.len());
        for (event, date) in brief.events.iter_mut().zip(dates) {
            event.date = Date::parse(date).unwrap();
        }
        brief
    }

    #[test]
    fn the_finest_grain_that_fits_is_chosen() {
        let brief = brief_with_dates(&["2025-10-01", "2025-10-19", "2025-11-30"]);
        let all: Vec<usize> = (0..3).collect();
        assert_eq!(Strip::new(&brief, &all, 40).unwrap().grain, Grain::Week);
        let by_month = Strip::new(&brief, &all, 5).unwrap();
        assert_eq!(by_month.grain, Grain::Month);
        // What a resize needs to know: the strip stays, or a finer grain fits.
        assert!(by_month.fits(5) && !by_month.finer_fits(6));
        assert!(by_month.finer_fits(40) && !by_month.fits(1));
        let brief = brief_with_dates(&["1996", "2025-10-19"]);
        let strip = Strip::new(&brief, &[0, 1], 40).unwrap();
        assert_eq!(strip.grain, Grain::Year);
        assert_eq!(strip.all.len(), 30);
        assert_eq!(strip.bin_of(&brief, 1), Some(29));
        assert_eq!(strip.years, (1996, 2025));
        assert_eq!(strip.labels()[0], "1996–2025 · by year");
        let brief = brief_with_dates(&["2025-04-02", "2025-10-19"]);
        let strip = Strip::new(&brief, &[0, 1], 40).unwrap();
        assert_eq!(
            strip.labels(),
            ["Apr–Oct 2025 · by week", "2025 · by week", "by week"].map(String::from)
        );
        let brief = brief_with_dates(&["2024-11", "2025-02"]);
        let strip = Strip::new(&brief, &[0, 1], 40).unwrap();
        assert_eq!(strip.labels()[0], "Nov 2024 – Feb 2025 · by week");
    }

    #[test]
    fn ranges_span_their_bins_and_bars_use_a_square_root_scale() {
        let brief = brief_with_dates(&[
            "2025-01/2025-03",
            "2025-06",
            "2025-06",
            "2025-06",
            "2025-06",
        ]);
        let strip = Strip::new(&brief, &[0, 1, 2, 3, 4], 12).unwrap();
        assert_eq!(strip.grain, Grain::Month);
        assert_eq!(strip.all, [1, 1, 1, 0, 0, 4]);
        assert_eq!(strip.bar(5), '█');
        // sqrt(1)/sqrt(4) = 0.5: half height, not a quarter.
        assert_eq!(strip.bar(0), '▄');
        assert_eq!(strip.bar(3), ' ');
    }
}
