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
/// Size of the payload nonce (c2sp.org/age "Payload").
const NONCE_LEN: u64 = 16;
/// Plaintext bytes per full STREAM chunk.
const CHUNK_LEN: u64 = 65_536;
/// Bytes of the Poly1305 tag after each chunk.
const TAG_LEN: u64 = 16;
/// Ciphertext bytes of a full STREAM chunk.
const SEALED_CHUNK_LEN: u64 = CHUNK_LEN + TAG_LEN;

/// The stanza type a team's recipients use (rule E3, `PROTOCOL.md §2`, §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StanzaType {
    /// Classic age X25519 recipients (`age1…`).
    X25519,
    /// Hybrid post-quantum recipients (`age1pq1…`, X-Wing = ML-KEM-768 + X25519).
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

/// The envelope rules of one team and relay (`PROTOCOL.md §2`).
#[derive(Clone, Debug)]
pub struct Rules {
    /// The only stanza type accepted (E3), from the keyset.
    pub stanza_type: StanzaType,
    /// Fewest stanzas accepted (E4, `min_recipients`).
    pub min_stanzas: usize,
    /// Most stanzas accepted (E4, the team size).
    pub max_stanzas: usize,
    /// Largest body accepted, in bytes (E8, `max_body_bytes`).
    pub max_body_bytes: u64,
}

impl Rules {
    /// The header bound of rule E5: `64 + max_stanzas × S`.
    pub fn header_max(&self) -> usize {
        self.max_stanzas
            .saturating_mul(self.stanza_type.max_stanza_len())
            .saturating_add(64)
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
    /// E3: a stanza is not of the team's type.
    #[error("rule E3: stanza type {found:?} is not accepted; this relay accepts only {expected} stanzas")]
    StanzaType {
        /// The type label found.
        found: String,
        /// The accepted type label.
        expected: &'static str,
    },
    /// E4: fewer stanzas than `min_recipients`.
    #[error("rule E4: the file has {found} recipient stanzas; at least {min} are required")]
    TooFewStanzas {
        /// Stanzas in the header.
        found: usize,
        /// The minimum.
        min: usize,
    },
    /// E4: more stanzas than the team has members.
    #[error("rule E4: the file has {found} recipient stanzas; at most {max} (the team size) are allowed")]
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
            EnvelopeError::StanzaType { .. } => "stanza_type",
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
    Payload {
        header_len: usize,
        stanzas: usize,
    },
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
        let usable = if over {
            &bytes[..room as usize]
        } else {
            bytes
        };
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
            self.line_start = self.buf.len();
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
                let magic_done = self.buf.len() >= VERSION_LINE.len()
                    && self.buf.starts_with(VERSION_LINE);
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

/// Parses a complete header (E2), then applies E3 and E4; returns the number
/// of stanzas. `header` starts with the version line (already checked, E1) and,
/// when complete, ends with the MAC line.
fn parse_header(header: &[u8], rules: &Rules) -> Result<usize, EnvelopeError> {
    let syntax = |msg: String| EnvelopeError::HeaderSyntax(msg);
    let mut lines = Lines {
        rest: &header[VERSION_LINE.len().min(header.len())..],
        number: 1,
    };
    let mut stanzas: Vec<(String, Vec<Vec<u8>>, usize)> = Vec::new();
    loop {
        let line = lines.next().ok_or_else(|| {
            syntax("the header ends before the MAC line (\"--- …\")".to_string())
        })?;
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

    // E3 and the type-specific shape (E2), stanza by stanza.
    let want = rules.stanza_type;
    for (i, (kind, args, body_len)) in stanzas.iter().enumerate() {
        if kind != want.label() {
            return Err(EnvelopeError::StanzaType {
                found: kind.clone(),
                expected: want.label(),
            });
        }
        let arg_ok = args.len() == 1
            && decode_b64(&args[0]).is_some_and(|a| a.len() == want.arg_len());
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

    // E4.
    let found = stanzas.len();
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
