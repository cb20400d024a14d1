//! The order and labels in which report fields are presented (PROTOCOL.md
//! §1.4 and `web/src/fields.js`): the intake form's fields first, in the order
//! an investigator reads them, then any other field alphabetically.

use std::collections::BTreeMap;

/// Known fields in presentation order, with their labels.
const KNOWN: &[(&str, &str)] = &[
    ("category", "Category"),
    ("what", "What happened"),
    ("when", "When"),
    ("where", "Where"),
    ("people", "People involved"),
    ("witnesses", "Witnesses"),
    ("reported_before", "Reported before"),
    ("outcome", "Desired outcome"),
    ("message", "Message"),
    ("state", "State"),
    ("note", "Note"),
    ("recipients", "Readers chosen by the reporter"),
];

/// The label for a field key (the key itself for unknown fields).
pub fn label(key: &str) -> &str {
    KNOWN
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, l)| *l)
}

/// The fields in presentation order: known ones first, then the rest
/// alphabetically (a `BTreeMap` iterates in byte order).
pub fn ordered(fields: &BTreeMap<String, String>) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = KNOWN
        .iter()
        .filter_map(|(k, _)| fields.get_key_value(*k))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    out.extend(
        fields
            .iter()
            .filter(|(k, _)| !KNOWN.iter().any(|(known, _)| known == k))
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_first_then_alphabetical() {
        let fields: BTreeMap<String, String> = [
            ("zeta", "z"),
            ("outcome", "o"),
            ("alpha", "a"),
            ("what", "w"),
            ("category", "c"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let keys: Vec<&str> = ordered(&fields).iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["category", "what", "outcome", "alpha", "zeta"]);
        assert_eq!(label("what"), "What happened");
        assert_eq!(label("custom_field"), "custom_field");
    }
}
