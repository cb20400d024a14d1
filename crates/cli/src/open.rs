//! Opening an age file — a stored case, or any single file given to
//! `whistlebox decrypt` — with the investigator's identities, with every
//! failure mapped to a clear [`Error`] (not addressed to you versus damaged).
//!
//! One path for all: the input goes through the `age` crate's armor reader
//! (binary files pass through unchanged; an ASCII-armored file is decoded),
//! its header is read (bounded by [`HEADER_MAX`]) and checked against the
//! header grammar of c2sp.org/age by `whistlebox-core`
//! ([`check_header_grammar`]) — stricter than the `age` crate, which accepts a
//! stanza without its final short body line and a header without its final
//! newline — and only then handed to `age::Decryptor` with the identities
//! (X25519 and post-quantum, [`crate::pq`]).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};
use std::path::Path;

use age::armor::ArmoredReader;
use whistlebox_core::envelope::{check_header_grammar, EnvelopeError};
use whistlebox_core::report::ReportError;

use crate::error::Error;
use crate::identity::Identities;
use crate::store::StoredObject;

/// The largest age header read (through the MAC line): 1 MiB, room for
/// hundreds of post-quantum stanzas (about 1.5 KiB each).
pub const HEADER_MAX: u64 = 1 << 20;

/// The most white space skipped before an armored file (c2sp.org/age
/// "ASCII armor": decoders ignore leading and trailing white space).
const LEADING_SPACE_MAX: usize = 1024;
/// The armor's first line.
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// The input as the armor reader sees it: its first bytes (already read to
/// skip white space before an armor), then the rest.
pub type Input<R> = Chain<Cursor<Vec<u8>>, R>;

/// The bytes age reads: the header already read and checked, then the rest.
pub type Source<R> = BufReader<Chain<Cursor<Vec<u8>>, ArmoredReader<BufReader<Input<R>>>>>;

/// The decrypted plaintext stream of an age file. The payload is
/// authenticated chunk by chunk as it is read; an error while reading means
/// the payload (or the armor around it) is damaged or truncated.
pub type Stream<R> = age::stream::StreamReader<Source<R>>;

/// The decrypted plaintext stream of a case (the container of PROTOCOL.md §1).
pub type Plaintext = Stream<File>;

/// Why an age file could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// None of the identities unwraps a stanza of the header.
    NotAddressed,
    /// The armor, header or header MAC is damaged or malformed.
    Damaged(String),
}

/// Reads the first bytes of `input`, and drops white space before an armor
/// (which the `age` crate's armor reader would take for a binary file).
fn skip_leading_space<R: Read>(mut input: R) -> io::Result<Input<R>> {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let mut head = Vec::new();
    let mut chunk = [0u8; 512];
    loop {
        let k = head.iter().take_while(|b| space(b)).count();
        if head.len() >= k + ARMOR_BEGIN.len() || k > LEADING_SPACE_MAX {
            break;
        }
        let n = match input.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    let k = head.iter().take_while(|b| space(b)).count();
    if k > 0 && k <= LEADING_SPACE_MAX && head[k..].starts_with(ARMOR_BEGIN) {
        head.drain(..k);
    }
    Ok(Cursor::new(head).chain(input))
}

/// Reads the header (through the first line starting with `---`, or to the
/// end of the input, at most [`HEADER_MAX`] bytes) from `input`.
fn read_header<R: BufRead>(input: &mut R) -> io::Result<Vec<u8>> {
    let mut header = Vec::new();
    let mut first = true;
    loop {
        let room = HEADER_MAX.saturating_sub(header.len() as u64);
        if room == 0 {
            break;
        }
        let start = header.len();
        let n = input.by_ref().take(room).read_until(b'\n', &mut header)?;
        let line = &header[start..];
        if n == 0 || !line.ends_with(b"\n") || line.starts_with(b"---") {
            break;
        }
        // Not an age file: stop after its first line.
        if first && !header.starts_with(b"age-encryption.org/") {
            break;
        }
        first = false;
    }
    Ok(header)
}

/// Why a header breaks the grammar, in words for people.
fn grammar_reason(e: EnvelopeError) -> String {
    match e {
        EnvelopeError::NotAge => {
            "it is not an age file (the first line is not \"age-encryption.org/v1\")".into()
        }
        EnvelopeError::HeaderSyntax(msg) => format!("the age header is malformed: {msg}"),
        other => format!("the age header is malformed: {other}"),
    }
}

/// Opens the age file read from `input` (binary or ASCII-armored) with
/// `identities` and returns its plaintext stream.
pub fn open_reader<R: Read>(input: R, identities: &Identities) -> Result<Stream<R>, OpenError> {
    let damaged = OpenError::Damaged;
    let input =
        skip_leading_space(input).map_err(|e| damaged(format!("cannot read the age file: {e}")))?;
    let mut armored = ArmoredReader::new(input);
    let header = read_header(&mut armored).map_err(|e| {
        damaged(match e.kind() {
            io::ErrorKind::InvalidData => format!("the ASCII armor is invalid: {e}"),
            _ => format!("cannot read the age header: {e}"),
        })
    })?;
    if header.len() as u64 >= HEADER_MAX {
        return Err(damaged(format!(
            "the age header is longer than {} MiB",
            HEADER_MAX >> 20
        )));
    }
    let (len, _) = check_header_grammar(&header).map_err(|e| damaged(grammar_reason(e)))?;
    debug_assert_eq!(len, header.len());
    let source = BufReader::new(Cursor::new(header).chain(armored));
    let decryptor = age::Decryptor::new_buffered(source).map_err(|e| match e {
        age::DecryptError::Io(e) => damaged(format!("cannot read the age header: {e}")),
        other => damaged(format!("the age header is invalid: {other}")),
    })?;
    decryptor.decrypt(identities.iter()).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => OpenError::NotAddressed,
        age::DecryptError::InvalidMac => {
            damaged("the age header MAC does not match (the header was altered)".into())
        }
        age::DecryptError::InvalidHeader => damaged(
            "the age header is invalid (a stanza for one of your key types is malformed)".into(),
        ),
        other => damaged(other.to_string()),
    })
}

/// Decrypts the header of a stored object and returns the plaintext stream.
/// The payload is authenticated chunk by chunk as it is read.
pub fn decrypt(object: &StoredObject, identities: &Identities) -> Result<Plaintext, Error> {
    decrypt_file(&object.body, &object.meta.id, identities)
}

/// Decrypts the age file at `path` (named `id` in errors), as [`decrypt`].
pub fn decrypt_file(path: &Path, id: &str, identities: &Identities) -> Result<Plaintext, Error> {
    let file = File::open(path).map_err(Error::io("cannot open", path))?;
    open_reader(file, identities).map_err(|e| match e {
        OpenError::NotAddressed => Error::NotAddressed { id: id.to_string() },
        OpenError::Damaged(reason) => Error::Damaged {
            id: id.to_string(),
            reason,
        },
    })
}

/// Maps a container error met while reading a case's plaintext. I/O errors
/// here come from age's authenticated decryption: the payload is damaged.
pub fn container_error(id: &str, err: ReportError) -> Error {
    match err {
        ReportError::Io(e) => Error::Damaged {
            id: id.to_string(),
            reason: format!("the payload is damaged or truncated ({e})"),
        },
        source => Error::Container {
            id: id.to_string(),
            source,
        },
    }
}
