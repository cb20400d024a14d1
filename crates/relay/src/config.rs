//! Relay settings: the [`Config`] the server runs with, the TOML config file
//! ([`FileConfig`], same keys as the `serve` flags), and the checks that the
//! team keyset and `min_recipients` fit together (`docs/PROTOCOL.md §2` E4, §3).
//! Also the upload-session limits (§4.7) and the safety-panel text (§4.8).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use whistlebox_core::team::Keyset;

use crate::error::RelayError;

/// Default listening address.
pub const DEFAULT_LISTEN: SocketAddr = SocketAddr::V4(std::net::SocketAddrV4::new(
    std::net::Ipv4Addr::LOCALHOST,
    8080,
));
/// Default largest body, `max_body_bytes` (E8): 256 MiB.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 256 * 1024 * 1024;
/// Default fewest recipient stanzas per body (E4).
pub const DEFAULT_MIN_RECIPIENTS: usize = 1;
/// Default idle time after which an upload session is deleted (PROTOCOL.md §4.7).
pub const DEFAULT_UPLOAD_TTL_SECS: u64 = 3_600;
/// Default largest number of open upload sessions (PROTOCOL.md §4.7).
pub const DEFAULT_MAX_UPLOADS: usize = 64;
/// Default global rate of anonymous writes (PROTOCOL.md §4.4), per minute.
pub const DEFAULT_MAX_WRITES_PER_MINUTE: u32 = 120;
/// Default storage quota of the data directory: 10 GiB.
pub const DEFAULT_MAX_STORE_BYTES: u64 = 10 * 1024 * 1024 * 1024;
/// Default free space kept on the data directory's file system: 1 GiB.
pub const DEFAULT_MIN_FREE_BYTES: u64 = 1024 * 1024 * 1024;
/// Default leading zero bits of each proof-of-work part (PROTOCOL.md §9.5).
pub const DEFAULT_POW_BITS: u8 = 13;
/// Default number of proof-of-work parts (PROTOCOL.md §9.5).
pub const DEFAULT_POW_PARTS: u8 = 8;
/// Default life of a proof-of-work challenge, in seconds (PROTOCOL.md §9.1).
pub const DEFAULT_POW_TTL_SECS: u32 = 600;
/// Longest life of a proof-of-work challenge, in seconds (one day).
pub const MAX_POW_TTL_SECS: u32 = 86_400;
/// Longest safety-panel text per locale, in bytes.
pub const SAFETY_TEXT_MAX: usize = 4_096;

/// The built-in safety-panel text (PROTOCOL.md §4.8), used when the config
/// file has no `[safety]` table: neutral advice, no invented numbers.
pub const DEFAULT_SAFETY: [(&str, &str); 2] = [
    (
        "en",
        "If you are in danger, call your local emergency number now. \
         For your safety, report from a personal device and network (not a work laptop, \
         work phone or office Wi-Fi), ideally in Tor Browser. Counselling and legal \
         support services can help you whether or not you report.",
    ),
    (
        "zh-CN",
        "如果您正处于危险之中，请立即拨打当地的紧急求助电话。\
         为了您的安全，请使用个人设备和个人网络提交举报（不要使用工作电脑、工作手机或办公室 Wi-Fi），\
         最好使用 Tor 浏览器。无论您是否举报，心理咨询和法律援助机构都可以为您提供帮助。",
    ),
];

/// The built-in safety-panel text as a map.
pub fn default_safety() -> BTreeMap<String, String> {
    DEFAULT_SAFETY
        .iter()
        .map(|(locale, text)| ((*locale).to_owned(), (*text).to_owned()))
        .collect()
}

/// Everything the relay needs to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Data directory: the sled database in `DATA/db`, tokens in `DATA/tokens`.
    pub data: PathBuf,
    /// The team keyset file (PROTOCOL.md §3).
    pub team: PathBuf,
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Largest body accepted (E8).
    pub max_body_bytes: u64,
    /// Fewest recipient stanzas accepted (E4), within `1..=team size`.
    pub min_recipients: usize,
    /// Idle seconds after which an upload session is deleted (§4.7), at least 1.
    pub upload_ttl_secs: u64,
    /// Largest number of open upload sessions (§4.7), at least 1.
    pub max_uploads: usize,
    /// Anonymous writes (reports, upload sessions, follow-ups) accepted per
    /// minute, over every client (§4.4), at least 1.
    pub max_writes_per_minute: u32,
    /// Most bytes the data directory may hold before writes get `503
    /// storage_full` (§4.4), at least 1.
    pub max_store_bytes: u64,
    /// Free bytes kept on the data directory's file system: below, writes
    /// get `503 disk_full` (§4.4).
    pub min_free_bytes: u64,
    /// Leading zero bits asked of each proof-of-work part (§9), at most 32;
    /// 0 keeps the single-use challenge but asks for no work (tests, ops).
    pub pow_bits: u8,
    /// Proof-of-work parts per challenge (§9), 1 to 16.
    pub pow_parts: u8,
    /// Seconds a proof-of-work challenge lives (§9.1), 1 to 86 400.
    pub pow_ttl_secs: u32,
    /// Safety-panel text per locale (§4.8): BCP 47 tag → plain text.
    pub safety: BTreeMap<String, String>,
    /// The transparency log's origin, used when its key is made at first
    /// start (§10.3); `None` = `whistlebox.invalid/<key hex>`.
    pub log_origin: Option<String>,
}

impl Config {
    /// A config with the defaults for everything but the two paths.
    pub fn new(data: impl Into<PathBuf>, team: impl Into<PathBuf>) -> Config {
        Config {
            data: data.into(),
            team: team.into(),
            listen: DEFAULT_LISTEN,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            min_recipients: DEFAULT_MIN_RECIPIENTS,
            upload_ttl_secs: DEFAULT_UPLOAD_TTL_SECS,
            max_uploads: DEFAULT_MAX_UPLOADS,
            max_writes_per_minute: DEFAULT_MAX_WRITES_PER_MINUTE,
            max_store_bytes: DEFAULT_MAX_STORE_BYTES,
            min_free_bytes: DEFAULT_MIN_FREE_BYTES,
            pow_bits: DEFAULT_POW_BITS,
            pow_parts: DEFAULT_POW_PARTS,
            pow_ttl_secs: DEFAULT_POW_TTL_SECS,
            safety: default_safety(),
            log_origin: None,
        }
    }

    /// Checks the settings that do not depend on the keyset.
    pub fn check_settings(&self) -> Result<(), RelayError> {
        if self.max_body_bytes == 0 {
            return Err(RelayError::InvalidSetting(
                "max_body_bytes must be at least 1; the default is 268435456 (256 MiB)".into(),
            ));
        }
        if self.upload_ttl_secs == 0 {
            return Err(RelayError::InvalidSetting(
                "upload_ttl_secs must be at least 1; the default is 3600 (one hour)".into(),
            ));
        }
        if self.max_uploads == 0 {
            return Err(RelayError::InvalidSetting(
                "max_uploads must be at least 1; the default is 64".into(),
            ));
        }
        if self.max_writes_per_minute == 0 {
            return Err(RelayError::InvalidSetting(
                "max_writes_per_minute must be at least 1; the default is 120".into(),
            ));
        }
        if self.max_store_bytes == 0 {
            return Err(RelayError::InvalidSetting(
                "max_store_bytes must be at least 1; the default is 10737418240 (10 GiB)".into(),
            ));
        }
        if self.pow_bits > whistlebox_core::pow::MAX_BITS {
            return Err(RelayError::InvalidSetting(format!(
                "pow_bits must be at most 32; the default is {DEFAULT_POW_BITS}"
            )));
        }
        if !(1..=whistlebox_core::pow::MAX_PARTS).contains(&self.pow_parts) {
            return Err(RelayError::InvalidSetting(format!(
                "pow_parts must be 1 to 16; the default is {DEFAULT_POW_PARTS}"
            )));
        }
        if !(1..=MAX_POW_TTL_SECS).contains(&self.pow_ttl_secs) {
            return Err(RelayError::InvalidSetting(format!(
                "pow_ttl_secs must be 1 to {MAX_POW_TTL_SECS}; the default is \
                 {DEFAULT_POW_TTL_SECS} (ten minutes)"
            )));
        }
        for (locale, text) in &self.safety {
            let tag_ok = (1..=35).contains(&locale.len())
                && locale
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !tag_ok {
                return Err(RelayError::InvalidSetting(format!(
                    "[safety] key {locale:?} is not a language tag such as \"en\" or \"zh-CN\" \
                     (1-35 characters of A-Z, a-z, 0-9 and -)"
                )));
            }
            if text.trim().is_empty() || text.len() > SAFETY_TEXT_MAX {
                return Err(RelayError::InvalidSetting(format!(
                    "[safety] text for {locale:?} must hold 1 to {SAFETY_TEXT_MAX} bytes; \
                     remove the key to use the built-in text"
                )));
            }
        }
        Ok(())
    }

    /// Reads and validates the team keyset, and checks `min_recipients`
    /// against it and the other settings ([`Config::check_settings`]).
    pub fn load_team(&self) -> Result<Keyset, RelayError> {
        let text = std::fs::read_to_string(&self.team).map_err(|source| RelayError::TeamRead {
            path: self.team.clone(),
            source,
        })?;
        let keyset = Keyset::from_toml(&text).map_err(|source| RelayError::TeamInvalid {
            path: self.team.clone(),
            source,
        })?;
        let team_size = keyset.investigators.len();
        if !(1..=team_size).contains(&self.min_recipients) {
            return Err(RelayError::MinRecipients {
                min: self.min_recipients,
                team_size,
                path: self.team.clone(),
            });
        }
        self.check_settings()?;
        Ok(keyset)
    }
}

/// The config file: TOML with any of the keys of [`Config`]; flags override it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// `data`: the data directory.
    pub data: Option<PathBuf>,
    /// `team`: the keyset file; a relative path is relative to the config file.
    pub team: Option<PathBuf>,
    /// `listen`: address to listen on.
    pub listen: Option<SocketAddr>,
    /// `max_body_bytes`.
    pub max_body_bytes: Option<u64>,
    /// `min_recipients`.
    pub min_recipients: Option<usize>,
    /// `upload_ttl_secs`.
    pub upload_ttl_secs: Option<u64>,
    /// `max_uploads`.
    pub max_uploads: Option<usize>,
    /// `max_writes_per_minute`.
    pub max_writes_per_minute: Option<u32>,
    /// `max_store_bytes`.
    pub max_store_bytes: Option<u64>,
    /// `min_free_bytes`.
    pub min_free_bytes: Option<u64>,
    /// `pow_bits`.
    pub pow_bits: Option<u8>,
    /// `pow_parts`.
    pub pow_parts: Option<u8>,
    /// `pow_ttl_secs`.
    pub pow_ttl_secs: Option<u32>,
    /// `[safety]`: one key per locale; absent means the built-in text.
    pub safety: Option<BTreeMap<String, String>>,
    /// `log_origin`: the transparency log's origin (PROTOCOL.md §10.3).
    pub log_origin: Option<String>,
}

impl FileConfig {
    /// Reads a config file. Relative `data` and `team` paths are resolved
    /// against the file's folder, so a config works from any working directory.
    pub fn read(path: &Path) -> Result<FileConfig, RelayError> {
        let text = std::fs::read_to_string(path).map_err(|source| RelayError::ConfigRead {
            path: path.to_owned(),
            source,
        })?;
        let mut config: FileConfig =
            toml::from_str(&text).map_err(|e| RelayError::ConfigParse {
                path: path.to_owned(),
                message: e.to_string(),
            })?;
        let base = path.parent().unwrap_or(Path::new(""));
        for field in [&mut config.data, &mut config.team] {
            if let Some(p) = field.as_mut() {
                if p.is_relative() {
                    *p = base.join(&*p);
                }
            }
        }
        Ok(config)
    }

    /// Fills in the settings not given in `self` from `fallback`.
    pub fn or(self, fallback: FileConfig) -> FileConfig {
        FileConfig {
            data: self.data.or(fallback.data),
            team: self.team.or(fallback.team),
            listen: self.listen.or(fallback.listen),
            max_body_bytes: self.max_body_bytes.or(fallback.max_body_bytes),
            min_recipients: self.min_recipients.or(fallback.min_recipients),
            upload_ttl_secs: self.upload_ttl_secs.or(fallback.upload_ttl_secs),
            max_uploads: self.max_uploads.or(fallback.max_uploads),
            max_writes_per_minute: self
                .max_writes_per_minute
                .or(fallback.max_writes_per_minute),
            max_store_bytes: self.max_store_bytes.or(fallback.max_store_bytes),
            min_free_bytes: self.min_free_bytes.or(fallback.min_free_bytes),
            pow_bits: self.pow_bits.or(fallback.pow_bits),
            pow_parts: self.pow_parts.or(fallback.pow_parts),
            pow_ttl_secs: self.pow_ttl_secs.or(fallback.pow_ttl_secs),
            safety: self.safety.or(fallback.safety),
            log_origin: self.log_origin.or(fallback.log_origin),
        }
    }

    /// The final config, with defaults for the optional settings; `data` and
    /// `team` are required.
    pub fn into_config(self) -> Result<Config, RelayError> {
        let data = self.data.ok_or(RelayError::MissingSetting {
            what: "data directory",
            flag: "data",
            key: "data",
        })?;
        let team = self.team.ok_or(RelayError::MissingSetting {
            what: "team keyset",
            flag: "team",
            key: "team",
        })?;
        Ok(Config {
            data,
            team,
            listen: self.listen.unwrap_or(DEFAULT_LISTEN),
            max_body_bytes: self.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
            min_recipients: self.min_recipients.unwrap_or(DEFAULT_MIN_RECIPIENTS),
            upload_ttl_secs: self.upload_ttl_secs.unwrap_or(DEFAULT_UPLOAD_TTL_SECS),
            max_uploads: self.max_uploads.unwrap_or(DEFAULT_MAX_UPLOADS),
            max_writes_per_minute: self
                .max_writes_per_minute
                .unwrap_or(DEFAULT_MAX_WRITES_PER_MINUTE),
            max_store_bytes: self.max_store_bytes.unwrap_or(DEFAULT_MAX_STORE_BYTES),
            min_free_bytes: self.min_free_bytes.unwrap_or(DEFAULT_MIN_FREE_BYTES),
            pow_bits: self.pow_bits.unwrap_or(DEFAULT_POW_BITS),
            pow_parts: self.pow_parts.unwrap_or(DEFAULT_POW_PARTS),
            pow_ttl_secs: self.pow_ttl_secs.unwrap_or(DEFAULT_POW_TTL_SECS),
            safety: self.safety.unwrap_or_else(default_safety),
            log_origin: self.log_origin,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEAM: &str = r#"
name = "Test team"
[[investigator]]
id = "alice"
name = "Alice"
role = "Lead"
recipient = "age14a7lm93mt7ra3rceeu3lacwzr0ecgq87v0jppy0vhzh68qsaf4kscmwr6c"
"#;

    #[test]
    fn file_config_resolves_relative_paths_and_flags_win() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("relay.toml");
        std::fs::write(
            &path,
            "data = \"d\"\nteam = \"/abs/team.toml\"\nlisten = \"127.0.0.1:9000\"\nmin_recipients = 2\n",
        )
        .unwrap();
        let file = FileConfig::read(&path).unwrap();
        assert_eq!(file.data, Some(tmp.path().join("d")));
        assert_eq!(file.team, Some(PathBuf::from("/abs/team.toml")));
        let flags = FileConfig {
            listen: Some("127.0.0.1:0".parse().unwrap()),
            ..FileConfig::default()
        };
        let config = flags.or(file).into_config().unwrap();
        assert_eq!(config.listen, "127.0.0.1:0".parse().unwrap());
        assert_eq!(config.min_recipients, 2);
        assert_eq!(config.max_body_bytes, DEFAULT_MAX_BODY_BYTES);
    }

    #[test]
    fn unknown_keys_and_missing_paths_are_named() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("relay.toml");
        std::fs::write(&path, "dta = \"x\"\n").unwrap();
        let err = FileConfig::read(&path).unwrap_err().to_string();
        assert!(err.contains("relay.toml") && err.contains("dta"), "{err}");
        let err = FileConfig::default().into_config().unwrap_err().to_string();
        assert!(err.contains("--data"), "{err}");
    }

    #[test]
    fn min_recipients_must_fit_the_team() {
        let tmp = tempfile::tempdir().unwrap();
        let team = tmp.path().join("team.toml");
        std::fs::write(&team, TEAM).unwrap();
        let mut config = Config::new(tmp.path().join("data"), &team);
        assert_eq!(config.load_team().unwrap().investigators.len(), 1);
        config.min_recipients = 2;
        let err = config.load_team().unwrap_err().to_string();
        assert!(err.contains("1..=1") && err.contains("team.toml"), "{err}");
        config.min_recipients = 0;
        assert!(config.load_team().is_err());
    }

    #[test]
    fn a_broken_team_file_is_named_with_the_problem() {
        let tmp = tempfile::tempdir().unwrap();
        let team = tmp.path().join("team.toml");
        std::fs::write(&team, TEAM.replace("alice", "Alice!")).unwrap();
        let err = Config::new(tmp.path(), &team)
            .load_team()
            .unwrap_err()
            .to_string();
        assert!(err.contains("team.toml") && err.contains("Alice!"), "{err}");
        let err = Config::new(tmp.path(), tmp.path().join("missing.toml"))
            .load_team()
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("missing.toml") && err.contains("--team"),
            "{err}"
        );
    }

    #[test]
    fn safety_text_comes_from_the_file_or_the_built_in_default() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("relay.toml");
        std::fs::write(
            &path,
            "data = \"d\"\nteam = \"t\"\nupload_ttl_secs = 5\nmax_uploads = 2\nmax_writes_per_minute = 3\nmax_store_bytes = 4\nmin_free_bytes = 5\n[safety]\nen = \"Call the hotline.\"\n",
        )
        .unwrap();
        let config = FileConfig::read(&path).unwrap().into_config().unwrap();
        assert_eq!((config.upload_ttl_secs, config.max_uploads), (5, 2));
        assert_eq!(
            (
                config.max_writes_per_minute,
                config.max_store_bytes,
                config.min_free_bytes
            ),
            (3, 4, 5)
        );
        assert_eq!(config.safety.len(), 1);
        assert_eq!(config.safety["en"], "Call the hotline.");
        config.check_settings().unwrap();

        let defaults = Config::new("d", "t");
        assert!(defaults.safety["en"].contains("emergency"));
        assert!(defaults.safety["zh-CN"].contains("紧急"));
        for bad in ["en us", ""] {
            let mut config = Config::new("d", "t");
            config.safety.insert(bad.to_owned(), "text".to_owned());
            let err = config.check_settings().unwrap_err().to_string();
            assert!(err.contains("[safety]"), "{err}");
        }
        let mut config = Config::new("d", "t");
        config
            .safety
            .insert("en".into(), "x".repeat(SAFETY_TEXT_MAX + 1));
        assert!(config.check_settings().is_err());
        config = Config::new("d", "t");
        config.upload_ttl_secs = 0;
        assert!(config
            .check_settings()
            .unwrap_err()
            .to_string()
            .contains("upload_ttl_secs"));
        config = Config::new("d", "t");
        config.max_writes_per_minute = 0;
        assert!(config.check_settings().is_err());
        config = Config::new("d", "t");
        config.max_store_bytes = 0;
        assert!(config.check_settings().is_err());
    }
}
