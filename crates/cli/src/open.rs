//! Opening a stored case: age decryption with the investigator's identities,
//! with every failure mapped to a clear [`Error`] (not addressed to you versus
//! damaged).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use whistlebox_core::report::ReportError;

use crate::error::Error;
use crate::identity::Identities;
use crate::store::StoredObject;

/// The decrypted plaintext stream of a case (the container of PROTOCOL.md §1).
pub type Plaintext = age::stream::StreamReader<BufReader<File>>;

/// Decrypts the header of a stored object and returns the plaintext stream.
/// The payload is authenticated chunk by chunk as it is read.
pub fn decrypt(object: &StoredObject, identities: &Identities) -> Result<Plaintext, Error> {
    decrypt_file(&object.body, &object.meta.id, identities)
}

/// Decrypts the age file at `path` (named `id` in errors), as [`decrypt`].
pub fn decrypt_file(path: &Path, id: &str, identities: &Identities) -> Result<Plaintext, Error> {
    let file = File::open(path).map_err(Error::io("cannot open", path))?;
    let damaged = |reason: String| Error::Damaged {
        id: id.to_string(),
        reason,
    };
    let decryptor = age::Decryptor::new_buffered(BufReader::new(file)).map_err(|e| match e {
        age::DecryptError::Io(e) => damaged(format!("cannot read the age header: {e}")),
        other => damaged(format!("the age header is invalid: {other}")),
    })?;
    decryptor.decrypt(identities.iter()).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => Error::NotAddressed { id: id.to_string() },
        age::DecryptError::InvalidMac => {
            damaged("the age header MAC does not match (the header was altered)".into())
        }
        other => damaged(other.to_string()),
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
