//! The overview report of `whistlebox overview` (issue 8): one self-contained
//! HTML file with charts as inline SVG, and a CSV of the case list.
//!
//! The caller decrypts the store and fills an [`Overview`]; [`html`] and
//! [`csv`] only count and render, with no I/O, so the same input always gives
//! the same bytes.
//!
//! # The HTML file
//!
//! HTML5 with `<meta charset="utf-8">` and the CSP [`HTML_CSP`] as a `<meta>`
//! (no script, no image, font or connection), one inline `<style>`, and
//! nothing else: no `<script>`, no `on…=` attribute, no `href` or `src` at
//! all, so it loads nothing when opened. Every chart is a `<figure>` holding
//! an inline SVG, a `<figcaption>` and a `<table>` of the same numbers (for
//! screen readers, and for copying). Every bar is a `<rect>` with
//! `data-chart`, `data-key` and `data-count`, so a test can read the counts
//! back:
//!
//! | `data-chart` | `data-key`s, in order | counts |
//! |---|---|---|
//! | `month` | every `YYYY-MM` from the first case's month to today's (zero months included, at most [`MAX_MONTHS`], the latest), then `outside` if non-zero | every case, readable or not (the relay's day is always known) |
//! | `category` | `sexual_harassment`, `sexual_assault`, `retaliation`, `discrimination`, `bullying`, `other` (PROTOCOL.md §1.5), `unrecognised`, `none` | readable cases |
//! | `funnel` | `received`, `acknowledged`, `investigating`, `closed` | readable cases that reached at least that stage |
//! | `ack`, `feedback` | `met`, `met_late`, `missed`, `pending` | readable cases (PROTOCOL.md §8.8) |
//!
//! Rules (decided here):
//!
//! - **Months** run on the relay's UTC day of receipt. `outside` counts the
//!   cases whose day is not a `YYYY-MM-DD` date, is after today's month (a
//!   relay clock ahead of ours), or is more than [`MAX_MONTHS`] months before
//!   it: the chart never grows with a hostile day. If `today` is not a date,
//!   the last month is the latest case's.
//! - **Categories**: the six of PROTOCOL.md §1.5 by their exact key;
//!   anything else the reporter sent counts as `unrecognised` (the chart
//!   never shows its text), a readable case without a category as `none`. In
//!   the case table and the CSV an unrecognised category is shown as
//!   `(unrecognised) ` and its first [`UNRECOGNISED_CHARS`] characters, with
//!   control and bidirectional characters made visible (`\u{202e}`) and `…`
//!   if cut.
//! - **Funnel**: a case's current status gives the furthest stage it reached
//!   (`received` < `acknowledged` < `investigating` = `need_more_information`
//!   < `closed`); a case counts in its stage and every earlier one, so the
//!   bars never grow. A status outside PROTOCOL.md §8.4's list counts as
//!   `received` only.
//! - **Unreadable cases** (not addressed to the viewer) count in the months
//!   chart only, and are listed as "not addressed to you" with no category,
//!   status, assignee, labels or deadlines, whatever the input holds.
//! - **Text from a case** (category, status, assignee, labels) and the team
//!   name reach the HTML only through [`term::line`] (control and
//!   bidirectional characters made visible) then [`render::html_escape`], and
//!   shortened to [`TEXT_CHARS`] characters; chart labels are never case text.
//! - The case table and the CSV list cases by day received, then id.
//!
//! # The CSV
//!
//! RFC 4180: CRLF line ends, a field quoted (with `""` for `"`) when it holds
//! `,`, `"`, CR or LF; no byte-order mark. Header [`CSV_HEADER`]; `labels`
//! joined by `;` (a `;` inside a label is written `\x3b`); `ack` and
//! `feedback` are `met`, `met_late`, `missed` or `pending`; `readable` is
//! `true` or `false`, and an unreadable case has empty `category`, `status`,
//! `assignee`, `labels`, `ack` and `feedback`. Case text goes through
//! [`term::line`] (so a cell never holds a control character) and, against
//! formula injection, a cell that starts with `=`, `+`, `-`, `@`, TAB or CR
//! gets a leading `'`.

use std::fmt::Write as _;

use crate::render;
use crate::term;

/// The CSP of the overview: nothing may load or run; only the inline style.
pub const HTML_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// The CSV's header line (without its CRLF).
pub const CSV_HEADER: &str =
    "id,received,category,status,assignee,labels,items,ack,feedback,readable";

/// The most months the month chart shows (20 years); older cases count as
/// `outside`.
pub const MAX_MONTHS: usize = 240;

/// Characters of an unrecognised category shown in the case table and CSV.
pub const UNRECOGNISED_CHARS: usize = 40;

/// Characters of any other case text (status, assignee, a label) or of the
/// team name shown in the HTML; the CSV keeps them whole.
pub const TEXT_CHARS: usize = 64;

/// The categories of PROTOCOL.md §1.5, in the form's order.
pub const CATEGORIES: [&str; 6] = [
    "sexual_harassment",
    "sexual_assault",
    "retaliation",
    "discrimination",
    "bullying",
    "other",
];

/// The funnel's stages, in order.
const STAGES: [&str; 4] = ["received", "acknowledged", "investigating", "closed"];

/// One case as the overview sees it, filled by the caller from the
/// decrypted store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseSummary {
    /// The case's object id (32 hex digits).
    pub id: String,
    /// The relay's UTC day of the report, `YYYY-MM-DD`.
    pub received: String,
    /// The report's `category` field: untrusted reporter text.
    pub category: Option<String>,
    /// The effective status: `received`, `acknowledged`, `investigating`,
    /// `need_more_information` or `closed`.
    pub status: String,
    /// The investigator the case is assigned to.
    pub assignee: Option<String>,
    /// The case's labels.
    pub labels: Vec<String>,
    /// The thread's length.
    pub items: usize,
    /// Acknowledgement within 7 days (PROTOCOL.md §8.8).
    pub ack: Deadline,
    /// Feedback within 3 months (PROTOCOL.md §8.8).
    pub feedback: Deadline,
    /// False when the case is not addressed to the viewer: its category,
    /// status and state are unknown, and not shown.
    pub readable: bool,
}

/// Where one deadline of PROTOCOL.md §8.8 stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Deadline {
    /// Met by the due day.
    Met,
    /// Met, after the due day.
    MetLate,
    /// Not met and today is after the due day.
    Missed,
    /// Not met, not due yet.
    Pending,
}

impl Deadline {
    /// Every standing, in the charts' order.
    pub const ALL: [Deadline; 4] = [
        Deadline::Met,
        Deadline::MetLate,
        Deadline::Missed,
        Deadline::Pending,
    ];

    /// The key used in `data-key` and the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Deadline::Met => "met",
            Deadline::MetLate => "met_late",
            Deadline::Missed => "missed",
            Deadline::Pending => "pending",
        }
    }

    /// The words shown to a reader.
    fn label(self) -> &'static str {
        match self {
            Deadline::Met => "met",
            Deadline::MetLate => "met late",
            Deadline::Missed => "missed",
            Deadline::Pending => "pending",
        }
    }

    fn index(self) -> usize {
        match self {
            Deadline::Met => 0,
            Deadline::MetLate => 1,
            Deadline::Missed => 2,
            Deadline::Pending => 3,
        }
    }
}

/// Everything the overview shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overview {
    /// The team's name, from its keyset.
    pub team: String,
    /// Today's UTC date, `YYYY-MM-DD` (the clock of the relay's `day`).
    pub today: String,
    /// Every case of the store, readable or not.
    pub cases: Vec<CaseSummary>,
}

/// A month as `year * 12 + (month - 1)`, from a `YYYY-MM-DD` day.
fn month_index(day: &str) -> Option<i64> {
    let b = day.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0_i64, |n, d| n * 10 + i64::from(d - b'0'));
    let (year, month, dom) = (num(0..4), num(5..7), num(8..10));
    ((1..=12).contains(&month) && (1..=31).contains(&dom)).then_some(year * 12 + month - 1)
}

/// `YYYY-MM` of a month index.
fn month_key(index: i64) -> String {
    format!(
        "{:04}-{:02}",
        index.div_euclid(12),
        index.rem_euclid(12) + 1
    )
}

/// The furthest funnel stage (index into [`STAGES`]) a status reached.
fn stage(status: &str) -> usize {
    match status {
        "acknowledged" => 1,
        "investigating" | "need_more_information" => 2,
        "closed" => 3,
        _ => 0,
    }
}

/// One bar of a chart: its key, the words shown, and its count.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Bar {
    key: String,
    label: String,
    count: usize,
}

impl Bar {
    fn new(key: &str, label: &str, count: usize) -> Bar {
        Bar {
            key: key.to_owned(),
            label: label.to_owned(),
            count,
        }
    }
}

/// Every count the charts show.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Tally {
    months: Vec<Bar>,
    categories: Vec<Bar>,
    funnel: Vec<Bar>,
    ack: Vec<Bar>,
    feedback: Vec<Bar>,
    readable: usize,
    unreadable: usize,
    closed: usize,
}

/// Counts the cases for every chart, by the rules of the module docs.
fn tally(o: &Overview) -> Tally {
    let case_months: Vec<Option<i64>> = o.cases.iter().map(|c| month_index(&c.received)).collect();
    let end = month_index(&o.today).or_else(|| case_months.iter().flatten().copied().max());
    let mut months = Vec::new();
    let mut outside = 0;
    if let Some(end) = end {
        let floor = end - (MAX_MONTHS as i64 - 1);
        let start = case_months
            .iter()
            .flatten()
            .copied()
            .filter(|m| (floor..=end).contains(m))
            .min()
            .unwrap_or(end);
        let mut counts = vec![0_usize; usize::try_from(end - start + 1).unwrap_or(0)];
        for m in &case_months {
            match m {
                Some(m) if (start..=end).contains(m) => {
                    counts[usize::try_from(m - start).unwrap_or(0)] += 1;
                }
                _ => outside += 1,
            }
        }
        for (i, count) in counts.into_iter().enumerate() {
            let key = month_key(start + i as i64);
            months.push(Bar::new(&key, &key, count));
        }
    } else {
        outside = o.cases.len();
    }
    if outside > 0 {
        months.push(Bar::new("outside", "outside", outside));
    }

    let mut category = [0_usize; CATEGORIES.len() + 2];
    let mut reached = [0_usize; STAGES.len()];
    let mut ack = [0_usize; 4];
    let mut feedback = [0_usize; 4];
    let (mut readable, mut closed) = (0, 0);
    for c in o.cases.iter().filter(|c| c.readable) {
        readable += 1;
        let slot = match &c.category {
            None => CATEGORIES.len() + 1,
            Some(cat) => CATEGORIES
                .iter()
                .position(|k| k == cat)
                .unwrap_or(CATEGORIES.len()),
        };
        category[slot] += 1;
        let s = stage(&c.status);
        for r in &mut reached[..=s] {
            *r += 1;
        }
        if s == 3 {
            closed += 1;
        }
        ack[c.ack.index()] += 1;
        feedback[c.feedback.index()] += 1;
    }

    let mut categories: Vec<Bar> = CATEGORIES
        .iter()
        .zip(category)
        .map(|(k, n)| Bar::new(k, &k.replace('_', " "), n))
        .collect();
    categories.push(Bar::new(
        "unrecognised",
        "(unrecognised)",
        category[CATEGORIES.len()],
    ));
    categories.push(Bar::new(
        "none",
        "(no category)",
        category[CATEGORIES.len() + 1],
    ));
    let funnel = STAGES
        .iter()
        .zip(reached)
        .map(|(k, n)| Bar::new(k, k, n))
        .collect();
    let deadline_bars = |counts: [usize; 4]| -> Vec<Bar> {
        Deadline::ALL
            .iter()
            .map(|d| Bar::new(d.as_str(), d.label(), counts[d.index()]))
            .collect()
    };
    Tally {
        months,
        categories,
        funnel,
        ack: deadline_bars(ack),
        feedback: deadline_bars(feedback),
        readable,
        unreadable: o.cases.len() - readable,
        closed,
    }
}

/// The first `max` characters of `s` with control and bidirectional
/// characters made visible, and `…` if it was cut.
fn shorten(s: &str, max: usize) -> String {
    let mut cut: String = s.chars().take(max).collect();
    let more = cut.len() < s.len();
    cut = term::line(&cut);
    if more {
        cut.push('…');
    }
    cut
}

/// Case text for the HTML: shortened, made visible, escaped.
fn h(s: &str) -> String {
    render::html_escape(&shorten(s, TEXT_CHARS))
}

/// How a readable case's category reads: its key, `(unrecognised) …`, or
/// nothing.
fn category_text(category: Option<&str>) -> String {
    match category {
        None => String::new(),
        Some(c) if CATEGORIES.contains(&c) => c.to_owned(),
        Some(c) => format!("(unrecognised) {}", shorten(c, UNRECOGNISED_CHARS)),
    }
}

/// The cases in listing order: day received, then id.
fn sorted(o: &Overview) -> Vec<&CaseSummary> {
    let mut cases: Vec<&CaseSummary> = o.cases.iter().collect();
    cases.sort_by(|a, b| (&a.received, &a.id).cmp(&(&b.received, &b.id)));
    cases
}

const STYLE: &str = "\
:root{color-scheme:light;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;\
line-height:1.4;color:#1b1b1b;background:#fff}\
body{max-width:72rem;margin:0 auto;padding:1.5rem}\
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .5rem}\
.meta{color:#555;margin:0}\
dl.summary{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:1rem 0}\
dl.summary div{min-width:8rem}dl.summary dt{color:#555;font-size:.85rem}\
dl.summary dd{margin:0;font-size:1.5rem;font-weight:600}\
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(26rem,1fr));gap:1rem 2rem}\
figure{margin:0;break-inside:avoid;page-break-inside:avoid}\
figure.wide{grid-column:1/-1}\
figcaption{font-weight:600;margin:.5rem 0}\
figcaption small{display:block;font-weight:400;color:#555}\
svg{display:block;max-width:100%;height:auto}\
svg text{font-size:12px;fill:#1b1b1b}\
svg .axis{stroke:#888;stroke-width:1}\
rect{fill:#3867a8;-webkit-print-color-adjust:exact;print-color-adjust:exact}\
rect[data-chart=funnel]{fill:#5b4a9e}\
rect[data-key=met]{fill:#2e7d32}rect[data-key=met_late]{fill:#c58a00}\
rect[data-key=missed]{fill:#b3261e}rect[data-key=pending]{fill:#8a8a8a}\
rect[data-key=outside],rect[data-key=unrecognised],rect[data-key=none]{fill:#8a8a8a}\
table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}\
th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
thead th{background:#f0f0f0}\
details summary{cursor:pointer;color:#555;font-size:.85rem}\
table.cases{width:100%;font-size:.85rem}table.cases code{font-size:.75rem;white-space:nowrap}\
table.cases td:nth-child(2),table.cases td:nth-child(8),table.cases td:nth-child(9){white-space:nowrap}\
.unreadable td{color:#666;font-style:italic}\
.untrusted{font-family:ui-monospace,monospace;font-size:.85rem}\
.missed{color:#b3261e;font-weight:600}\
footer{margin-top:2rem;color:#555;font-size:.85rem}\
@media print{body{max-width:none;padding:0}details>*{display:block}\
.charts{display:block}figure{margin:0 0 1rem}\
table.cases{font-size:.7rem}table.cases code{font-size:.65rem}}";

/// The self-contained HTML overview (see the module docs).
pub fn html(o: &Overview) -> String {
    let t = tally(o);
    let mut out = String::with_capacity(16 * 1024 + o.cases.len() * 512);
    let team = h(&o.team);
    let today = h(&o.today);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Case overview: {team}, {today}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>Case overview</h1>\n\
         <p class=\"meta\">{team} · as of {today} (UTC) · written by <code>whistlebox overview</code></p>\n\
         </header>\n<main>\n",
        csp = render::html_escape(HTML_CSP),
    );

    let open = t.readable - t.closed;
    let _ = write!(
        out,
        "<dl class=\"summary\">\n\
         <div><dt>Reports</dt><dd data-summary=\"cases\">{}</dd></div>\n\
         <div><dt>Open</dt><dd data-summary=\"open\">{open}</dd></div>\n\
         <div><dt>Closed</dt><dd data-summary=\"closed\">{}</dd></div>\n\
         <div><dt>Not addressed to you</dt><dd data-summary=\"unreadable\">{}</dd></div>\n\
         </dl>\n<div class=\"charts\">\n",
        o.cases.len(),
        t.closed,
        t.unreadable,
    );

    let unreadable_note = if t.unreadable == 0 {
        String::new()
    } else {
        format!(
            " {} {} not addressed to you {} not counted.",
            t.unreadable,
            if t.unreadable == 1 {
                "report"
            } else {
                "reports"
            },
            if t.unreadable == 1 { "is" } else { "are" },
        )
    };
    let month_range = match (
        t.months.first(),
        t.months.iter().rfind(|b| b.key != "outside"),
    ) {
        (Some(first), Some(last)) => format!("{} to {}", first.key, last.key),
        _ => "no month".to_owned(),
    };
    let month_note = if t.months.iter().any(|b| b.key == "outside") {
        format!(
            " “outside”: a day that is not a date, after this month, or more than {MAX_MONTHS} months earlier."
        )
    } else {
        String::new()
    };
    figure(
        &mut out,
        "month",
        Shape::Columns,
        "Reports per month",
        &format!(
            "By the relay’s UTC day of receipt, {month_range}; every report, including those not addressed to you.{month_note}"
        ),
        ("Month", "Reports"),
        &t.months,
    );
    figure(
        &mut out,
        "category",
        Shape::Bars,
        "Reports by category",
        &format!(
            "Categories of the reporting form; any other value is “(unrecognised)”.{unreadable_note}"
        ),
        ("Category", "Reports"),
        &t.categories,
    );
    figure(
        &mut out,
        "funnel",
        Shape::Bars,
        "Status funnel",
        &format!(
            "Cases that reached at least each stage, by their current status; “need more information” counts as investigating.{unreadable_note}"
        ),
        ("Stage", "Cases"),
        &t.funnel,
    );
    figure(
        &mut out,
        "ack",
        Shape::Bars,
        "Acknowledgement within 7 days",
        &format!("EU Directive 2019/1937, art. 9: the first reply or status.{unreadable_note}"),
        ("Deadline", "Cases"),
        &t.ack,
    );
    figure(
        &mut out,
        "feedback",
        Shape::Bars,
        "Feedback within 3 months",
        &format!(
            "EU Directive 2019/1937, art. 9: a status investigating, need more information or closed.{unreadable_note}"
        ),
        ("Deadline", "Cases"),
        &t.feedback,
    );
    out.push_str("</div>\n");

    case_table(&mut out, o);

    out.push_str(
        "</main>\n<footer>\n<p>Written offline from the decrypted case store. This file holds \
         case metadata (categories, status, assignees, labels) in plain text: keep it as \
         confidential as the cases, and delete it when it is no longer needed. It contains no \
         script and loads nothing.</p>\n</footer>\n</body>\n</html>\n",
    );
    out
}

/// How a chart draws its bars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Vertical columns across the page ([`columns_svg`]).
    Columns,
    /// Horizontal bars ([`bars_svg`]).
    Bars,
}

/// One `<figure>`: the SVG, its caption, and a table of the same numbers.
fn figure(
    out: &mut String,
    chart: &str,
    shape: Shape,
    title: &str,
    note: &str,
    heads: (&str, &str),
    bars: &[Bar],
) {
    let wide = shape == Shape::Columns;
    let _ = writeln!(
        out,
        "<figure id=\"chart-{chart}\"{}>",
        if wide { " class=\"wide\"" } else { "" }
    );
    match shape {
        Shape::Columns => columns_svg(out, chart, title, bars),
        Shape::Bars => bars_svg(out, chart, title, bars),
    }
    let _ = write!(
        out,
        "<figcaption>{}<small>{}</small></figcaption>\n\
         <details open><summary>The numbers</summary>\n\
         <table data-chart=\"{chart}\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        render::html_escape(title),
        render::html_escape(note),
        render::html_escape(heads.0),
        render::html_escape(heads.1),
    );
    for b in bars {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td></tr>",
            render::html_escape(&b.label),
            b.count
        );
    }
    out.push_str("</tbody>\n</table>\n</details>\n</figure>\n");
}

/// The `<rect>` of one bar, with its machine-readable attributes and a
/// tooltip.
fn rect(out: &mut String, chart: &str, b: &Bar, x: u64, y: u64, w: u64, hgt: u64) {
    let _ = writeln!(
        out,
        "<rect data-chart=\"{chart}\" data-key=\"{key}\" data-count=\"{n}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{hgt}\"><title>{label}: {n}</title></rect>",
        key = render::html_escape(&b.key),
        n = b.count,
        label = render::html_escape(&b.label),
    );
}

/// `count` of `max` scaled to `full` pixels (rounded, a non-zero count at
/// least 1 pixel).
fn scale(count: usize, max: usize, full: u64) -> u64 {
    if count == 0 || max == 0 {
        return 0;
    }
    let n = (count as u64 * full + max as u64 / 2) / max as u64;
    n.max(1)
}

/// Horizontal bars: one row per bar, label on the left, count on the right.
fn bars_svg(out: &mut String, chart: &str, title: &str, bars: &[Bar]) {
    const LABEL: u64 = 170;
    const FULL: u64 = 280;
    const ROW: u64 = 24;
    const BAR: u64 = 16;
    let width = LABEL + FULL + 50;
    let height = ROW * bars.len() as u64 + 8;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"svg-{chart}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n<title id=\"svg-{chart}\">{}</title>",
        render::html_escape(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 4 + ROW * i as u64;
        let w = scale(b.count, max, FULL);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 8,
            y + BAR - 4,
            render::html_escape(&b.label)
        );
        rect(out, chart, b, LABEL, y, w, BAR);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            LABEL + w + 6,
            y + BAR - 4,
            b.count
        );
    }
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{LABEL}\" y1=\"0\" x2=\"{LABEL}\" y2=\"{height}\"/>\n</svg>"
    );
}

/// Vertical columns (months): label under each column, count above a
/// non-empty one.
fn columns_svg(out: &mut String, chart: &str, title: &str, bars: &[Bar]) {
    const COL: u64 = 26;
    const BAR: u64 = 18;
    const LEFT: u64 = 36;
    const TOP: u64 = 20;
    const FULL: u64 = 150;
    const BOTTOM: u64 = 60;
    let width = (LEFT * 2 + COL * bars.len() as u64).max(200);
    let height = TOP + FULL + BOTTOM;
    let base = TOP + FULL;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"svg-{chart}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n<title id=\"svg-{chart}\">{}</title>",
        render::html_escape(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let x = LEFT + COL * i as u64 + (COL - BAR) / 2;
        let hgt = scale(b.count, max, FULL);
        rect(out, chart, b, x, base - hgt, BAR, hgt);
        if b.count > 0 {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x + BAR / 2,
                base - hgt - 4,
                b.count
            );
        }
        let (lx, ly) = (x + BAR / 2 + 4, base + 8);
        let _ = writeln!(
            out,
            "<text x=\"{lx}\" y=\"{ly}\" text-anchor=\"end\" transform=\"rotate(-60 {lx} {ly})\">{}</text>",
            render::html_escape(&b.label)
        );
    }
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\"/>\n</svg>",
        width - LEFT
    );
}

/// The case list: one row per case, unreadable ones marked.
fn case_table(out: &mut String, o: &Overview) {
    let _ = write!(
        out,
        "<section>\n<h2>Cases</h2>\n<table class=\"cases\">\n<thead><tr>\
         <th scope=\"col\">Case</th><th scope=\"col\">Received</th><th scope=\"col\">Category</th>\
         <th scope=\"col\">Status</th><th scope=\"col\">Assignee</th><th scope=\"col\">Labels</th>\
         <th scope=\"col\">Items</th><th scope=\"col\">Ack.</th><th scope=\"col\">Feedback</th>\
         </tr></thead>\n<tbody>\n"
    );
    if o.cases.is_empty() {
        out.push_str("<tr><td colspan=\"9\">No cases.</td></tr>\n");
    }
    for c in sorted(o) {
        let id = h(&c.id);
        let received = h(&c.received);
        if !c.readable {
            let _ = writeln!(
                out,
                "<tr class=\"unreadable\" data-case=\"{id}\" data-readable=\"false\"><td><code>{id}</code></td>\
                 <td>{received}</td><td>not addressed to you</td><td>—</td><td>—</td><td>—</td>\
                 <td class=\"n\">{}</td><td>—</td><td>—</td></tr>",
                c.items
            );
            continue;
        }
        let category = match c.category.as_deref() {
            None => "—".to_owned(),
            Some(k) if CATEGORIES.contains(&k) => render::html_escape(&k.replace('_', " ")),
            Some(other) => format!(
                "(unrecognised) <span class=\"untrusted\">{}</span>",
                render::html_escape(&shorten(other, UNRECOGNISED_CHARS))
            ),
        };
        let status = h(&c.status.replace('_', " "));
        let assignee = c.assignee.as_deref().map_or_else(|| "—".to_owned(), h);
        let labels = if c.labels.is_empty() {
            "—".to_owned()
        } else {
            c.labels.iter().map(|l| h(l)).collect::<Vec<_>>().join(", ")
        };
        let deadline = |d: Deadline| {
            if d == Deadline::Missed {
                format!("<span class=\"missed\">{}</span>", d.label())
            } else {
                d.label().to_owned()
            }
        };
        let _ = writeln!(
            out,
            "<tr data-case=\"{id}\" data-readable=\"true\"><td><code>{id}</code></td><td>{received}</td>\
             <td>{category}</td><td>{status}</td><td>{assignee}</td><td>{labels}</td>\
             <td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            c.items,
            deadline(c.ack),
            deadline(c.feedback),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// One CSV cell: formula-injection defence, then RFC 4180 quoting.
fn csv_cell(out: &mut String, s: &str) {
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// The case list as CSV (see the module docs).
pub fn csv(o: &Overview) -> String {
    let mut out = String::with_capacity(128 + o.cases.len() * 160);
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for c in sorted(o) {
        let (category, status, assignee, labels, ack, feedback) = if c.readable {
            (
                category_text(c.category.as_deref()),
                term::line(&c.status),
                c.assignee.as_deref().map(term::line).unwrap_or_default(),
                c.labels
                    .iter()
                    .map(|l| term::line(l).replace(';', "\\x3b"))
                    .collect::<Vec<_>>()
                    .join(";"),
                c.ack.as_str(),
                c.feedback.as_str(),
            )
        } else {
            Default::default()
        };
        let items = c.items.to_string();
        let cells: [&str; 10] = [
            &term::line(&c.id),
            &term::line(&c.received),
            &category,
            &status,
            &assignee,
            &labels,
            &items,
            ack,
            feedback,
            if c.readable { "true" } else { "false" },
        ];
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: u8, received: &str, category: Option<&str>, status: &str) -> CaseSummary {
        CaseSummary {
            id: format!("{id:032x}"),
            received: received.to_owned(),
            category: category.map(str::to_owned),
            status: status.to_owned(),
            assignee: None,
            labels: Vec::new(),
            items: 1,
            ack: Deadline::Pending,
            feedback: Deadline::Pending,
            readable: true,
        }
    }

    fn unreadable(id: u8, received: &str) -> CaseSummary {
        CaseSummary {
            // What the caller might leave in the fields must not show.
            category: Some("secret-category".to_owned()),
            status: "closed".to_owned(),
            assignee: Some("secret-assignee".to_owned()),
            labels: vec!["secret-label".to_owned()],
            ack: Deadline::Missed,
            feedback: Deadline::Missed,
            readable: false,
            ..case(id, received, None, "received")
        }
    }

    fn overview(today: &str, cases: Vec<CaseSummary>) -> Overview {
        Overview {
            team: "Example team".to_owned(),
            today: today.to_owned(),
            cases,
        }
    }

    /// Every `(data-key, data-count)` of the chart's `<rect>`s, in order.
    fn rects(html: &str, chart: &str) -> Vec<(String, usize)> {
        let attr = |tag: &str, name: &str| -> String {
            let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            tag[start..start + tag[start..].find('"').unwrap()].to_owned()
        };
        html.match_indices("<rect ")
            .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()])
            .filter(|tag| attr(tag, "data-chart") == chart)
            .map(|tag| {
                (
                    attr(tag, "data-key"),
                    attr(tag, "data-count").parse().unwrap(),
                )
            })
            .collect()
    }

    fn keyed(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
        pairs.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
    }

    /// Every tag of `html`: its name and attribute names (the text between
    /// `<` and `>`; escaped text holds no `<`).
    fn tags(html: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            let end = i + rest[i..].find('>').expect("every tag closes");
            let inner = &rest[i + 1..end];
            rest = &rest[end + 1..];
            if inner.starts_with('/') || inner.starts_with('!') {
                continue;
            }
            let name = inner.split([' ', '/']).next().unwrap().to_ascii_lowercase();
            // Attribute names: words before `=` outside quoted values.
            let mut attrs = Vec::new();
            let mut quoted = false;
            let mut word = String::new();
            for c in inner[name.len()..].chars() {
                match c {
                    '"' => quoted = !quoted,
                    '=' if !quoted => attrs.push(std::mem::take(&mut word).to_ascii_lowercase()),
                    c if !quoted && c.is_whitespace() => word.clear(),
                    c if !quoted => word.push(c),
                    _ => {}
                }
            }
            out.push((name, attrs));
        }
        out
    }

    /// The invariants every overview must keep, whatever the input.
    fn assert_self_contained(html: &str) {
        assert!(html.starts_with("<!DOCTYPE html>\n"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;\">"
        ));
        let tags = tags(html);
        let allowed = [
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "header",
            "h1",
            "h2",
            "p",
            "code",
            "main",
            "dl",
            "div",
            "dt",
            "dd",
            "figure",
            "figcaption",
            "small",
            "details",
            "summary",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "svg",
            "rect",
            "text",
            "line",
            "section",
            "span",
            "footer",
        ];
        for (name, attrs) in &tags {
            assert!(allowed.contains(&name.as_str()), "unexpected tag <{name}>");
            for a in attrs {
                assert!(!a.starts_with("on"), "event handler {a} on <{name}>");
                assert!(
                    !["href", "src", "xlink:href", "action", "srcset", "style"]
                        .contains(&a.as_str()),
                    "attribute {a} on <{name}>"
                );
            }
        }
        assert_eq!(tags.iter().filter(|(n, _)| n == "style").count(), 1);
        for chart in ["month", "category", "funnel", "ack", "feedback"] {
            let start = html.find(&format!("<figure id=\"chart-{chart}\"")).unwrap();
            let figure = &html[start..start + html[start..].find("</figure>").unwrap()];
            assert!(figure.contains("<svg ") && figure.contains("<figcaption>"));
            assert!(figure.contains(&format!("<table data-chart=\"{chart}\">")));
            // The table holds the same numbers as the bars.
            for (_, n) in rects(figure, chart) {
                assert!(figure.contains(&format!("<td class=\"n\">{n}</td>")));
            }
        }
    }

    fn fixture() -> Overview {
        let mut a = case(1, "2026-01-05", Some("bullying"), "closed");
        a.ack = Deadline::Met;
        a.feedback = Deadline::Met;
        let mut b = case(2, "2026-01-20", Some("sexual_harassment"), "investigating");
        b.ack = Deadline::MetLate;
        b.feedback = Deadline::Met;
        let mut c = case(3, "2026-03-01", Some("bullying"), "need_more_information");
        c.ack = Deadline::Met;
        let mut d = case(4, "2026-03-02", Some("Bullying "), "acknowledged");
        d.ack = Deadline::Missed;
        let e = case(5, "2026-03-31", None, "received");
        let f = unreadable(6, "2026-03-15");
        let g = unreadable(7, "2025-12-31");
        overview("2026-04-02", vec![a, b, c, d, e, f, g])
    }

    #[test]
    fn charts_count_the_fixture() {
        let html = html(&fixture());
        assert_self_contained(&html);
        assert_eq!(
            rects(&html, "month"),
            keyed(&[
                ("2025-12", 1),
                ("2026-01", 2),
                ("2026-02", 0),
                ("2026-03", 4),
                ("2026-04", 0)
            ])
        );
        assert_eq!(
            rects(&html, "category"),
            keyed(&[
                ("sexual_harassment", 1),
                ("sexual_assault", 0),
                ("retaliation", 0),
                ("discrimination", 0),
                ("bullying", 2),
                ("other", 0),
                ("unrecognised", 1),
                ("none", 1)
            ])
        );
        assert_eq!(
            rects(&html, "funnel"),
            keyed(&[
                ("received", 5),
                ("acknowledged", 4),
                ("investigating", 3),
                ("closed", 1)
            ])
        );
        assert_eq!(
            rects(&html, "ack"),
            keyed(&[("met", 2), ("met_late", 1), ("missed", 1), ("pending", 1)])
        );
        assert_eq!(
            rects(&html, "feedback"),
            keyed(&[("met", 2), ("met_late", 0), ("missed", 0), ("pending", 3)])
        );
        for (key, n) in [("cases", 7), ("open", 4), ("closed", 1), ("unreadable", 2)] {
            assert!(
                html.contains(&format!("<dd data-summary=\"{key}\">{n}</dd>")),
                "{key}"
            );
        }
        assert!(html.contains("2 reports not addressed to you are not counted."));
    }

    #[test]
    fn unreadable_cases_show_nothing_but_their_day() {
        let o = fixture();
        let (html, csv) = (html(&o), csv(&o));
        for secret in ["secret-category", "secret-assignee", "secret-label"] {
            assert!(!html.contains(secret) && !csv.contains(secret), "{secret}");
        }
        let id = format!("{:032x}", 6);
        assert!(html.contains(&format!(
            "<tr class=\"unreadable\" data-case=\"{id}\" data-readable=\"false\"><td><code>{id}</code></td><td>2026-03-15</td><td>not addressed to you</td>"
        )));
        assert!(csv.contains(&format!("\r\n{id},2026-03-15,,,,,1,,,false\r\n")));
    }

    #[test]
    fn months_are_bounded_and_odd_days_count_as_outside() {
        let cases = vec![
            case(1, "1900-01-01", Some("other"), "received"),
            case(2, "2099-05-01", Some("other"), "received"),
            case(3, "2026-13-01", Some("other"), "received"),
            case(4, "not a day", Some("other"), "received"),
            case(5, "2025-11-30", Some("other"), "received"),
        ];
        let html = html(&overview("2026-02-10", cases.clone()));
        assert_self_contained(&html);
        assert_eq!(
            rects(&html, "month"),
            keyed(&[
                ("2025-11", 1),
                ("2025-12", 0),
                ("2026-01", 0),
                ("2026-02", 0),
                ("outside", 4)
            ])
        );
        // A whole window: MAX_MONTHS bars ending with today's month, the
        // first of them a case MAX_MONTHS - 1 months back.
        let cases = vec![
            case(1, "2006-03-31", None, "received"),
            case(2, "2006-02-28", None, "received"),
        ];
        let months = rects(&html_of("2026-02-01", cases), "month");
        assert_eq!(months.len(), MAX_MONTHS + 1);
        assert_eq!(months[0], ("2006-03".to_owned(), 1));
        assert_eq!(months[MAX_MONTHS - 1], ("2026-02".to_owned(), 0));
        assert_eq!(months[MAX_MONTHS], ("outside".to_owned(), 1));
        // Without a valid today, the last month is the latest case's.
        let cases = vec![
            case(1, "2026-01-31", None, "received"),
            case(2, "2026-03-01", None, "received"),
        ];
        assert_eq!(
            rects(&html_of("garbage", cases), "month"),
            keyed(&[("2026-01", 1), ("2026-02", 0), ("2026-03", 1)])
        );
    }

    fn html_of(today: &str, cases: Vec<CaseSummary>) -> String {
        html(&overview(today, cases))
    }

    #[test]
    fn the_funnel_never_grows_and_unknown_statuses_count_as_received() {
        let statuses = [
            "received",
            "acknowledged",
            "investigating",
            "need_more_information",
            "closed",
            "<b>bogus</b>",
        ];
        let cases = statuses
            .iter()
            .enumerate()
            .map(|(i, s)| case(i as u8, "2026-01-01", Some("other"), s))
            .collect();
        let html = html_of("2026-01-01", cases);
        assert_self_contained(&html);
        assert_eq!(
            rects(&html, "funnel"),
            keyed(&[
                ("received", 6),
                ("acknowledged", 4),
                ("investigating", 3),
                ("closed", 1)
            ])
        );
        assert!(html.contains("<td>&lt;b&gt;bogus&lt;/b&gt;</td>"));
    }

    #[test]
    fn an_empty_overview_renders() {
        let o = overview("2026-04-02", Vec::new());
        let html = html(&o);
        assert_self_contained(&html);
        assert_eq!(rects(&html, "month"), keyed(&[("2026-04", 0)]));
        assert_eq!(rects(&html, "category").len(), 8);
        assert!(rects(&html, "funnel").iter().all(|(_, n)| *n == 0));
        assert!(html.contains("<tr><td colspan=\"9\">No cases.</td></tr>"));
        assert_eq!(csv(&o), format!("{CSV_HEADER}\r\n"));
        // Not even a day to chart.
        let html = html_of("", Vec::new());
        assert_self_contained(&html);
        assert!(rects(&html, "month").is_empty());
    }

    const HOSTILE: [&str; 6] = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "Tom & Jerry",
        "evil\u{202e}gpj.exe",
        "</td></tr></table><style>body{display:none}</style>",
    ];

    #[test]
    fn case_text_is_escaped_everywhere() {
        let long = "x".repeat(10_000) + "<script>";
        let mut cases = Vec::new();
        for (i, s) in HOSTILE.iter().chain([&long.as_str()]).enumerate() {
            let mut c = case(i as u8, "2026-01-01", Some(s), s);
            c.id = (*s).to_owned();
            c.received = (*s).to_owned();
            c.assignee = Some((*s).to_owned());
            c.labels = vec![(*s).to_owned(), "ok".to_owned()];
            cases.push(c);
        }
        let mut o = overview(HOSTILE[0], cases);
        o.team = HOSTILE[1].to_owned();
        let html = html(&o);
        assert_self_contained(&html);
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script") && !lower.contains("<img"));
        assert!(!lower.contains("<style>body"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("&#39; onmouseover=&#39;alert(1)"));
        assert!(html.contains("Tom &amp; Jerry"));
        assert!(!html.contains('\u{202e}'));
        assert!(html.contains("evil\\u{202e}gpj.exe"));
        // Unrecognised categories are shortened; other text too; nothing
        // from a case reaches a chart label.
        assert!(html.contains(&format!(
            "(unrecognised) <span class=\"untrusted\">{}…</span>",
            "x".repeat(UNRECOGNISED_CHARS)
        )));
        assert!(!html.contains(&"x".repeat(TEXT_CHARS + 1)));
        assert!(html.len() < 40_000, "{} bytes", html.len());
        let start = html.find("<div class=\"charts\">").unwrap();
        let charts = &html[start..html.find("<section>").unwrap()];
        for s in HOSTILE {
            assert!(!charts.contains(&render::html_escape(s)), "{s}");
        }
        assert_eq!(
            rects(&html, "category").last().cloned(),
            Some(("none".to_owned(), 0))
        );
        assert_eq!(rects(&html, "category")[6], ("unrecognised".to_owned(), 7));
        assert_eq!(rects(&html, "month"), keyed(&[("outside", 7)]));
    }

    /// An RFC 4180 reader for the tests: records of fields.
    fn parse_csv(s: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut chars = s.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') if field.is_empty() => quoted = true,
                (false, ',') => record.push(std::mem::take(&mut field)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "CR without LF");
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                (false, '\n') => panic!("LF without CR"),
                (false, c) => field.push(c),
            }
        }
        assert!(
            !quoted && field.is_empty() && record.is_empty(),
            "unterminated"
        );
        records
    }

    #[test]
    fn csv_lists_the_fixture() {
        let mut o = fixture();
        o.cases[0].assignee = Some("inv-a".to_owned());
        o.cases[0].labels = vec!["urgent".to_owned(), "hr, legal".to_owned()];
        o.cases[0].items = 4;
        let rows = parse_csv(&csv(&o));
        assert_eq!(rows[0].join(","), CSV_HEADER);
        assert_eq!(rows.len(), 8);
        let id = |n: u8| format!("{n:032x}");
        let want = [
            [&id(7), "2025-12-31", "", "", "", "", "1", "", "", "false"],
            [
                &id(1),
                "2026-01-05",
                "bullying",
                "closed",
                "inv-a",
                "urgent;hr, legal",
                "4",
                "met",
                "met",
                "true",
            ],
            [
                &id(2),
                "2026-01-20",
                "sexual_harassment",
                "investigating",
                "",
                "",
                "1",
                "met_late",
                "met",
                "true",
            ],
            [
                &id(3),
                "2026-03-01",
                "bullying",
                "need_more_information",
                "",
                "",
                "1",
                "met",
                "pending",
                "true",
            ],
            [
                &id(4),
                "2026-03-02",
                "(unrecognised) Bullying ",
                "acknowledged",
                "",
                "",
                "1",
                "missed",
                "pending",
                "true",
            ],
            [&id(6), "2026-03-15", "", "", "", "", "1", "", "", "false"],
            [
                &id(5),
                "2026-03-31",
                "",
                "received",
                "",
                "",
                "1",
                "pending",
                "pending",
                "true",
            ],
        ];
        for (row, want) in rows[1..].iter().zip(want) {
            assert_eq!(row, &want);
        }
        // The listing order does not depend on the input's.
        let mut reversed = o.clone();
        reversed.cases.reverse();
        assert_eq!(csv(&reversed), csv(&o));
        assert_eq!(html(&reversed), html(&o));
    }

    #[test]
    fn csv_quotes_and_defends_against_formulas() {
        let cell = |s: &str| {
            let mut out = String::new();
            csv_cell(&mut out, s);
            out
        };
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell(""), "");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("a\r\nb"), "\"a\r\nb\"");
        assert_eq!(cell("a\nb"), "\"a\nb\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "\"'\rx\"");
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(cell("a=1"), "a=1");

        let mut c = case(1, "2026-01-01", Some("=cmd|' /C calc'!A0"), "=1+1");
        c.assignee = Some("@evil".to_owned());
        c.labels = vec!["-2".to_owned(), "+3".to_owned(), "a;b".to_owned()];
        let mut d = case(
            2,
            "2026-01-02",
            Some("line\r\nbreak, \"quoted\"\t"),
            "received",
        );
        d.labels = vec!["\tTAB".to_owned(), "x\u{202e}y".to_owned()];
        let csv = csv(&overview("2026-01-02", vec![c, d]));
        let rows = parse_csv(&csv);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][2], "(unrecognised) =cmd|' /C calc'!A0");
        assert_eq!(rows[1][3], "'=1+1");
        assert_eq!(rows[1][4], "'@evil");
        assert_eq!(rows[1][5], "'-2;+3;a\\x3bb");
        assert_eq!(
            rows[2][2],
            "(unrecognised) line\\x0d\\x0abreak, \"quoted\"\\x09"
        );
        assert_eq!(rows[2][5], "\\x09TAB;x\\u{202e}y");
        // Only the record separators are CR or LF; no control or bidi
        // character reaches a cell.
        assert_eq!(csv.matches("\r\n").count(), 3);
        assert_eq!(csv.matches(['\r', '\n']).count(), 6);
        assert!(!csv
            .chars()
            .any(|c| c != '\r' && c != '\n' && term::is_dangerous(c)));
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell}"
                );
            }
        }
    }
}
