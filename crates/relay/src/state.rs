//! The relay's shared state: the store, the envelope rules derived from the
//! team keyset, the pull tokens, the upload sessions, the embedded page
//! bundle, and the pre-rendered `/api/team` and `/api/site` answers.

use std::path::Path;
use std::sync::{Arc, Weak};
use std::time::Duration;

use serde::Serialize;
use whistlebox_core::envelope::Rules;
use whistlebox_core::team::{short_fingerprint, Keyset};

use crate::config::Config;
use crate::error::{AppError, RelayError};
use crate::limits::{Space, WriteRate};
use crate::pow::{Pow, Ticket};
use crate::site::{self, Bundle};
use crate::store::{SledStore, Store};
use crate::tokens::{self, Tokens};
use crate::upload::Uploads;

/// Name of the sled database folder inside the data directory.
const DB_DIR: &str = "db";

/// State shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    /// The transparency log's key and latest checkpoint (PROTOCOL.md §10).
    log: Arc<crate::tlog::Log>,
    tokens: Tokens,
    rules: Rules,
    fingerprint: String,
    team_json: Vec<u8>,
    uploads: Uploads,
    bundle: Bundle,
    site_json: Vec<u8>,
    /// The global rate of anonymous writes (PROTOCOL.md §4.4).
    writes: WriteRate,
    /// The storage quota and free-disk floor (PROTOCOL.md §4.4).
    space: Arc<Space>,
    /// The proof-of-work key and spent set (PROTOCOL.md §9).
    pow: Pow,
    /// Permits for request bodies being received ([`crate::api::MAX_CONCURRENT_BODIES`]).
    bodies: Arc<tokio::sync::Semaphore>,
}

/// A handle on the state that does not keep it alive (for background tasks).
#[derive(Debug, Clone)]
pub(crate) struct WeakState(Weak<Inner>);

impl WeakState {
    /// The state, if it still exists.
    pub(crate) fn upgrade(&self) -> Option<AppState> {
        self.0.upgrade().map(|inner| AppState { inner })
    }
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner").finish_non_exhaustive()
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("rules", &self.inner.rules)
            .field("fingerprint", &self.inner.fingerprint)
            .field("bundle_sha256", &self.inner.bundle.sha256())
            .finish_non_exhaustive()
    }
}

/// `GET /api/team` (PROTOCOL.md §4.1), fields in the documented order.
#[derive(Serialize)]
struct TeamAnswer<'a> {
    name: &'a str,
    fingerprint: String,
    stanza_type: &'static str,
    min_recipients: usize,
    max_body_bytes: u64,
    investigators: Vec<InvestigatorAnswer<'a>>,
}

#[derive(Serialize)]
struct InvestigatorAnswer<'a> {
    id: &'a str,
    name: &'a str,
    role: &'a str,
    recipient: &'a str,
    fingerprint: String,
}

impl AppState {
    /// Reads and checks the keyset, creates the data directory (`0700`) if
    /// needed, and opens the sled database in `DATA/db`, collecting the chunks
    /// of uploads a crash interrupted.
    pub fn open(config: &Config) -> Result<AppState, RelayError> {
        let keyset = config.load_team()?;
        tokens::create_private_dir(&config.data).map_err(|source| RelayError::DataDir {
            path: config.data.clone(),
            source,
        })?;
        let db = db_path(&config.data);
        let store =
            SledStore::open(&db).map_err(|source| RelayError::Store { path: db, source })?;
        AppState::with_store(config, &keyset, Arc::new(store))
    }

    /// State over any [`Store`] implementation, for a `keyset` already loaded
    /// from `config.team`. Tokens are read from `config.data`; every upload
    /// session the store holds gets a fresh idle timer (PROTOCOL.md §4.7); the
    /// embedded page bundle is checked against its `SHA256SUMS` (§4.8).
    pub fn with_store(
        config: &Config,
        keyset: &Keyset,
        store: Arc<dyn Store>,
    ) -> Result<AppState, RelayError> {
        let stanza_type = keyset
            .validate()
            .map_err(|source| RelayError::TeamInvalid {
                path: config.team.clone(),
                source,
            })?;
        let team_size = keyset.investigators.len();
        if !(1..=team_size).contains(&config.min_recipients) {
            return Err(RelayError::MinRecipients {
                min: config.min_recipients,
                team_size,
                path: config.team.clone(),
            });
        }
        let rules = Rules {
            stanza_type,
            min_stanzas: config.min_recipients,
            max_stanzas: team_size,
            max_body_bytes: config.max_body_bytes,
            grease: false,
        };
        let fingerprint = keyset.fingerprint();
        let answer = TeamAnswer {
            name: &keyset.name,
            fingerprint: fingerprint.clone(),
            stanza_type: stanza_type.label(),
            min_recipients: config.min_recipients,
            max_body_bytes: config.max_body_bytes,
            investigators: keyset
                .investigators
                .iter()
                .map(|i| InvestigatorAnswer {
                    id: &i.id,
                    name: &i.name,
                    role: &i.role,
                    recipient: &i.recipient,
                    fingerprint: short_fingerprint(&i.recipient),
                })
                .collect(),
        };
        let team_json = serde_json::to_vec(&answer).expect("team answer serialises");
        config.check_settings()?;
        let bundle = Bundle::load()?;
        let site_json = site::site_json(&bundle, &fingerprint, &config.safety);
        let sessions = store.sessions().map_err(|source| RelayError::Store {
            path: db_path(&config.data),
            source,
        })?;
        let log = crate::tlog::Log::open_or_create(&config.data, config.log_origin.as_deref())?;
        let uploads = Uploads::new(
            Duration::from_secs(config.upload_ttl_secs),
            config.max_uploads,
            sessions.into_iter().map(|session| session.upload),
        );
        Ok(AppState {
            inner: Arc::new(Inner {
                store,
                log: Arc::new(log),
                tokens: Tokens::new(&config.data),
                rules,
                fingerprint,
                team_json,
                uploads,
                bundle,
                site_json,
                writes: WriteRate::new(config.max_writes_per_minute),
                pow: Pow::new(
                    config.pow_bits,
                    config.pow_parts,
                    config.pow_ttl_secs,
                    Pow::cap_for(config.max_writes_per_minute, config.pow_ttl_secs),
                ),
                space: Arc::new(Space::new(
                    &config.data,
                    config.max_store_bytes,
                    config.min_free_bytes,
                )),
                bodies: Arc::new(tokio::sync::Semaphore::new(
                    crate::api::MAX_CONCURRENT_BODIES,
                )),
            }),
        })
    }

    /// A permit to receive one request body, or `503 busy` when
    /// [`crate::api::MAX_CONCURRENT_BODIES`] are already being received.
    pub(crate) fn body_permit(&self) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
        Arc::clone(&self.inner.bodies)
            .try_acquire_owned()
            .map_err(|_| AppError::Busy)
    }

    /// Admits one anonymous write (a report, an upload session, a
    /// follow-up) of `incoming` bytes if known, whose proof of work is
    /// `ticket`, before any of its bytes is stored: `503 storage_full` /
    /// `disk_full` if there is no room, else `429 rate_limited` if the
    /// write rate is spent (PROTOCOL.md §4.4); only then is the proof of
    /// work marked spent (§9.4), so a refused write wastes no solution.
    pub(crate) async fn admit_write(&self, incoming: u64, ticket: Ticket) -> Result<(), AppError> {
        self.check_space(incoming).await?;
        self.inner.pow.spend(ticket, || self.inner.writes.take())
    }

    /// The proof-of-work issuer and checker (PROTOCOL.md §9).
    pub fn pow(&self) -> &Pow {
        &self.inner.pow
    }

    /// Whether `incoming` more bytes fit under the storage quota and above
    /// the free-disk floor (PROTOCOL.md §4.4).
    pub(crate) async fn check_space(&self, incoming: u64) -> Result<(), AppError> {
        let space = Arc::clone(&self.inner.space);
        tokio::task::spawn_blocking(move || space.check(incoming))
            .await
            .map_err(AppError::internal)?
    }

    /// Counts `bytes` just written to the store against the quota.
    pub(crate) fn wrote(&self, bytes: u64) {
        self.inner.space.wrote(bytes);
    }

    /// The keyset fingerprint (PROTOCOL.md §3), 64 hex digits.
    pub fn fingerprint(&self) -> &str {
        &self.inner.fingerprint
    }

    /// The envelope rules every body must meet.
    pub fn rules(&self) -> &Rules {
        &self.inner.rules
    }

    /// The object store.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.inner.store
    }

    /// The transparency log (PROTOCOL.md §10).
    pub fn log(&self) -> &Arc<crate::tlog::Log> {
        &self.inner.log
    }

    pub(crate) fn tokens(&self) -> &Tokens {
        &self.inner.tokens
    }

    pub(crate) fn team_json(&self) -> &[u8] {
        &self.inner.team_json
    }

    /// The open upload sessions (PROTOCOL.md §4.7).
    pub fn uploads(&self) -> &Uploads {
        &self.inner.uploads
    }

    /// The embedded page bundle (PROTOCOL.md §4.8).
    pub fn bundle(&self) -> &Bundle {
        &self.inner.bundle
    }

    /// The page bundle digest: SHA-256 of `web/dist/SHA256SUMS`, hex.
    pub fn bundle_sha256(&self) -> &str {
        self.inner.bundle.sha256()
    }

    pub(crate) fn site_json(&self) -> &[u8] {
        &self.inner.site_json
    }

    pub(crate) fn downgrade(&self) -> WeakState {
        WeakState(Arc::downgrade(&self.inner))
    }
}

/// The sled database folder of a data directory.
pub fn db_path(data: &Path) -> std::path::PathBuf {
    data.join(DB_DIR)
}
