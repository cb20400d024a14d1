//! Whistlebox relay: accepts only age ciphertext for one team, stores it in
//! sled, and hands it to investigators (`docs/PROTOCOL.md §2`, §4).
//!
//! The relay never links a decryptor and never records a client address,
//! user agent, header, token or a time finer than the UTC day.
//!
//! - [`config`]: settings and the config file;
//! - [`state`]: [`AppState`], opened from a [`Config`];
//! - [`api`]: the router and handlers (§4.1–4.2); [`app`] builds it;
//! - [`store`]: the [`store::Store`] trait and its sled implementation (§4.3);
//!   `durable` syncs sled's files to disk before every acknowledgement;
//! - [`upload`]: resumable upload sessions in parts and their sweeper (§4.7);
//! - [`mailbox`]: the follow-up mailbox, its header and routes (§8);
//! - [`pow`]: the anti-spam proof of work on anonymous writes (§9);
//! - [`site`]: the embedded reporting page and `GET /api/site` (§4.8);
//! - [`tlog`]: the transparency log's key, checkpoints and routes (§10);
//! - [`tokens`]: investigator pull tokens (§4.6);
//! - [`headers`]: security headers on every response (§4.5);
//! - [`error`]: [`RelayError`] and the HTTP [`AppError`] (§4.4); `drain`
//!   reads what is left of a refused request's body, so the client can read
//!   the refusal;
//! - [`logging`]: request logs without client data;
//! - [`server`]: the accept loop, [`serve`];
//! - [`admin`]: the local admin socket and `whistlebox-relay backup`;
//! - [`demo`], [`cli`]: `whistlebox-relay serve --demo`, `token create`,
//!   `log-key`, `backup`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod admin;
pub mod api;
pub mod cli;
pub mod config;
pub mod demo;
mod drain;
mod durable;
pub mod error;
pub mod headers;
pub mod limits;
pub mod logging;
pub mod mailbox;
pub mod pow;
pub mod server;
pub mod site;
pub mod state;
pub mod store;
pub mod tlog;
pub mod tokens;
pub mod upload;

pub use config::Config;
pub use error::{AppError, RelayError};
pub use server::serve;
pub use state::AppState;

/// The relay's HTTP application, with every layer; drive it with
/// `tower::ServiceExt::oneshot` in tests or run it with [`serve`].
pub fn app(state: AppState) -> axum::Router {
    api::router(state)
}
