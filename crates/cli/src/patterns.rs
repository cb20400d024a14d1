//! `whistlebox patterns` (PROTOCOL.md §13): cases that name the same accused
//! person, team or place — "N independent reports name X" — found offline in
//! the decrypted report fields (§1.5) of the local store.
//!
//! Two reports are *independent* when they are different cases: a case counts
//! once for an entity however often, and however it spells, it names it.
//!
//! # Entities
//!
//! - **Person**: each line of `people_reported` names one person. The name is
//!   the part of the line before the first of `(`, `,`, ` - `, ` – `, `—`,
//!   `:`, `;` (full-width `（`, `，`, `：`, `；` are the same characters after
//!   NFKC, rule 1 below); leading list bullets (`-`, `*`, `•`, …) and a
//!   leading ordinal (`1.`, `2)`, `3、`) are dropped first. Only the first
//!   [`MAX_LINES`] lines of the field and the first [`MAX_CHARS`] characters of
//!   each line are read.
//! - **Team**: the rest of the line (role, team) is cut into segments at
//!   `(`, `)`, `[`, `]`, `【`, `】`, `,`, `;`, `:`, `/`, `|`, `、`, `—`, `–` and
//!   ` - `. A segment names a team when it contains
//!   - an English team word ([`TEAM_WORDS`]: `team`, `department`, `dept`,
//!     `division`, `group`, `unit`, `section`, `squad`, plurals included)
//!     after at least one other word: the team is the team word and the up to
//!     three words before it, stopping at an article, preposition, conjunction
//!     or possessive ([`TEAM_STOP_WORDS`]) — "head of the Sales team" names
//!     "Sales team", "Sales team lead" names "Sales team", "team lead" names
//!     no team;
//!   - or a Chinese unit suffix ([`HAN_TEAM_SUFFIXES`]: `事业部`, `部门`,
//!     `团队`, `小组`, `中心`, `部`, `组`, `科`, `处`) after at least two
//!     Han or ASCII letters/digits: the team is those characters (at most
//!     [`MAX_TEAM_PREFIX`], stopping at a function character such as `的`, `在`,
//!     `是`, [`HAN_STOP_CHARS`]) and the suffix — "销售部经理" names "销售部",
//!     "IT部" names "IT部", while "全部", "总部", "副部长" name none. A
//!     suffix directly followed by `长` (chief) is a title, not a team:
//!     "张伟组长" is the person 张伟组长 and "财务处长" names no team.
//!
//!   The first team found in a segment counts. When the *name* part itself
//!   names a team ("the whole Sales team", "销售部"), the line yields that
//!   Team and no Person; there `科` does not count, being common in given
//!   names (`李文科` is a person, `李文科（财务科）` names the team `财务科`). Team spotting is a heuristic: it never guesses that
//!   two different team names mean the same team, and every pattern lists the
//!   spellings it merged.
//! - **Place**: the whole `where` field (its first [`MAX_CHARS`] characters,
//!   white space collapsed) is one place.
//!
//! # Keys (the comparison)
//!
//! A name is turned into its key by [`normalise`] (people) or
//! [`normalise_phrase`] (teams, places):
//!
//! 1. Unicode NFKC: full-width `Ｚｈａｎｇ` is `Zhang`, the ideographic
//!    space is a space, `（` is `(`.
//! 2. Han characters become toneless pinyin (the `pinyin` crate, its first
//!    reading), one word per run of Han characters — except in a person's
//!    name, whose first run of Han characters is read as a surname (its first
//!    character, or one of the compound surnames in [`COMPOUND_SURNAMES`] such
//!    as `欧阳` ouyang) and a given name (the rest, joined): `张伟伟` is
//!    `zhang weiwei`, as it is romanised. A leading surname character with
//!    several readings takes its surname reading when the crate lists it
//!    ([`SURNAME_READINGS`]: `曾` zeng, `单` shan, `解` xie, `仇` qiu,
//!    `朴` piao, `区` ou, `查` zha, `盖` ge, `乐` yue, `缪` miao, …); other
//!    characters always take the crate's first reading, so a rare reading in
//!    a given name or a place can fail to match its romanisation.
//! 3. Latin letters lose their diacritics (written pinyin's tone marks,
//!    `é` → `e`, `ü` → `u`) and every letter is lowercased.
//! 4. Apostrophes and hyphens inside a word are dropped (`Xi'an` = `xian`,
//!    `Wei-Wei` = `weiwei`, `O'Brien` = `obrien`); every other character that
//!    is not a letter or digit (punctuation, symbols, white space, `·`)
//!    separates words. No title or honorific is removed or guessed: "Mr Zhang"
//!    and "Zhang" differ.
//! 5. People: the words are sorted, so given-name-first `Wei Zhang` and
//!    `Zhang Wei` share the key `wei zhang`. Teams and places keep their word
//!    order ("Building 2 Floor 3" is not "Building 3 Floor 2").
//! 6. Words are joined by one space; an empty key names nothing.
//!
//! So `张伟`, `张 伟`, `Zhang Wei`, `zhang  wei`, `ZHANG WEI`, `Ｚｈａｎｇ Ｗｅｉ`
//! and `Wei Zhang` share the key `wei zhang`, while `Zhang Wen`, `Zhang
//! Weiwei` and `Li Wei` do not; nor do `Chris Lee` and `Christopher Lee` (no
//! nickname is guessed), nor `Zhangwei` written as one word.
//!
//! **Pinyin merges homophones.** Characters that read the same share a key:
//! `章伟` (zhāng wěi) is `wei zhang` like `张伟`, and `吕` (lǚ) is `lu` like
//! `卢` (lú). That is why every [`Pattern`] lists the `spellings` it merged
//! (as written, after NFKC, white space collapsed; a case that names one
//! entity twice contributes its first spelling): the investigator sees
//! `张伟` and `章伟` side by side and decides.
//!
//! # Bounds
//!
//! Hostile fields cost bounded work: at most [`MAX_LINES`] lines of
//! `people_reported`, [`MAX_CHARS`] characters of each line and of `where`;
//! the rest is ignored. Any UTF-8 is accepted; nothing panics.

use std::collections::{BTreeMap, BTreeSet};

use pinyin::ToPinyinMulti;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// The field naming the people reported, one per line (PROTOCOL.md §1.5).
pub const PEOPLE_FIELD: &str = "people_reported";
/// The field naming where it happened (PROTOCOL.md §1.5).
pub const PLACE_FIELD: &str = "where";
/// Lines of `people_reported` read per case; the rest are ignored.
pub const MAX_LINES: usize = 200;
/// Characters read per line of `people_reported`, and of `where`.
pub const MAX_CHARS: usize = 200;
/// Han characters before a Chinese unit suffix that a team name may hold.
pub const MAX_TEAM_PREFIX: usize = 8;

/// English words that make a segment name a team (compared after
/// [`normalise_phrase`]).
pub const TEAM_WORDS: &[&str] = &[
    "team",
    "teams",
    "department",
    "departments",
    "dept",
    "division",
    "divisions",
    "group",
    "groups",
    "unit",
    "units",
    "section",
    "sections",
    "squad",
    "squads",
];

/// Words that end a team name when read backwards from its team word.
pub const TEAM_STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "at", "on", "for", "from", "with", "by", "to", "and", "or",
    "our", "my", "his", "her", "their", "its", "your", "is", "was", "whole", "entire", "all",
];

/// Chinese unit suffixes that make a segment name a team, longest first.
pub const HAN_TEAM_SUFFIXES: &[&str] = &[
    "事业部",
    "部门",
    "团队",
    "小组",
    "中心",
    "部",
    "组",
    "科",
    "处",
];

/// A unit suffix common in given names (`李文科`): it makes a team only after
/// the name, never in the name part of a line.
pub const GIVEN_NAME_SUFFIX: &str = "科";

/// Function characters that end a Chinese team name read backwards from its
/// suffix ("他是销售部的" names "销售部").
pub const HAN_STOP_CHARS: &[char] = &[
    '的', '在', '是', '于', '自', '属', '和', '与', '及', '或', '从', '由', '到', '为', '个',
];

/// Compound (two-character) surnames and their readings.
pub const COMPOUND_SURNAMES: &[(&str, &str)] = &[
    ("欧阳", "ouyang"),
    ("司马", "sima"),
    ("诸葛", "zhuge"),
    ("上官", "shangguan"),
    ("东方", "dongfang"),
    ("皇甫", "huangfu"),
    ("令狐", "linghu"),
    ("慕容", "murong"),
    ("司徒", "situ"),
    ("夏侯", "xiahou"),
    ("长孙", "zhangsun"),
    ("尉迟", "yuchi"),
    ("公孙", "gongsun"),
    ("宇文", "yuwen"),
    ("澹台", "tantai"),
    ("轩辕", "xuanyuan"),
];

/// Surname readings of characters with several readings; used for the first
/// character of a name only when the `pinyin` crate lists the reading.
pub const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('区', "ou"),
    ('查', "zha"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('缪', "miao"),
    ('覃', "qin"),
    ('召', "shao"),
    ('种', "chong"),
    ('折', "she"),
    ('秘', "bi"),
    ('翟', "zhai"),
    ('繁', "po"),
    ('员', "yun"),
    ('长', "chang"),
    ('重', "chong"),
    ('柏', "bai"),
    ('薄', "bo"),
    ('隗', "wei"),
    ('句', "gou"),
    ('贾', "jia"),
    ('车', "che"),
    ('都', "du"),
    ('宿', "su"),
    ('石', "shi"),
    ('尉', "wei"),
];

/// One case's decrypted report fields (PROTOCOL.md §1.5).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseText {
    /// The case id.
    pub id: String,
    /// The report's fields; only `people_reported` and `where` are read.
    pub fields: BTreeMap<String, String>,
}

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person named in `people_reported`.
    Person,
    /// A team or department named in `people_reported`.
    Team,
    /// The place of `where`.
    Place,
}

/// One entity a case names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entity {
    /// What it is.
    pub kind: EntityKind,
    /// Its comparison key ([`normalise`] or [`normalise_phrase`]); never empty.
    pub key: String,
    /// How the case spells it (after NFKC, white space collapsed).
    pub spelling: String,
}

/// An entity named by several cases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pattern {
    /// What it is.
    pub kind: EntityKind,
    /// The comparison key the cases share.
    pub key: String,
    /// The spelling most cases use (ties: the smallest string).
    pub name: String,
    /// Every spelling merged under the key (each case's first spelling of
    /// the entity), sorted.
    pub spellings: Vec<String>,
    /// The ids of the cases naming it, sorted, each once.
    pub cases: Vec<String>,
}

/// The comparison key of a person's name (rules 1–6 of the module doc):
/// `张伟`, `Wei Zhang` and `ＺＨＡＮＧ　ＷＥＩ` are all `wei zhang`.
pub fn normalise(name: &str) -> String {
    let mut tokens = Vec::new();
    let mut surname_done = false;
    for word in words(name) {
        match word {
            Word::Text(text) => tokens.push(text),
            Word::Han(chars) => {
                let mut rest = &chars[..];
                if !surname_done {
                    surname_done = true;
                    let (surname, used) = surname(&chars);
                    tokens.push(surname);
                    rest = &chars[used..];
                }
                if !rest.is_empty() {
                    tokens.push(han_word(rest));
                }
            }
        }
    }
    tokens.sort();
    tokens.join(" ")
}

/// The comparison key of a team or place: rules 1–4 and 6 of the module doc,
/// words kept in order, each run of Han characters one word (`北京` is
/// `beijing`, like `Beijing`).
pub fn normalise_phrase(text: &str) -> String {
    let tokens: Vec<String> = words(text)
        .into_iter()
        .map(|word| match word {
            Word::Text(text) => text,
            Word::Han(chars) => han_word(&chars),
        })
        .collect();
    tokens.join(" ")
}

/// The entities one case's fields name, each (kind, key) once, sorted.
pub fn entities(fields: &BTreeMap<String, String>) -> Vec<Entity> {
    let mut found = BTreeMap::new();
    let mut add = |kind: EntityKind, key: String, spelling: String| {
        if !key.is_empty() {
            // The first spelling a case uses stands for the case.
            found.entry((kind, key)).or_insert(spelling);
        }
    };
    if let Some(people) = fields.get(PEOPLE_FIELD) {
        for line in people.lines().take(MAX_LINES) {
            let line: String = line.chars().take(MAX_CHARS).nfkc().collect();
            let (name, rest) = split_name(&line);
            match team_in_name(name) {
                Some(team) => add(EntityKind::Team, normalise_phrase(&team), team),
                None => add(EntityKind::Person, normalise(name), collapse(name)),
            }
            for segment in segments(rest) {
                if let Some(team) = team_in(segment) {
                    add(EntityKind::Team, normalise_phrase(&team), team);
                }
            }
        }
    }
    if let Some(place) = fields.get(PLACE_FIELD) {
        let place: String = place.chars().take(MAX_CHARS).nfkc().collect();
        let place = collapse(&place);
        add(EntityKind::Place, normalise_phrase(&place), place);
    }
    found
        .into_iter()
        .map(|((kind, key), spelling)| Entity {
            kind,
            key,
            spelling,
        })
        .collect()
}

/// The entities that at least `min_cases` distinct cases name (at least one),
/// most cases first, then by key, then by kind.
pub fn find(cases: &[CaseText], min_cases: usize) -> Vec<Pattern> {
    #[derive(Default)]
    struct Group {
        cases: BTreeSet<String>,
        /// spelling → the cases that use it
        spellings: BTreeMap<String, BTreeSet<String>>,
    }
    let mut groups: BTreeMap<(EntityKind, String), Group> = BTreeMap::new();
    for case in cases {
        for entity in entities(&case.fields) {
            let group = groups.entry((entity.kind, entity.key)).or_default();
            group.cases.insert(case.id.clone());
            group
                .spellings
                .entry(entity.spelling)
                .or_default()
                .insert(case.id.clone());
        }
    }
    let min_cases = min_cases.max(1);
    let mut patterns: Vec<Pattern> = groups
        .into_iter()
        .filter(|(_, group)| group.cases.len() >= min_cases)
        .map(|((kind, key), group)| {
            // The spelling most cases use; among equals the smallest string.
            let name = group
                .spellings
                .iter()
                .max_by(|(a, a_ids), (b, b_ids)| a_ids.len().cmp(&b_ids.len()).then(b.cmp(a)))
                .map(|(spelling, _)| spelling.clone())
                .unwrap_or_default();
            Pattern {
                kind,
                key,
                name,
                spellings: group.spellings.into_keys().collect(),
                cases: group.cases.into_iter().collect(),
            }
        })
        .collect();
    patterns.sort_by(|a, b| {
        b.cases
            .len()
            .cmp(&a.cases.len())
            .then_with(|| a.key.cmp(&b.key))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    patterns
}

/// A word of a name: letters and digits, or a run of Han characters.
enum Word {
    /// Lowercased letters and digits, Latin diacritics removed.
    Text(String),
    /// Han characters the `pinyin` crate can read.
    Han(Vec<char>),
}

/// Rules 1, 3 and 4: the words of the first [`MAX_CHARS`] characters of `s`.
fn words(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<Word> = None;
    for c in s.chars().take(MAX_CHARS).nfkc() {
        if is_han(c) {
            match &mut current {
                Some(Word::Han(chars)) => chars.push(c),
                _ => {
                    finish(&mut out, current.take());
                    current = Some(Word::Han(vec![c]));
                }
            }
        } else if c.is_alphanumeric() {
            match &mut current {
                Some(Word::Text(text)) => fold(c, text),
                _ => {
                    finish(&mut out, current.take());
                    let mut text = String::new();
                    fold(c, &mut text);
                    current = Some(Word::Text(text));
                }
            }
        } else if !is_joiner(c) {
            finish(&mut out, current.take());
        }
    }
    finish(&mut out, current);
    out
}

/// Ends a word: a text word is put in NFKC again, since folding and dropped
/// joiners can leave combining marks out of canonical order.
fn finish(out: &mut Vec<Word>, word: Option<Word>) {
    match word {
        Some(Word::Text(text)) => out.push(Word::Text(text.nfkc().collect())),
        Some(han) => out.push(han),
        None => {}
    }
}

/// Whether `c` is a Han character with a pinyin reading.
fn is_han(c: char) -> bool {
    c.to_pinyin_multi().is_some()
}

/// Apostrophes and hyphens, dropped inside words (rule 4).
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{02BC}' | '-' | '\u{2010}' | '\u{2011}'
    )
}

/// Appends `c` lowercased, without its diacritics if it is a Latin letter.
fn fold(c: char, out: &mut String) {
    let base = std::iter::once(c).nfd().next().unwrap_or(c);
    let c = if base.is_ascii_alphabetic() { base } else { c };
    out.extend(c.to_lowercase());
}

/// Appends a pinyin syllable, diacritics removed (`lü` → `lu`).
fn push_reading(reading: &str, out: &mut String) {
    for c in reading.chars() {
        fold(c, out);
    }
}

/// The readings of `chars` joined into one word.
fn han_word(chars: &[char]) -> String {
    let mut word = String::new();
    for &c in chars {
        match c.to_pinyin_multi() {
            Some(readings) => push_reading(readings.get(0).plain(), &mut word),
            None => fold(c, &mut word),
        }
    }
    word
}

/// The surname at the start of a run of Han characters (never empty): its
/// reading and how many characters it takes.
fn surname(chars: &[char]) -> (String, usize) {
    // A compound surname needs a given name after it.
    if chars.len() >= 3 {
        for (written, reading) in COMPOUND_SURNAMES {
            if written.chars().eq(chars[..2].iter().copied()) {
                return ((*reading).to_string(), 2);
            }
        }
    }
    let first = chars[0];
    let mut reading = String::new();
    if let Some(readings) = first.to_pinyin_multi() {
        let wanted = SURNAME_READINGS
            .iter()
            .find(|(c, _)| *c == first)
            .map(|(_, r)| *r)
            .filter(|r| readings.into_iter().any(|p| folded(p.plain()) == *r));
        match wanted {
            Some(r) => reading.push_str(r),
            None => push_reading(readings.get(0).plain(), &mut reading),
        }
    } else {
        fold(first, &mut reading);
    }
    (reading, 1)
}

/// A pinyin syllable without diacritics.
fn folded(reading: &str) -> String {
    let mut out = String::new();
    push_reading(reading, &mut out);
    out
}

/// Splits an NFKC line into the person's name and the rest (role, team):
/// leading bullets and ordinal dropped, name trimmed.
fn split_name(line: &str) -> (&str, &str) {
    let line = strip_bullet(line);
    let end = [" - ", " – ", "—", "(", ",", ":", ";"]
        .iter()
        .filter_map(|sep| line.find(sep))
        .min()
        .unwrap_or(line.len());
    (line[..end].trim(), &line[end..])
}

/// `line` without leading bullets (`-`, `*`, `•`, …) and a leading ordinal
/// (`1.`, `2)`, `3、`).
fn strip_bullet(line: &str) -> &str {
    let line = line.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(');
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let after = &line[digits..];
        for mark in [".", ")", "、"] {
            if let Some(rest) = after.strip_prefix(mark) {
                return rest.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(');
            }
        }
    }
    line
}

/// The segments of the rest of a line (module doc, "Team").
fn segments(rest: &str) -> impl Iterator<Item = &str> {
    rest.split(" - ").flat_map(|part| {
        part.split([
            '(', ')', '[', ']', '【', '】', ',', ';', ':', '/', '|', '、', '—', '–',
        ])
    })
}

/// White space collapsed to single spaces, ends trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The team a segment of the rest of a line names, as spelled (module doc,
/// "Team").
fn team_in(segment: &str) -> Option<String> {
    english_team(segment).or_else(|| han_team(segment, false))
}

/// The team a line's name part names instead of a person: as [`team_in`],
/// but [`GIVEN_NAME_SUFFIX`] does not count.
fn team_in_name(name: &str) -> Option<String> {
    english_team(name).or_else(|| han_team(name, true))
}

/// A team named by an English team word after at least one other word.
fn english_team(segment: &str) -> Option<String> {
    let raw: Vec<&str> = segment.split_whitespace().collect();
    for (at, word) in raw.iter().enumerate() {
        if !TEAM_WORDS.contains(&normalise_phrase(word).as_str()) {
            continue;
        }
        let mut start = at;
        let mut named = 0;
        while start > 0 && named < 3 {
            let key = normalise_phrase(raw[start - 1]);
            if TEAM_STOP_WORDS.contains(&key.as_str()) {
                break;
            }
            start -= 1;
            if !key.is_empty() {
                named += 1;
            }
        }
        if named > 0 {
            let team = raw[start..=at].join(" ");
            let team = team.trim_matches(|c: char| !c.is_alphanumeric());
            return Some(team.to_string());
        }
    }
    None
}

/// A team named by a Chinese unit suffix after at least two Han or ASCII
/// letters or digits; in a name part, not by [`GIVEN_NAME_SUFFIX`].
fn han_team(segment: &str, in_name: bool) -> Option<String> {
    let chars: Vec<char> = segment.chars().collect();
    let suffixes = HAN_TEAM_SUFFIXES
        .iter()
        .filter(|s| !(in_name && **s == GIVEN_NAME_SUFFIX));
    for at in 1..chars.len() {
        let Some(suffix) = suffixes.clone().find(|s| {
            s.chars()
                .eq(chars[at..].iter().copied().take(s.chars().count()))
        }) else {
            continue;
        };
        let title = chars.get(at + suffix.chars().count()) == Some(&'长');
        if title {
            continue;
        }
        let mut start = at;
        while start > 0
            && at - start < MAX_TEAM_PREFIX
            && (is_han(chars[start - 1]) || chars[start - 1].is_ascii_alphanumeric())
            && !HAN_STOP_CHARS.contains(&chars[start - 1])
        {
            start -= 1;
        }
        if at - start >= 2 {
            let mut team: String = chars[start..at].iter().collect();
            team.push_str(suffix);
            return Some(team);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str, people: &str, place: Option<&str>) -> CaseText {
        let mut fields = BTreeMap::new();
        fields.insert("category".to_string(), "bullying".to_string());
        if !people.is_empty() {
            fields.insert(PEOPLE_FIELD.to_string(), people.to_string());
        }
        if let Some(place) = place {
            fields.insert(PLACE_FIELD.to_string(), place.to_string());
        }
        CaseText {
            id: id.to_string(),
            fields,
        }
    }

    fn ids(pattern: &Pattern) -> Vec<&str> {
        pattern.cases.iter().map(String::as_str).collect()
    }

    /// Nine cases spelling the same people, team and place differently.
    fn fixture() -> Vec<CaseText> {
        vec![
            case(
                "c01",
                "张伟（销售部经理）",
                Some("Shanghai Office, 3rd floor"),
            ),
            case("c02", "Zhang Wei (Sales team lead)", Some("Beijing")),
            case(
                "c03",
                "Ｚｈａｎｇ　Ｗｅｉ，销售部",
                Some("ＳＨＡＮＧＨＡＩ　Office，3rd Floor"),
            ),
            case("c04", "Wei Zhang: Sales Team", None),
            case("c05", "张 伟\nZhang Wen (Finance department)", None),
            case("c06", "zhang  wei\nChris Lee", None),
            case(
                "c07",
                "ZHANG WEI\nChristopher Lee, Finance Department",
                None,
            ),
            case("c08", "章伟\nLi Wei\n曾小明 — 财务部", Some("北京")),
            case(
                "c09",
                "- Zeng Xiaoming\n2. Zhang Weiwei",
                Some("shanghai office - 3rd floor"),
            ),
        ]
    }

    #[test]
    fn fixture_groups_are_exact() {
        let patterns = find(&fixture(), 2);
        let got: Vec<(EntityKind, &str, Vec<&str>)> = patterns
            .iter()
            .map(|p| (p.kind, p.key.as_str(), ids(p)))
            .collect();
        let all = vec!["c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08"];
        assert_eq!(
            got,
            vec![
                (EntityKind::Person, "wei zhang", all),
                (
                    EntityKind::Place,
                    "shanghai office 3rd floor",
                    vec!["c01", "c03", "c09"]
                ),
                (EntityKind::Place, "beijing", vec!["c02", "c08"]),
                (EntityKind::Team, "finance department", vec!["c05", "c07"]),
                (EntityKind::Team, "sales team", vec!["c02", "c04"]),
                (EntityKind::Person, "xiaoming zeng", vec!["c08", "c09"]),
                (EntityKind::Team, "xiaoshoubu", vec!["c01", "c03"]),
            ]
        );
        let zhang = &patterns[0];
        assert_eq!(zhang.name, "Zhang Wei", "c02 and c03 spell it so");
        assert_eq!(
            zhang.spellings,
            vec![
                "Wei Zhang",
                "ZHANG WEI",
                "Zhang Wei",
                "zhang wei",
                "张 伟",
                "张伟",
                "章伟"
            ]
        );
        assert_eq!(patterns[4].spellings, vec!["Sales Team", "Sales team"]);
        assert_eq!(patterns[6].spellings, vec!["销售部"]);
        assert_eq!(patterns[5].spellings, vec!["Zeng Xiaoming", "曾小明"]);
    }

    #[test]
    fn different_people_are_not_grouped() {
        let patterns = find(&fixture(), 1);
        let single = |key: &str| {
            let found: Vec<_> = patterns.iter().filter(|p| p.key == key).collect();
            assert_eq!(found.len(), 1, "{key}");
            ids(found[0]).len()
        };
        assert_eq!(single("wen zhang"), 1);
        assert_eq!(single("chris lee"), 1);
        assert_eq!(single("christopher lee"), 1);
        assert_eq!(single("li wei"), 1);
        assert_eq!(single("weiwei zhang"), 1);
        assert_eq!(single("caiwubu"), 1);
        assert_eq!(single("wei zhang"), 8);
    }

    #[test]
    fn min_cases_is_respected() {
        let cases = fixture();
        assert_eq!(find(&cases, 2).len(), 7);
        let three: Vec<String> = find(&cases, 3).into_iter().map(|p| p.key).collect();
        assert_eq!(three, vec!["wei zhang", "shanghai office 3rd floor"]);
        assert_eq!(find(&cases, 8).len(), 1);
        assert!(find(&cases, 9).is_empty());
        // 0 means 1: every entity, each case once.
        assert_eq!(find(&cases, 0), find(&cases, 1));
        assert_eq!(find(&cases, 1).len(), 13);
        assert!(find(&[], 1).is_empty());
    }

    #[test]
    fn sorted_most_cases_first_then_key() {
        let patterns = find(&fixture(), 1);
        for pair in patterns.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(
                a.cases.len() > b.cases.len()
                    || (a.cases.len() == b.cases.len() && (&a.key, a.kind) < (&b.key, b.kind)),
                "{a:?} before {b:?}"
            );
        }
    }

    #[test]
    fn a_case_counts_once_per_entity() {
        let cases = vec![
            case(
                "a",
                "Zhang Wei\n张伟\nzhang wei (Sales team, sales team)",
                None,
            ),
            case("b", "Wei Zhang", None),
            case("a", "ZHANG WEI", None),
        ];
        let patterns = find(&cases, 2);
        assert_eq!(patterns.len(), 1);
        assert_eq!(ids(&patterns[0]), vec!["a", "b"]);
        assert_eq!(
            patterns[0].spellings,
            vec!["Wei Zhang", "ZHANG WEI", "Zhang Wei"]
        );
        assert_eq!(entities(&cases[0].fields).len(), 2, "one person, one team");
    }

    #[test]
    fn name_variants_share_one_key() {
        for name in [
            "张伟",
            "张 伟",
            "Zhang Wei",
            "zhang  wei",
            "ZHANG WEI",
            "Ｚｈａｎｇ Ｗｅｉ",
            "Ｚｈａｎｇ\u{3000}Ｗｅｉ",
            "Wei Zhang",
            "  Zhāng Wěi. ",
            "章伟",
        ] {
            assert_eq!(normalise(name), "wei zhang", "{name}");
        }
        for (name, key) in [
            ("Zhang Wen", "wen zhang"),
            ("Zhang Weiwei", "weiwei zhang"),
            ("Zhang Wei-Wei", "weiwei zhang"),
            ("张伟伟", "weiwei zhang"),
            ("Li Wei", "li wei"),
            ("Chris Lee", "chris lee"),
            ("Christopher Lee", "christopher lee"),
            ("Zhangwei", "zhangwei"),
            ("Mr Zhang", "mr zhang"),
            ("O'Brien, Seán", "obrien sean"),
            ("欧阳修", "ouyang xiu"),
            ("Ouyang Xiu", "ouyang xiu"),
            ("吕布", "bu lu"),
            ("", ""),
            ("?!", ""),
        ] {
            assert_eq!(normalise(name), key, "{name}");
        }
    }

    #[test]
    fn polyphonic_surnames_take_their_surname_reading() {
        assert_eq!(normalise("曾小明"), normalise("Zeng Xiaoming"));
        assert_eq!(normalise("单伟"), normalise("Shan Wei"));
        assert_eq!(normalise("解放"), "fang xie");
        // Not a leading surname: the crate's first reading.
        assert_eq!(normalise_phrase("曾经"), "cengjing");
        assert_eq!(normalise("王曾"), "ceng wang");
        // Every table entry is a reading the crate knows (else it is never used).
        for (c, reading) in SURNAME_READINGS {
            let readings = c.to_pinyin_multi().expect("a Han character");
            assert!(
                readings.into_iter().any(|p| folded(p.plain()) == *reading),
                "{c} {reading}"
            );
            assert_eq!(surname(&[*c, '伟']), (reading.to_string(), 1));
        }
    }

    #[test]
    fn phrases_keep_word_order() {
        assert_eq!(normalise_phrase("北京"), "beijing");
        assert_eq!(normalise_phrase("Xi'an"), normalise_phrase("西安"));
        assert_eq!(
            normalise_phrase("Building 2, Floor 3"),
            "building 2 floor 3"
        );
        assert_ne!(
            normalise_phrase("Building 2 Floor 3"),
            normalise_phrase("Building 3 Floor 2")
        );
    }

    #[test]
    fn lines_split_into_name_and_teams() {
        let people = |text: &str| {
            let mut fields = BTreeMap::new();
            fields.insert(PEOPLE_FIELD.to_string(), text.to_string());
            entities(&fields)
                .into_iter()
                .map(|e| (e.kind, e.spelling))
                .collect::<Vec<_>>()
        };
        use EntityKind::{Person, Team};
        let s = String::from;
        assert_eq!(
            people("Li Na - head of the IT department"),
            vec![(Person, s("Li Na")), (Team, s("IT department"))]
        );
        assert_eq!(
            people("李娜：他是销售部的经理"),
            vec![(Person, s("李娜")), (Team, s("销售部"))]
        );
        assert_eq!(
            people("王芳 (IT部, team lead)"),
            vec![(Person, s("王芳")), (Team, s("IT部"))]
        );
        assert_eq!(people("* 赵强；副部长，全部门"), vec![(Person, s("赵强"))]);
        assert_eq!(
            people("Chen Jie — Sales & Marketing team"),
            vec![(Person, s("Chen Jie")), (Team, s("Sales & Marketing team"))]
        );
        assert_eq!(
            people("the whole Sales team"),
            vec![(Team, s("Sales team"))]
        );
        assert_eq!(people("财务处"), vec![(Team, s("财务处"))]);
        assert_eq!(people("张伟组长"), vec![(Person, s("张伟组长"))]);
        assert_eq!(
            people("李文科（财务科）"),
            vec![(Person, s("李文科")), (Team, s("财务科"))]
        );
        assert_eq!(people("3、刘洋（总部）"), vec![(Person, s("刘洋"))]);
        assert_eq!(people("Sun Li (team lead)"), vec![(Person, s("Sun Li"))]);
        assert!(people("\n  \n???\n").is_empty());
    }

    #[test]
    fn team_spotting() {
        assert_eq!(team_in("Sales team lead").as_deref(), Some("Sales team"));
        assert_eq!(
            team_in("云计算事业部总经理").as_deref(),
            Some("云计算事业部")
        );
        assert_eq!(team_in("销售部门").as_deref(), Some("销售部门"));
        assert_eq!(team_in("销售部部长").as_deref(), Some("销售部"));
        for none in [
            "team lead",
            "全部",
            "总部",
            "副部长",
            "组长",
            "张伟组长",
            "财务处长",
            "a group of managers",
            "",
        ] {
            assert_eq!(team_in(none), None, "{none}");
        }
    }

    #[test]
    fn work_is_bounded() {
        let many: String = (0..1000).map(|i| format!("Person {i}\n")).collect();
        let mut fields = BTreeMap::new();
        fields.insert(PEOPLE_FIELD.to_string(), many);
        assert_eq!(entities(&fields).len(), MAX_LINES);
        let long = format!("{} tail", "x".repeat(10 * MAX_CHARS));
        assert_eq!(normalise(&long), "x".repeat(MAX_CHARS));
        // NFKC expands U+FDFA to 18 characters: still bounded.
        let expanding = "\u{FDFA}".repeat(100_000);
        assert!(normalise(&expanding).chars().count() <= 18 * MAX_CHARS);
        fields.insert(PEOPLE_FIELD.to_string(), long.clone());
        fields.insert(PLACE_FIELD.to_string(), long);
        for entity in entities(&fields) {
            assert_eq!(entity.spelling.chars().count(), MAX_CHARS);
        }
    }

    #[test]
    fn patterns_serialise_as_documented() {
        let json = serde_json::to_value(&find(&fixture(), 2)[4]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "team", "key": "sales team", "name": "Sales Team",
                "spellings": ["Sales Team", "Sales team"], "cases": ["c02", "c04"]
            })
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_safe(text in "\\PC{0,300}", noise in proptest::collection::vec(proptest::char::any(), 0..300)) {
            let noise: String = noise.into_iter().collect();
            for s in [&text, &noise] {
                let key = normalise(s);
                proptest::prop_assert_eq!(normalise(&key), key.clone());
                let phrase = normalise_phrase(s);
                proptest::prop_assert!(!phrase.starts_with(' ') && !phrase.ends_with(' '));
                let mut fields = BTreeMap::new();
                fields.insert(PEOPLE_FIELD.to_string(), s.to_string());
                fields.insert(PLACE_FIELD.to_string(), s.to_string());
                for entity in entities(&fields) {
                    proptest::prop_assert!(!entity.key.is_empty());
                }
            }
            let cases = vec![case("a", &text, Some(&noise)), case("b", &noise, Some(&text))];
            for pattern in find(&cases, 1) {
                proptest::prop_assert!(!pattern.cases.is_empty() && pattern.cases.len() <= 2);
                proptest::prop_assert!(pattern.spellings.contains(&pattern.name));
            }
        }
    }
}
