//! The post-quantum reply key of the shared codename vectors
//! (`tests/vectors/codename/*.txt`, PROTOCOL.md §7.3, §7.4): `whistlebox-core`
//! derives the seed and the `AGE-SECRET-KEY-PQ-1…` string, but deriving the
//! public key needs ML-KEM, which only the CLI links. Here the CLI's
//! `mlkem768x25519` identity ([`whistlebox::pq`]) checks that every vector's
//! `reply_identity_pq` has the `reply_recipient_pq` the file states — written
//! by typage for both the `js_` and the `rust_` files.

use std::path::Path;

use whistlebox::pq;

#[test]
fn every_pq_reply_identity_has_the_stated_recipient() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/codename");
    let mut checked = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let get = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                .map(str::to_string)
        };
        let (Some(identity), Some(recipient)) =
            (get("reply_identity_pq"), get("reply_recipient_pq"))
        else {
            assert_ne!(
                get("expect").as_deref(),
                Some("success"),
                "{name}: a success vector without PQ keys"
            );
            continue;
        };
        let id: pq::Identity = identity
            .parse()
            .unwrap_or_else(|e| panic!("{name}: reply_identity_pq does not parse: {e}"));
        assert_eq!(id.to_public().to_string(), recipient, "{name}");
        let parsed: pq::Recipient = recipient.parse().unwrap();
        assert_eq!(parsed.to_string(), recipient, "{name}");
        checked.push(name);
    }
    assert!(
        checked.iter().any(|n| n.starts_with("rust_"))
            && checked.iter().any(|n| n.starts_with("js_")),
        "{checked:?}"
    );
}
