//! The submitters of the crash harness and the ledger of what the relay
//! acknowledged.
//!
//! Bodies are built by hand like `tests/benches/common` builds them: an age
//! v1 header with X25519 stanzas for the example team of three (a follow-up
//! carries one more, the reporter's reply key; a reply one grease stanza) and
//! a payload framed for a padding bucket, random bytes standing in for the
//! ciphertext. The relay checks shape, not content, so these exercise exactly
//! its storage path; real typage encryption would only make each cycle slower.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use rand::rngs::StdRng;
use rand::{Rng, RngCore};

/// Size of every upload part but the last (PROTOCOL.md §4.7).
pub const PART_SIZE: usize = 4 * 1024 * 1024;

/// Mailbox secrets the submitters file under (64 lowercase hex digits each).
pub const MAILBOXES: usize = 24;

/// What a body was sent as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `POST /api/reports` or a report upload session.
    Report,
    /// `POST /api/mailbox` or a follow-up upload session.
    Followup,
    /// `POST /api/objects/{id}/reply`.
    Reply,
}

impl Kind {
    /// The kind as the inbox names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Followup => "followup",
            Kind::Reply => "reply",
        }
    }
}

/// A body that was sent, acknowledged or not.
#[derive(Clone, Debug)]
pub struct Sent {
    pub kind: Kind,
    /// Index into [`Ledger::mailboxes`] of the mailbox it is filed under.
    pub mailbox: Option<usize>,
    pub size: u64,
}

/// An acknowledged object.
#[derive(Clone, Debug)]
pub struct Acked {
    pub id: String,
    pub sha: String,
    pub sent: Sent,
}

/// An upload session the submitters opened and did not see through.
#[derive(Clone, Debug)]
pub struct OpenSession {
    pub upload: String,
    /// Parts answered `200` (durable).
    pub acked_parts: u32,
    pub total_parts: u32,
    /// The commit was sent (its answer may have been lost).
    pub committing: bool,
    pub sha: String,
    pub sent: Sent,
}

/// Everything the submitters did, over every cycle.
#[derive(Default)]
pub struct Ledger {
    /// The mailbox secrets, as header values.
    pub mailboxes: Vec<String>,
    /// Every acknowledged object, in the order its `201` arrived.
    pub acked: Vec<Acked>,
    /// Every body ever sent, by SHA-256: what an unacknowledged object may be.
    pub sent: HashMap<String, Sent>,
    /// Sessions still open when the relay was killed, by upload id.
    pub sessions: HashMap<String, OpenSession>,
    /// Acknowledged reports filed under a mailbox: what replies answer.
    pub filed_reports: Vec<(String, usize)>,
    /// Designed refusals (`429`/`503`) received: nothing was stored for them.
    pub refused: u64,
}

/// The SHA-256 of `bytes`, lowercase hex.
pub fn sha(bytes: &[u8]) -> String {
    whistlebox_tests::sha256_hex(bytes)
}

fn b64(rng: &mut StdRng, len: usize) -> String {
    let mut bytes = vec![0u8; len];
    rng.fill_bytes(&mut bytes);
    STANDARD_NO_PAD.encode(bytes)
}

/// An envelope-valid body with `stanzas` X25519 stanzas (and a grease stanza
/// if `grease`), framed for a plaintext of `plaintext_len` bytes.
pub fn body(rng: &mut StdRng, stanzas: usize, grease: bool, plaintext_len: u64) -> Vec<u8> {
    let mut out = b"age-encryption.org/v1\n".to_vec();
    for _ in 0..stanzas {
        let stanza = format!("-> X25519 {}\n{}\n", b64(rng, 32), b64(rng, 32));
        out.extend_from_slice(stanza.as_bytes());
    }
    if grease {
        out.extend_from_slice(format!("-> q7-grease a!b 12345678\n{}\n", b64(rng, 40)).as_bytes());
    }
    out.extend_from_slice(format!("--- {}\n", b64(rng, 32)).as_bytes());
    let payload = whistlebox_core::envelope::payload_len(plaintext_len);
    let start = out.len();
    out.resize(start + usize::try_from(payload).unwrap(), 0);
    rng.fill_bytes(&mut out[start..]);
    out
}

/// A plaintext length on a padding bucket: mostly the 64 KiB bucket, some
/// around 1 MiB (two chunks), a few over one 4 MiB upload part.
fn plaintext_len(rng: &mut StdRng, allow_large: bool) -> u64 {
    let roll = rng.gen_range(0..100);
    let min = if allow_large && roll < 4 {
        rng.gen_range(4_300_000..6_000_000)
    } else if roll < 20 {
        rng.gen_range(700_000..1_500_000)
    } else {
        1
    };
    whistlebox_core::padding::padded_len(min)
}

/// How a submitter ended: the relay went away (as intended) or a check failed.
pub type Outcome = Result<(), String>;

/// One submitter: posts reports, follow-ups, replies and upload sessions
/// until `stop` is set or the relay stops answering.
pub struct Submitter {
    pub url: String,
    pub token: String,
    pub rng: StdRng,
    pub ledger: Arc<Mutex<Ledger>>,
    pub stop: Arc<AtomicBool>,
}

/// A request failed: on the wire (the relay was killed: the end of this
/// submitter's cycle) or with a status no well-formed request should get.
enum Failure {
    Gone,
    /// A designed refusal (`429`, `503`: PROTOCOL.md §4.4): nothing stored.
    Refused,
    Wrong(String),
}

/// The refusals the relay is designed to answer under load or when full.
const REFUSALS: [&str; 4] = ["rate_limited", "busy", "storage_full", "disk_full"];

type Step<T> = Result<T, Failure>;

fn classify(what: &str, e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Status(code, response) => {
            let text = response.into_string().unwrap_or_default();
            let refused = (code == 429 || code == 503)
                && REFUSALS
                    .iter()
                    .any(|reason| text.contains(&format!("\"error\":\"{reason}\"")));
            if refused {
                Failure::Refused
            } else {
                Failure::Wrong(format!("{what}: {code} {text}"))
            }
        }
        ureq::Error::Transport(_) => Failure::Gone,
    }
}

/// The JSON answer; a body cut by the kill is the relay gone, not a wrong answer.
fn json(response: ureq::Response) -> Step<serde_json::Value> {
    response.into_json().map_err(|_| Failure::Gone)
}

impl Submitter {
    /// Runs until the relay is killed; `Err` names a wrong answer.
    pub fn run(mut self) -> Outcome {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build();
        while !self.stop.load(Ordering::SeqCst) {
            let roll = self.rng.gen_range(0..100);
            let step = if roll < 40 {
                self.report(&agent)
            } else if roll < 65 {
                self.followup(&agent)
            } else if roll < 75 {
                self.reply(&agent)
            } else {
                self.session(&agent)
            };
            match step {
                Ok(()) => {}
                Err(Failure::Gone) => return Ok(()),
                Err(Failure::Refused) => {
                    self.ledger.lock().unwrap().refused += 1;
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(Failure::Wrong(message)) => return Err(message),
            }
        }
        Ok(())
    }

    fn mailbox(&mut self) -> (usize, String) {
        let index = self.rng.gen_range(0..MAILBOXES);
        let secret = self.ledger.lock().unwrap().mailboxes[index].clone();
        (index, secret)
    }

    /// Records a body about to be sent; returns its SHA-256.
    fn sending(&self, bytes: &[u8], sent: &Sent) -> String {
        let digest = sha(bytes);
        self.ledger
            .lock()
            .unwrap()
            .sent
            .insert(digest.clone(), sent.clone());
        digest
    }

    fn acked(&self, answer: &serde_json::Value, digest: String, sent: Sent) -> Step<()> {
        let id = answer["id"]
            .as_str()
            .ok_or_else(|| Failure::Wrong(format!("201 without an id: {answer}")))?
            .to_owned();
        let mut ledger = self.ledger.lock().unwrap();
        if let (Kind::Report, Some(mailbox)) = (sent.kind, sent.mailbox) {
            ledger.filed_reports.push((id.clone(), mailbox));
        }
        ledger.acked.push(Acked {
            id,
            sha: digest,
            sent,
        });
        Ok(())
    }

    /// A solved `Whistlebox-Pow` header for a fresh challenge (PROTOCOL.md §9).
    fn pow(&self, agent: &ureq::Agent) -> Step<String> {
        let response = agent
            .post(&format!("{}/api/pow", self.url))
            .call()
            .map_err(|e| classify("POST /api/pow", e))?;
        expect_status("POST /api/pow", &response, 201)?;
        Ok(whistlebox_tests::solve_pow(&json(response)?))
    }

    /// `POST /api/reports`, filed under a mailbox half of the time.
    fn report(&mut self, agent: &ureq::Agent) -> Step<()> {
        let mailbox = self.rng.gen_bool(0.5).then(|| self.mailbox());
        let len = plaintext_len(&mut self.rng, false);
        let bytes = body(&mut self.rng, 3, false, len);
        let sent = Sent {
            kind: Kind::Report,
            mailbox: mailbox.as_ref().map(|(index, _)| *index),
            size: bytes.len() as u64,
        };
        let digest = self.sending(&bytes, &sent);
        let pow = self.pow(agent)?;
        let mut request = agent
            .post(&format!("{}/api/reports", self.url))
            .set("Whistlebox-Pow", &pow);
        if let Some((_, secret)) = &mailbox {
            request = request.set("Whistlebox-Mailbox", secret);
        }
        let response = request
            .send_bytes(&bytes)
            .map_err(|e| classify("POST /api/reports", e))?;
        expect_status("POST /api/reports", &response, 201)?;
        let answer = json(response)?;
        self.acked(&answer, digest, sent)
    }

    /// `POST /api/mailbox`: a follow-up, one stanza more than the team.
    fn followup(&mut self, agent: &ureq::Agent) -> Step<()> {
        let (index, secret) = self.mailbox();
        let len = plaintext_len(&mut self.rng, false);
        let bytes = body(&mut self.rng, 4, false, len);
        let sent = Sent {
            kind: Kind::Followup,
            mailbox: Some(index),
            size: bytes.len() as u64,
        };
        let digest = self.sending(&bytes, &sent);
        let pow = self.pow(agent)?;
        let response = agent
            .post(&format!("{}/api/mailbox", self.url))
            .set("Whistlebox-Mailbox", &secret)
            .set("Whistlebox-Pow", &pow)
            .send_bytes(&bytes)
            .map_err(|e| classify("POST /api/mailbox", e))?;
        expect_status("POST /api/mailbox", &response, 201)?;
        let answer = json(response)?;
        self.acked(&answer, digest, sent)
    }

    /// `POST /api/objects/{id}/reply` to an acknowledged report filed under
    /// a mailbox (a report otherwise, if there is none yet).
    fn reply(&mut self, agent: &ureq::Agent) -> Step<()> {
        let target = {
            let ledger = self.ledger.lock().unwrap();
            if ledger.filed_reports.is_empty() {
                None
            } else {
                let pick = self.rng.gen_range(0..ledger.filed_reports.len());
                Some(ledger.filed_reports[pick].clone())
            }
        };
        let Some((report, mailbox)) = target else {
            return self.report(agent);
        };
        let bytes = body(
            &mut self.rng,
            4,
            true,
            whistlebox_core::padding::padded_len(1),
        );
        let sent = Sent {
            kind: Kind::Reply,
            mailbox: Some(mailbox),
            size: bytes.len() as u64,
        };
        let digest = self.sending(&bytes, &sent);
        let response = agent
            .post(&format!("{}/api/objects/{report}/reply", self.url))
            .set("Authorization", &format!("Bearer {}", self.token))
            .send_bytes(&bytes)
            .map_err(|e| classify("POST reply", e))?;
        expect_status("POST reply", &response, 201)?;
        let answer = json(response)?;
        self.acked(&answer, digest, sent)
    }

    /// An upload session: create, every part, commit — a report or (a third
    /// of the time) a follow-up.
    fn session(&mut self, agent: &ureq::Agent) -> Step<()> {
        let followup = self.rng.gen_bool(0.33);
        let (mailbox, stanzas) = if followup {
            (Some(self.mailbox()), 4)
        } else {
            (None, 3)
        };
        let len = plaintext_len(&mut self.rng, true);
        let bytes = body(&mut self.rng, stanzas, false, len);
        let kind = if followup {
            Kind::Followup
        } else {
            Kind::Report
        };
        let sent = Sent {
            kind,
            mailbox: mailbox.as_ref().map(|(index, _)| *index),
            size: bytes.len() as u64,
        };
        let digest = self.sending(&bytes, &sent);
        let pow = self.pow(agent)?;
        let mut create = agent
            .post(&format!("{}/api/uploads", self.url))
            .set("Whistlebox-Pow", &pow);
        if let Some((_, secret)) = &mailbox {
            create = create.set("Whistlebox-Mailbox", secret);
        }
        let response = if followup {
            create.send_string(r#"{"kind":"followup"}"#)
        } else {
            create.call()
        }
        .map_err(|e| classify("POST /api/uploads", e))?;
        expect_status("POST /api/uploads", &response, 201)?;
        let created = json(response)?;
        let upload = created["upload"]
            .as_str()
            .ok_or_else(|| Failure::Wrong(format!("no upload id: {created}")))?
            .to_owned();
        let parts: Vec<&[u8]> = bytes.chunks(PART_SIZE).collect();
        self.ledger.lock().unwrap().sessions.insert(
            upload.clone(),
            OpenSession {
                upload: upload.clone(),
                acked_parts: 0,
                total_parts: u32::try_from(parts.len()).unwrap(),
                committing: false,
                sha: digest.clone(),
                sent: sent.clone(),
            },
        );
        for (n, part) in parts.iter().enumerate() {
            let what = format!("PUT part {n}");
            let response = agent
                .put(&format!("{}/api/uploads/{upload}/parts/{n}", self.url))
                .send_bytes(part)
                .map_err(|e| classify(&what, e))?;
            expect_status(&what, &response, 200)?;
            let answer = json(response)?;
            if answer["received"] != n + 1 {
                return Err(Failure::Wrong(format!("{what}: {answer}")));
            }
            if let Some(open) = self.ledger.lock().unwrap().sessions.get_mut(&upload) {
                open.acked_parts = u32::try_from(n + 1).unwrap();
            }
        }
        if let Some(open) = self.ledger.lock().unwrap().sessions.get_mut(&upload) {
            open.committing = true;
        }
        let response = agent
            .post(&format!("{}/api/uploads/{upload}/commit", self.url))
            .call()
            .map_err(|e| classify("commit", e))?;
        expect_status("commit", &response, 201)?;
        let answer = json(response)?;
        self.ledger.lock().unwrap().sessions.remove(&upload);
        self.acked(&answer, digest, sent)
    }
}

fn expect_status(what: &str, response: &ureq::Response, status: u16) -> Step<()> {
    if response.status() == status {
        Ok(())
    } else {
        Err(Failure::Wrong(format!(
            "{what}: {} where {status} was expected",
            response.status()
        )))
    }
}
