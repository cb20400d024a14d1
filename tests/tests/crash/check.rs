//! What must hold after each restart (PROTOCOL.md §4.3 "Durability"), checked
//! through the relay's HTTP API and, while it is down, through the store
//! itself.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use whistlebox_relay::store::{Entry, SledStore, Store, CHUNK_SIZE};

use crate::workload::{sha, Acked, Kind, Ledger, Sent};

/// One item of `GET /api/inbox`.
#[derive(Clone, Debug)]
pub struct Listed {
    pub seq: u64,
    pub kind: String,
    pub size: u64,
    pub mailbox: bool,
}

/// What the checker learnt across cycles.
#[derive(Default)]
pub struct Seen {
    /// SHA-256 of every object downloaded and checked, by id.
    pub sha: HashMap<String, String>,
    /// Objects present without their acknowledgement (the relay died
    /// between the `fsync` and the answer): whole, never half.
    pub unacked_present: usize,
    /// Sessions found open after a restart, resumed and committed.
    pub sessions_committed: usize,
    /// Sessions found open after a restart and deleted (not every part sent).
    pub sessions_deleted: usize,
    /// Sessions whose commit had been sent and was found done.
    pub sessions_found_committed: usize,
    /// Acknowledged parts found again after a restart.
    pub parts_survived: u64,
    /// Sessions whose creation was never acknowledged, found and deleted.
    pub orphan_sessions: usize,
    /// The log's verifier key, as first served (PROTOCOL.md §10.3).
    pub log_key: Option<String>,
    /// The last checkpoint served: size and root.
    pub checkpoint: Option<(u64, whistlebox_core::log::Hash)>,
}

pub struct Client {
    pub url: String,
    pub token: String,
    pub agent: ureq::Agent,
}

impl Client {
    fn get(&self, path: &str) -> ureq::Response {
        self.agent
            .get(&format!("{}{path}", self.url))
            .set("Authorization", &format!("Bearer {}", self.token))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    fn bytes(&self, path: &str) -> Vec<u8> {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut self.get(path).into_reader(), &mut out)
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        out
    }

    /// The whole inbox, by id; asserts the seqs are 1, 2, … N without a gap.
    pub fn inbox(&self) -> BTreeMap<String, Listed> {
        let mut out = BTreeMap::new();
        let mut after = 0;
        loop {
            let page: serde_json::Value = self
                .get(&format!("/api/inbox?after={after}&limit=1000"))
                .into_json()
                .unwrap();
            for item in page["items"].as_array().unwrap() {
                let seq = item["seq"].as_u64().unwrap();
                assert_eq!(
                    seq,
                    after + 1,
                    "the inbox has a gap or a repeat after seq {after}"
                );
                after = seq;
                out.insert(
                    item["id"].as_str().unwrap().to_owned(),
                    Listed {
                        seq,
                        kind: item["kind"].as_str().unwrap().to_owned(),
                        size: item["size"].as_u64().unwrap(),
                        mailbox: item["mailbox"].as_bool().unwrap(),
                    },
                );
            }
            if !page["more"].as_bool().unwrap() {
                return out;
            }
        }
    }

    fn mailbox(&self, secret: &str) -> Vec<String> {
        let answer: serde_json::Value = self
            .agent
            .get(&format!("{}/api/mailbox", self.url))
            .set("Whistlebox-Mailbox", secret)
            .call()
            .unwrap()
            .into_json()
            .unwrap();
        answer["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// Checks the relay after a restart; `full` re-downloads every object, not
/// only those not checked before. Resumes or deletes the sessions the kill
/// left open. Returns the inbox.
pub fn after_restart(
    client: &Client,
    ledger: &mut Ledger,
    seen: &mut Seen,
    full: bool,
) -> BTreeMap<String, Listed> {
    resume_sessions(client, ledger, seen);
    let inbox = client.inbox();
    // Every acknowledged object is listed as what was sent.
    for acked in &ledger.acked {
        let listed = inbox
            .get(&acked.id)
            .unwrap_or_else(|| panic!("acknowledged {} ({:?}) is missing", acked.id, acked.sent));
        assert_eq!(listed.kind, acked.sent.kind.as_str(), "{}", acked.id);
        assert_eq!(listed.size, acked.sent.size, "{}", acked.id);
        assert_eq!(listed.mailbox, acked.sent.mailbox.is_some(), "{}", acked.id);
    }
    // Every object is byte-identical to a body that was sent — to the one
    // acknowledged under its id, if any.
    let acked_sha: HashMap<&str, &str> = ledger
        .acked
        .iter()
        .map(|a| (a.id.as_str(), a.sha.as_str()))
        .collect();
    for (id, listed) in &inbox {
        if !full && seen.sha.contains_key(id) {
            continue;
        }
        let bytes = client.bytes(&format!("/api/objects/{id}"));
        assert_eq!(bytes.len() as u64, listed.size, "{id}: served size");
        let digest = sha(&bytes);
        match acked_sha.get(id.as_str()) {
            Some(expected) => assert_eq!(
                &digest, expected,
                "{id}: bytes differ from the acknowledged body"
            ),
            None => {
                let sent = ledger.sent.get(&digest).unwrap_or_else(|| {
                    panic!(
                        "{id} (seq {}) is no body that was sent: half-present or altered",
                        listed.seq
                    )
                });
                assert_eq!(sent.kind.as_str(), listed.kind, "{id}");
                if !seen.sha.contains_key(id) {
                    seen.unacked_present += 1;
                }
            }
        }
        if let Some(previous) = seen.sha.insert(id.clone(), digest.clone()) {
            assert_eq!(previous, digest, "{id} changed since it was last checked");
        }
    }
    check_mailboxes(client, ledger, seen, &inbox);
    check_log(client, seen, &inbox);
    inbox
}

/// The transparency log after a restart (PROTOCOL.md §10): the same key as
/// ever; a checkpoint whose size is the number of committed objects; one
/// leaf per object in seq order, naming its kind, id, size and the SHA-256
/// of the bytes served; the root recomputed from the objects equal to the
/// checkpoint's; and a consistency proof from the previous checkpoint.
fn check_log(client: &Client, seen: &mut Seen, inbox: &BTreeMap<String, Listed>) {
    use base64::Engine as _;
    use whistlebox_core::log::{self, Checkpoint, Leaf, LeafKind, VerifierKey};
    let key = String::from_utf8(client.bytes("/api/log/key")).unwrap();
    let first = seen.log_key.get_or_insert_with(|| key.clone());
    assert_eq!(&key, first, "the log key changed across a restart");
    let key = VerifierKey::parse(&key).unwrap();
    let checkpoint = Checkpoint::verify(&client.bytes("/api/log/checkpoint"), &key)
        .unwrap_or_else(|e| panic!("the checkpoint does not verify: {e}"));
    assert_eq!(
        checkpoint.size,
        inbox.len() as u64,
        "checkpoint size vs committed objects"
    );
    let mut by_seq: Vec<(&String, &Listed)> = inbox.iter().collect();
    by_seq.sort_by_key(|(_, listed)| listed.seq);
    let mut expected = Vec::new();
    for (id, listed) in &by_seq {
        let kind = match listed.kind.as_str() {
            "report" => LeafKind::Report,
            "followup" => LeafKind::Followup,
            "reply" => LeafKind::Reply,
            "status" => LeafKind::Status,
            other => panic!("kind {other}"),
        };
        let sha: [u8; 32] = hex::decode(&seen.sha[*id]).unwrap().try_into().unwrap();
        expected.push(Leaf {
            kind,
            id: hex::decode(id).unwrap().try_into().unwrap(),
            sha256: sha,
            size: listed.size,
        });
    }
    let mut served = Vec::new();
    let mut start = 0;
    while start < checkpoint.size {
        let end = checkpoint.size.min(start + 1000);
        let page: serde_json::Value = client
            .get(&format!("/api/log/leaves?start={start}&end={end}"))
            .into_json()
            .unwrap();
        for leaf in page["leaves"].as_array().unwrap() {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(leaf.as_str().unwrap())
                .unwrap();
            served.push(Leaf::parse(&bytes).unwrap());
        }
        start = end;
    }
    assert!(served == expected, "the log's leaves are not the objects");
    assert!(
        log::root_of(&expected) == checkpoint.root,
        "the root recomputed from the objects differs from the checkpoint's"
    );
    if let Some((size, root)) = seen.checkpoint {
        assert!(size <= checkpoint.size, "the log shrank across a restart");
        let proof: serde_json::Value = client
            .get(&format!(
                "/api/log/consistency?from={size}&to={}",
                checkpoint.size
            ))
            .into_json()
            .unwrap();
        let hashes: Vec<String> = proof["proof"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_owned())
            .collect();
        let hashes = log::decode_proof(&hashes, log::MAX_CONSISTENCY_PROOF).unwrap();
        log::verify_consistency(&hashes, size, &root, checkpoint.size, &checkpoint.root)
            .unwrap_or_else(|e| panic!("the log was rewritten across a restart: {e}"));
    }
    seen.checkpoint = Some((checkpoint.size, checkpoint.root));
}

/// Every mailbox lists, in seq order, exactly the follow-ups and replies
/// filed under it: each acknowledged one, and nothing not sent to it.
fn check_mailboxes(
    client: &Client,
    ledger: &Ledger,
    seen: &Seen,
    inbox: &BTreeMap<String, Listed>,
) {
    for (index, secret) in ledger.mailboxes.iter().enumerate() {
        let items = client.mailbox(secret);
        let seqs: Vec<u64> = items
            .iter()
            .map(|id| {
                inbox
                    .get(id)
                    .unwrap_or_else(|| panic!("mailbox item {id} not in the inbox"))
                    .seq
            })
            .collect();
        assert!(
            seqs.windows(2).all(|w| w[0] < w[1]),
            "mailbox {index} out of order: {seqs:?}"
        );
        for id in &items {
            let listed = &inbox[id];
            assert!(
                listed.mailbox && listed.kind != "report",
                "{id} listed in a mailbox: {listed:?}"
            );
            let sent: &Sent = &ledger.sent[&seen.sha[id]];
            assert_eq!(
                sent.mailbox,
                Some(index),
                "{id} listed under mailbox {index}"
            );
        }
        for acked in ledger
            .acked
            .iter()
            .filter(|a: &&Acked| a.sent.mailbox == Some(index) && a.sent.kind != Kind::Report)
        {
            assert!(
                items.contains(&acked.id),
                "acknowledged {} missing from mailbox {index}",
                acked.id
            );
        }
    }
}

/// Sessions open at the kill: every acknowledged part is still there; a
/// session with every part is committed, the others deleted. A session whose
/// commit was sent may be gone — then its object must be in the inbox.
fn resume_sessions(client: &Client, ledger: &mut Ledger, seen: &mut Seen) {
    let sessions: Vec<_> = ledger.sessions.drain().map(|(_, s)| s).collect();
    for open in sessions {
        let status = client
            .agent
            .get(&format!("{}/api/uploads/{}", client.url, open.upload))
            .call();
        match status {
            Err(ureq::Error::Status(404, _)) => {
                assert!(
                    open.committing,
                    "session {} with {} acknowledged parts is gone",
                    open.upload, open.acked_parts
                );
                seen.sessions_found_committed += 1;
                // Its object is among the inbox's unacknowledged ones, checked below.
            }
            Err(e) => panic!("GET /api/uploads/{}: {e}", open.upload),
            Ok(response) => {
                let answer: serde_json::Value = response.into_json().unwrap();
                let received = u32::try_from(answer["received"].as_u64().unwrap()).unwrap();
                assert!(
                    received >= open.acked_parts && received <= open.total_parts,
                    "session {}: {received} parts stored, {} acknowledged of {}",
                    open.upload,
                    open.acked_parts,
                    open.total_parts
                );
                seen.parts_survived += u64::from(open.acked_parts);
                if received == open.total_parts {
                    let answer: serde_json::Value = client
                        .agent
                        .post(&format!(
                            "{}/api/uploads/{}/commit",
                            client.url, open.upload
                        ))
                        .call()
                        .unwrap_or_else(|e| panic!("commit of a resumed session: {e}"))
                        .into_json()
                        .unwrap();
                    let id = answer["id"].as_str().unwrap().to_owned();
                    if let (Kind::Report, Some(mailbox)) = (open.sent.kind, open.sent.mailbox) {
                        ledger.filed_reports.push((id.clone(), mailbox));
                    }
                    ledger.acked.push(Acked {
                        id,
                        sha: open.sha,
                        sent: open.sent,
                    });
                    seen.sessions_committed += 1;
                } else {
                    let response = client
                        .agent
                        .delete(&format!("{}/api/uploads/{}", client.url, open.upload))
                        .call()
                        .unwrap_or_else(|e| panic!("DELETE of a resumed session: {e}"));
                    assert_eq!(response.status(), 204);
                    seen.sessions_deleted += 1;
                }
            }
        }
    }
}

/// With the relay down: opens the store itself (which collects what
/// uploads the kill interrupted, as the relay's start does) and checks that
/// it holds exactly the committed objects' chunks plus the open sessions'
/// acknowledged parts — no chunk of anything half-written.
///
/// A session the submitters never heard of (the kill cut the `201` of its
/// creation) cannot have a part; it is deleted here, as the relay's idle
/// sweeper would after `upload_ttl_secs`, so that such sessions do not pile
/// up to `max_uploads` over a long run. Returns (objects, chunks, such
/// sessions).
pub fn store_usage(db: &Path, known: &HashSet<String>) -> (u64, u64, usize) {
    let store = SledStore::open(db).expect("reopen the store");
    let mut orphans = 0;
    for session in store.sessions().unwrap() {
        if known.contains(&session.upload.to_string()) {
            continue;
        }
        assert_eq!(
            (session.parts, session.bytes),
            (0, 0),
            "a session whose creation was never acknowledged holds parts"
        );
        assert!(store.delete_session(&session.upload).unwrap());
        orphans += 1;
    }
    let usage = store.usage().unwrap();
    let page = store.list_after(0, usize::MAX).unwrap();
    assert!(!page.more);
    let mut chunks: u64 = 0;
    let mut mailbox_items = 0;
    for (i, entry) in page.items.iter().enumerate() {
        let Entry::Object(meta) = entry else {
            panic!(
                "the crash harness deletes nothing, yet {} is deleted",
                entry.id()
            );
        };
        assert_eq!(meta.seq, i as u64 + 1, "seqs in the store");
        assert_eq!(
            u64::from(meta.chunks),
            meta.size.div_ceil(CHUNK_SIZE as u64),
            "{}",
            meta.id
        );
        chunks += u64::from(meta.chunks);
        if meta.mailbox.is_some() && meta.kind.as_str() != "report" {
            mailbox_items += 1;
        }
    }
    let sessions = store.sessions().unwrap();
    // A session keeps its acknowledged parts and, until the part is sent
    // again or the session committed, the chunks of a part being received
    // at the kill (PROTOCOL.md §4.7): at most one part's worth more.
    let mut slack = 0;
    for session in &sessions {
        chunks += session.bytes.div_ceil(CHUNK_SIZE as u64);
        slack += session.part_size.div_ceil(CHUNK_SIZE as u64);
    }
    assert_eq!(usage.objects, page.items.len() as u64, "{usage:?}");
    assert_eq!(usage.sessions, sessions.len() as u64, "{usage:?}");
    assert_eq!(
        usage.pending, usage.sessions,
        "only sessions stay pending: {usage:?}"
    );
    assert!(
        (chunks..=chunks + slack).contains(&usage.chunks),
        "chunks of committed objects and open sessions only ({chunks}, at most {slack} more): {usage:?}"
    );
    assert_eq!(usage.mailbox_items, mailbox_items, "{usage:?}");
    (usage.objects, usage.chunks, orphans)
}
