//! Whistlebox formats and rules, shared by the relay and the investigator CLI.
//!
//! This crate does no I/O (it is only generic over [`std::io::Read`] and
//! [`std::io::Write`]) and knows nothing about HTTP or the team's secret keys.
//! Each module is one concept of `docs/PROTOCOL.md`:
//!
//! - [`padding`]: Padmé padding and padding buckets (§1.3);
//! - [`report`]: the plaintext container — magic, manifest, attachments,
//!   padding — with a strict parser and a streaming reader (§1);
//! - [`envelope`]: the envelope rules E1–E8 that every stored age file must
//!   meet, checked without any key (§2);
//! - [`team`]: the team keyset, its validation and fingerprint (§3);
//! - [`codename`]: the reporter's codename, its normalisation and the
//!   mailbox secret and reply key derived from it (§7);
//! - [`pow`]: the anti-spam proof of work — challenge layout, the
//!   `Whistlebox-Pow` header, solving and checking a solution (§9).
//! - [`log`]: the transparency log — leaves, tree hashing, signed
//!   checkpoints and proof checks (§10).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod codename;
pub mod envelope;
pub mod log;
pub mod padding;
pub mod pow;
pub mod report;
pub mod team;
