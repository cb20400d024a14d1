//! Envelope rules: what an age file must look like to be stored (`docs/PROTOCOL.md §2`).
//!
//! The relay holds no key, so it checks the *shape* of every body — enough that
//! it cannot be used to store plaintext, or anything but ciphertext for this
//! team. The investigator CLI re-applies the same checks to everything it pulls.
//!
//! [`Checker`] is a streaming checker: feed it the body in any chunking and it
//! fails as early as possible, buffering at most [`Rules::header_max`] bytes.
//! The header grammar is the one of c2sp.org/age ("Header"): a version line,
//! one or more stanzas `-> TYPE ARG…` each followed by its body in canonical
//! unpadded base64 wrapped at 64 columns (the final line shorter than 64,
//! possibly empty), then `--- ` and the base64 of the 32-byte MAC.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;

use crate::padding::is_bucket;
use crate::report::Kind;

/// The first line of every binary age v1 file (rule E1).
const VERSION_LINE: &[u8] = b"age-encryption.org/v1\n";
/// The first line of an ASCII-armored age file (rule E1, refused as `armored`).
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
/// Columns of a full stanza body line (c2sp.org/age).
const BODY_COLUMNS: usize = 64;
/// Bytes of the header MAC.
const MAC_LEN: usize = 32;
/// Bytes of an X25519 stanza's argument (ephemeral share) and of every file-key body.
const X25519_ARG_LEN: usize = 32;
/// Bytes of an mlkem768x25519 stanza's argument (X-Wing encapsulation).
const MLKEM768X25519_ARG_LEN: usize = 1_120;
/// Bytes of a wrapped file key (the stanza body) for both accepted types.
const WRAPPED_KEY_LEN: usize = 32;
/// The suffix of a grease stanza's type (`PROTOCOL.md §8.3`).
const GREASE_SUFFIX: &[u8] = b"-grease";
/// Longest grease stanza type, in bytes (§8.3).
const GREASE_TYPE_MAX: usize = 15;
/// Most arguments of a grease stanza (§8.3).
const GREASE_ARGS_MAX: usize = 4;
/// Longest grease stanza argument, in bytes (§8.3).
const GREASE_ARG_MAX: usize = 8;
/// Largest grease stanza body, in bytes (§8.3).
const GREASE_BODY_MAX: usize = 100;
/// Header bytes added to the E5 bound when a grease stanza is allowed (§8.3).
/// The largest grease stanza within the bounds above takes 194.
const GREASE_HEADER_LEN: usize = 256;
/// Size of the payload nonce (c2sp.org/age "Payload").
const NONCE_LEN: u64 = 16;
/// Plaintext bytes per full STREAM chunk.
const CHUNK_LEN: u64 = 65_536;
/// Bytes of the Poly1305 tag after each chunk.
const TAG_LEN: u64 = 16;
/// Ciphertext bytes of a full STREAM chunk.
const SEALED_CHUNK_LEN: u64 = CHUNK_LEN + TAG_LEN;

/// The stanza type a team's recipients use (rule E3, `PROTOCOL.md §2`, §3).
/// In a keyset's `key_type` it is written as its [label](StanzaType::label).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StanzaType {
    /// Classic age X25519 recipients (`age1…`).
    #[serde(rename = "X25519")]
    X25519,
    /// Hybrid post-quantum recipients (`age1pq1…`, X-Wing = ML-KEM-768 + X25519).
    #[serde(rename = "mlkem768x25519")]
    MlKem768X25519,
}

impl StanzaType {
    /// The stanza's type label as written in the age header.
    pub fn label(&self) -> &'static str {
        match self {
            StanzaType::X25519 => "X25519",
            StanzaType::MlKem768X25519 => "mlkem768x25519",
        }
    }

    /// `S` of rule E5: the header bytes allowed per recipient (128 or 1 600).
    pub fn max_stanza_len(&self) -> usize {
        match self {
            StanzaType::X25519 => 128,
            StanzaType::MlKem768X25519 => 1_600,
        }
    }

    fn arg_len(&self) -> usize {
        match self {
            StanzaType::X25519 => X25519_ARG_LEN,
            StanzaType::MlKem768X25519 => MLKEM768X25519_ARG_LEN,
        }
    }
}

/// The envelope rules of one team and relay (`PROTOCOL.md §2`), for one kind
/// of object (§8.3, [`Rules::for_kind`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    /// The only recipient stanza type accepted (E3), from the keyset.
    pub stanza_type: StanzaType,
    /// Fewest recipient stanzas accepted (E4, `min_recipients` for a report).
    pub min_stanzas: usize,
    /// Most recipient stanzas accepted (E4, the team size for a report).
    pub max_stanzas: usize,
    /// Largest body accepted, in bytes (E8, `max_body_bytes`).
    pub max_body_bytes: u64,
    /// Whether one bounded grease stanza may appear beside the recipient
    /// stanzas (`PROTOCOL.md §8.3`: replies and status only). It does not
    /// count towards E4.
    pub grease: bool,
}

impl Rules {
    /// The header bound of rule E5: `64 + max_stanzas × S`, plus 256 when a
    /// grease stanza is allowed (`PROTOCOL.md §8.3`).
    pub fn header_max(&self) -> usize {
        let grease = if self.grease { GREASE_HEADER_LEN } else { 0 };
        self.max_stanzas
            .saturating_mul(self.stanza_type.max_stanza_len())
            .saturating_add(64)
            .saturating_add(grease)
    }

    /// The rules for an object of `kind` (`PROTOCOL.md §8.3`), where `self`
    /// are the team's rules for a report (`min_recipients … team size`, no
    /// grease):
    ///
    /// - `report`: unchanged;
    /// - `followup`: one stanza more (the reporter's reply key), no grease;
    /// - `reply`, `status`: at least 2 (the reporter and one investigator),
    ///   one stanza more than the team, and at most one grease stanza.
    pub fn for_kind(&self, kind: Kind) -> Rules {
        let one_more = self.max_stanzas.saturating_add(1);
        match kind {
            Kind::Report => self.clone(),
            Kind::Followup => Rules {
                max_stanzas: one_more,
                grease: false,
                ..self.clone()
            },
            Kind::Reply | Kind::Status => Rules {
                min_stanzas: 2,
                max_stanzas: one_more,
                grease: true,
                ..self.clone()
            },
        }
    }
}

/// What a body that meets every rule looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Bytes of the header, through the MAC line's newline.
    pub header_len: usize,
    /// Number of recipient stanzas.
    pub stanzas: usize,
    /// Bytes after the header (nonce and STREAM chunks).
    pub payload_len: u64,
    /// The implied plaintext length, a padding bucket (E7).
    pub plaintext_len: u64,
    /// Bytes of the whole body.
    pub total_len: u64,
}

/// A broken envelope rule (`PROTOCOL.md §2`); [`code`](EnvelopeError::code) is
/// the relay's error code (§4.4).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// E1: the body does not start with `age-encryption.org/v1\n`.
    #[error("rule E1: not a binary age v1 file (it must start with \"age-encryption.org/v1\")")]
    NotAge,
    /// E1: the body is an ASCII-armored age file.
    #[error("rule E1: ASCII-armored age files are not accepted; send the binary age file")]
    Armored,
    /// E2: the header breaks the age header grammar or the stanza shape.
    #[error("rule E2: malformed age header: {0}")]
    HeaderSyntax(String),
    /// E3: a stanza is not of the team's type (nor an allowed grease stanza).
    #[error("rule E3: stanza type {found:?} is not accepted; this relay accepts only {expected} stanzas")]
    StanzaType {
        /// The type label found.
        found: String,
        /// The accepted type label.
        expected: &'static str,
    },
    /// E3 (`PROTOCOL.md §8.3`): a grease stanza where one is allowed, but a
    /// second one or one outside the bounds. Its code is `stanza_type`.
    #[error("rule E3: grease stanza {found:?} is not accepted: {reason}")]
    Grease {
        /// The type label found.
        found: String,
        /// Which bound it breaks.
        reason: &'static str,
    },
    /// E4: fewer stanzas than `min_recipients`.
    #[error("rule E4: the file has {found} recipient stanzas; at least {min} are required")]
    TooFewStanzas {
        /// Stanzas in the header.
        found: usize,
        /// The minimum.
        min: usize,
    },
    /// E4: more stanzas than the team has members (one more for a
    /// follow-up, reply or status, `PROTOCOL.md §8.3`).
    #[error("rule E4: the file has {found} or more recipient stanzas; at most {max} are allowed")]
    TooManyStanzas {
        /// Stanzas in the header.
        found: usize,
        /// The maximum.
        max: usize,
    },
    /// E5: the header is longer than the bound.
    #[error("rule E5: the age header is longer than {max} bytes")]
    HeaderTooLarge {
        /// The bound, [`Rules::header_max`].
        max: usize,
    },
    /// E6: the payload length is impossible for age STREAM framing.
    #[error("rule E6: a payload of {payload_len} bytes is not a valid age STREAM framing")]
    PayloadFraming {
        /// Bytes after the header.
        payload_len: u64,
    },
    /// E7: the implied plaintext length is not a padding bucket.
    #[error("rule E7: the implied plaintext length {plaintext_len} is not a padding bucket (PROTOCOL.md §1.3)")]
    NotPaddingBucket {
        /// The implied plaintext length.
        plaintext_len: u64,
    },
    /// E8: the body is larger than `max_body_bytes`.
    #[error("rule E8: the body is larger than {max} bytes")]
    TooLarge {
        /// The bound, `max_body_bytes`.
        max: u64,
    },
}

impl EnvelopeError {
    /// The stable error code of `PROTOCOL.md §2` and §4.4.
    pub fn code(&self) -> &'static str {
        match self {
            EnvelopeError::NotAge => "not_age",
            EnvelopeError::Armored => "armored",
            EnvelopeError::HeaderSyntax(_) => "header_syntax",
            EnvelopeError::StanzaType { .. } | EnvelopeError::Grease { .. } => "stanza_type",
            EnvelopeError::TooFewStanzas { .. } => "too_few_stanzas",
            EnvelopeError::TooManyStanzas { .. } => "too_many_stanzas",
            EnvelopeError::HeaderTooLarge { .. } => "header_too_large",
            EnvelopeError::PayloadFraming { .. } => "payload_framing",
            EnvelopeError::NotPaddingBucket { .. } => "not_padding_bucket",
            EnvelopeError::TooLarge { .. } => "too_large",
        }
    }
}

/// Where the checker is in the body.
#[derive(Debug)]
enum Phase {
    /// Reading the header into the buffer.
    Header,
    /// Header accepted; counting payload bytes.
    Payload { header_len: usize, stanzas: usize },
}

/// Streaming checker: feed the body in any chunking; errors as early as
/// possible (E1 on the first bytes, E5 once the buffered header passes
/// `header_max`, E8 once the total passes `max_body_bytes`, E2–E4 when the
/// header is complete, E6–E7 at [`finish`](Checker::finish)). Buffers at most
/// `header_max` bytes. The result does not depend on how the body is split.
///
/// Once an error is returned, every later call returns the same error.
#[derive(Debug)]
pub struct Checker {
    rules: Rules,
    header_max: usize,
    phase: Phase,
    /// The header bytes read so far (only in [`Phase::Header`]).
    buf: Vec<u8>,
    /// Where the current (incomplete) header line starts in `buf`.
    line_start: usize,
    /// Stanza lines (`-> …`) of the team's type seen so far in the header.
    recipient_lines: usize,
    /// Bytes seen so far.
    total: u64,
    /// Bytes after the header seen so far.
    payload: u64,
    failed: Option<EnvelopeError>,
}

impl Checker {
    /// A checker for a new body under `rules`.
    pub fn new(rules: Rules) -> Self {
        let header_max = rules.header_max();
        Checker {
            rules,
            header_max,
            phase: Phase::Header,
            buf: Vec::new(),
            line_start: 0,
            recipient_lines: 0,
            total: 0,
            payload: 0,
            failed: None,
        }
    }

    /// Feeds the next bytes of the body.
    pub fn update(&mut self, bytes: &[u8]) -> Result<(), EnvelopeError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let result = self.update_inner(bytes);
        if let Err(e) = &result {
            self.failed = Some(e.clone());
        }
        result
    }

    fn update_inner(&mut self, bytes: &[u8]) -> Result<(), EnvelopeError> {
        // E8 (PROTOCOL.md §2) fires at the byte with index `max_body_bytes`.
        // Only the bytes before it are examined, so an earlier error wins and
        // the outcome does not depend on the chunking.
        let max = self.rules.max_body_bytes;
        let room = max - self.total; // total ≤ max always holds here
        let over = (bytes.len() as u64) > room;
        let usable = if over { &bytes[..room as usize] } else { bytes };
        let mut rest = usable;
        if let Phase::Header = self.phase {
            rest = self.feed_header(usable)?;
        }
        self.payload += rest.len() as u64;
        self.total += usable.len() as u64;
        if over {
            return Err(EnvelopeError::TooLarge { max });
        }
        Ok(())
    }

    /// Consumes header bytes; returns the bytes after the header, if it ended.
    fn feed_header<'a>(&mut self, mut bytes: &'a [u8]) -> Result<&'a [u8], EnvelopeError> {
        while !bytes.is_empty() {
            // Take at most one line at a time.
            let (piece, complete) = match bytes.iter().position(|&b| b == b'\n') {
                Some(i) => (&bytes[..=i], true),
                None => (bytes, false),
            };
            bytes = &bytes[piece.len()..];
            self.check_magic(piece)?;
            // E5: the header through its MAC line must fit in `header_max`.
            if self.buf.len() + piece.len() > self.header_max {
                // E4 first: if the line that crosses the bound begins one
                // stanza too many, name that (a post-quantum stanza line is
                // longer than the room X25519-sized bounds leave).
                let room = self.header_max - self.buf.len();
                let mut line = self.buf[self.line_start..].to_vec();
                line.extend_from_slice(&piece[..room]);
                let surplus = self.recipient_lines >= self.rules.max_stanzas
                    && may_be_recipient_line(&line, self.rules.stanza_type);
                if surplus {
                    return Err(EnvelopeError::TooManyStanzas {
                        found: self.recipient_lines + 1,
                        max: self.rules.max_stanzas,
                    });
                }
                return Err(EnvelopeError::HeaderTooLarge {
                    max: self.header_max,
                });
            }
            self.buf.extend_from_slice(piece);
            if !complete {
                break;
            }
            let line = &self.buf[self.line_start..];
            let is_mac_line = line.starts_with(b"---");
            let is_recipient_line = may_be_recipient_line(line, self.rules.stanza_type);
            self.line_start = self.buf.len();
            // E4 as soon as one recipient stanza too many has begun, so that a
            // file with more recipients than allowed is named for what it is,
            // not for the header size it also exceeds. Only stanzas of the
            // team's type count: any other (a grease stanza, §8.3) is judged
            // by E3 once the header is complete.
            if is_recipient_line {
                self.recipient_lines += 1;
                if self.recipient_lines > self.rules.max_stanzas {
                    return Err(EnvelopeError::TooManyStanzas {
                        found: self.recipient_lines,
                        max: self.rules.max_stanzas,
                    });
                }
            }
            if is_mac_line {
                // E2–E4 as soon as the header is complete.
                let stanzas = parse_header(&self.buf, &self.rules)?;
                self.phase = Phase::Payload {
                    header_len: self.buf.len(),
                    stanzas,
                };
                self.buf = Vec::new();
                return Ok(bytes);
            }
        }
        Ok(bytes)
    }

    /// E1: compares new bytes with the version line (or the armor marker).
    fn check_magic(&self, piece: &[u8]) -> Result<(), EnvelopeError> {
        let start = self.buf.len();
        if start >= ARMOR_BEGIN.len().max(VERSION_LINE.len()) {
            return Ok(());
        }
        let armored = self.buf.first().or(piece.first()) == Some(&b'-');
        let expected = if armored { ARMOR_BEGIN } else { VERSION_LINE };
        if start >= expected.len() {
            return Ok(());
        }
        let n = piece.len().min(expected.len() - start);
        if piece[..n] != expected[start..start + n] {
            return Err(EnvelopeError::NotAge);
        }
        if armored && start + n == expected.len() {
            return Err(EnvelopeError::Armored);
        }
        Ok(())
    }

    /// Ends the body: applies what needs the whole body (E6, E7, and any
    /// incomplete header) and returns its summary.
    pub fn finish(self) -> Result<Summary, EnvelopeError> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let (header_len, stanzas) = match self.phase {
            Phase::Header => {
                let magic_done =
                    self.buf.len() >= VERSION_LINE.len() && self.buf.starts_with(VERSION_LINE);
                if !magic_done {
                    // Empty, or a proper prefix of the version line or armor marker.
                    return Err(EnvelopeError::NotAge);
                }
                // The header ended early: report the first grammar error.
                return Err(match parse_header(&self.buf, &self.rules) {
                    Err(e) => e,
                    Ok(_) => EnvelopeError::HeaderSyntax("the header has no MAC line".into()),
                });
            }
            Phase::Payload {
                header_len,
                stanzas,
            } => (header_len, stanzas),
        };
        // E6: STREAM framing.
        let plaintext_len = plaintext_len(self.payload).ok_or(EnvelopeError::PayloadFraming {
            payload_len: self.payload,
        })?;
        // E7: the plaintext is a padded container.
        if !is_bucket(plaintext_len) {
            return Err(EnvelopeError::NotPaddingBucket { plaintext_len });
        }
        Ok(Summary {
            header_len,
            stanzas,
            payload_len: self.payload,
            plaintext_len,
            total_len: self.total,
        })
    }
}

/// Checks a whole body at once; same result as a [`Checker`] fed `body`.
pub fn check(body: &[u8], rules: &Rules) -> Result<Summary, EnvelopeError> {
    let mut checker = Checker::new(rules.clone());
    checker.update(body)?;
    checker.finish()
}

/// The plaintext length implied by a payload of `payload_len` bytes
/// (`PROTOCOL.md §2`, E6), or `None` if no STREAM framing has that length.
pub fn plaintext_len(payload_len: u64) -> Option<u64> {
    let c = payload_len.checked_sub(NONCE_LEN)?;
    let n = c / SEALED_CHUNK_LEN;
    let r = c % SEALED_CHUNK_LEN;
    if r == 0 && n >= 1 {
        Some(n * CHUNK_LEN)
    } else if r > TAG_LEN {
        Some(n * CHUNK_LEN + r - TAG_LEN)
    } else if r == TAG_LEN && n == 0 {
        Some(0)
    } else {
        None
    }
}

/// The payload length of an age file encrypting `plaintext_len` bytes: the
/// inverse of [`plaintext_len`]. Saturates at `u64::MAX` (beyond any real body).
pub fn payload_len(plaintext_len: u64) -> u64 {
    let full = plaintext_len / CHUNK_LEN;
    let rem = plaintext_len % CHUNK_LEN;
    // The last chunk is full unless there is a remainder, or the file is empty.
    let (chunks, last) = if rem == 0 && full > 0 {
        (full - 1, CHUNK_LEN)
    } else {
        (full, rem)
    };
    chunks
        .saturating_mul(SEALED_CHUNK_LEN)
        .saturating_add(NONCE_LEN + last + TAG_LEN)
}

/// Checks that an age file starts with a header that follows the grammar of
/// c2sp.org/age ("Header") exactly, for stanzas of **any** type, and returns
/// the header's length in bytes (through the MAC line's newline) and its
/// number of stanzas. `file` is the file, or at least its whole header.
///
/// This is the grammar part of rule E2 without the team's rules (E3–E8): the
/// version line; one or more stanzas `-> TYPE ARG…` of non-empty printable-ASCII
/// arguments, each followed by canonical unpadded base64 body lines of 64
/// columns and a final shorter (possibly empty) line; and `--- ` with the
/// canonical base64 of a 32-byte MAC and a newline. The investigator CLI runs
/// it before handing a file to the `age` crate, which accepts a stanza without
/// its final short line and a header without its final newline.
pub fn check_header_grammar(file: &[u8]) -> Result<(usize, usize), EnvelopeError> {
    if !file.starts_with(VERSION_LINE) {
        return Err(if file.starts_with(ARMOR_BEGIN) {
            EnvelopeError::Armored
        } else {
            EnvelopeError::NotAge
        });
    }
    // The header ends with the first line that starts with "---" (no body
    // line can: base64 has no '-'; a stanza line starts with "-> ").
    let mut end = None;
    let mut start = VERSION_LINE.len();
    while let Some(len) = file[start..].iter().position(|&b| b == b'\n') {
        if file[start..].starts_with(b"---") {
            end = Some(start + len + 1);
            break;
        }
        start += len + 1;
    }
    let header = &file[..end.unwrap_or(file.len())];
    let stanzas = parse_stanzas(header)?;
    // c2sp.org/age: `header = version-line 1*stanza end-of-header`.
    if stanzas.is_empty() {
        return Err(EnvelopeError::HeaderSyntax(
            "the header has no stanza before the MAC line".into(),
        ));
    }
    Ok((header.len(), stanzas.len()))
}

/// One stanza as the grammar reads it: type, arguments, body length.
type RawStanza = (String, Vec<Vec<u8>>, usize);

/// Parses a complete header (E2), then applies E3 and E4; returns the number
/// of stanzas. `header` starts with the version line (already checked, E1) and,
/// when complete, ends with the MAC line.
fn parse_header(header: &[u8], rules: &Rules) -> Result<usize, EnvelopeError> {
    let syntax = |msg: String| EnvelopeError::HeaderSyntax(msg);
    let stanzas = parse_stanzas(header)?;

    // E3 and the type-specific shape (E2), stanza by stanza; at most one
    // bounded grease stanza where the rules allow it (§8.3).
    let want = rules.stanza_type;
    let mut grease = 0usize;
    for (i, (kind, args, body_len)) in stanzas.iter().enumerate() {
        if rules.grease && kind.as_bytes().ends_with(GREASE_SUFFIX) {
            let reason = if grease > 0 {
                Some("a file may carry only one grease stanza")
            } else if kind.len() > GREASE_TYPE_MAX {
                Some("its type is longer than 15 bytes")
            } else if args.len() > GREASE_ARGS_MAX {
                Some("it has more than 4 arguments")
            } else if args.iter().any(|a| a.len() > GREASE_ARG_MAX) {
                Some("an argument is longer than 8 bytes")
            } else if *body_len > GREASE_BODY_MAX {
                Some("its body is longer than 100 bytes")
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(EnvelopeError::Grease {
                    found: kind.clone(),
                    reason,
                });
            }
            grease += 1;
            continue;
        }
        if kind != want.label() {
            return Err(EnvelopeError::StanzaType {
                found: kind.clone(),
                expected: want.label(),
            });
        }
        let arg_ok =
            args.len() == 1 && decode_b64(&args[0]).is_some_and(|a| a.len() == want.arg_len());
        if !arg_ok {
            return Err(syntax(format!(
                "stanza {}: a {} stanza has exactly one argument of {} bytes in canonical base64",
                i + 1,
                want.label(),
                want.arg_len()
            )));
        }
        if *body_len != WRAPPED_KEY_LEN {
            return Err(syntax(format!(
                "stanza {}: a {} stanza body is {WRAPPED_KEY_LEN} bytes, found {body_len}",
                i + 1,
                want.label()
            )));
        }
    }

    // E4: recipient stanzas only, not the grease stanza.
    let found = stanzas.len() - grease;
    let min = rules.min_stanzas.max(1);
    if found < min {
        return Err(EnvelopeError::TooFewStanzas { found, min });
    }
    if found > rules.max_stanzas {
        return Err(EnvelopeError::TooManyStanzas {
            found,
            max: rules.max_stanzas,
        });
    }
    Ok(found)
}

/// The grammar of an age header (c2sp.org/age "Header", the syntax part of
/// E2): every stanza of any type, in order. `header` starts with the version
/// line (already checked) and, when complete, ends with the MAC line.
fn parse_stanzas(header: &[u8]) -> Result<Vec<RawStanza>, EnvelopeError> {
    let syntax = |msg: String| EnvelopeError::HeaderSyntax(msg);
    let mut lines = Lines {
        rest: &header[VERSION_LINE.len().min(header.len())..],
        number: 1,
    };
    let mut stanzas: Vec<RawStanza> = Vec::new();
    loop {
        let line = lines
            .next()
            .ok_or_else(|| syntax("the header ends before the MAC line (\"--- …\")".to_string()))?;
        let number = lines.number;
        if let Some(mac) = line.strip_prefix(b"--- ") {
            let mac = decode_b64(mac)
                .filter(|m| m.len() == MAC_LEN)
                .ok_or_else(|| {
                    syntax(format!(
                        "line {number}: the MAC must be 43 characters of canonical base64 (32 bytes)"
                    ))
                })?;
            debug_assert_eq!(mac.len(), MAC_LEN);
            if !lines.rest.is_empty() {
                return Err(syntax("bytes after the MAC line in the header".into()));
            }
            break;
        }
        let Some(args) = line.strip_prefix(b"-> ") else {
            return Err(syntax(format!(
                "line {number}: expected a stanza (\"-> TYPE ARG…\") or the MAC line (\"--- MAC\")"
            )));
        };
        let args: Vec<&[u8]> = args.split(|&b| b == b' ').collect();
        if args
            .iter()
            .any(|a| a.is_empty() || !a.iter().all(|&b| (0x21..=0x7e).contains(&b)))
        {
            return Err(syntax(format!(
                "line {number}: stanza arguments must be non-empty runs of printable ASCII separated by single spaces"
            )));
        }
        // Every stanza has at least its type; VCHAR-only makes it valid UTF-8.
        let kind = String::from_utf8_lossy(args[0]).into_owned();
        let args: Vec<Vec<u8>> = args[1..].iter().map(|a| a.to_vec()).collect();
        // The body: 64-column lines, ended by the first shorter line.
        let mut body_len = 0usize;
        loop {
            let body_line = lines.next().ok_or_else(|| {
                syntax(format!(
                    "stanza on line {number}: the header ends inside the stanza body"
                ))
            })?;
            if body_line.starts_with(b"-> ") || body_line.starts_with(b"---") {
                return Err(syntax(format!(
                    "stanza on line {number}: its body must end with a line shorter than 64 columns (possibly empty) before line {}",
                    lines.number
                )));
            }
            let decoded = decode_b64(body_line).ok_or_else(|| {
                syntax(format!(
                    "line {}: stanza body lines must be canonical unpadded base64",
                    lines.number
                ))
            })?;
            if body_line.len() > BODY_COLUMNS {
                return Err(syntax(format!(
                    "line {}: stanza body lines are at most 64 columns",
                    lines.number
                )));
            }
            body_len += decoded.len();
            if body_line.len() < BODY_COLUMNS {
                break;
            }
        }
        stanzas.push((kind, args, body_len));
    }
    Ok(stanzas)
}

/// Whether a header line (complete, or cut off at the E5 bound) may begin a
/// stanza of type `want`: a type cut off by the end of `line` is judged as far
/// as it goes.
fn may_be_recipient_line(line: &[u8], want: StanzaType) -> bool {
    let Some(rest) = line.strip_prefix(b"-> ") else {
        return false;
    };
    let label = want.label().as_bytes();
    match rest.iter().position(|&b| b == b' ' || b == b'\n') {
        Some(end) => &rest[..end] == label,
        None => label.starts_with(rest),
    }
}

/// Decodes canonical unpadded standard base64 (non-zero trailing bits refused).
fn decode_b64(text: &[u8]) -> Option<Vec<u8>> {
    STANDARD_NO_PAD.decode(text).ok()
}

/// Complete `\n`-terminated lines of a header, without their newline.
struct Lines<'a> {
    rest: &'a [u8],
    /// 1-based number of the line last returned (the version line is 1).
    number: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let end = self.rest.iter().position(|&b| b == b'\n')?;
        let line = &self.rest[..end];
        self.rest = &self.rest[end + 1..];
        self.number += 1;
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Deterministic bytes that look random (splitmix64).
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = state;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                (z ^ (z >> 31)) as u8
            })
            .collect()
    }

    fn b64(bytes: &[u8]) -> String {
        STANDARD_NO_PAD.encode(bytes)
    }

    /// A stanza: `-> TYPE ARGS…` and its body wrapped at 64 columns.
    fn stanza(kind: &str, args: &[String], body: &[u8]) -> Vec<u8> {
        let mut out = format!("-> {kind}");
        for a in args {
            out.push(' ');
            out.push_str(a);
        }
        out.push('\n');
        let encoded = b64(body);
        let mut rest = encoded.as_str();
        while rest.len() >= 64 {
            out.push_str(&rest[..64]);
            out.push('\n');
            rest = &rest[64..];
        }
        out.push_str(rest);
        out.push('\n');
        out.into_bytes()
    }

    fn x25519(seed: u64) -> Vec<u8> {
        stanza("X25519", &[b64(&noise(seed, 32))], &noise(seed + 1000, 32))
    }

    /// A grease stanza of the shape the `age` crate writes (§8.3).
    fn grease_stanza(seed: u64) -> Vec<u8> {
        stanza(
            &format!("{seed}x-grease"),
            &["a?b".into(), "12345678".into()],
            &noise(seed, 37),
        )
    }

    fn mlkem(seed: u64) -> Vec<u8> {
        stanza(
            "mlkem768x25519",
            &[b64(&noise(seed, 1_120))],
            &noise(seed + 1000, 32),
        )
    }

    fn header(stanzas: &[Vec<u8>]) -> Vec<u8> {
        let mut out = VERSION_LINE.to_vec();
        for s in stanzas {
            out.extend_from_slice(s);
        }
        out.extend_from_slice(format!("--- {}\n", b64(&noise(77, 32))).as_bytes());
        out
    }

    fn body(header: &[u8], plaintext: u64) -> Vec<u8> {
        let mut out = header.to_vec();
        out.extend(noise(plaintext, payload_len(plaintext) as usize));
        out
    }

    fn rules(max_stanzas: usize) -> Rules {
        Rules {
            stanza_type: StanzaType::X25519,
            min_stanzas: 1,
            max_stanzas,
            max_body_bytes: 256 << 20,
            grease: false,
        }
    }

    fn code(body: &[u8], rules: &Rules) -> &'static str {
        match check(body, rules) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    fn syntax_of(header: Vec<u8>) -> String {
        match check(&body(&header, 65_536), &rules(3)) {
            Err(EnvelopeError::HeaderSyntax(m)) => m,
            other => panic!("expected header_syntax, got {other:?}"),
        }
    }

    #[test]
    fn valid_x25519_body() {
        let h = header(&[x25519(1), x25519(2), x25519(3)]);
        let b = body(&h, 67_584);
        let s = check(&b, &rules(3)).unwrap();
        assert_eq!(
            s,
            Summary {
                header_len: h.len(),
                stanzas: 3,
                payload_len: payload_len(67_584),
                plaintext_len: 67_584,
                total_len: b.len() as u64,
            }
        );
        assert_eq!(h.len(), 22 + 3 * 98 + 48);
    }

    #[test]
    fn valid_mlkem_body() {
        let h = header(&[mlkem(1), mlkem(2)]);
        let r = Rules {
            stanza_type: StanzaType::MlKem768X25519,
            ..rules(2)
        };
        assert!(h.len() <= r.header_max());
        assert_eq!(check(&body(&h, 65_536), &r).unwrap().stanzas, 2);
        // The other type is refused, both ways (E3).
        // (with room for the bigger stanzas, so that E5 does not fire first)
        assert_eq!(code(&body(&h, 65_536), &rules(32)), "stanza_type");
        assert_eq!(code(&body(&h, 65_536), &rules(2)), "header_too_large");
        let hx = header(&[x25519(1)]);
        assert_eq!(code(&body(&hx, 65_536), &r), "stanza_type");
    }

    #[test]
    fn header_max_formula() {
        assert_eq!(rules(3).header_max(), 64 + 3 * 128);
        let r = Rules {
            stanza_type: StanzaType::MlKem768X25519,
            ..rules(32)
        };
        assert_eq!(r.header_max(), 64 + 32 * 1_600);
        assert_eq!(StanzaType::X25519.label(), "X25519");
        assert_eq!(StanzaType::MlKem768X25519.label(), "mlkem768x25519");
    }

    #[test]
    fn e1_not_age_and_armored() {
        let r = rules(3);
        for b in [
            &b""[..],
            b"hello world",
            b"age-encryption.org/v2\n",
            b"age-encryption.org/v1",
            b"age-enc",
            b"%PDF-1.7\n",
            b"WBOX\x01",
            b"-----BEGIN AGE",
            b"-----BEGIN PGP MESSAGE-----\n",
        ] {
            assert_eq!(code(b, &r), "not_age", "{:?}", String::from_utf8_lossy(b));
        }
        let armored = b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n";
        assert_eq!(code(armored, &r), "armored");
        // Both are reported on the first bytes, before the body ends.
        let mut c = Checker::new(r.clone());
        assert_eq!(c.update(b"x"), Err(EnvelopeError::NotAge));
        let mut c = Checker::new(r.clone());
        c.update(b"age-encryption.org/").unwrap();
        assert_eq!(c.update(b"v2"), Err(EnvelopeError::NotAge));
        let mut c = Checker::new(r);
        c.update(b"-----BEGIN AGE ENCRYPTED").unwrap();
        assert_eq!(c.update(b" FILE-----"), Err(EnvelopeError::Armored));
        assert!(EnvelopeError::Armored.to_string().contains("rule E1"));
    }

    #[test]
    fn e2_header_syntax() {
        let good = x25519(1);
        let mac_line = format!("--- {}\n", b64(&noise(77, 32)));
        let with_lines = |lines: &[&[u8]]| -> Vec<u8> {
            let mut out = VERSION_LINE.to_vec();
            for l in lines {
                out.extend_from_slice(l);
            }
            out
        };
        // No MAC line before the body ends.
        let m = check(&with_lines(&[&good]), &rules(3)).unwrap_err();
        assert!(
            matches!(&m, EnvelopeError::HeaderSyntax(m) if m.contains("MAC")),
            "{m}"
        );
        let m = check(&with_lines(&[b"-> X25519"]), &rules(3)).unwrap_err();
        assert_eq!(m.code(), "header_syntax");
        // MAC of the wrong length, padded, or with non-zero trailing bits.
        let short_mac = format!("--- {}\n", b64(&noise(1, 31)));
        assert!(syntax_of(with_lines(&[&good, short_mac.as_bytes()])).contains("MAC"));
        let padded_mac = format!("--- {}=\n", b64(&noise(1, 32)));
        assert!(syntax_of(with_lines(&[&good, padded_mac.as_bytes()])).contains("MAC"));
        let mut bits = b64(&[0u8; 32]).into_bytes();
        *bits.last_mut().unwrap() = b'B'; // 'A' is canonical; 'B' sets a trailing bit
        let bits_mac = [b"--- ", &bits[..], b"\n"].concat();
        assert!(syntax_of(with_lines(&[&good, &bits_mac])).contains("MAC"));
        // A line that is neither a stanza nor the MAC.
        let m = syntax_of(with_lines(&[&good, b"hello\n", mac_line.as_bytes()]));
        assert!(m.contains("line 4"), "{m}");
        assert!(syntax_of(with_lines(&[b"->\n", mac_line.as_bytes()])).contains("stanza"));
        // Empty argument, non-VCHAR argument.
        let double = stanza(
            "X25519",
            &[String::new(), b64(&noise(1, 32))],
            &noise(2, 32),
        );
        assert!(syntax_of(header(&[double])).contains("printable ASCII"));
        let tab = stanza(
            "X25519",
            &[format!("{}\t", b64(&noise(1, 32)))],
            &noise(2, 32),
        );
        assert!(syntax_of(header(&[tab])).contains("printable ASCII"));
        // Body: non-canonical trailing bits, padding, over 64 columns, CRLF.
        // 32 bytes leave 2 unused bits in the last character: the canonical
        // character's index is a multiple of 4; the next one sets a bit.
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = x25519(1);
        let end = s.len() - 2; // last base64 character of the 43-character body
        let index = ALPHABET.iter().position(|&c| c == s[end]).unwrap();
        assert_eq!(index % 4, 0);
        s[end] = ALPHABET[index + 1];
        assert!(syntax_of(header(&[s])).contains("canonical"));
        let padded = [format!(
            "-> X25519 {}\n{}=\n",
            b64(&noise(1, 32)),
            b64(&noise(2, 32))
        )
        .into_bytes()];
        assert!(syntax_of(header(&padded)).contains("canonical"));
        let long = format!(
            "-> X25519 {}\n{}\n\n",
            b64(&noise(1, 32)),
            b64(&noise(2, 51))
        );
        assert!(syntax_of(header(&[long.into_bytes()])).contains("64 columns"));
        let crlf = format!(
            "-> X25519 {}\r\n{}\n",
            b64(&noise(1, 32)),
            b64(&noise(2, 32))
        );
        assert_eq!(
            code(&body(&header(&[crlf.into_bytes()]), 65_536), &rules(3)),
            "header_syntax"
        );
        // A full 64-column line must be followed by a shorter one.
        let no_final = format!("-> X25519 {}\n{}\n", b64(&noise(1, 32)), b64(&noise(2, 48)));
        assert_eq!(
            code(&body(&header(&[no_final.into_bytes()]), 65_536), &rules(3)),
            "header_syntax"
        );
        // X25519 shape: one 32-byte argument, 32-byte body.
        let two_args = stanza(
            "X25519",
            &[b64(&noise(1, 32)), b64(&noise(3, 32))],
            &noise(2, 32),
        );
        assert!(syntax_of(header(&[two_args])).contains("exactly one argument"));
        let short_arg = stanza("X25519", &[b64(&noise(1, 31))], &noise(2, 32));
        assert!(syntax_of(header(&[short_arg])).contains("32 bytes"));
        let no_arg = stanza("X25519", &[], &noise(2, 32));
        assert!(syntax_of(header(&[no_arg])).contains("exactly one argument"));
        let short_body = stanza("X25519", &[b64(&noise(1, 32))], &noise(2, 31));
        assert!(syntax_of(header(&[short_body])).contains("found 31"));
        let long_body = stanza("X25519", &[b64(&noise(1, 32))], &noise(2, 64));
        assert!(syntax_of(header(&[long_body])).contains("found 64"));
    }

    #[test]
    fn e3_only_the_team_type() {
        let scrypt = stanza("scrypt", &[b64(&noise(1, 16)), "18".into()], &noise(2, 32));
        let grease = stanza("x-grease-42", &["abc".into()], &noise(3, 17));
        for (s, label) in [(scrypt, "scrypt"), (grease, "x-grease-42")] {
            let h = header(&[x25519(1), s]);
            let err = check(&body(&h, 65_536), &rules(3)).unwrap_err();
            assert_eq!(
                err,
                EnvelopeError::StanzaType {
                    found: label.into(),
                    expected: "X25519"
                }
            );
            assert_eq!(
                err.to_string(),
                format!("rule E3: stanza type \"{label}\" is not accepted; this relay accepts only X25519 stanzas")
            );
        }
    }

    #[test]
    fn e4_stanza_count() {
        let r = Rules {
            min_stanzas: 2,
            ..rules(4)
        };
        let one = header(&[x25519(1)]);
        assert_eq!(
            check(&body(&one, 65_536), &r),
            Err(EnvelopeError::TooFewStanzas { found: 1, min: 2 })
        );
        let none = header(&[]);
        assert_eq!(
            check(&body(&none, 65_536), &rules(4)),
            Err(EnvelopeError::TooFewStanzas { found: 0, min: 1 })
        );
        let five: Vec<Vec<u8>> = (0..5).map(x25519).collect();
        let h = header(&five);
        assert!(h.len() <= r.header_max());
        assert_eq!(
            check(&body(&h, 65_536), &r),
            Err(EnvelopeError::TooManyStanzas { found: 5, max: 4 })
        );
        assert_eq!(
            check(&body(&header(&five[..4]), 65_536), &r)
                .unwrap()
                .stanzas,
            4
        );
        // Post-quantum stanza lines are long: a surplus one still gets E4, not E5.
        for team in [1usize, 2, 3, 32] {
            let pq = Rules {
                stanza_type: StanzaType::MlKem768X25519,
                min_stanzas: 1,
                max_stanzas: team,
                max_body_bytes: 1 << 30,
                grease: false,
            };
            let stanzas: Vec<Vec<u8>> = (0..=team as u64).map(mlkem).collect();
            assert_eq!(
                check(&body(&header(&stanzas), 65_536), &pq),
                Err(EnvelopeError::TooManyStanzas {
                    found: team + 1,
                    max: team
                }),
                "team of {team}"
            );
            assert!(check(&body(&header(&stanzas[..team]), 65_536), &pq).is_ok());
        }
    }

    #[test]
    fn e5_header_bound_stops_reading() {
        let r = rules(1);
        let max = r.header_max();
        // One stanza whose body is far longer than any X25519 stanza.
        let h = header(&[stanza("X25519", &[b64(&noise(1, 32))], &noise(2, 400))]);
        assert!(h.len() > max);
        assert_eq!(
            check(&body(&h, 65_536), &r),
            Err(EnvelopeError::HeaderTooLarge { max })
        );
        // A header without a MAC line fails at byte header_max + 1, not before.
        let mut endless = VERSION_LINE.to_vec();
        endless.extend(std::iter::repeat_n(b'a', max - endless.len()));
        let mut c = Checker::new(r.clone());
        c.update(&endless).unwrap();
        assert_eq!(c.update(b"a"), Err(EnvelopeError::HeaderTooLarge { max }));
        // A header of exactly header_max bytes is accepted.
        let exact_rules = Rules {
            max_stanzas: 1,
            ..rules(1)
        };
        let h = header(&[x25519(1)]);
        assert!(h.len() <= exact_rules.header_max());
    }

    /// An age file written by the `age` crate (which always adds one grease
    /// stanza, after the recipients) to `recipients` new X25519 keys.
    fn age_crate_file(recipients: usize) -> Vec<u8> {
        use std::io::Write;
        let keys: Vec<age::x25519::Recipient> = (0..recipients)
            .map(|_| age::x25519::Identity::generate().to_public())
            .collect();
        let encryptor =
            age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient)).unwrap();
        let mut out = Vec::new();
        let mut writer = encryptor.wrap_output(&mut out).unwrap();
        writer.write_all(&[0u8; 65_536]).unwrap();
        writer.finish().unwrap();
        out
    }

    /// Found by the `age_header` fuzz target (tests/fuzz): a header of the
    /// version line and the MAC line alone passed the grammar, which the
    /// `age` crate (and c2sp.org/age, `1*stanza`) refuses.
    #[test]
    fn header_grammar_refuses_a_header_without_stanzas() {
        let file = b"age-encryption.org/v1\n--- /iia4XVaFMPvUBr1DOE5QEWZBxPO+I8Jf8xV9W+usdk\n";
        assert!(matches!(
            check_header_grammar(file),
            Err(EnvelopeError::HeaderSyntax(_))
        ));
        assert!(age::Decryptor::new_buffered(&[&file[..], &[0u8; 32]].concat()[..]).is_err());
    }

    #[test]
    fn header_grammar_accepts_any_stanza_type_and_is_strict() {
        // A real file (two X25519 stanzas and the age crate's grease stanza).
        let file = age_crate_file(2);
        let (len, stanzas) = check_header_grammar(&file).unwrap();
        assert_eq!(stanzas, 3);
        assert!(file[..len].ends_with(b"\n"));
        assert!(file[..len]
            .rsplit(|&b| b == b'\n')
            .nth(1)
            .unwrap()
            .starts_with(b"--- "));
        // Any type and arguments; an empty final body line.
        let mac = "--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n";
        let ok = format!("age-encryption.org/v1\n-> anything a b\n\n{mac}payload");
        assert_eq!(
            check_header_grammar(ok.as_bytes()).unwrap(),
            (ok.len() - "payload".len(), 1)
        );
        let full = "A".repeat(64);
        for (bad, why) in [
            // c2sp.org/age: every stanza ends with a short body line.
            (
                format!("age-encryption.org/v1\n-> x\n{full}\n{mac}"),
                "shorter than 64",
            ),
            (
                format!("age-encryption.org/v1\n-> x\n{mac}"),
                "shorter than 64",
            ),
            (
                format!("age-encryption.org/v1\n-> x\n{full}\n-> y\n\n{mac}"),
                "stanza on line 2: its body",
            ),
            // The MAC line ends with a newline.
            (
                format!("age-encryption.org/v1\n-> x\n\n{}", mac.trim_end()),
                "MAC line",
            ),
            // No stanza type, a non-canonical body, a bad MAC.
            (
                format!("age-encryption.org/v1\n->\n\n{mac}"),
                "expected a stanza",
            ),
            (
                format!("age-encryption.org/v1\n-> a  b\n\n{mac}"),
                "printable",
            ),
            (
                format!("age-encryption.org/v1\n-> x\nAB\n{mac}"),
                "canonical",
            ),
            (
                "age-encryption.org/v1\n-> x\n\n--- AAAA\n".to_string(),
                "43 characters",
            ),
        ] {
            let err = check_header_grammar(bad.as_bytes()).unwrap_err();
            assert_eq!(err.code(), "header_syntax", "{bad:?}");
            assert!(err.to_string().contains(why), "{bad:?}: {err}");
        }
        assert_eq!(
            check_header_grammar(b"-----BEGIN AGE ENCRYPTED FILE-----\n"),
            Err(EnvelopeError::Armored)
        );
        assert_eq!(
            check_header_grammar(b"age-encryption.org/v2\n"),
            Err(EnvelopeError::NotAge)
        );
    }

    #[test]
    fn for_kind_follows_the_table() {
        // §8.3 with T = 3, m = 1.
        let report = rules(3);
        assert_eq!(report.for_kind(Kind::Report), report);
        let followup = report.for_kind(Kind::Followup);
        assert_eq!(
            (followup.min_stanzas, followup.max_stanzas, followup.grease),
            (1, 4, false)
        );
        assert_eq!(followup.header_max(), 64 + 4 * 128);
        for kind in [Kind::Reply, Kind::Status] {
            let r = report.for_kind(kind);
            assert_eq!((r.min_stanzas, r.max_stanzas, r.grease), (2, 4, true));
            assert_eq!(r.header_max(), 64 + 4 * 128 + 256);
            assert_eq!(r.max_body_bytes, report.max_body_bytes);
            assert_eq!(r.stanza_type, report.stanza_type);
        }
        let pq = Rules {
            stanza_type: StanzaType::MlKem768X25519,
            min_stanzas: 3,
            ..rules(32)
        };
        assert_eq!(pq.for_kind(Kind::Reply).header_max(), 64 + 33 * 1_600 + 256);
        assert_eq!(pq.for_kind(Kind::Reply).min_stanzas, 2);
        assert_eq!(pq.for_kind(Kind::Followup).min_stanzas, 3);
    }

    #[test]
    fn age_crate_file_passes_reply_rules_only() {
        // A team of 2; a reply goes to both and to the reporter's reply key.
        let team = rules(2);
        // The grease is random: try several files.
        for _ in 0..16 {
            let reply = age_crate_file(3);
            for kind in [Kind::Reply, Kind::Status] {
                let s = check(&reply, &team.for_kind(kind)).unwrap();
                assert_eq!(s.stanzas, 3, "the grease stanza is not a recipient");
            }
            // Byte by byte, the same.
            let mut c = Checker::new(team.for_kind(Kind::Reply));
            for b in &reply {
                c.update(std::slice::from_ref(b)).unwrap();
            }
            assert_eq!(c.finish().unwrap().stanzas, 3);
            // A report of a team of 2 names the third recipient first (E4).
            assert_eq!(
                check(&reply, &team),
                Err(EnvelopeError::TooManyStanzas { found: 3, max: 2 })
            );
            // Two recipients, team of 4 (so that E5 leaves room for any
            // grease): the grease is what a report or follow-up refuses.
            let big_team = rules(4);
            let two = age_crate_file(2);
            assert!(check(&two, &big_team.for_kind(Kind::Reply)).is_ok());
            for kind in [Kind::Report, Kind::Followup] {
                match check(&two, &big_team.for_kind(kind)) {
                    Err(EnvelopeError::StanzaType { found, expected }) => {
                        assert!(found.ends_with("-grease"), "{found}");
                        assert_eq!(expected, "X25519");
                    }
                    other => panic!("{kind:?}: expected stanza_type, got {other:?}"),
                }
            }
            // One recipient is too few for a reply, grease or not (E4).
            assert_eq!(
                check(&age_crate_file(1), &team.for_kind(Kind::Reply)),
                Err(EnvelopeError::TooFewStanzas { found: 1, min: 2 })
            );
        }
    }

    #[test]
    fn grease_bounds() {
        let reply = rules(1).for_kind(Kind::Reply);
        let with = |g: Vec<u8>| body(&header(&[x25519(1), g, x25519(2)]), 65_536);
        // The largest grease within the bounds; the header fits E5.
        let biggest = stanza(
            "abcdefgh-grease",
            &vec!["~~~~~~~~".to_string(); 4],
            &noise(5, 100),
        );
        let h = header(&[x25519(1), x25519(2), biggest.clone()]);
        assert!(h.len() <= reply.header_max());
        assert!(biggest.len() <= GREASE_HEADER_LEN);
        assert_eq!(check(&body(&h, 65_536), &reply).unwrap().stanzas, 2);
        // No arguments, empty body, type "-grease": still within the bounds.
        assert!(check(&with(stanza("-grease", &[], &[])), &reply).is_ok());
        // First, between, or last: all the same.
        let first = body(&header(&[grease_stanza(1), x25519(1), x25519(2)]), 65_536);
        assert!(check(&first, &reply).is_ok());
        let broken = [
            (
                stanza("abcdefghi-grease", &[], &noise(1, 10)),
                "its type is longer than 15 bytes",
            ),
            (
                stanza("a-grease", &vec!["x".to_string(); 5], &noise(1, 10)),
                "it has more than 4 arguments",
            ),
            (
                stanza("a-grease", &["123456789".into()], &noise(1, 10)),
                "an argument is longer than 8 bytes",
            ),
            (
                stanza("a-grease", &[], &noise(1, 101)),
                "its body is longer than 100 bytes",
            ),
        ];
        for (g, reason) in broken {
            let err = check(&with(g), &reply).unwrap_err();
            assert_eq!(err.code(), "stanza_type");
            assert!(
                matches!(&err, EnvelopeError::Grease { reason: r, .. } if *r == reason),
                "{err:?}"
            );
        }
        // A second grease stanza.
        let two = body(
            &header(&[grease_stanza(1), x25519(1), x25519(2), grease_stanza(2)]),
            65_536,
        );
        assert_eq!(
            check(&two, &reply),
            Err(EnvelopeError::Grease {
                found: "2x-grease".into(),
                reason: "a file may carry only one grease stanza"
            })
        );
        // Not a grease type after all: E3 as ever.
        let other = with(stanza("a-greasy", &[], &noise(1, 10)));
        assert_eq!(
            check(&other, &reply),
            Err(EnvelopeError::StanzaType {
                found: "a-greasy".into(),
                expected: "X25519"
            })
        );
        // The grease does not count towards E4.
        let lone = body(&header(&[x25519(1), grease_stanza(1)]), 65_536);
        assert_eq!(
            check(&lone, &reply),
            Err(EnvelopeError::TooFewStanzas { found: 1, min: 2 })
        );
    }

    #[test]
    fn e4_e5_bounds_by_kind() {
        // X25519, team of 3: a follow-up and a reply may have 4 recipients.
        let team = rules(3);
        let x: Vec<Vec<u8>> = (0..6).map(x25519).collect();
        let followup = team.for_kind(Kind::Followup);
        assert_eq!(
            check(&body(&header(&x[..4]), 65_536), &followup)
                .unwrap()
                .stanzas,
            4
        );
        assert_eq!(
            check(&body(&header(&x[..5]), 65_536), &followup),
            Err(EnvelopeError::TooManyStanzas { found: 5, max: 4 })
        );
        assert_eq!(
            check(&body(&header(&x[..4]), 65_536), &team),
            Err(EnvelopeError::TooManyStanzas { found: 4, max: 3 })
        );
        let reply = team.for_kind(Kind::Reply);
        let mut four = x[..4].to_vec();
        four.push(grease_stanza(9));
        assert_eq!(
            check(&body(&header(&four), 65_536), &reply)
                .unwrap()
                .stanzas,
            4
        );
        let mut five = x[..5].to_vec();
        five.insert(0, grease_stanza(9));
        assert_eq!(
            check(&body(&header(&five), 65_536), &reply),
            Err(EnvelopeError::TooManyStanzas { found: 5, max: 4 })
        );
        // Post-quantum: the surplus recipient is named (E4), not E5, for
        // every kind, with the grease before or after.
        for t in [1usize, 2, 32] {
            let pq = Rules {
                stanza_type: StanzaType::MlKem768X25519,
                ..rules(t)
            };
            let stanzas: Vec<Vec<u8>> = (0..=t as u64 + 1).map(mlkem).collect();
            let fu = pq.for_kind(Kind::Followup);
            assert!(check(&body(&header(&stanzas[..=t]), 65_536), &fu).is_ok());
            assert_eq!(
                check(&body(&header(&stanzas), 65_536), &fu),
                Err(EnvelopeError::TooManyStanzas {
                    found: t + 2,
                    max: t + 1
                }),
                "followup, team of {t}"
            );
            let re = pq.for_kind(Kind::Reply);
            let mut ok = stanzas[..=t].to_vec();
            ok.push(grease_stanza(7));
            let h = header(&ok);
            assert!(h.len() <= re.header_max());
            assert!(check(&body(&h, 65_536), &re).is_ok(), "team of {t}");
            for at in [0, t + 2] {
                let mut surplus = stanzas.clone();
                surplus.insert(at, grease_stanza(7));
                assert_eq!(
                    check(&body(&header(&surplus), 65_536), &re),
                    Err(EnvelopeError::TooManyStanzas {
                        found: t + 2,
                        max: t + 1
                    }),
                    "reply, team of {t}, grease at {at}"
                );
            }
        }
        // E5: the reader stops at each kind's bound, 256 bytes later where
        // grease is allowed.
        for (kind, max) in [
            (Kind::Report, 64 + 3 * 128),
            (Kind::Followup, 64 + 4 * 128),
            (Kind::Reply, 64 + 4 * 128 + 256),
        ] {
            let r = team.for_kind(kind);
            let mut endless = VERSION_LINE.to_vec();
            endless.extend(std::iter::repeat_n(b'a', max - endless.len()));
            let mut c = Checker::new(r);
            c.update(&endless).unwrap();
            assert_eq!(c.update(b"a"), Err(EnvelopeError::HeaderTooLarge { max }));
        }
    }

    #[test]
    fn e6_payload_framing() {
        let h = header(&[x25519(1)]);
        for payload in [
            0u64,
            15,
            16 + 1,
            16 + 16 + SEALED_CHUNK_LEN,
            16 + SEALED_CHUNK_LEN + 5,
        ] {
            let mut b = h.clone();
            b.extend(noise(1, payload as usize));
            assert_eq!(
                check(&b, &rules(3)),
                Err(EnvelopeError::PayloadFraming {
                    payload_len: payload
                }),
                "{payload}"
            );
        }
    }

    #[test]
    fn e7_padding_bucket() {
        let h = header(&[x25519(1)]);
        for p in [0u64, 1, 65_535, 65_537, 100_000] {
            assert_eq!(
                check(&body(&h, p), &rules(3)),
                Err(EnvelopeError::NotPaddingBucket { plaintext_len: p })
            );
        }
        for p in [65_536u64, 67_584, 131_072, 1_015_808] {
            assert_eq!(check(&body(&h, p), &rules(3)).unwrap().plaintext_len, p);
        }
    }

    #[test]
    fn e8_too_large() {
        let h = header(&[x25519(1)]);
        let b = body(&h, 65_536);
        let exact = Rules {
            max_body_bytes: b.len() as u64,
            ..rules(3)
        };
        assert!(check(&b, &exact).is_ok());
        let under = Rules {
            max_body_bytes: b.len() as u64 - 1,
            ..rules(3)
        };
        assert_eq!(
            check(&b, &under),
            Err(EnvelopeError::TooLarge {
                max: b.len() as u64 - 1
            })
        );
        // Fires while the header is still being read, if the bound is that small.
        let tiny = Rules {
            max_body_bytes: 50,
            ..rules(3)
        };
        assert_eq!(check(&b, &tiny), Err(EnvelopeError::TooLarge { max: 50 }));
        // An earlier error wins over E8.
        assert_eq!(
            check(
                b"nope, not age at all, and long",
                &Rules {
                    max_body_bytes: 10,
                    ..rules(3)
                }
            ),
            Err(EnvelopeError::NotAge)
        );
    }

    #[test]
    fn errors_are_sticky() {
        let mut c = Checker::new(rules(3));
        assert_eq!(c.update(b"zzz"), Err(EnvelopeError::NotAge));
        assert_eq!(c.update(VERSION_LINE), Err(EnvelopeError::NotAge));
        assert_eq!(c.finish(), Err(EnvelopeError::NotAge));
    }

    #[test]
    fn every_code_is_distinct() {
        let all = [
            EnvelopeError::NotAge,
            EnvelopeError::Armored,
            EnvelopeError::HeaderSyntax(String::new()),
            EnvelopeError::StanzaType {
                found: String::new(),
                expected: "X25519",
            },
            EnvelopeError::TooFewStanzas { found: 0, min: 1 },
            EnvelopeError::TooManyStanzas { found: 2, max: 1 },
            EnvelopeError::HeaderTooLarge { max: 1 },
            EnvelopeError::PayloadFraming { payload_len: 1 },
            EnvelopeError::NotPaddingBucket { plaintext_len: 1 },
            EnvelopeError::TooLarge { max: 1 },
        ];
        let codes: std::collections::HashSet<&str> = all.iter().map(EnvelopeError::code).collect();
        assert_eq!(codes.len(), all.len());
        for (i, e) in all.iter().enumerate() {
            let rule = if i < 2 {
                "E1".to_string()
            } else {
                format!("E{}", [2, 3, 4, 4, 5, 6, 7, 8][i - 2])
            };
            assert!(e.to_string().starts_with(&format!("rule {rule}:")), "{e}");
        }
        // A bad grease stanza breaks E3 too, under the same code (§8.3).
        let grease = EnvelopeError::Grease {
            found: "a-grease".into(),
            reason: "a file may carry only one grease stanza",
        };
        assert_eq!(grease.code(), "stanza_type");
        assert!(grease.to_string().starts_with("rule E3:"), "{grease}");
    }

    #[test]
    fn plaintext_and_payload_lengths() {
        assert_eq!(payload_len(0), 32);
        assert_eq!(payload_len(1), 33);
        assert_eq!(payload_len(65_536), 16 + 65_552);
        assert_eq!(payload_len(65_537), 16 + 65_552 + 17);
        assert_eq!(plaintext_len(32), Some(0));
        assert_eq!(plaintext_len(16 + 65_552), Some(65_536));
        assert_eq!(plaintext_len(16 + 2 * 65_552), Some(131_072));
        assert_eq!(plaintext_len(16 + 65_552 + 16), None);
        assert_eq!(plaintext_len(16), None);
        assert_eq!(plaintext_len(31), None);
        assert_eq!(plaintext_len(0), None);
    }

    /// Bodies that exercise every outcome, for the chunking property.
    fn corpus() -> Vec<(Vec<u8>, Rules)> {
        let h = header(&[x25519(1), x25519(2)]);
        let ok = body(&h, 65_536);
        let mut framing = h.clone();
        framing.extend(noise(9, (NONCE_LEN + SEALED_CHUNK_LEN + TAG_LEN) as usize));
        let armored = b"-----BEGIN AGE ENCRYPTED FILE-----\nabc\n".to_vec();
        let syntax = body(
            &[VERSION_LINE, b"-> X25519 abc\n\n--- x\n"].concat(),
            65_536,
        );
        let grease = body(
            &header(&[x25519(1), stanza("x-grease", &[], &noise(5, 70))]),
            65_536,
        );
        let big = body(
            &header(&[x25519(1), x25519(2), x25519(3), x25519(4)]),
            65_536,
        );
        let long = body(
            &header(&[stanza("X25519", &[b64(&noise(9, 32))], &noise(10, 600))]),
            65_536,
        );
        let reply = rules(1).for_kind(Kind::Reply);
        let greased = body(&header(&[x25519(1), grease_stanza(3), x25519(2)]), 65_536);
        let two_grease = body(
            &header(&[x25519(1), grease_stanza(3), x25519(2), grease_stanza(4)]),
            65_536,
        );
        vec![
            (ok.clone(), rules(2)),
            (
                ok.clone(),
                Rules {
                    max_body_bytes: ok.len() as u64 - 1,
                    ..rules(2)
                },
            ),
            (
                ok.clone(),
                Rules {
                    max_body_bytes: 100,
                    ..rules(2)
                },
            ),
            (
                ok.clone(),
                Rules {
                    min_stanzas: 3,
                    ..rules(3)
                },
            ),
            (framing, rules(2)),
            (armored, rules(2)),
            (b"age-encryption.org/v1\n".to_vec(), rules(2)),
            (syntax, rules(2)),
            (grease, rules(2)),
            (big.clone(), rules(2)),
            (big, rules(5)),
            (body(&h, 65_537), rules(2)),
            (long, rules(2)),
            (greased, reply.clone()),
            (two_grease, reply),
        ]
    }

    proptest! {
        #[test]
        fn payload_len_inverts_plaintext_len(p in 0u64..(1 << 50)) {
            prop_assert_eq!(plaintext_len(payload_len(p)), Some(p));
        }

        #[test]
        fn framing_is_unique(x in 0u64..(1 << 40)) {
            if let Some(p) = plaintext_len(x) {
                prop_assert_eq!(payload_len(p), x);
            }
        }

        #[test]
        fn chunking_does_not_change_the_result(
            which in 0usize..15,
            mut cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
        ) {
            let corpus = corpus();
            let (b, r) = &corpus[which % corpus.len()];
            let whole = check(b, r);
            let mut points: Vec<usize> = cuts.drain(..).map(|i| i.index(b.len() + 1)).collect();
            points.sort_unstable();
            let mut c = Checker::new(r.clone());
            let mut last = 0;
            let mut early = None;
            for p in points.into_iter().chain([b.len()]) {
                if let Err(e) = c.update(&b[last..p]) {
                    early = Some(e);
                    break;
                }
                last = p;
            }
            let chunked = match early {
                Some(e) => Err(e),
                None => c.finish(),
            };
            prop_assert_eq!(chunked, whole);
        }
    }

    #[test]
    fn corpus_covers_the_outcomes() {
        let codes: Vec<&str> = corpus().iter().map(|(b, r)| code(b, r)).collect();
        assert_eq!(
            codes,
            [
                "ok",
                "too_large",
                "too_large",
                "too_few_stanzas",
                "payload_framing",
                "armored",
                "header_syntax",
                "header_syntax",
                "stanza_type",
                "too_many_stanzas",
                "ok",
                "not_padding_bucket",
                "header_too_large",
                "ok",
                "stanza_type"
            ]
        );
    }

    #[test]
    fn byte_by_byte_matches_whole() {
        for (b, r) in corpus() {
            let mut c = Checker::new(r.clone());
            let mut result = Ok(());
            for byte in &b {
                result = c.update(std::slice::from_ref(byte));
                if result.is_err() {
                    break;
                }
            }
            let got = match result {
                Err(e) => Err(e),
                Ok(()) => c.finish(),
            };
            assert_eq!(got, check(&b, &r));
        }
    }
}
