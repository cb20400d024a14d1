//! Fuzz target: the plaintext container parser (`docs/PROTOCOL.md §1`).
//!
//! Properties, for any bytes:
//! - [`report::decode`] accepting bytes means they are canonical: re-encoding
//!   the decoded manifest and bodies gives back exactly the input;
//! - the accepted manifest passes `validate()` and its canonical JSON is the
//!   manifest bytes of the input;
//! - [`report::read_manifest`] agrees with `decode`: the same manifest when both
//!   accept, and the same error code when it refuses (it reads a prefix of what
//!   `decode` reads, so its refusal must be `decode`'s refusal);
//! - [`report::Reader`], fed the same bytes through short, uneven reads with
//!   interruptions, agrees with `decode`: same Ok/Err, same error code, same
//!   manifest and attachment bytes.
#![no_main]

use std::io::{self, Read};

use libfuzzer_sys::fuzz_target;
use whistlebox_core::report::{self, Manifest, Reader, ReportError};

/// A reader that hands out the input in small, uneven pieces (1 to 7 bytes,
/// chosen by the input itself) and reports `Interrupted` now and then, as a
/// socket or pipe may.
struct Trickle<'a> {
    data: &'a [u8],
    pos: usize,
    calls: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        if self.calls % 5 == 0 {
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        let rest = &self.data[self.pos..];
        let hint = self.data.get(self.calls % self.data.len().max(1)).copied();
        let piece = 1 + usize::from(hint.unwrap_or(0) % 7);
        let n = piece.min(buf.len()).min(rest.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

/// Decodes through [`Reader`], one attachment at a time.
fn decode_streaming(data: &[u8]) -> Result<(Manifest, Vec<Vec<u8>>), ReportError> {
    let mut reader = Reader::new(Trickle {
        data,
        pos: 0,
        calls: 0,
    })?;
    let manifest = reader.manifest().clone();
    let mut bodies = Vec::new();
    loop {
        let mut body = Vec::new();
        match reader.copy_next_attachment(&mut body)? {
            Some(index) => assert_eq!(index, bodies.len(), "attachment indexes out of order"),
            None => break,
        }
        bodies.push(body);
    }
    reader.finish()?;
    Ok((manifest, bodies))
}

fuzz_target!(|data: &[u8]| {
    let decoded = report::decode(data);
    let head = report::read_manifest(data);
    let streamed = decode_streaming(data);

    match &decoded {
        Ok(report) => {
            let m = &report.manifest;
            m.validate()
                .expect("decode accepted a manifest that validate() refuses");
            assert_eq!(report.attachments.len(), m.attachments.len());
            for (entry, body) in m.attachments.iter().zip(&report.attachments) {
                assert_eq!(entry.size, body.len() as u64, "attachment size");
            }
            // The manifest bytes in the input are its canonical JSON (§1.2).
            let json = m.to_canonical_json();
            let len = u32::from_be_bytes(data[5..9].try_into().unwrap()) as usize;
            assert_eq!(&data[9..9 + len], json.as_slice(), "manifest not canonical");
            // Parse → serialise is byte-identical (§1).
            let bodies: Vec<&[u8]> = report.attachments.iter().map(Vec::as_slice).collect();
            let encoded = report::encode(m, &bodies).expect("re-encoding a decoded container");
            assert!(encoded == data, "decode→encode is not the identity");
        }
        Err(e) => assert!(!e.code().is_empty()),
    }

    match (&head, &decoded) {
        (Ok(h), Ok(r)) => assert_eq!(h, &r.manifest, "read_manifest and decode disagree"),
        (Err(h), Err(d)) => assert_eq!(h.code(), d.code(), "read_manifest: {h}; decode: {d}"),
        (Err(h), Ok(_)) => panic!("read_manifest refuses ({h}) what decode accepts"),
        // The manifest is fine but something after it is not.
        (Ok(_), Err(_)) => {}
    }

    match (&streamed, &decoded) {
        (Ok((m, bodies)), Ok(r)) => {
            assert_eq!(m, &r.manifest, "Reader and decode: manifests differ");
            assert!(bodies == &r.attachments, "Reader and decode: bodies differ");
        }
        (Err(s), Err(d)) => assert_eq!(s.code(), d.code(), "Reader: {s}; decode: {d}"),
        (s, d) => panic!(
            "Reader and decode disagree: Reader {:?}, decode {:?}",
            s.as_ref().map(|_| ()),
            d.as_ref().map(|_| ())
        ),
    }
});
