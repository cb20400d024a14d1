//! The transparency log (`docs/PROTOCOL.md §10`): leaf encoding, RFC 6962
//! tree hashing, signed checkpoints (C2SP tlog-checkpoint in a C2SP
//! signed-note, Ed25519) and inclusion/consistency proof checks — shared by
//! the relay, which writes the log, and the CLI, which verifies it.
//!
//! The tree arithmetic and proofs are Cloudflare's `tlog_tiles` (a port of Go's
//! `golang.org/x/mod/sumdb/tlog`), the note codec is its `signed_note`; this
//! module adds Whistlebox's leaf format and strict, bounded parsers around
//! them. Every parser here takes untrusted bytes.

use base64::Engine as _;
use signed_note::{Note, StandardVerifier, VerifierList};
pub use tlog_tiles::Hash;
use tlog_tiles::{HashReader, HASH_SIZE};

/// Version byte that starts every leaf (§10.1).
pub const LEAF_VERSION: u8 = 1;
/// Length of a leaf: version, kind, id, SHA-256, size (§10.1).
pub const LEAF_LEN: usize = 1 + 1 + 16 + 32 + 8;
/// Longest signed note (checkpoint) accepted (§10.3).
pub const MAX_CHECKPOINT_LEN: usize = 1_024;
/// Longest verifier key accepted (§10.3).
pub const MAX_VKEY_LEN: usize = 256;
/// Longest origin (key name) accepted (§10.3).
pub const MAX_ORIGIN_LEN: usize = 128;
/// Most hashes in an inclusion proof: the height of a tree of 2⁶⁴ leaves.
pub const MAX_INCLUSION_PROOF: usize = 64;
/// Most hashes in a consistency proof (§10.4).
pub const MAX_CONSISTENCY_PROOF: usize = 128;

/// A transparency-log failure: a malformed input or a proof that does not hold.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    /// A leaf is not [`LEAF_LEN`] bytes, has another version or an unknown kind.
    #[error("malformed log leaf: {0}")]
    Leaf(&'static str),
    /// The verifier key is not `<name>+<8 hex>+<base64>` of an Ed25519 key.
    #[error("malformed log verifier key")]
    Vkey,
    /// The checkpoint is not a well-formed signed note.
    #[error("malformed checkpoint: {0}")]
    Checkpoint(&'static str),
    /// The checkpoint carries no valid signature by the expected key.
    #[error("the checkpoint is not signed by the log key {0}")]
    Signature(String),
    /// The checkpoint's origin is not the key's name.
    #[error("the checkpoint's origin {found:?} is not the log key's name {expected:?}")]
    Origin {
        /// The key name.
        expected: String,
        /// The origin line.
        found: String,
    },
    /// A proof hash is not 32 bytes of standard base64, or there are too many.
    #[error("malformed proof: {0}")]
    Proof(&'static str),
    /// An inclusion proof does not lead to the checkpoint's root.
    #[error("inclusion proof of leaf {index} in a tree of {size} does not hold")]
    Inclusion {
        /// The leaf index.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// A consistency proof does not hold: the newer tree does not extend the older.
    #[error("the tree of {to} leaves is not an extension of the tree of {from} leaves")]
    Consistency {
        /// The older size.
        from: u64,
        /// The newer size.
        to: u64,
    },
}

/// What a leaf records (§10.1): one byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LeafKind {
    /// A `report` (§1.4).
    Report,
    /// A reporter's `followup` (§8).
    Followup,
    /// An investigator's `reply` (§8).
    Reply,
    /// An investigator's `status` (§8).
    Status,
    /// The deletion of an earlier object: `id`, `sha256` and `size` repeat
    /// the deleted object's leaf.
    Tombstone,
}

impl LeafKind {
    /// The kind's byte.
    pub fn byte(self) -> u8 {
        match self {
            LeafKind::Report => 1,
            LeafKind::Followup => 2,
            LeafKind::Reply => 3,
            LeafKind::Status => 4,
            LeafKind::Tombstone => 5,
        }
    }

    fn from_byte(byte: u8) -> Option<LeafKind> {
        Some(match byte {
            1 => LeafKind::Report,
            2 => LeafKind::Followup,
            3 => LeafKind::Reply,
            4 => LeafKind::Status,
            5 => LeafKind::Tombstone,
            _ => return None,
        })
    }

    /// The leaf kind of an object of `kind`.
    pub fn of(kind: crate::report::Kind) -> LeafKind {
        use crate::report::Kind;
        match kind {
            Kind::Report => LeafKind::Report,
            Kind::Followup => LeafKind::Followup,
            Kind::Reply => LeafKind::Reply,
            Kind::Status => LeafKind::Status,
        }
    }
}

/// One leaf of the log (§10.1): what it commits to. Never the mailbox, never the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leaf {
    /// What was appended.
    pub kind: LeafKind,
    /// The object id (for a tombstone: the deleted object's id).
    pub id: [u8; 16],
    /// SHA-256 of the whole ciphertext, as stored and served.
    pub sha256: [u8; 32],
    /// The ciphertext's size in bytes.
    pub size: u64,
}

impl Leaf {
    /// The canonical encoding: `0x01 ‖ kind ‖ id ‖ sha256 ‖ size (u64 BE)`.
    pub fn encode(&self) -> [u8; LEAF_LEN] {
        let mut out = [0u8; LEAF_LEN];
        out[0] = LEAF_VERSION;
        out[1] = self.kind.byte();
        out[2..18].copy_from_slice(&self.id);
        out[18..50].copy_from_slice(&self.sha256);
        out[50..].copy_from_slice(&self.size.to_be_bytes());
        out
    }

    /// Parses exactly one encoded leaf.
    pub fn parse(bytes: &[u8]) -> Result<Leaf, LogError> {
        if bytes.len() != LEAF_LEN {
            return Err(LogError::Leaf("a leaf is 58 bytes"));
        }
        if bytes[0] != LEAF_VERSION {
            return Err(LogError::Leaf("unknown leaf version"));
        }
        let kind = LeafKind::from_byte(bytes[1]).ok_or(LogError::Leaf("unknown leaf kind"))?;
        Ok(Leaf {
            kind,
            id: bytes[2..18].try_into().expect("16 bytes"),
            sha256: bytes[18..50].try_into().expect("32 bytes"),
            size: u64::from_be_bytes(bytes[50..].try_into().expect("8 bytes")),
        })
    }

    /// The tombstone of this leaf's object (§10.1).
    pub fn tombstone(&self) -> Leaf {
        Leaf {
            kind: LeafKind::Tombstone,
            ..*self
        }
    }

    /// The RFC 6962 leaf hash, `SHA-256(0x00 ‖ encoding)`.
    pub fn hash(&self) -> Hash {
        tlog_tiles::record_hash(&self.encode())
    }
}

/// A whole tree held in memory, built leaf by leaf (the CLI's recomputation
/// and tests): the same stored hashes the relay keeps in sled.
#[derive(Clone, Debug, Default)]
pub struct MemoryTree {
    hashes: Vec<Hash>,
    size: u64,
}

impl HashReader for MemoryTree {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog_tiles::Error> {
        indexes
            .iter()
            .map(|&i| {
                usize::try_from(i)
                    .ok()
                    .and_then(|i| self.hashes.get(i).copied())
                    .ok_or(tlog_tiles::Error::IndexesNotInTree)
            })
            .collect()
    }
}

impl MemoryTree {
    /// An empty tree.
    pub fn new() -> MemoryTree {
        MemoryTree::default()
    }

    /// Appends a leaf hash.
    pub fn push_hash(&mut self, leaf_hash: Hash) {
        let new = stored_hashes(self.size, leaf_hash, self).expect("every earlier hash is held");
        self.hashes.extend(new);
        self.size += 1;
    }

    /// Appends a leaf.
    pub fn push(&mut self, leaf: &Leaf) {
        self.push_hash(leaf.hash());
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Every stored hash, by stored-hash index (§10.2): what a relay keeps
    /// in its `log_hashes` tree for the same leaves.
    pub fn stored(&self) -> &[Hash] {
        &self.hashes
    }

    /// The root of the first `size` leaves (`size` ≤ [`MemoryTree::size`]).
    pub fn root_at(&self, size: u64) -> Option<Hash> {
        (size <= self.size).then(|| tree_hash(size, self).expect("every hash is held"))
    }

    /// The root of the whole tree.
    pub fn root(&self) -> Hash {
        tree_hash(self.size, self).expect("every hash is held")
    }

    /// The inclusion proof of leaf `index` in the tree of the first `size` leaves.
    pub fn prove_inclusion(&self, index: u64, size: u64) -> Option<Vec<Hash>> {
        (index < size && size <= self.size)
            .then(|| tlog_tiles::prove_record(size, index, self).expect("every hash is held"))
    }

    /// The consistency proof from the first `from` leaves to the first `to`.
    pub fn prove_consistency(&self, from: u64, to: u64) -> Option<Vec<Hash>> {
        if from > to || to > self.size {
            return None;
        }
        if from == 0 || from == to {
            return Some(Vec::new());
        }
        Some(tlog_tiles::prove_tree(to, from, self).expect("every hash is held"))
    }
}

/// The hashes to store when appending leaf number `n` with hash `leaf_hash`,
/// at stored-hash indexes `stored_hash_index(0, n)` onwards (Go's
/// `tlog.StoredHashes`); reads up to log₂ n earlier ones from `reader`.
pub fn stored_hashes<R: HashReader>(
    n: u64,
    leaf_hash: Hash,
    reader: &R,
) -> Result<Vec<Hash>, tlog_tiles::Error> {
    tlog_tiles::stored_hashes_for_record_hash(n, leaf_hash, reader)
}

/// The stored-hash index of the first hash written for leaf `n`.
pub fn leaf_storage_index(n: u64) -> u64 {
    tlog_tiles::stored_hash_index(0, n)
}

/// The root of a tree of `size` leaves from its stored hashes.
pub fn tree_hash<R: HashReader>(size: u64, reader: &R) -> Result<Hash, tlog_tiles::Error> {
    tlog_tiles::tree_hash(size, reader)
}

/// The root of a list of leaves (§10.2): `MTH` of RFC 6962 §2.1.
pub fn root_of<'a>(leaves: impl IntoIterator<Item = &'a Leaf>) -> Hash {
    let mut tree = MemoryTree::new();
    for leaf in leaves {
        tree.push(leaf);
    }
    tree.root()
}

/// A log verifier key (§10.3): `<name>+<8 hex key id>+<base64 of 0x01 ‖ Ed25519 public key>`.
#[derive(Clone)]
pub struct VerifierKey {
    text: String,
    verifier: StandardVerifier,
}

impl std::fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("VerifierKey").field(&self.text).finish()
    }
}

impl PartialEq for VerifierKey {
    fn eq(&self, other: &VerifierKey) -> bool {
        self.text == other.text
    }
}

impl VerifierKey {
    /// Parses a verifier key (surrounding white space, e.g. a final newline, is ignored).
    pub fn parse(text: &str) -> Result<VerifierKey, LogError> {
        let text = text.trim();
        if text.len() > MAX_VKEY_LEN || !text.is_ascii() {
            return Err(LogError::Vkey);
        }
        let verifier = StandardVerifier::new(text).map_err(|_| LogError::Vkey)?;
        let name = signed_note::Verifier::name(&verifier);
        if !origin_is_valid(name) {
            return Err(LogError::Vkey);
        }
        Ok(VerifierKey {
            text: text.to_owned(),
            verifier,
        })
    }

    /// The key for `name` and an Ed25519 public key.
    pub fn from_public_key(name: &str, key: &ed25519_dalek::VerifyingKey) -> VerifierKey {
        VerifierKey::parse(&signed_note::new_ed25519_verifier_key(name, key))
            .expect("a key made here parses")
    }

    /// The key's name: the log's origin.
    pub fn name(&self) -> &str {
        signed_note::Verifier::name(&self.verifier)
    }

    /// The key as text (no newline).
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Whether `origin` may name a log (§10.3): 1–128 printable ASCII bytes, no
/// space, no `+`.
pub fn origin_is_valid(origin: &str) -> bool {
    !origin.is_empty()
        && origin.len() <= MAX_ORIGIN_LEN
        && origin.bytes().all(|b| b.is_ascii_graphic() && b != b'+')
}

/// The signed body of a checkpoint (§10.3): origin, size, base64 root, each
/// on a line — no extension lines, no timestamp.
pub fn checkpoint_body(origin: &str, size: u64, root: &Hash) -> String {
    format!("{origin}\n{size}\n{root}\n")
}

/// A checkpoint whose signature has been verified.
#[derive(Clone, Debug, PartialEq)]
pub struct Checkpoint {
    /// The log's origin (the key name).
    pub origin: String,
    /// Number of leaves.
    pub size: u64,
    /// Root hash of those leaves.
    pub root: Hash,
    /// The whole signed note, as received.
    pub text: String,
}

impl Checkpoint {
    /// Parses a signed note and checks it strictly (§10.3): at most
    /// [`MAX_CHECKPOINT_LEN`] bytes; a body of exactly origin, decimal size
    /// and base64 root; the origin equal to the key's name; a valid
    /// signature by `key` (other signatures are ignored).
    pub fn verify(note: &[u8], key: &VerifierKey) -> Result<Checkpoint, LogError> {
        if note.len() > MAX_CHECKPOINT_LEN {
            return Err(LogError::Checkpoint("longer than 1024 bytes"));
        }
        let text = std::str::from_utf8(note)
            .map_err(|_| LogError::Checkpoint("not UTF-8"))?
            .to_owned();
        let parsed =
            Note::from_bytes(note).map_err(|_| LogError::Checkpoint("not a signed note"))?;
        let body = tlog_tiles::Checkpoint::from_bytes(parsed.text())
            .map_err(|_| LogError::Checkpoint("body is not origin, size, root"))?;
        if !body.extension().is_empty() {
            return Err(LogError::Checkpoint("extension lines are not allowed"));
        }
        if body.origin() != key.name() {
            return Err(LogError::Origin {
                expected: key.name().to_owned(),
                found: body.origin().to_owned(),
            });
        }
        let verifiers = VerifierList::new(vec![Box::new(key.verifier.clone())]);
        // `verify` needs at least one known signature and rejects bad ones by known keys.
        parsed
            .verify(&verifiers)
            .map_err(|_| LogError::Signature(key.as_str().to_owned()))?;
        Ok(Checkpoint {
            origin: body.origin().to_owned(),
            size: body.size(),
            root: *body.hash(),
            text,
        })
    }
}

/// Decodes proof hashes (standard base64 of 32 bytes each), at most `max`.
pub fn decode_proof(hashes: &[String], max: usize) -> Result<Vec<Hash>, LogError> {
    if hashes.len() > max {
        return Err(LogError::Proof("too many hashes"));
    }
    hashes.iter().map(|h| decode_hash(h)).collect()
}

/// Decodes one hash: standard base64 of exactly 32 bytes.
pub fn decode_hash(text: &str) -> Result<Hash, LogError> {
    if text.len() != 44 {
        return Err(LogError::Proof("a hash is 44 base64 characters"));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| LogError::Proof("a hash is not base64"))?;
    let array: [u8; HASH_SIZE] = bytes
        .try_into()
        .map_err(|_| LogError::Proof("a hash is 32 bytes"))?;
    Ok(Hash(array))
}

/// Encodes a hash as standard base64 (44 characters).
pub fn encode_hash(hash: &Hash) -> String {
    base64::engine::general_purpose::STANDARD.encode(hash.0)
}

/// Checks that `proof` shows leaf `index` with hash `leaf_hash` in the tree
/// of `size` leaves with root `root` (RFC 6962 §2.1.1).
pub fn verify_inclusion(
    proof: &[Hash],
    size: u64,
    root: &Hash,
    index: u64,
    leaf_hash: &Hash,
) -> Result<(), LogError> {
    let failed = LogError::Inclusion { index, size };
    if index >= size || proof.len() > MAX_INCLUSION_PROOF {
        return Err(failed);
    }
    tlog_tiles::check_record(&proof.to_vec(), size, *root, index, *leaf_hash).map_err(|_| failed)
}

/// Checks that `proof` shows the tree of `from` leaves with root `old` is a
/// prefix of the tree of `to` leaves with root `new` (RFC 6962 §2.1.2). Equal
/// sizes need an empty proof and equal roots; from an empty tree, an empty proof.
pub fn verify_consistency(
    proof: &[Hash],
    from: u64,
    old: &Hash,
    to: u64,
    new: &Hash,
) -> Result<(), LogError> {
    let failed = LogError::Consistency { from, to };
    if from > to || proof.len() > MAX_CONSISTENCY_PROOF {
        return Err(failed);
    }
    if from == 0 {
        return if proof.is_empty() && (*old == tlog_tiles::EMPTY_HASH) {
            Ok(())
        } else {
            Err(failed)
        };
    }
    if from == to {
        return if proof.is_empty() && old == new {
            Ok(())
        } else {
            Err(failed)
        };
    }
    tlog_tiles::check_tree(&proof.to_vec(), to, *new, from, *old).map_err(|_| failed)
}

/// The root of the empty tree, `SHA-256("")`.
pub fn empty_root() -> Hash {
    tlog_tiles::EMPTY_HASH
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(n: u8) -> Leaf {
        Leaf {
            kind: LeafKind::Report,
            id: [n; 16],
            sha256: [n ^ 0xff; 32],
            size: u64::from(n) * 1000,
        }
    }

    #[test]
    fn leaves_round_trip_and_parse_strictly() {
        let l = Leaf {
            kind: LeafKind::Status,
            ..leaf(7)
        };
        let bytes = l.encode();
        assert_eq!(bytes.len(), LEAF_LEN);
        assert_eq!(bytes[..2], [1, 4]);
        assert_eq!(Leaf::parse(&bytes).unwrap(), l);
        assert_eq!(l.tombstone().encode()[1], 5);
        assert_eq!(l.tombstone().encode()[2..], bytes[2..]);
        let mut bad = bytes;
        bad[0] = 2;
        assert_eq!(
            Leaf::parse(&bad),
            Err(LogError::Leaf("unknown leaf version"))
        );
        bad = bytes;
        bad[1] = 6;
        assert_eq!(Leaf::parse(&bad), Err(LogError::Leaf("unknown leaf kind")));
        assert!(Leaf::parse(&bytes[..57]).is_err());
        assert!(Leaf::parse(&[bytes.as_slice(), &[0]].concat()).is_err());
    }

    /// RFC 6962 hashing, checked against the definition in §2.1 directly.
    fn mth(hashes: &[Hash]) -> Hash {
        use sha2::{Digest, Sha256};
        match hashes.len() {
            0 => Hash(Sha256::digest([]).into()),
            1 => hashes[0],
            n => {
                let k = n.next_power_of_two() / 2;
                let mut h = Sha256::new();
                h.update([1]);
                h.update(mth(&hashes[..k]).0);
                h.update(mth(&hashes[k..]).0);
                Hash(h.finalize().into())
            }
        }
    }

    #[test]
    fn roots_and_proofs_hold_for_every_size_and_pair() {
        let leaves: Vec<Leaf> = (0..20).map(leaf).collect();
        let mut tree = MemoryTree::new();
        assert_eq!(tree.root(), empty_root());
        for l in &leaves {
            tree.push(l);
        }
        let hashes: Vec<Hash> = leaves.iter().map(Leaf::hash).collect();
        for size in 0..=20u64 {
            let root = tree.root_at(size).unwrap();
            assert_eq!(root, mth(&hashes[..size as usize]), "size {size}");
            for index in 0..size {
                let proof = tree.prove_inclusion(index, size).unwrap();
                verify_inclusion(&proof, size, &root, index, &hashes[index as usize]).unwrap();
                let other = hashes[((index + 1) % 20) as usize];
                assert!(verify_inclusion(&proof, size, &root, index, &other).is_err());
            }
            for from in 0..=size {
                let old = tree.root_at(from).unwrap();
                let proof = tree.prove_consistency(from, size).unwrap();
                verify_consistency(&proof, from, &old, size, &root).unwrap();
                if from > 0 && from < size {
                    let wrong = Hash([0xaa; 32]);
                    assert!(verify_consistency(&proof, from, &wrong, size, &root).is_err());
                    assert!(verify_consistency(&proof, from, &old, size, &wrong).is_err());
                }
            }
        }
        assert_eq!(root_of(&leaves), tree.root());
        assert!(tree.prove_inclusion(20, 20).is_none());
        assert!(verify_inclusion(&[], 1, &hashes[0], 1, &hashes[0]).is_err());
        assert!(verify_consistency(&[], 3, &hashes[0], 2, &hashes[0]).is_err());
    }

    #[test]
    fn hostile_proofs_fail_without_panicking() {
        let mut tree = MemoryTree::new();
        for n in 0..9 {
            tree.push(&leaf(n));
        }
        let root = tree.root();
        let h = leaf(0).hash();
        for len in [0, 1, 5, 63, 64, 65, 200] {
            let proof = vec![h; len];
            for (index, size) in [(0, 9), (8, 9), (0, 1), (u64::MAX - 1, u64::MAX)] {
                assert!(verify_inclusion(&proof, size, &root, index, &h).is_err());
            }
            for (from, to) in [(1, 9), (8, 9), (1, u64::MAX), (u64::MAX, u64::MAX)] {
                assert!(verify_consistency(&proof, from, &h, to, &root).is_err());
            }
        }
        assert!(decode_proof(&vec![encode_hash(&h); 65], 64).is_err());
        assert!(decode_hash("AAAA").is_err());
        assert!(decode_hash(&"!".repeat(44)).is_err());
        assert_eq!(decode_hash(&encode_hash(&h)).unwrap(), h);
    }

    fn signer(name: &str) -> (ed25519_dalek::SigningKey, VerifierKey) {
        let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
        let vkey = VerifierKey::from_public_key(name, &key.verifying_key());
        (key, vkey)
    }

    /// A signed note made by hand, per c2sp.org/signed-note: body, blank
    /// line, `— name base64(key id ‖ signature)`.
    fn sign(key: &ed25519_dalek::SigningKey, vkey: &VerifierKey, body: &str) -> String {
        use ed25519_dalek::Signer as _;
        let raw = base64::engine::general_purpose::STANDARD
            .decode(vkey.as_str().rsplit('+').next().unwrap())
            .unwrap();
        let id = signed_note::key_id(vkey.name(), &raw);
        let sig = key.sign(body.as_bytes());
        let mut blob = id.to_be_bytes().to_vec();
        blob.extend_from_slice(&sig.to_bytes());
        format!(
            "{body}\n\u{2014} {} {}\n",
            vkey.name(),
            base64::engine::general_purpose::STANDARD.encode(blob)
        )
    }

    #[test]
    fn checkpoints_verify_only_with_their_key_and_origin() {
        let (key, vkey) = signer("whistlebox.invalid/test");
        let root = leaf(1).hash();
        let body = checkpoint_body("whistlebox.invalid/test", 5, &root);
        let note = sign(&key, &vkey, &body);
        let cp = Checkpoint::verify(note.as_bytes(), &vkey).unwrap();
        assert_eq!(
            (cp.size, cp.root, cp.origin.as_str()),
            (5, root, vkey.name())
        );
        assert_eq!(
            VerifierKey::parse(&format!("{}\n", vkey.as_str())).unwrap(),
            vkey
        );

        let other = ed25519_dalek::SigningKey::from_bytes(&[8; 32]);
        let other_vkey = VerifierKey::from_public_key(vkey.name(), &other.verifying_key());
        assert!(matches!(
            Checkpoint::verify(note.as_bytes(), &other_vkey),
            Err(LogError::Signature(_))
        ));
        // A tampered size breaks the signature.
        let tampered = note.replacen("\n5\n", "\n6\n", 1);
        assert!(Checkpoint::verify(tampered.as_bytes(), &vkey).is_err());
        // Another origin, signed by the right key, is refused.
        let (_, renamed) = signer("elsewhere.invalid/log");
        let body = checkpoint_body("elsewhere.invalid/log", 5, &root);
        let foreign = sign(&key, &renamed, &body);
        assert!(matches!(
            Checkpoint::verify(foreign.as_bytes(), &vkey),
            Err(LogError::Origin { .. })
        ));
        // Extension lines (a timestamp, say) are refused.
        let body = format!(
            "{}time 1700000000\n",
            checkpoint_body(vkey.name(), 5, &root)
        );
        let extended = sign(&key, &vkey, &body);
        assert_eq!(
            Checkpoint::verify(extended.as_bytes(), &vkey),
            Err(LogError::Checkpoint("extension lines are not allowed"))
        );
        assert!(Checkpoint::verify(&vec![b'a'; 2000], &vkey).is_err());
        assert!(Checkpoint::verify(b"", &vkey).is_err());
        assert!(Checkpoint::verify(b"\xff\n1\n", &vkey).is_err());
    }

    /// The verifier key and signature of the example in c2sp.org/signed-note
    /// ("PeterNeumann") — checks the codec against the spec's own example.
    #[test]
    fn the_signed_note_spec_example_verifies() {
        let vkey = VerifierKey::parse(
            "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        )
        .unwrap();
        assert_eq!(vkey.name(), "PeterNeumann");
        assert!(VerifierKey::parse(
            "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
        )
        .is_err());
        assert!(VerifierKey::parse("a b+c74f20a3+ARpc").is_err());
        let note = "If you think cryptography is the answer to your problem,\n\
                    then you don't know what your problem is.\n\
                    \n\
                    \u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
        let parsed = Note::from_bytes(note.as_bytes()).unwrap();
        let verifiers = VerifierList::new(vec![Box::new(vkey.verifier.clone())]);
        parsed.verify(&verifiers).unwrap();
    }
}
