//! Times as a person reads them: in the local time zone, with its offset.
//! Notes store their times in UTC; only showing them uses the zone.
//!
//! The zone is read once, at start-up or at the first time shown
//! ([`init`]), from `TZ` or the system's zone database by `jiff` (which
//! needs no unsound reading of the C library's local time). Tests pin a
//! zone for their own thread with [`pin`], or set `TZ` for a child
//! process.

use std::cell::RefCell;
use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::tz::TimeZone;

static SYSTEM: OnceLock<TimeZone> = OnceLock::new();

thread_local! {
    static PINNED: RefCell<Option<TimeZone>> = const { RefCell::new(None) };
}

/// Reads the local time zone now, so that nothing later has to (call it
/// before threads start). Reading it again does nothing.
pub fn init() {
    SYSTEM.get_or_init(|| TimeZone::try_system().unwrap_or(TimeZone::UTC));
}

/// Shows times on this thread in `zone` from now on (for tests); `None`
/// goes back to the system's zone.
pub fn pin(zone: Option<TimeZone>) {
    PINNED.with(|pinned| *pinned.borrow_mut() = zone);
}

/// The zone times are shown in.
pub fn zone() -> TimeZone {
    if let Some(zone) = PINNED.with(|pinned| pinned.borrow().clone()) {
        return zone;
    }
    init();
    SYSTEM.get().cloned().unwrap_or(TimeZone::UTC)
}

/// `2025-11-25 15:03 +01:00`, or `2025-11-25 14:03 UTC` where the zone is
/// UTC itself.
pub fn minute(at: Timestamp) -> String {
    minute_in(at, &zone())
}

/// [`minute`] in `zone`.
pub fn minute_in(at: Timestamp, zone: &TimeZone) -> String {
    let zoned = at.to_zoned_datetime(zone.clone());
    if is_utc(zone) {
        zoned.strftime("%Y-%m-%d %H:%M UTC").to_string()
    } else {
        zoned.strftime("%Y-%m-%d %H:%M %:z").to_string()
    }
}

/// `2025-11-25`, the local day.
pub fn day(at: Timestamp) -> String {
    at.to_zoned_datetime(zone())
        .strftime("%Y-%m-%d")
        .to_string()
}

fn is_utc(zone: &TimeZone) -> bool {
    *zone == TimeZone::UTC
        || zone.iana_name().is_some_and(|name| {
            matches!(
                name,
                "UTC" | "Etc/UTC" | "Etc/UCT" | "UCT" | "Etc/Universal" | "Universal" | "Zulu"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn utc_says_so() {
        assert_eq!(
            minute_in(at("2025-11-25T14:03:59Z"), &TimeZone::UTC),
            "2025-11-25 14:03 UTC"
        );
    }

    #[test]
    fn other_zones_show_the_local_time_and_its_offset() {
        let kabul = TimeZone::fixed(jiff::tz::offset(4));
        assert_eq!(
            minute_in(at("2025-11-25T22:30:00Z"), &kabul),
            "2025-11-26 02:30 +04:00"
        );
        let west = TimeZone::fixed(jiff::tz::Offset::from_seconds(-(3 * 3600 + 1800)).unwrap());
        assert_eq!(
            minute_in(at("2025-11-25T01:00:00Z"), &west),
            "2025-11-24 21:30 -03:30"
        );
    }

    #[test]
    fn a_pinned_zone_holds_for_its_thread_only() {
        pin(Some(TimeZone::fixed(jiff::tz::offset(2))));
        assert_eq!(
            minute(at("2025-06-01T10:00:00Z")),
            "2025-06-01 12:00 +02:00"
        );
        assert_eq!(day(at("2025-06-01T23:00:00Z")), "2025-06-02");
        std::thread::spawn(|| {
            pin(Some(TimeZone::UTC));
            assert_eq!(minute(at("2025-06-01T10:00:00Z")), "2025-06-01 10:00 UTC");
        })
        .join()
        .unwrap();
        assert_eq!(
            minute(at("2025-06-01T10:00:00Z")),
            "2025-06-01 12:00 +02:00"
        );
        pin(None);
    }
}
