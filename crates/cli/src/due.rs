//! Deadlines of `cases --due` (PROTOCOL.md §8.8): EU Directive 2019/1937,
//! art. 9 — an acknowledgement within 7 days and feedback within 3 months of
//! receipt.
//!
//! Dates are UTC calendar days (`YYYY-MM-DD`), like the relay's `day`, so the
//! day of receipt and "today" are read on the same clock. [`Day`] is a small
//! proleptic-Gregorian date with just the arithmetic the rules need.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    year: i32,
    month: u8,
    day: u8,
}

/// Whether `year` is a Gregorian leap year.
fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days of `month` (1–12) in `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

impl Day {
    /// A day from its parts, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Day { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (a day that exists).
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r.clone()]
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| s[r].parse().ok())
                .flatten()
        };
        let year = i32::try_from(num(0..4)?).ok()?;
        Day::new(
            year,
            u8::try_from(num(5..7)?).ok()?,
            u8::try_from(num(8..10)?).ok()?,
        )
    }

    /// Days since 1970-01-01 (negative before), after H. Hinnant's
    /// `days_from_civil`.
    fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` days after 1970-01-01 (H. Hinnant's `civil_from_days`).
    fn from_days(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// Today's UTC date from the system clock.
    pub fn today_utc() -> Day {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Day::from_days((secs / 86_400) as i64)
    }

    /// The day `n` days later (earlier if negative).
    pub fn add_days(self, n: i64) -> Day {
        Day::from_days(self.to_days() + n)
    }

    /// The same day of the month `n` calendar months later, or that month's
    /// last day if it has no such day (30 Nov + 3 months = 28 or 29 Feb).
    pub fn add_months(self, n: u32) -> Day {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(n);
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Day { year, month, day }
    }

    /// Days from `self` to `other` (negative if `other` is earlier).
    pub fn days_until(self, other: Day) -> i64 {
        other.to_days() - self.to_days()
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The two deadlines of PROTOCOL.md §8.8.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    /// Due 7 days after receipt; met by the first reply or status the relay has.
    Acknowledgement,
    /// Due 3 calendar months after receipt; met by a status `investigating`,
    /// `need_more_information` or `closed` the relay has.
    Feedback,
}

impl Deadline {
    /// The due day for a case received on `received`.
    pub fn due(self, received: Day) -> Day {
        match self {
            Deadline::Acknowledgement => received.add_days(7),
            Deadline::Feedback => received.add_months(3),
        }
    }

    /// The name shown in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Deadline::Acknowledgement => "acknowledgement",
            Deadline::Feedback => "feedback",
        }
    }
}

/// Where an unmet or met deadline stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Met: nothing to do.
    Met,
    /// Not met and today is after the due day.
    Missed,
    /// Not met and due within the window (today … today + within, inclusive).
    Near,
    /// Not met, due later than the window.
    Later,
}

/// PROTOCOL.md §8.8: missed if not met and `today` is after `due`; near if
/// not met and `due` is within `within` days from `today`, inclusive.
pub fn standing(due: Day, met: bool, today: Day, within: u32) -> Standing {
    if met {
        return Standing::Met;
    }
    let left = today.days_until(due);
    if left < 0 {
        Standing::Missed
    } else if left <= i64::from(within) {
        Standing::Near
    } else {
        Standing::Later
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn parse_is_strict_and_round_trips() {
        for s in ["2024-02-29", "1999-12-31", "2000-02-29", "2025-01-01"] {
            assert_eq!(d(s).to_string(), s);
        }
        for s in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-04-31",
            "2025-1-01",
            "2025-01-01x",
            "+025-01-01",
            "2025/01/01",
            "",
        ] {
            assert!(Day::parse(s).is_none(), "{s}");
        }
    }

    #[test]
    fn day_arithmetic_matches_the_calendar() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        assert_eq!(d("2024-12-31").add_days(1), d("2025-01-01"));
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2025-02-28").add_days(1), d("2025-03-01"));
        assert_eq!(d("2025-03-01").add_days(-1), d("2025-02-28"));
        // Every day of four centuries round-trips.
        let start = d("1900-01-01").to_days();
        for n in start..start + 146_097 {
            assert_eq!(Day::from_days(n).to_days(), n);
        }
        assert_eq!(d("2025-03-14").days_until(d("2025-03-17")), 3);
        assert_eq!(d("2025-03-17").days_until(d("2025-03-14")), -3);
    }

    #[test]
    fn acknowledgement_is_due_seven_days_later() {
        let received = d("2025-03-03");
        let due = Deadline::Acknowledgement.due(received);
        assert_eq!(due, d("2025-03-10"));
        // Day 7 (the due day) is near, day 8 is missed.
        assert_eq!(standing(due, false, d("2025-03-10"), 3), Standing::Near);
        assert_eq!(standing(due, false, d("2025-03-11"), 3), Standing::Missed);
        assert_eq!(
            Deadline::Acknowledgement.due(d("2025-12-28")),
            d("2026-01-04")
        );
    }

    #[test]
    fn feedback_is_due_three_calendar_months_later_clamped() {
        let f = |s| Deadline::Feedback.due(d(s)).to_string();
        assert_eq!(f("2025-11-30"), "2026-02-28");
        assert_eq!(f("2023-11-30"), "2024-02-29");
        assert_eq!(f("2023-11-29"), "2024-02-29");
        assert_eq!(f("2025-08-31"), "2025-11-30");
        assert_eq!(f("2025-03-31"), "2025-06-30");
        assert_eq!(f("2025-10-15"), "2026-01-15");
        assert_eq!(f("2025-12-31"), "2026-03-31");
        assert_eq!(f("2025-01-31"), "2025-04-30");
    }

    #[test]
    fn near_window_is_inclusive_and_met_wins() {
        let due = d("2025-03-10");
        // within 0: only the due day itself is near.
        assert_eq!(standing(due, false, d("2025-03-10"), 0), Standing::Near);
        assert_eq!(standing(due, false, d("2025-03-09"), 0), Standing::Later);
        // within 3: three days before is near, four is not.
        assert_eq!(standing(due, false, d("2025-03-07"), 3), Standing::Near);
        assert_eq!(standing(due, false, d("2025-03-06"), 3), Standing::Later);
        // Already met: never near or missed.
        assert_eq!(standing(due, true, d("2025-03-10"), 3), Standing::Met);
        assert_eq!(standing(due, true, d("2026-01-01"), 3), Standing::Met);
    }

    #[test]
    fn today_is_a_plausible_date() {
        let today = Day::today_utc();
        assert!(today > d("2024-01-01"), "{today}");
    }
}
