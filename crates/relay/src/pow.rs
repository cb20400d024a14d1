//! The relay's half of the anti-spam proof of work (`docs/PROTOCOL.md §9`):
//! issuing challenges (`POST /api/pow`), checking the `Whistlebox-Pow`
//! header of an anonymous write before any body byte is read, and the
//! single-use rule.
//!
//! Challenges are stateless: each carries its difficulty and its expiry,
//! tagged with HMAC-SHA-256 under a key drawn at start-up and held only in
//! memory (zeroized on drop), so a restart invalidates every challenge
//! issued before it. The expiry counts seconds on the process's monotonic
//! clock, never a wall-clock time. The only state is the spent set: the
//! challenges of admitted writes until they expire, bounded ([`Pow::spend`]).
//! Nothing here is logged.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::Serialize;
use sha2::Sha256;
use whistlebox_core::pow::{Challenge, PowError, Solution, HEADER, TAG_LEN};
use zeroize::Zeroizing;

use crate::error::AppError;
use crate::state::AppState;

/// The most challenges the spent set holds, whatever the write rate (§9.4):
/// about 56 bytes each, so at most some 60 MB.
pub const SPENT_HARD_CAP: usize = 1_000_000;

/// A challenge whose header checked out: what [`Pow::spend`] records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ticket {
    expiry: u32,
    random: [u8; 16],
}

/// The proof-of-work settings, the challenge key and the spent set.
pub struct Pow {
    key: Zeroizing<[u8; 32]>,
    started: Instant,
    bits: u8,
    parts: u8,
    ttl_secs: u32,
    cap: usize,
    /// Spent challenges, ordered by expiry so that pruning is one split.
    spent: Mutex<BTreeSet<Ticket>>,
}

impl std::fmt::Debug for Pow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pow")
            .field("bits", &self.bits)
            .field("parts", &self.parts)
            .field("ttl_secs", &self.ttl_secs)
            .field("cap", &self.cap)
            .finish_non_exhaustive()
    }
}

/// `201` answer of `POST /api/pow` (§9.1).
#[derive(Serialize)]
struct Issued {
    challenge: String,
    bits: u8,
    parts: u8,
    expires_in: u32,
}

impl Pow {
    /// A fresh key and an empty spent set; challenges ask for `bits` per
    /// part, `parts` parts, and live `ttl_secs`. The spent set holds at
    /// most `cap` challenges (at least 1, at most [`SPENT_HARD_CAP`]).
    pub fn new(bits: u8, parts: u8, ttl_secs: u32, cap: usize) -> Pow {
        let mut key = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(key.as_mut());
        Pow {
            key,
            started: Instant::now(),
            bits,
            parts,
            ttl_secs,
            cap: cap.clamp(1, SPENT_HARD_CAP),
            spent: Mutex::new(BTreeSet::new()),
        }
    }

    /// The spent set's bound for `writes_per_minute` and `ttl_secs`: every
    /// spent challenge took a write token, and at most the bucket plus its
    /// refill over a challenge's life can be taken while one lives (§9.4).
    pub fn cap_for(writes_per_minute: u32, ttl_secs: u32) -> usize {
        let per_minute = u64::from(writes_per_minute.max(1));
        let tokens = per_minute + per_minute * u64::from(ttl_secs).div_ceil(60);
        usize::try_from(tokens)
            .unwrap_or(SPENT_HARD_CAP)
            .min(SPENT_HARD_CAP)
    }

    /// Seconds since the relay started, on the monotonic clock.
    fn now(&self) -> u32 {
        u32::try_from(self.started.elapsed().as_secs()).unwrap_or(u32::MAX)
    }

    fn mac(&self) -> Hmac<Sha256> {
        Hmac::<Sha256>::new_from_slice(self.key.as_ref()).expect("HMAC takes a 32-byte key")
    }

    /// A new challenge (§9.1).
    pub fn issue(&self) -> Challenge {
        let mut random = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut random);
        let expiry = self.now().saturating_add(self.ttl_secs);
        let signed = Challenge::signed(self.bits, self.parts, expiry, random);
        let mut mac = self.mac();
        mac.update(&signed);
        let mut tag = [0u8; TAG_LEN];
        tag.copy_from_slice(&mac.finalize().into_bytes()[..TAG_LEN]);
        Challenge::new(signed, tag)
    }

    /// Checks a write's `Whistlebox-Pow` header, reading nothing else
    /// (§9.4): `428 pow_required` without one, `400 bad_pow` if malformed,
    /// `403 pow_invalid` for a tag this relay did not make (forged, another
    /// relay, an earlier run), a difficulty other than the current one or a
    /// wrong solution, `403 pow_expired`, `409 pow_spent`.
    pub fn check(&self, value: Option<&[u8]>) -> Result<Ticket, AppError> {
        let value = value.ok_or(AppError::PowRequired)?;
        let solution = Solution::parse(value).map_err(|e| AppError::BadPow(e.to_string()))?;
        let challenge = &solution.challenge;
        let mut mac = self.mac();
        mac.update(challenge.signed_bytes());
        mac.verify_truncated_left(challenge.tag())
            .map_err(|_| AppError::PowInvalid("it was not issued by this relay since its start"))?;
        if (challenge.bits(), challenge.parts()) != (self.bits, self.parts) {
            return Err(AppError::PowInvalid(
                "its difficulty is not the one the relay asks for now",
            ));
        }
        if self.now() >= challenge.expiry() {
            return Err(AppError::PowExpired);
        }
        let ticket = Ticket {
            expiry: challenge.expiry(),
            random: challenge.random(),
        };
        if self.lock().contains(&ticket) {
            return Err(AppError::PowSpent);
        }
        solution.verify().map_err(|e| match e {
            PowError::WrongSolution { .. } => {
                AppError::PowInvalid("a nonce does not solve its part")
            }
            e => AppError::BadPow(e.to_string()),
        })?;
        Ok(ticket)
    }

    /// Marks `ticket` spent if `admit` (the write rate) lets the write in,
    /// both under one lock so that two writes with the same solution cannot
    /// both pass (§9.4). Expired challenges are pruned first; a full set
    /// answers `503 busy` until its oldest challenge expires.
    pub fn spend(
        &self,
        ticket: Ticket,
        admit: impl FnOnce() -> Result<(), AppError>,
    ) -> Result<(), AppError> {
        let now = self.now();
        let mut spent = self.lock();
        let live = spent.split_off(&Ticket {
            expiry: now.saturating_add(1),
            random: [0; 16],
        });
        *spent = live;
        if spent.contains(&ticket) {
            return Err(AppError::PowSpent);
        }
        if spent.len() >= self.cap {
            let oldest = spent.first().map_or(now, |t| t.expiry);
            let retry_after = u64::from(oldest.saturating_sub(now)).max(1);
            return Err(AppError::PowFull { retry_after });
        }
        admit()?;
        spent.insert(ticket);
        Ok(())
    }

    /// How many challenges the spent set holds (for tests).
    pub fn spent_len(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeSet<Ticket>> {
        self.spent.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `POST /api/pow` (§9.1): a new challenge; the body, if any, is not read.
pub(crate) async fn issue(State(state): State<AppState>) -> Response {
    let pow = state.pow();
    let challenge = pow.issue();
    let answer = Issued {
        challenge: challenge.to_base64(),
        bits: pow.bits,
        parts: pow.parts,
        expires_in: pow.ttl_secs,
    };
    (StatusCode::CREATED, Json(answer)).into_response()
}

/// The checked `Whistlebox-Pow` header of an anonymous write (§9.4),
/// extracted before the body.
#[derive(Debug, Clone, Copy)]
pub struct PowTicket(pub Ticket);

impl FromRequestParts<AppState> for PowTicket {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let mut values = parts.headers.get_all(HEADER).iter();
        let first = values.next();
        if values.next().is_some() {
            return Err(AppError::BadPow(
                "the Whistlebox-Pow header is malformed: it is given more than once".into(),
            ));
        }
        state
            .pow()
            .check(first.map(|v| v.as_bytes()))
            .map(PowTicket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use whistlebox_core::pow::solve;

    #[test]
    fn a_solution_is_admitted_once_and_a_refused_write_spends_nothing() {
        let pow = Pow::new(2, 3, 600, 10);
        let header = solve(&pow.issue()).header_value();
        let ticket = pow.check(Some(header.as_bytes())).unwrap();
        let refused = pow.spend(ticket, || Err(AppError::RateLimited { retry_after: 1 }));
        assert!(matches!(refused, Err(AppError::RateLimited { .. })));
        assert_eq!(pow.spent_len(), 0);
        pow.spend(ticket, || Ok(())).unwrap();
        assert!(matches!(
            pow.check(Some(header.as_bytes())),
            Err(AppError::PowSpent)
        ));
        assert!(matches!(
            pow.spend(ticket, || Ok(())),
            Err(AppError::PowSpent)
        ));
    }

    #[test]
    fn another_key_or_difficulty_is_invalid_and_the_set_is_bounded() {
        let pow = Pow::new(2, 3, 600, 1);
        let other = Pow::new(2, 3, 600, 1);
        let header = solve(&other.issue()).header_value();
        assert!(matches!(
            pow.check(Some(header.as_bytes())),
            Err(AppError::PowInvalid(_))
        ));
        let harder = Pow {
            bits: 3,
            ..Pow::new(2, 3, 600, 1)
        };
        let header = solve(&harder.issue()).header_value();
        let easier = Pow {
            key: harder.key.clone(),
            ..Pow::new(2, 3, 600, 1)
        };
        assert!(matches!(
            easier.check(Some(header.as_bytes())),
            Err(AppError::PowInvalid(_))
        ));
        let first = pow
            .check(Some(solve(&pow.issue()).header_value().as_bytes()))
            .unwrap();
        pow.spend(first, || Ok(())).unwrap();
        let second = pow
            .check(Some(solve(&pow.issue()).header_value().as_bytes()))
            .unwrap();
        match pow.spend(second, || Ok(())) {
            Err(AppError::PowFull { retry_after }) => assert!((1..=600).contains(&retry_after)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_cap_follows_the_write_rate() {
        assert_eq!(Pow::cap_for(120, 600), 120 + 1_200);
        assert_eq!(Pow::cap_for(u32::MAX, u32::MAX), SPENT_HARD_CAP);
    }
}
