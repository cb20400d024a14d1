//! The plaintext container: what is encrypted for every report, follow-up,
//! reply and status (`docs/PROTOCOL.md §1`).
//!
//! Layout (§1.1): magic `WBOX`, version `0x01`, `manifest_len` (u32), the
//! manifest as canonical JSON (§1.2), `body_len` (u64), the attachments'
//! bytes concatenated in manifest order, then zero padding to
//! [`padded_len`] (§1.3). Parsing is strict: every
//! condition of the table in §1.1 is its own [`ReportError`].
//!
//! [`encode`] and [`decode`] work on whole containers in memory; [`Reader`]
//! and [`Writer`] stream a container so that no attachment is ever held whole
//! in memory, and [`read_manifest`] reads only the manifest (for listings).

use std::collections::BTreeMap;
use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::padding::padded_len;

/// The container's first four bytes (`PROTOCOL.md §1.1`).
pub const MAGIC: [u8; 4] = *b"WBOX";
/// The container version this crate reads and writes (`PROTOCOL.md §1.1`).
pub const VERSION: u8 = 1;
/// The largest `manifest_len` (`PROTOCOL.md §1.1`).
pub const MANIFEST_MAX: usize = 65_536;

/// Bytes before the manifest: magic, version, `manifest_len`.
const PREFIX_LEN: usize = 9;
/// Bytes of fixed fields in an unpadded container: prefix plus `body_len`.
const FIXED_LEN: u64 = 17;
/// Most form fields in a manifest (§1.2).
const MAX_FIELDS: usize = 64;
/// Longest form field key (§1.2).
const MAX_FIELD_KEY_LEN: usize = 64;
/// Longest form field value, in bytes (§1.2).
const MAX_FIELD_VALUE_LEN: usize = 32_768;
/// Most attachments in a manifest (§1.2).
const MAX_ATTACHMENTS: usize = 64;
/// Longest attachment name, in bytes (§1.2).
const MAX_NAME_LEN: usize = 1_024;
/// Longest attachment media type, in bytes (§1.2).
const MAX_TYPE_LEN: usize = 255;
/// Attachment sizes are below 2^53, so that JavaScript reads them exactly (§1.2).
const MAX_SIZE_EXCLUSIVE: u64 = 1 << 53;
/// Longest `client_time`, in bytes (§1.2).
const MAX_CLIENT_TIME_LEN: usize = 64;
/// Longest `locale`, in bytes (§1.2).
const MAX_LOCALE_LEN: usize = 35;
/// Size of the copy buffer used when streaming attachments and padding.
const COPY_BUF_LEN: usize = 16 * 1024;

/// What a container is (`PROTOCOL.md §1.4`).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A new report, sent by a reporter through the page.
    Report,
    /// More information from a reporter, later.
    Followup,
    /// A message from the investigators to the reporter.
    Reply,
    /// A status update from the investigators.
    Status,
}

impl Kind {
    /// The kind as written in the manifest.
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Followup => "followup",
            Kind::Reply => "reply",
            Kind::Status => "status",
        }
    }
}

/// One attachment's entry in the manifest (`PROTOCOL.md §1.2`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// File name as the sender's system gave it; untrusted (sanitise it, §6.3).
    pub name: String,
    /// Media type, at most 255 bytes, may be empty.
    #[serde(rename = "type")]
    pub media_type: String,
    /// Size in bytes, below 2^53.
    pub size: u64,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
}

impl Attachment {
    /// Describes `bytes` as an attachment: computes its size and SHA-256.
    pub fn describe(name: &str, media_type: &str, bytes: &[u8]) -> Attachment {
        Attachment {
            name: name.to_owned(),
            media_type: media_type.to_owned(),
            size: bytes.len() as u64,
            sha256: hex::encode(Sha256::digest(bytes)),
        }
    }
}

/// The container's manifest (`PROTOCOL.md §1.2`). Field order is key order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// What the container is.
    pub kind: Kind,
    /// Form fields, sorted by key.
    pub fields: BTreeMap<String, String>,
    /// The attachments, in the order their bytes follow.
    pub attachments: Vec<Attachment>,
    /// The age recipient the team may answer to; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_key: Option<String>,
    /// The sender's clock, free form, at most 64 bytes.
    pub client_time: String,
    /// BCP 47 language tag, 1–35 bytes of `[A-Za-z0-9-]`.
    pub locale: String,
}

impl Manifest {
    /// Checks every limit of `PROTOCOL.md §1.2`; the error names the field.
    pub fn validate(&self) -> Result<(), ReportError> {
        let invalid = |msg: String| Err(ReportError::ManifestInvalid(msg));
        if self.fields.len() > MAX_FIELDS {
            return invalid(format!(
                "fields: {} entries, at most {MAX_FIELDS} are allowed",
                self.fields.len()
            ));
        }
        for (key, value) in &self.fields {
            if !valid_field_key(key) {
                return invalid(format!(
                    "fields: key {key:?} must match ^[a-z][a-z0-9_]{{0,63}}$"
                ));
            }
            if value.len() > MAX_FIELD_VALUE_LEN {
                return invalid(format!(
                    "fields.{key}: {} bytes, at most {MAX_FIELD_VALUE_LEN} are allowed",
                    value.len()
                ));
            }
        }
        if self.attachments.len() > MAX_ATTACHMENTS {
            return invalid(format!(
                "attachments: {} entries, at most {MAX_ATTACHMENTS} are allowed",
                self.attachments.len()
            ));
        }
        for (i, a) in self.attachments.iter().enumerate() {
            if a.name.is_empty() || a.name.len() > MAX_NAME_LEN {
                return invalid(format!(
                    "attachments[{i}].name: {} bytes, 1–{MAX_NAME_LEN} are allowed",
                    a.name.len()
                ));
            }
            if a.media_type.len() > MAX_TYPE_LEN {
                return invalid(format!(
                    "attachments[{i}].type: {} bytes, at most {MAX_TYPE_LEN} are allowed",
                    a.media_type.len()
                ));
            }
            if a.size >= MAX_SIZE_EXCLUSIVE {
                return invalid(format!(
                    "attachments[{i}].size: {} is not below 2^53",
                    a.size
                ));
            }
            if a.sha256.len() != 64
                || !a
                    .sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return invalid(format!(
                    "attachments[{i}].sha256: must be 64 lowercase hex characters"
                ));
            }
        }
        if let Some(key) = &self.reply_key {
            if let Err(e) = crate::team::recipient_type(key) {
                let reason = match e {
                    crate::team::TeamError::InvalidRecipient { reason, .. } => reason,
                    other => other.to_string(),
                };
                return invalid(format!("reply_key: not an age recipient: {reason}"));
            }
        }
        if self.client_time.len() > MAX_CLIENT_TIME_LEN {
            return invalid(format!(
                "client_time: {} bytes, at most {MAX_CLIENT_TIME_LEN} are allowed",
                self.client_time.len()
            ));
        }
        if self.locale.is_empty()
            || self.locale.len() > MAX_LOCALE_LEN
            || !self
                .locale
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return invalid(format!(
                "locale: {:?} must be 1–{MAX_LOCALE_LEN} bytes of [A-Za-z0-9-]",
                self.locale
            ));
        }
        Ok(())
    }

    /// The manifest's canonical JSON (`PROTOCOL.md §1.2`): keys in struct
    /// order, field keys sorted, no whitespace, minimal escaping.
    pub fn to_canonical_json(&self) -> Vec<u8> {
        // Only strings, integers, maps with string keys and sequences: this
        // cannot fail.
        serde_json::to_vec(self).expect("a manifest always serialises to JSON")
    }
}

fn valid_field_key(key: &str) -> bool {
    let b = key.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_FIELD_KEY_LEN
        && b[0].is_ascii_lowercase()
        && b[1..]
            .iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
}

/// A decoded container: the manifest and each attachment's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The manifest.
    pub manifest: Manifest,
    /// The attachments' bytes, in manifest order.
    pub attachments: Vec<Vec<u8>>,
}

/// A container that breaks a rule of `PROTOCOL.md §1`, or an I/O failure;
/// [`code`](ReportError::code) is the error name of the table in §1.1.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// Fewer than 9 bytes, or the first 4 are not `WBOX`.
    #[error("bad_magic: not a Whistlebox container (it must start with \"WBOX\")")]
    BadMagic,
    /// The version byte is not `0x01`.
    #[error("unsupported_version: container version {0} is not supported (only version 1)")]
    UnsupportedVersion(u8),
    /// `manifest_len` is over [`MANIFEST_MAX`] (or the manifest to encode is).
    #[error("manifest_too_long: the manifest is {len} bytes, at most {MANIFEST_MAX} are allowed")]
    ManifestTooLong {
        /// The declared (or encoded) manifest length.
        len: u64,
    },
    /// A length is zero or runs past the end of the input, or the input ends early.
    #[error("bad_length: {0}")]
    BadLength(String),
    /// The manifest is not valid JSON or UTF-8, misses or adds a key, or has a wrong type.
    #[error("manifest_json: the manifest is not valid: {0}")]
    ManifestJson(String),
    /// The manifest is valid JSON but not in the canonical form of §1.2.
    #[error(
        "manifest_not_canonical: the manifest is not in canonical JSON form (PROTOCOL.md §1.2)"
    )]
    ManifestNotCanonical,
    /// A manifest value breaks a limit of §1.2; the message names the field.
    #[error("manifest_invalid: {0}")]
    ManifestInvalid(String),
    /// `body_len` (or an attachment body) differs from the sizes in the manifest.
    #[error("attachment_size_mismatch: the manifest declares {declared} bytes of attachments but there are {actual}")]
    AttachmentSizeMismatch {
        /// Bytes declared by the manifest's `size` values.
        declared: u64,
        /// Bytes present (`body_len`, or the body given to encode).
        actual: u64,
    },
    /// An attachment's SHA-256 differs from the manifest; discard what was written.
    #[error("attachment_hash_mismatch: attachment {index} does not match its SHA-256; discard any bytes written for it")]
    AttachmentHashMismatch {
        /// The attachment's index in the manifest.
        index: usize,
    },
    /// A padding byte is not zero.
    #[error("padding_nonzero: the container's padding holds a non-zero byte")]
    PaddingNonZero,
    /// The input is longer than the padded length.
    #[error("trailing_bytes: the container has bytes after its padding")]
    TrailingBytes,
    /// Reading or writing failed.
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
}

impl ReportError {
    /// The error name of `PROTOCOL.md §1.1` (`io` for I/O failures).
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::BadMagic => "bad_magic",
            ReportError::UnsupportedVersion(_) => "unsupported_version",
            ReportError::ManifestTooLong { .. } => "manifest_too_long",
            ReportError::BadLength(_) => "bad_length",
            ReportError::ManifestJson(_) => "manifest_json",
            ReportError::ManifestNotCanonical => "manifest_not_canonical",
            ReportError::ManifestInvalid(_) => "manifest_invalid",
            ReportError::AttachmentSizeMismatch { .. } => "attachment_size_mismatch",
            ReportError::AttachmentHashMismatch { .. } => "attachment_hash_mismatch",
            ReportError::PaddingNonZero => "padding_nonzero",
            ReportError::TrailingBytes => "trailing_bytes",
            ReportError::Io(_) => "io",
        }
    }
}

/// Encodes a container (`PROTOCOL.md §1`). The manifest is validated, and each
/// body must have its entry's size and SHA-256.
pub fn encode(manifest: &Manifest, bodies: &[&[u8]]) -> Result<Vec<u8>, ReportError> {
    manifest.validate()?;
    if bodies.len() != manifest.attachments.len() {
        return Err(ReportError::ManifestInvalid(format!(
            "attachments: the manifest lists {} attachments but {} bodies were given",
            manifest.attachments.len(),
            bodies.len()
        )));
    }
    for (i, (entry, body)) in manifest.attachments.iter().zip(bodies).enumerate() {
        if entry.size != body.len() as u64 {
            return Err(ReportError::AttachmentSizeMismatch {
                declared: entry.size,
                actual: body.len() as u64,
            });
        }
        if hex::encode(Sha256::digest(body)) != entry.sha256 {
            return Err(ReportError::AttachmentHashMismatch { index: i });
        }
    }
    let json = manifest.to_canonical_json();
    if json.len() > MANIFEST_MAX {
        return Err(ReportError::ManifestTooLong {
            len: json.len() as u64,
        });
    }
    let body_len: u64 = bodies.iter().map(|b| b.len() as u64).sum();
    let unpadded = FIXED_LEN + json.len() as u64 + body_len;
    let total = usize::try_from(padded_len(unpadded))
        .map_err(|_| ReportError::BadLength("the container is too large for memory".into()))?;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&MAGIC);
    out.push(VERSION);
    out.extend_from_slice(&(json.len() as u32).to_be_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(&body_len.to_be_bytes());
    for body in bodies {
        out.extend_from_slice(body);
    }
    out.resize(total, 0);
    Ok(out)
}

/// Decodes a whole container strictly, applying every rule of `PROTOCOL.md §1.1`.
pub fn decode(bytes: &[u8]) -> Result<Report, ReportError> {
    let mut reader = Reader::new(bytes)?;
    let mut attachments = Vec::with_capacity(reader.manifest().attachments.len());
    loop {
        let mut body = Vec::new();
        if reader.copy_next_attachment(&mut body)?.is_none() {
            break;
        }
        attachments.push(body);
    }
    let manifest = reader.manifest.clone();
    reader.finish()?;
    Ok(Report {
        manifest,
        attachments,
    })
}

/// Reads only the magic, version and manifest of a container (for listings),
/// checking them as [`decode`] does.
pub fn read_manifest<R: Read>(mut r: R) -> Result<Manifest, ReportError> {
    let (manifest, _) = read_head(&mut r)?;
    Ok(manifest)
}

/// Reads magic, version and manifest; returns the manifest and `manifest_len`.
fn read_head<R: Read>(r: &mut R) -> Result<(Manifest, u64), ReportError> {
    let mut prefix = [0u8; PREFIX_LEN];
    let n = read_full(r, &mut prefix)?;
    // §1.1: fewer than 9 bytes, or the wrong magic.
    if n < PREFIX_LEN || prefix[..4] != MAGIC {
        return Err(ReportError::BadMagic);
    }
    if prefix[4] != VERSION {
        return Err(ReportError::UnsupportedVersion(prefix[4]));
    }
    let manifest_len = u32::from_be_bytes([prefix[5], prefix[6], prefix[7], prefix[8]]);
    if manifest_len == 0 {
        return Err(ReportError::BadLength("manifest_len is 0".into()));
    }
    if manifest_len as usize > MANIFEST_MAX {
        return Err(ReportError::ManifestTooLong {
            len: u64::from(manifest_len),
        });
    }
    let mut json = vec![0u8; manifest_len as usize];
    if read_full(r, &mut json)? < json.len() {
        return Err(ReportError::BadLength(format!(
            "manifest_len {manifest_len} runs past the end of the input"
        )));
    }
    let manifest = parse_manifest(&json)?;
    Ok((manifest, u64::from(manifest_len)))
}

/// A manifest as parsed, before `kind` is checked: an unknown kind is a value
/// that breaks a rule of §1.2 (`manifest_invalid`), not a JSON error. Same keys,
/// order and serialisation as [`Manifest`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    kind: String,
    fields: BTreeMap<String, String>,
    attachments: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reply_key: Option<String>,
    client_time: String,
    locale: String,
}

/// Parses, checks canonical form, then validates a manifest (§1.1, §1.2).
fn parse_manifest(json: &[u8]) -> Result<Manifest, ReportError> {
    let raw: RawManifest =
        serde_json::from_slice(json).map_err(|e| ReportError::ManifestJson(e.to_string()))?;
    let canonical = serde_json::to_vec(&raw).expect("a manifest always serialises to JSON");
    if canonical != json {
        return Err(ReportError::ManifestNotCanonical);
    }
    let kind = match raw.kind.as_str() {
        "report" => Kind::Report,
        "followup" => Kind::Followup,
        "reply" => Kind::Reply,
        "status" => Kind::Status,
        other => {
            return Err(ReportError::ManifestInvalid(format!(
                "kind: {other:?} must be report, followup, reply or status"
            )))
        }
    };
    let manifest = Manifest {
        kind,
        fields: raw.fields,
        attachments: raw.attachments,
        reply_key: raw.reply_key,
        client_time: raw.client_time,
        locale: raw.locale,
    };
    manifest.validate()?;
    Ok(manifest)
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> Result<usize, ReportError> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(ReportError::Io(e)),
        }
    }
    Ok(filled)
}

/// Streaming reader for big containers (never holds an attachment whole in
/// memory). Applies the same rules as [`decode`], in the same order.
#[derive(Debug)]
pub struct Reader<R> {
    inner: R,
    manifest: Manifest,
    /// Index of the next attachment to read.
    next: usize,
    /// The unpadded container length, `17 + manifest_len + body_len`.
    unpadded_len: u64,
}

impl<R: Read> Reader<R> {
    /// Reads magic, version, manifest and `body_len`, and checks the manifest
    /// (§1.1, §1.2) and that `body_len` is the sum of the attachment sizes.
    pub fn new(mut inner: R) -> Result<Self, ReportError> {
        let (manifest, manifest_len) = read_head(&mut inner)?;
        let mut len = [0u8; 8];
        if read_full(&mut inner, &mut len)? < len.len() {
            return Err(ReportError::BadLength(
                "the input ends before body_len".into(),
            ));
        }
        let body_len = u64::from_be_bytes(len);
        // At most 64 sizes below 2^53 each: the sum cannot overflow.
        let declared: u64 = manifest.attachments.iter().map(|a| a.size).sum();
        if declared != body_len {
            return Err(ReportError::AttachmentSizeMismatch {
                declared,
                actual: body_len,
            });
        }
        Ok(Reader {
            inner,
            manifest,
            next: 0,
            unpadded_len: FIXED_LEN + manifest_len + body_len,
        })
    }

    /// The (validated) manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Copies the next attachment to `out`, verifying its size and SHA-256;
    /// returns its index, or `Ok(None)` when all were read.
    /// On [`ReportError::AttachmentHashMismatch`] the caller must discard what
    /// was written.
    pub fn copy_next_attachment<W: Write>(
        &mut self,
        out: &mut W,
    ) -> Result<Option<usize>, ReportError> {
        let index = self.next;
        let Some(entry) = self.manifest.attachments.get(index) else {
            return Ok(None);
        };
        let mut remaining = entry.size;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; COPY_BUF_LEN];
        while remaining > 0 {
            let want = remaining.min(COPY_BUF_LEN as u64) as usize;
            let n = read_full(&mut self.inner, &mut buf[..want])?;
            if n == 0 {
                return Err(ReportError::BadLength(format!(
                    "body_len runs past the end of the input (in attachment {index})"
                )));
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])?;
            remaining -= n as u64;
        }
        if hex::encode(hasher.finalize()) != entry.sha256 {
            return Err(ReportError::AttachmentHashMismatch { index });
        }
        self.next += 1;
        Ok(Some(index))
    }

    /// Reads (and verifies) any remaining attachments, then checks that the
    /// padding is zero and that the input ends exactly at the padded length (§1.3).
    pub fn finish(mut self) -> Result<(), ReportError> {
        while self.copy_next_attachment(&mut io::sink())?.is_some() {}
        let padded = padded_len(self.unpadded_len);
        let mut remaining = padded - self.unpadded_len;
        let mut buf = [0u8; COPY_BUF_LEN];
        while remaining > 0 {
            let want = remaining.min(COPY_BUF_LEN as u64) as usize;
            let n = read_full(&mut self.inner, &mut buf[..want])?;
            if buf[..n].iter().any(|&b| b != 0) {
                return Err(ReportError::PaddingNonZero);
            }
            if n < want {
                return Err(ReportError::BadLength(format!(
                    "the input is shorter than the padded length {padded}"
                )));
            }
            remaining -= n as u64;
        }
        let mut extra = [0u8; 1];
        if read_full(&mut self.inner, &mut extra)? != 0 {
            return Err(ReportError::TrailingBytes);
        }
        Ok(())
    }
}

/// Streaming writer, the counterpart of [`Reader`]: writes a container whose
/// attachments are copied from readers one after the other, so that none is
/// ever held whole in memory (`PROTOCOL.md §1.1`). [`Writer::new`] validates
/// the manifest and writes the head; [`Writer::write_attachment`] copies the
/// next attachment, checking its size and SHA-256 against the manifest;
/// [`Writer::finish`] writes the zero padding (§1.3). The output is byte for
/// byte what [`encode`] produces for the same manifest and bodies.
#[derive(Debug)]
pub struct Writer<W> {
    out: W,
    manifest: Manifest,
    /// Index of the next attachment to write.
    next: usize,
    /// The unpadded container length, `17 + manifest_len + body_len`.
    unpadded_len: u64,
}

impl<W: Write> Writer<W> {
    /// Validates `manifest` (§1.2) and writes magic, version, manifest and
    /// `body_len` (the sum of the attachment sizes).
    pub fn new(mut out: W, manifest: Manifest) -> Result<Self, ReportError> {
        manifest.validate()?;
        // The manifest holds the message: zeroized once written.
        let json = zeroize::Zeroizing::new(manifest.to_canonical_json());
        if json.len() > MANIFEST_MAX {
            return Err(ReportError::ManifestTooLong {
                len: json.len() as u64,
            });
        }
        // At most 64 sizes below 2^53 each: the sum cannot overflow.
        let body_len: u64 = manifest.attachments.iter().map(|a| a.size).sum();
        out.write_all(&MAGIC)?;
        out.write_all(&[VERSION])?;
        out.write_all(&(json.len() as u32).to_be_bytes())?;
        out.write_all(&json)?;
        out.write_all(&body_len.to_be_bytes())?;
        Ok(Writer {
            out,
            unpadded_len: FIXED_LEN + json.len() as u64 + body_len,
            manifest,
            next: 0,
        })
    }

    /// Copies the next attachment from `input`, which must hold exactly the
    /// entry's `size` bytes with its `sha256`; returns its index. On an error
    /// the container written so far is invalid and must be discarded.
    pub fn write_attachment<R: Read>(&mut self, mut input: R) -> Result<usize, ReportError> {
        let index = self.next;
        let Some(entry) = self.manifest.attachments.get(index) else {
            return Err(ReportError::ManifestInvalid(format!(
                "attachments: the manifest lists {index} attachments, all already written"
            )));
        };
        let mut remaining = entry.size;
        let mut hasher = Sha256::new();
        let mut buf = zeroize::Zeroizing::new(vec![0u8; COPY_BUF_LEN]);
        while remaining > 0 {
            let want = remaining.min(COPY_BUF_LEN as u64) as usize;
            let n = read_full(&mut input, &mut buf[..want])?;
            if n == 0 {
                return Err(ReportError::AttachmentSizeMismatch {
                    declared: entry.size,
                    actual: entry.size - remaining,
                });
            }
            hasher.update(&buf[..n]);
            self.out.write_all(&buf[..n])?;
            remaining -= n as u64;
        }
        if read_full(&mut input, &mut buf[..1])? != 0 {
            return Err(ReportError::AttachmentSizeMismatch {
                declared: entry.size,
                actual: entry.size + 1,
            });
        }
        if hex::encode(hasher.finalize()) != entry.sha256 {
            return Err(ReportError::AttachmentHashMismatch { index });
        }
        self.next += 1;
        Ok(index)
    }

    /// Writes the zero padding once every attachment was written, and returns
    /// the output.
    pub fn finish(mut self) -> Result<W, ReportError> {
        if self.next != self.manifest.attachments.len() {
            return Err(ReportError::ManifestInvalid(format!(
                "attachments: {} of {} attachments were written",
                self.next,
                self.manifest.attachments.len()
            )));
        }
        let mut remaining = padded_len(self.unpadded_len) - self.unpadded_len;
        let zeros = [0u8; COPY_BUF_LEN];
        while remaining > 0 {
            let n = remaining.min(COPY_BUF_LEN as u64) as usize;
            self.out.write_all(&zeros[..n])?;
            remaining -= n as u64;
        }
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::padding::is_bucket;
    use proptest::prelude::*;

    const RECIPIENT: &str = "age14a7lm93mt7ra3rceeu3lacwzr0ecgq87v0jppy0vhzh68qsaf4kscmwr6c";

    fn manifest(attachments: Vec<Attachment>) -> Manifest {
        let mut fields = BTreeMap::new();
        fields.insert("what".to_owned(), "Something happened.".to_owned());
        fields.insert("category".to_owned(), "harassment".to_owned());
        Manifest {
            kind: Kind::Report,
            fields,
            attachments,
            reply_key: None,
            client_time: "2025-03-01T10:00:00Z".to_owned(),
            locale: "en".to_owned(),
        }
    }

    fn two_attachments() -> (Manifest, Vec<Vec<u8>>) {
        let a = b"first file".to_vec();
        let b: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
        let m = manifest(vec![
            Attachment::describe("a.txt", "text/plain", &a),
            Attachment::describe("b.bin", "", &b),
        ]);
        (m, vec![a, b])
    }

    fn encode_owned(m: &Manifest, bodies: &[Vec<u8>]) -> Result<Vec<u8>, ReportError> {
        let refs: Vec<&[u8]> = bodies.iter().map(Vec::as_slice).collect();
        encode(m, &refs)
    }

    /// A container with a hand-written manifest, correct lengths and padding.
    fn raw_container(json: &[u8], body: &[u8]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(VERSION);
        out.extend_from_slice(&(json.len() as u32).to_be_bytes());
        out.extend_from_slice(json);
        out.extend_from_slice(&(body.len() as u64).to_be_bytes());
        out.extend_from_slice(body);
        out.resize(padded_len(out.len() as u64) as usize, 0);
        out
    }

    fn code_of(bytes: &[u8]) -> &'static str {
        match decode(bytes) {
            Ok(_) => "success",
            Err(e) => e.code(),
        }
    }

    /// Replaces the manifest of a valid container by `json` (keeping the body).
    fn with_manifest(json: &str) -> Vec<u8> {
        raw_container(json.as_bytes(), b"")
    }

    const GOOD_JSON: &str = r#"{"kind":"report","fields":{"what":"x"},"attachments":[],"client_time":"t","locale":"en"}"#;

    #[test]
    fn layout_and_round_trip() {
        let (m, bodies) = two_attachments();
        let bytes = encode_owned(&m, &bodies).unwrap();
        let json = m.to_canonical_json();
        assert_eq!(&bytes[..4], b"WBOX");
        assert_eq!(bytes[4], 1);
        assert_eq!(&bytes[5..9], &(json.len() as u32).to_be_bytes());
        assert_eq!(&bytes[9..9 + json.len()], json.as_slice());
        let body_len =
            u64::from_be_bytes(bytes[9 + json.len()..17 + json.len()].try_into().unwrap());
        assert_eq!(body_len, 70_010);
        assert!(is_bucket(bytes.len() as u64));
        assert!(bytes.len() > 65_536);
        assert_eq!(
            bytes.len() as u64,
            padded_len(17 + json.len() as u64 + 70_010)
        );
        let report = decode(&bytes).unwrap();
        assert_eq!(report.manifest, m);
        assert_eq!(report.attachments, bodies);
    }

    #[test]
    fn small_container_pads_to_64_kib() {
        let bytes = encode_owned(&manifest(vec![]), &[]).unwrap();
        assert_eq!(bytes.len(), 65_536);
        assert!(bytes[200..].iter().all(|&b| b == 0));
    }

    #[test]
    fn canonical_json_escapes_like_json_stringify() {
        let mut m = manifest(vec![]);
        m.fields.clear();
        m.fields.insert(
            "note".into(),
            "q\"b\\\u{8}\t\n\u{c}\r\u{1}\u{1f}\u{7f}é\u{2028}/<".into(),
        );
        let json = String::from_utf8(m.to_canonical_json()).unwrap();
        assert_eq!(
            json,
            "{\"kind\":\"report\",\"fields\":{\"note\":\"q\\\"b\\\\\\b\\t\\n\\f\\r\\u0001\\u001f\u{7f}é\u{2028}/<\"},\"attachments\":[],\"client_time\":\"2025-03-01T10:00:00Z\",\"locale\":\"en\"}"
        );
    }

    #[test]
    fn reply_key_is_omitted_when_absent() {
        let mut m = manifest(vec![]);
        let json = String::from_utf8(m.to_canonical_json()).unwrap();
        assert!(!json.contains("reply_key"));
        m.reply_key = Some(RECIPIENT.into());
        let json = String::from_utf8(m.to_canonical_json()).unwrap();
        assert!(json.contains(&format!(",\"reply_key\":\"{RECIPIENT}\",\"client_time\"")));
        let bytes = encode_owned(&m, &[]).unwrap();
        assert_eq!(decode(&bytes).unwrap().manifest, m);
    }

    #[test]
    fn good_raw_manifest_decodes() {
        assert_eq!(code_of(&with_manifest(GOOD_JSON)), "success");
    }

    #[test]
    fn bad_magic() {
        assert_eq!(code_of(b""), "bad_magic");
        assert_eq!(code_of(b"WBOX\x01\0\0\0"), "bad_magic"); // 8 bytes
        let mut bytes = with_manifest(GOOD_JSON);
        bytes[3] = b'x';
        assert_eq!(code_of(&bytes), "bad_magic");
    }

    #[test]
    fn unsupported_version() {
        let mut bytes = with_manifest(GOOD_JSON);
        bytes[4] = 2;
        assert!(matches!(
            decode(&bytes),
            Err(ReportError::UnsupportedVersion(2))
        ));
    }

    #[test]
    fn manifest_length_limits() {
        let mut bytes = with_manifest(GOOD_JSON);
        bytes[5..9].copy_from_slice(&65_537u32.to_be_bytes());
        assert!(matches!(
            decode(&bytes),
            Err(ReportError::ManifestTooLong { len: 65_537 })
        ));
        bytes[5..9].copy_from_slice(&0u32.to_be_bytes());
        assert_eq!(code_of(&bytes), "bad_length");
        // Past the end of the input.
        bytes[5..9].copy_from_slice(&65_536u32.to_be_bytes());
        assert_eq!(code_of(&bytes[..1_000]), "bad_length");
        // body_len missing.
        let good = with_manifest(GOOD_JSON);
        assert_eq!(code_of(&good[..9 + GOOD_JSON.len() + 4]), "bad_length");
    }

    #[test]
    fn manifest_json_errors() {
        let cases = [
            r#"{"kind":"report","#,
            r#"{"kind":"report","fields":{},"attachments":[],"client_time":"t","locale":"en","extra":1}"#,
            r#"{"kind":"report","fields":{},"attachments":[],"client_time":"t"}"#,
            r#"{"kind":"report","fields":{},"attachments":[{"name":"a","type":"","size":"0","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}],"client_time":"t","locale":"en"}"#,
            r#"{"kind":"report","fields":{"a":"\ud800"},"attachments":[],"client_time":"t","locale":"en"}"#,
            r#"{"kind":null,"fields":{},"attachments":[],"client_time":"t","locale":"en"}"#,
            r#"[]"#,
            r#"{"kind":"report","kind":"report","fields":{},"attachments":[],"client_time":"t","locale":"en"}"#,
        ];
        for json in cases {
            assert_eq!(code_of(&with_manifest(json)), "manifest_json", "{json}");
        }
        let mut bad_utf8 = GOOD_JSON.as_bytes().to_vec();
        let i = GOOD_JSON.find("\"x\"").unwrap() + 1;
        bad_utf8[i] = 0xff;
        assert_eq!(code_of(&raw_container(&bad_utf8, b"")), "manifest_json");
    }

    #[test]
    fn manifest_not_canonical() {
        let cases = [
            // Whitespace.
            r#"{"kind": "report","fields":{"what":"x"},"attachments":[],"client_time":"t","locale":"en"}"#,
            // Unsorted field keys.
            r#"{"kind":"report","fields":{"what":"x","category":"y"},"attachments":[],"client_time":"t","locale":"en"}"#,
            // Key order.
            r#"{"fields":{"what":"x"},"kind":"report","attachments":[],"client_time":"t","locale":"en"}"#,
            // Needless escapes.
            r#"{"kind":"report","fields":{"what":"\u0078"},"attachments":[],"client_time":"t","locale":"en"}"#,
            r#"{"kind":"report","fields":{"what":"a\/b"},"attachments":[],"client_time":"t","locale":"en"}"#,
            // Upper-case hex escape.
            r#"{"kind":"report","fields":{"what":"\u001F"},"attachments":[],"client_time":"t","locale":"en"}"#,
            // null instead of omission.
            r#"{"kind":"report","fields":{"what":"x"},"attachments":[],"reply_key":null,"client_time":"t","locale":"en"}"#,
            // Duplicate field key.
            r#"{"kind":"report","fields":{"what":"x","what":"x"},"attachments":[],"client_time":"t","locale":"en"}"#,
        ];
        for json in cases {
            assert_eq!(
                code_of(&with_manifest(json)),
                "manifest_not_canonical",
                "{json}"
            );
        }
    }

    #[test]
    fn manifest_invalid_names_the_field() {
        let long = "x".repeat(32_769);
        let too_many_fields: BTreeMap<String, String> =
            (0..65).map(|i| (format!("f{i}"), String::new())).collect();
        let att = Attachment::describe("a", "", b"");
        type Mutation = Box<dyn Fn(&mut Manifest)>;
        let cases: Vec<(&str, Mutation)> = vec![
            (
                "fields: key",
                Box::new(|m| {
                    m.fields.insert("Bad".into(), "v".into());
                }),
            ),
            (
                "fields: key",
                Box::new(|m| {
                    m.fields.insert("9a".into(), "v".into());
                }),
            ),
            (
                "fields: key",
                Box::new(|m| {
                    m.fields.insert("a".repeat(65), "v".into());
                }),
            ),
            (
                "fields.what",
                Box::new(move |m| {
                    m.fields.insert("what".into(), long.clone());
                }),
            ),
            (
                "fields:",
                Box::new(move |m| m.fields = too_many_fields.clone()),
            ),
            (
                "attachments:",
                Box::new(move |m| m.attachments = vec![att.clone(); 65]),
            ),
            (
                "attachments[0].name",
                Box::new(|m| m.attachments = vec![Attachment::describe("", "", b"")]),
            ),
            (
                "attachments[0].name",
                Box::new(|m| {
                    m.attachments = vec![Attachment::describe(&"n".repeat(1_025), "", b"")]
                }),
            ),
            (
                "attachments[0].type",
                Box::new(|m| {
                    m.attachments = vec![Attachment::describe("a", &"t".repeat(256), b"")]
                }),
            ),
            (
                "attachments[0].size",
                Box::new(|m| {
                    let mut a = Attachment::describe("a", "", b"");
                    a.size = 1 << 53;
                    m.attachments = vec![a];
                }),
            ),
            (
                "attachments[0].sha256",
                Box::new(|m| {
                    let mut a = Attachment::describe("a", "", b"");
                    a.sha256 = a.sha256.to_uppercase();
                    m.attachments = vec![a];
                }),
            ),
            (
                "attachments[0].sha256",
                Box::new(|m| {
                    let mut a = Attachment::describe("a", "", b"");
                    a.sha256.pop();
                    m.attachments = vec![a];
                }),
            ),
            (
                "reply_key",
                Box::new(|m| m.reply_key = Some("age1notakey".into())),
            ),
            (
                "reply_key",
                Box::new(|m| m.reply_key = Some(RECIPIENT.to_uppercase())),
            ),
            ("client_time", Box::new(|m| m.client_time = "t".repeat(65))),
            ("locale", Box::new(|m| m.locale = String::new())),
            ("locale", Box::new(|m| m.locale = "en_US".into())),
            ("locale", Box::new(|m| m.locale = "a".repeat(36))),
        ];
        for (field, mutate) in &cases {
            let mut m = manifest(vec![]);
            mutate(&mut m);
            let err = m.validate().unwrap_err();
            assert_eq!(err.code(), "manifest_invalid");
            assert!(err.to_string().contains(field), "{err} should name {field}");
            // The same manifest fails in decode, hashes and sizes aside.
            let json = m.to_canonical_json();
            if json.len() <= MANIFEST_MAX {
                let body_len: u64 = m.attachments.iter().map(|a| a.size).sum();
                let body = vec![0u8; body_len.min(1) as usize];
                let got = decode(&raw_container(&json, &body)).unwrap_err();
                assert_eq!(got.code(), "manifest_invalid", "{field}: {got}");
            }
            assert_eq!(
                encode(&m, &vec![&b""[..]; m.attachments.len()])
                    .unwrap_err()
                    .code(),
                "manifest_invalid"
            );
        }
        let unknown_kind = GOOD_JSON.replace("\"report\"", "\"complaint\"");
        let err = decode(&with_manifest(&unknown_kind)).unwrap_err();
        assert_eq!(err.code(), "manifest_invalid");
        assert!(err.to_string().contains("kind"));
        // Limits are inclusive.
        let mut m = manifest(vec![Attachment::describe(
            &"n".repeat(1_024),
            &"t".repeat(255),
            b"",
        )]);
        m.fields.insert("a".repeat(64), "v".repeat(32_768));
        m.client_time = "t".repeat(64);
        m.locale = "a".repeat(35);
        m.validate().unwrap();
    }

    #[test]
    fn attachment_size_mismatch() {
        let (m, bodies) = two_attachments();
        let mut bytes = encode_owned(&m, &bodies).unwrap();
        let at = 9 + m.to_canonical_json().len();
        bytes[at..at + 8].copy_from_slice(&70_009u64.to_be_bytes());
        assert!(matches!(
            decode(&bytes),
            Err(ReportError::AttachmentSizeMismatch {
                declared: 70_010,
                actual: 70_009
            })
        ));
        // encode refuses a body whose size is not the entry's.
        let err = encode(&m, &[&bodies[0][1..], &bodies[1]]).unwrap_err();
        assert_eq!(err.code(), "attachment_size_mismatch");
    }

    #[test]
    fn attachment_hash_mismatch() {
        let (m, bodies) = two_attachments();
        let mut bytes = encode_owned(&m, &bodies).unwrap();
        let at = 17 + m.to_canonical_json().len() + 10 + 500; // inside the second attachment
        bytes[at] ^= 1;
        assert!(matches!(
            decode(&bytes),
            Err(ReportError::AttachmentHashMismatch { index: 1 })
        ));
        let mut other = bodies[1].clone();
        other[0] ^= 1;
        let err = encode(&m, &[&bodies[0], &other]).unwrap_err();
        assert!(matches!(
            err,
            ReportError::AttachmentHashMismatch { index: 1 }
        ));
        // Bodies count must match the manifest.
        assert_eq!(
            encode(&m, &[&bodies[0]]).unwrap_err().code(),
            "manifest_invalid"
        );
    }

    #[test]
    fn truncation_padding_and_trailing_bytes() {
        let (m, bodies) = two_attachments();
        let bytes = encode_owned(&m, &bodies).unwrap();
        let unpadded = 17 + m.to_canonical_json().len() + 70_010;
        // Truncated inside the body, and inside the padding.
        assert_eq!(code_of(&bytes[..unpadded - 1]), "bad_length");
        assert_eq!(code_of(&bytes[..bytes.len() - 1]), "bad_length");
        // Non-zero padding, first and last byte.
        for at in [unpadded, bytes.len() - 1] {
            let mut b = bytes.clone();
            b[at] = 1;
            assert_eq!(code_of(&b), "padding_nonzero");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(decode(&longer), Err(ReportError::TrailingBytes)));
    }

    #[test]
    fn encode_refuses_an_oversized_manifest() {
        let mut m = manifest(vec![]);
        for i in 0..3 {
            m.fields.insert(format!("f{i}"), "x".repeat(30_000));
        }
        assert!(matches!(
            encode(&m, &[]),
            Err(ReportError::ManifestTooLong { len }) if len > 65_536
        ));
    }

    /// Hands out at most 7 bytes per read, to exercise partial reads.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(7).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn reader_streams_attachments() {
        let (m, bodies) = two_attachments();
        let bytes = encode_owned(&m, &bodies).unwrap();
        let mut reader = Reader::new(Trickle(&bytes)).unwrap();
        assert_eq!(reader.manifest(), &m);
        let mut first = Vec::new();
        assert_eq!(reader.copy_next_attachment(&mut first).unwrap(), Some(0));
        assert_eq!(first, bodies[0]);
        // finish() verifies the attachment it skips.
        reader.finish().unwrap();

        let mut bad = bytes.clone();
        let last = bad.len() - 1;
        bad[last] = 9;
        let mut reader = Reader::new(Trickle(&bad)).unwrap();
        let mut sink = Vec::new();
        assert_eq!(reader.copy_next_attachment(&mut sink).unwrap(), Some(0));
        assert_eq!(reader.copy_next_attachment(&mut sink).unwrap(), Some(1));
        assert_eq!(reader.copy_next_attachment(&mut sink).unwrap(), None);
        assert_eq!(sink.len(), 70_010);
        assert!(matches!(reader.finish(), Err(ReportError::PaddingNonZero)));
    }

    #[test]
    fn writer_matches_encode_and_checks_every_body() {
        let bodies: [&[u8]; 2] = [b"first attachment", &[7u8; 70_000]];
        let m = manifest(vec![
            Attachment::describe("a.txt", "text/plain", bodies[0]),
            Attachment::describe("b.bin", "", bodies[1]),
        ]);
        let mut w = Writer::new(Vec::new(), m.clone()).unwrap();
        assert_eq!(w.write_attachment(bodies[0]).unwrap(), 0);
        assert_eq!(w.write_attachment(bodies[1]).unwrap(), 1);
        let streamed = w.finish().unwrap();
        assert_eq!(streamed, encode(&m, &bodies).unwrap());

        // Too short, too long, altered, missing, one too many.
        let mut w = Writer::new(Vec::new(), m.clone()).unwrap();
        assert_eq!(
            w.write_attachment(&b"first"[..]).unwrap_err().code(),
            "attachment_size_mismatch"
        );
        let mut w = Writer::new(Vec::new(), m.clone()).unwrap();
        assert_eq!(
            w.write_attachment(&b"first attachment!"[..])
                .unwrap_err()
                .code(),
            "attachment_size_mismatch"
        );
        let mut w = Writer::new(Vec::new(), m.clone()).unwrap();
        assert_eq!(
            w.write_attachment(&b"First attachment"[..])
                .unwrap_err()
                .code(),
            "attachment_hash_mismatch"
        );
        let mut w = Writer::new(Vec::new(), m.clone()).unwrap();
        w.write_attachment(bodies[0]).unwrap();
        assert_eq!(w.finish().unwrap_err().code(), "manifest_invalid");
        let mut w = Writer::new(Vec::new(), manifest(vec![])).unwrap();
        assert_eq!(
            w.write_attachment(&b""[..]).unwrap_err().code(),
            "manifest_invalid"
        );
        let empty = w.finish().unwrap();
        assert_eq!(empty, encode(&manifest(vec![]), &[]).unwrap());
    }

    #[test]
    fn read_manifest_reads_only_the_head() {
        let (m, bodies) = two_attachments();
        let bytes = encode_owned(&m, &bodies).unwrap();
        let head = 9 + m.to_canonical_json().len();
        assert_eq!(read_manifest(&bytes[..head]).unwrap(), m);
        assert_eq!(
            read_manifest(&bytes[..head - 1]).unwrap_err().code(),
            "bad_length"
        );
    }

    #[test]
    fn io_errors_pass_through() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        assert_eq!(read_manifest(Broken).unwrap_err().code(), "io");
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,40}",
            "[\\x00-\\x1f\"\\\\/<>a-z]{0,20}",
            "[\u{80}-\u{10ffff}]{0,10}",
        ]
    }

    fn arb_manifest_and_bodies() -> impl Strategy<Value = (Manifest, Vec<Vec<u8>>)> {
        let kind = prop_oneof![
            Just(Kind::Report),
            Just(Kind::Followup),
            Just(Kind::Reply),
            Just(Kind::Status)
        ];
        let fields = prop::collection::btree_map("[a-z][a-z0-9_]{0,10}", text(), 0..6);
        let attachments = prop::collection::vec(
            (
                "\\PC{1,30}",
                "[a-z]{0,10}(/[a-z.+-]{0,10})?",
                prop::collection::vec(any::<u8>(), 0..300),
            ),
            0..4,
        );
        let reply_key = prop::option::of(Just(RECIPIENT.to_owned()));
        (
            kind,
            fields,
            attachments,
            reply_key,
            "[ -~]{0,64}",
            "[A-Za-z0-9-]{1,35}",
        )
            .prop_map(|(kind, fields, atts, reply_key, client_time, locale)| {
                let attachments = atts
                    .iter()
                    .map(|(name, ty, body)| Attachment::describe(name, ty, body))
                    .collect();
                let bodies = atts.into_iter().map(|(_, _, b)| b).collect();
                (
                    Manifest {
                        kind,
                        fields,
                        attachments,
                        reply_key,
                        client_time,
                        locale,
                    },
                    bodies,
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn round_trip((m, bodies) in arb_manifest_and_bodies()) {
            let bytes = encode_owned(&m, &bodies).unwrap();
            prop_assert!(is_bucket(bytes.len() as u64));
            let report = decode(&bytes).unwrap();
            prop_assert_eq!(&report.manifest, &m);
            prop_assert_eq!(&report.attachments, &bodies);
            let again = encode_owned(&report.manifest, &report.attachments).unwrap();
            prop_assert_eq!(again, bytes);
        }
    }
}
