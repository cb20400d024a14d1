//! The post-quantum age recipient type `mlkem768x25519` (c2sp.org/age,
//! "mlkem768x25519 recipient stanza"; PROTOCOL.md §3) for the `age` crate,
//! which does not ship it yet.
//!
//! A file key is wrapped with HPKE in base mode (RFC 9180) whose KEM is
//! **X-Wing** (draft-connolly-cfrg-xwing-kem: ML-KEM-768 + X25519, combined
//! with SHA3-256; HPKE KEM id `0x647a`), KDF HKDF-SHA256 and AEAD
//! ChaCha20Poly1305, with `info = "age-encryption.org/mlkem768x25519"`:
//!
//! ```text
//! -> mlkem768x25519 <base64 of enc, 1 120 bytes: ML-KEM ciphertext ‖ X25519 share>
//! <base64 of the 32-byte sealed file key>
//! ```
//!
//! Keys: the recipient `age1pq1…` is the bech32 (no length limit) of the
//! 1 216-byte X-Wing public key (ML-KEM-768 encapsulation key ‖ X25519
//! public key); the identity `AGE-SECRET-KEY-PQ-1…` is the bech32 of the
//! 32-byte X-Wing seed, expanded with SHAKE256 into the ML-KEM `d`, `z` and
//! the X25519 scalar.
//!
//! No primitive is written here: ML-KEM comes from `ml-kem`, X25519 from
//! `x25519-dalek`, SHA3/SHAKE from `sha3`, HPKE from `hpke` through
//! `age_core::primitives::{hpke_seal, hpke_open}` — the crates and versions the
//! `age` crate itself uses for its `mlkem768p256tag` type. Only the X-Wing
//! combination (key expansion and the SHA3-256 combiner) is this module's.
//!
//! **Migration:** when a released `age` crate ships `mlkem768x25519`, its
//! identity and recipient types replace [`Identity`] and [`Recipient`]; the key
//! strings and the stanza are the standard ones, so nothing on disk changes.
//!
//! Secrets: the seed is kept in a `SecretBox`, the expanded ML-KEM
//! decapsulation key and X25519 scalar zeroize themselves on drop, and
//! intermediate buffers are `Zeroizing`. Neither type implements `Display`
//! for the secret; [`Identity::to_string`] returns a `SecretString`.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use age_core::format::{FileKey, Stanza, FILE_KEY_BYTES};
use age_core::primitives::{bech32_decode, bech32_encode, hpke_open, hpke_seal};
use age_core::secrecy::{ExposeSecret, SecretBox, SecretString};
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use hpke::generic_array::typenum::{self, U32};
use hpke::{Deserializable, HpkeError, Serializable};
use ml_kem::kem::{Decapsulate, Encapsulate};
use ml_kem::{Ciphertext, EncodedSizeUser, KemCore, MlKem768};
use rand::rngs::OsRng;
use rand::{CryptoRng, RngCore};
use sha3::digest::{ExtendableOutput, Update, XofReader};
use sha3::{Digest, Sha3_256, Shake256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

/// The stanza type (c2sp.org/age).
pub const STANZA_TAG: &str = "mlkem768x25519";
/// The HPKE `info` of the stanza (c2sp.org/age).
const HPKE_INFO: &[u8] = b"age-encryption.org/mlkem768x25519";
/// The bech32 HRP of a recipient, `age1pq1…`.
const RECIPIENT_HRP: &str = "age1pq";
/// The bech32 HRP of an identity, `AGE-SECRET-KEY-PQ-1…` (upper case on disk).
const IDENTITY_HRP: &str = "age-secret-key-pq-";
/// The prefix of an identity string.
pub const IDENTITY_PREFIX: &str = "AGE-SECRET-KEY-PQ-1";
/// The prefix of a recipient string.
pub const RECIPIENT_PREFIX: &str = "age1pq1";
/// The X-Wing combiner label `\.//^\` (draft-connolly-cfrg-xwing-kem).
const XWING_LABEL: &[u8] = b"\\.//^\\";
/// The label age gives recipients that must not be mixed with classic ones.
const PQ_LABEL: &str = "postquantum";

/// Bytes of an X-Wing seed (the identity).
pub const SEED_LEN: usize = 32;
/// Bytes of an X25519 key or share.
const X25519_LEN: usize = 32;
/// Bytes of an ML-KEM-768 encapsulation key.
const MLKEM_EK_LEN: usize = 1_184;
/// Bytes of an ML-KEM-768 ciphertext.
const MLKEM_CT_LEN: usize = 1_088;
/// Bytes of an X-Wing public key (`age1pq1…`).
pub const PUBLIC_KEY_LEN: usize = MLKEM_EK_LEN + X25519_LEN;
/// Bytes of an X-Wing encapsulation (the stanza argument).
pub const ENC_LEN: usize = MLKEM_CT_LEN + X25519_LEN;
/// Bytes of a sealed file key (the stanza body).
const SEALED_KEY_LEN: usize = FILE_KEY_BYTES + 16;

type MlKemEk = <MlKem768 as KemCore>::EncapsulationKey;
type MlKemDk = <MlKem768 as KemCore>::DecapsulationKey;
type MlKemCtSize = <MlKem768 as KemCore>::CiphertextSize;
type MlKemEkSize = <MlKemEk as EncodedSizeUser>::EncodedSize;

/// The X-Wing secret key: the seed and what it expands to.
#[derive(Clone)]
struct PrivateKey {
    seed: Zeroizing<[u8; SEED_LEN]>,
    dk_m: MlKemDk,
    sk_x: x25519_dalek::StaticSecret,
    pk: PublicKey,
}

impl PrivateKey {
    /// X-Wing `expandDecapsulationKey`: SHAKE256(seed, 96) → ML-KEM-768
    /// `KeyGen_internal(d, z)` and the X25519 scalar.
    fn expand(seed: &[u8; SEED_LEN]) -> Self {
        let mut expanded = Zeroizing::new([0u8; 96]);
        let mut xof = Shake256::default();
        xof.update(seed);
        xof.finalize_xof().read(&mut expanded[..]);
        let mut d = Zeroizing::new([0u8; 32]);
        let mut z = Zeroizing::new([0u8; 32]);
        let mut x = Zeroizing::new([0u8; 32]);
        d.copy_from_slice(&expanded[..32]);
        z.copy_from_slice(&expanded[32..64]);
        x.copy_from_slice(&expanded[64..]);
        let (dk_m, ek_m) = MlKem768::generate_deterministic(&(*d).into(), &(*z).into());
        let sk_x = x25519_dalek::StaticSecret::from(*x);
        let pk_x = x25519_dalek::PublicKey::from(&sk_x);
        PrivateKey {
            seed: Zeroizing::new(*seed),
            dk_m,
            sk_x,
            pk: PublicKey { ek_m, pk_x },
        }
    }
}

impl PartialEq for PrivateKey {
    fn eq(&self, other: &Self) -> bool {
        self.seed.ct_eq(&*other.seed).into()
    }
}
impl Eq for PrivateKey {}

impl Serializable for PrivateKey {
    type OutputSize = U32;

    fn write_exact(&self, buf: &mut [u8]) {
        buf.copy_from_slice(&self.seed[..]);
    }
}

impl Deserializable for PrivateKey {
    fn from_bytes(encoded: &[u8]) -> Result<Self, HpkeError> {
        let seed: Zeroizing<[u8; SEED_LEN]> = Zeroizing::new(
            encoded
                .try_into()
                .map_err(|_| HpkeError::IncorrectInputLength(SEED_LEN, encoded.len()))?,
        );
        Ok(PrivateKey::expand(&seed))
    }
}

/// The X-Wing public key: ML-KEM-768 encapsulation key ‖ X25519 public key.
#[derive(Clone, Debug, PartialEq)]
struct PublicKey {
    ek_m: MlKemEk,
    pk_x: x25519_dalek::PublicKey,
}
impl Eq for PublicKey {}

impl Serializable for PublicKey {
    type OutputSize = typenum::Sum<MlKemEkSize, U32>;

    fn write_exact(&self, buf: &mut [u8]) {
        buf[..MLKEM_EK_LEN].copy_from_slice(&self.ek_m.as_bytes());
        buf[MLKEM_EK_LEN..].copy_from_slice(self.pk_x.as_bytes());
    }
}

impl Deserializable for PublicKey {
    fn from_bytes(encoded: &[u8]) -> Result<Self, HpkeError> {
        if encoded.len() != PUBLIC_KEY_LEN {
            return Err(HpkeError::IncorrectInputLength(
                PUBLIC_KEY_LEN,
                encoded.len(),
            ));
        }
        let (m, x) = encoded.split_at(MLKEM_EK_LEN);
        let m: &[u8; MLKEM_EK_LEN] = m.try_into().expect("split at the length");
        let ek_m = MlKemEk::from_bytes(&(*m).into());
        // FIPS 203 §7.2 input check: every coefficient is reduced mod q, i.e.
        // the key re-encodes to the same bytes.
        if ek_m.as_bytes().as_slice() != m.as_slice() {
            return Err(HpkeError::ValidationError);
        }
        let x: [u8; X25519_LEN] = x.try_into().expect("split at the length");
        Ok(PublicKey {
            ek_m,
            pk_x: x.into(),
        })
    }
}

/// An X-Wing encapsulation: ML-KEM-768 ciphertext ‖ X25519 ephemeral share.
#[derive(Clone)]
struct EncappedKey {
    ct_m: Ciphertext<MlKem768>,
    ct_x: x25519_dalek::PublicKey,
}

impl Serializable for EncappedKey {
    type OutputSize = typenum::Sum<MlKemCtSize, U32>;

    fn write_exact(&self, buf: &mut [u8]) {
        buf[..MLKEM_CT_LEN].copy_from_slice(&self.ct_m);
        buf[MLKEM_CT_LEN..].copy_from_slice(self.ct_x.as_bytes());
    }
}

impl Deserializable for EncappedKey {
    fn from_bytes(encoded: &[u8]) -> Result<Self, HpkeError> {
        if encoded.len() != ENC_LEN {
            return Err(HpkeError::IncorrectInputLength(ENC_LEN, encoded.len()));
        }
        let (m, x) = encoded.split_at(MLKEM_CT_LEN);
        let m: [u8; MLKEM_CT_LEN] = m.try_into().expect("split at the length");
        let x: [u8; X25519_LEN] = x.try_into().expect("split at the length");
        Ok(EncappedKey {
            ct_m: m.into(),
            ct_x: x.into(),
        })
    }
}

/// The X-Wing combiner: SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ label).
fn combine(
    ss_m: &[u8; 32],
    ss_x: &[u8; 32],
    ct_x: &x25519_dalek::PublicKey,
    pk_x: &x25519_dalek::PublicKey,
) -> hpke::kem::SharedSecret<XWing> {
    let mut h = Sha3_256::new();
    Digest::update(&mut h, ss_m);
    Digest::update(&mut h, ss_x);
    Digest::update(&mut h, ct_x.as_bytes());
    Digest::update(&mut h, pk_x.as_bytes());
    Digest::update(&mut h, XWING_LABEL);
    let mut ss = hpke::kem::SharedSecret::<XWing>::default();
    ss.0.copy_from_slice(&h.finalize());
    ss
}

/// Moves an ML-KEM shared key into a zeroizing buffer, wiping the original.
fn take_secret(mut key: ml_kem::SharedKey<MlKem768>) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&key);
    key.as_mut_slice().zeroize();
    out
}

/// Whether an X25519 shared secret is the all-zero value of a low-order
/// share, which age refuses (c2sp.org/age; CCTV `hybrid_low_order`).
fn is_all_zero(ss: &[u8; 32]) -> bool {
    ss.ct_eq(&[0u8; 32]).into()
}

/// X-Wing as an HPKE KEM (KEM id `0x647a`), for `age_core`'s HPKE helpers.
struct XWing;

impl hpke::Kem for XWing {
    type PublicKey = PublicKey;
    type PrivateKey = PrivateKey;
    type EncappedKey = EncappedKey;
    type NSecret = U32;
    const KEM_ID: u16 = 0x647a;

    fn sk_to_pk(sk: &PrivateKey) -> PublicKey {
        sk.pk.clone()
    }

    /// X-Wing `DeriveKeyPair`: the seed is SHAKE256(ikm, 32). (Not used by age.)
    fn derive_keypair(ikm: &[u8]) -> (PrivateKey, PublicKey) {
        let mut seed = Zeroizing::new([0u8; SEED_LEN]);
        let mut xof = Shake256::default();
        xof.update(ikm);
        xof.finalize_xof().read(&mut seed[..]);
        let sk = PrivateKey::expand(&seed);
        let pk = sk.pk.clone();
        (sk, pk)
    }

    fn decap(
        sk: &PrivateKey,
        pk_sender_id: Option<&PublicKey>,
        enc: &EncappedKey,
    ) -> Result<hpke::kem::SharedSecret<Self>, HpkeError> {
        if pk_sender_id.is_some() {
            // age uses HPKE base mode only.
            return Err(HpkeError::DecapError);
        }
        let ss_m = take_secret(
            sk.dk_m
                .decapsulate(&enc.ct_m)
                .map_err(|()| HpkeError::DecapError)?,
        );
        let ss_x = Zeroizing::new(sk.sk_x.diffie_hellman(&enc.ct_x).to_bytes());
        if is_all_zero(&ss_x) {
            return Err(HpkeError::DecapError);
        }
        Ok(combine(&ss_m, &ss_x, &enc.ct_x, &sk.pk.pk_x))
    }

    fn encap<R: CryptoRng + RngCore>(
        pk: &PublicKey,
        sender_id_keypair: Option<(&PrivateKey, &PublicKey)>,
        rng: &mut R,
    ) -> Result<(hpke::kem::SharedSecret<Self>, EncappedKey), HpkeError> {
        if sender_id_keypair.is_some() {
            return Err(HpkeError::EncapError);
        }
        let (ct_m, ss_m) = pk
            .ek_m
            .encapsulate(rng)
            .map_err(|()| HpkeError::EncapError)?;
        let ss_m = take_secret(ss_m);
        let ek_x = x25519_dalek::StaticSecret::random_from_rng(&mut *rng);
        let ct_x = x25519_dalek::PublicKey::from(&ek_x);
        let ss_x = Zeroizing::new(ek_x.diffie_hellman(&pk.pk_x).to_bytes());
        let ss = combine(&ss_m, &ss_x, &ct_x, &pk.pk_x);
        Ok((ss, EncappedKey { ct_m, ct_x }))
    }
}

/// An `mlkem768x25519` recipient (`age1pq1…`): encrypts to one investigator
/// or reporter.
#[derive(Clone, PartialEq, Eq)]
pub struct Recipient(PublicKey);

impl FromStr for Recipient {
    type Err = &'static str;

    /// Parses `age1pq1…` (lower case, bech32 without length limit, 1 216 bytes).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if !s.starts_with(RECIPIENT_PREFIX) {
            return Err("a post-quantum recipient starts with age1pq1");
        }
        bech32_decode(
            s,
            |_| "invalid bech32 encoding",
            |hrp| {
                (hrp.as_str() == RECIPIENT_HRP)
                    .then_some(())
                    .ok_or("incorrect HRP")
            },
            |_, bytes| {
                let bytes: Vec<u8> = bytes.collect();
                PublicKey::from_bytes(&bytes)
                    .map(Recipient)
                    .map_err(|_| "not a valid ML-KEM-768 + X25519 public key of 1216 bytes")
            },
        )
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&bech32_encode(
            bech32::Hrp::parse_unchecked(RECIPIENT_HRP),
            &self.0.to_bytes(),
        ))
    }
}

impl fmt::Debug for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pq::Recipient({self})")
    }
}

impl age::Recipient for Recipient {
    fn wrap_file_key(
        &self,
        file_key: &FileKey,
    ) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        let (enc, body) =
            hpke_seal::<XWing, _>(&self.0, HPKE_INFO, file_key.expose_secret(), &mut OsRng);
        let stanza = Stanza {
            tag: STANZA_TAG.to_owned(),
            args: vec![STANDARD_NO_PAD.encode(enc.to_bytes())],
            body,
        };
        Ok((vec![stanza], HashSet::from([PQ_LABEL.to_owned()])))
    }
}

/// An `mlkem768x25519` identity (`AGE-SECRET-KEY-PQ-1…`). No `Debug` of the
/// secret, no `Display`.
pub struct Identity {
    /// The seed, the only secret on disk.
    seed: SecretBox<[u8; SEED_LEN]>,
    /// What the seed expands to (zeroized on drop).
    key: PrivateKey,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("pq::Identity(redacted)")
    }
}

impl Identity {
    /// A new random identity (a 32-byte seed from the OS).
    pub fn generate() -> Self {
        let mut seed = Zeroizing::new([0u8; SEED_LEN]);
        OsRng.fill_bytes(&mut seed[..]);
        Self::from_seed(&seed)
    }

    /// The identity of a 32-byte seed (e.g. a reporter's reply key seed,
    /// PROTOCOL.md §7.3).
    pub fn from_seed(seed: &[u8; SEED_LEN]) -> Self {
        Identity {
            seed: SecretBox::new(Box::new(*seed)),
            key: PrivateKey::expand(seed),
        }
    }

    /// The recipient (`age1pq1…`) that encrypts to this identity.
    pub fn to_public(&self) -> Recipient {
        Recipient(self.key.pk.clone())
    }

    /// The identity string `AGE-SECRET-KEY-PQ-1…`, to be written to a key
    /// file and nowhere else.
    pub fn to_string(&self) -> SecretString {
        let lower = Zeroizing::new(bech32_encode(
            bech32::Hrp::parse_unchecked(IDENTITY_HRP),
            self.seed.expose_secret(),
        ));
        SecretString::from(lower.to_uppercase())
    }
}

impl FromStr for Identity {
    type Err = &'static str;

    /// Parses `AGE-SECRET-KEY-PQ-1…` (upper case, a 32-byte seed).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if !s.starts_with(IDENTITY_PREFIX) {
            return Err("a post-quantum identity starts with AGE-SECRET-KEY-PQ-1");
        }
        bech32_decode(
            s,
            |_| "invalid bech32 encoding",
            |hrp| {
                (hrp.to_lowercase() == IDENTITY_HRP)
                    .then_some(())
                    .ok_or("incorrect HRP")
            },
            |_, bytes| {
                let bytes: Zeroizing<Vec<u8>> = Zeroizing::new(bytes.collect());
                let seed: Zeroizing<[u8; SEED_LEN]> = Zeroizing::new(
                    bytes[..]
                        .try_into()
                        .map_err(|_| "the key is not 32 bytes")?,
                );
                Ok(Identity::from_seed(&seed))
            },
        )
    }
}

impl age::Identity for Identity {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        if stanza.tag != STANZA_TAG {
            return None;
        }
        // The exact stanza shape (c2sp.org/age): one argument, the canonical
        // base64 of 1 120 bytes, and a 32-byte body. Anything else is a
        // malformed header, not "not addressed to me".
        let enc = match &stanza.args[..] {
            [arg] => match STANDARD_NO_PAD.decode(arg) {
                Ok(enc) if enc.len() == ENC_LEN => enc,
                _ => return Some(Err(age::DecryptError::InvalidHeader)),
            },
            _ => return Some(Err(age::DecryptError::InvalidHeader)),
        };
        if stanza.body.len() != SEALED_KEY_LEN {
            return Some(Err(age::DecryptError::InvalidHeader));
        }
        let enc = EncappedKey::from_bytes(&enc).expect("length checked");
        match hpke_open::<XWing>(&enc, &self.key, HPKE_INFO, &stanza.body) {
            Ok(pt) => {
                let pt = Zeroizing::new(pt);
                Some(Ok(FileKey::init_with_mut(|k| k.copy_from_slice(&pt))))
            }
            // A low-order X25519 share: refused like age refuses it for X25519.
            Err(HpkeError::DecapError) => Some(Err(age::DecryptError::InvalidHeader)),
            // Sealed to someone else (or damaged): try the next stanza.
            Err(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hpke::generic_array::typenum::Unsigned;
    use std::io::{Read, Write};

    #[test]
    fn sizes_match_the_spec() {
        assert_eq!(<PublicKey as Serializable>::size(), 1_216);
        assert_eq!(<EncappedKey as Serializable>::size(), 1_120);
        assert_eq!(<PrivateKey as Serializable>::size(), 32);
        assert_eq!(MlKemEkSize::USIZE, MLKEM_EK_LEN);
        assert_eq!(MlKemCtSize::USIZE, MLKEM_CT_LEN);
    }

    #[test]
    fn key_strings_round_trip() {
        let id = Identity::generate();
        let text = id.to_string();
        assert!(text.expose_secret().starts_with(IDENTITY_PREFIX));
        let back: Identity = text.expose_secret().parse().unwrap();
        assert_eq!(back.to_public(), id.to_public());
        let r = id.to_public().to_string();
        assert!(r.starts_with(RECIPIENT_PREFIX));
        let parsed: Recipient = r.parse().unwrap();
        assert_eq!(parsed.to_string(), r);
        assert!(!format!("{id:?}").contains("AGE-SECRET"));
        // Case, HRP and length are checked.
        assert!(text
            .expose_secret()
            .to_lowercase()
            .parse::<Identity>()
            .is_err());
        assert!(r.to_uppercase().parse::<Recipient>().is_err());
        let x25519 = age::x25519::Identity::generate().to_public().to_string();
        assert!(x25519.parse::<Recipient>().is_err());
    }

    #[test]
    fn the_fixture_keys_match_their_published_recipients() {
        // tests/fixtures/keys/pq-*.key were made by typage; their
        // `# public key:` lines are typage's recipients.
        for name in ["pq-alice", "pq-bob", "pq-carol"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("../../tests/fixtures/keys/{name}.key"));
            let text = std::fs::read_to_string(path).unwrap();
            let public = text
                .lines()
                .find_map(|l| l.strip_prefix("# public key: "))
                .unwrap();
            let secret = text
                .lines()
                .find(|l| l.starts_with(IDENTITY_PREFIX))
                .unwrap();
            let id: Identity = secret.parse().unwrap();
            assert_eq!(id.to_public().to_string(), public, "{name}");
        }
    }

    #[test]
    fn a_non_reduced_ml_kem_key_is_refused() {
        let r = Identity::generate().to_public();
        let mut bytes = r.0.to_bytes().to_vec();
        // The first 12-bit coefficient becomes 0xfff ≥ q = 3329.
        bytes[0] = 0xff;
        bytes[1] |= 0x0f;
        assert!(PublicKey::from_bytes(&bytes).is_err());
    }

    fn encrypt(recipients: Vec<Box<dyn age::Recipient + Send>>, msg: &[u8]) -> Vec<u8> {
        let enc =
            age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as _)).unwrap();
        let mut out = vec![];
        let mut w = enc.wrap_output(&mut out).unwrap();
        w.write_all(msg).unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn encrypts_and_decrypts_with_age() {
        let alice = Identity::generate();
        let bob = Identity::generate();
        let file = encrypt(
            vec![Box::new(alice.to_public()), Box::new(bob.to_public())],
            b"hello",
        );
        let text = String::from_utf8_lossy(&file);
        assert_eq!(text.matches("-> mlkem768x25519 ").count(), 2);
        for id in [&alice, &bob] {
            let d = age::Decryptor::new(&file[..]).unwrap();
            let mut out = vec![];
            d.decrypt(std::iter::once(id as &dyn age::Identity))
                .unwrap()
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out, b"hello");
        }
        let carol = Identity::generate();
        let d = age::Decryptor::new(&file[..]).unwrap();
        assert!(matches!(
            d.decrypt(std::iter::once(&carol as &dyn age::Identity)),
            Err(age::DecryptError::NoMatchingKeys)
        ));
    }

    #[test]
    fn age_refuses_to_mix_with_x25519() {
        let pq = Identity::generate().to_public();
        let classic = age::x25519::Identity::generate().to_public();
        let recipients: Vec<Box<dyn age::Recipient + Send>> = vec![Box::new(pq), Box::new(classic)];
        let refused =
            match age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as _)) {
                Err(e) => matches!(e, age::EncryptError::IncompatibleRecipients { .. }),
                Ok(enc) => enc.wrap_output(Vec::new()).is_err(),
            };
        assert!(refused);
    }
}
