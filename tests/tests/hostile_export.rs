//! A hostile report through a real `whistlebox export`: attachment names that
//! try to escape the output folder or abuse the file system, and text that
//! tries to run script in the HTML export (PROTOCOL.md §6, §6.3) — in the
//! report itself and in the follow-ups and replies of its thread (§8.6).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use whistlebox_core::report::{self, Attachment, Kind, Manifest};
use whistlebox_tests::{cli_ok, example_team, files_under, fixture_key, sha256_hex};

const HOSTILE_TEXT: &str = "<script>alert(1)</script> and \"><img src=x onerror=alert(2)> \
     and <a href=\"javascript:alert(3)\">link</a> and <svg onload=alert(4)>";

fn hostile_names() -> Vec<String> {
    vec![
        "../../x".to_owned(),
        "../../../escape.txt".to_owned(),
        "/etc/passwd".to_owned(),
        "C:\\Windows\\system32\\evil.dll".to_owned(),
        "nul\0byte.txt".to_owned(),
        "\u{1b}[31mred\u{7}.txt".to_owned(),
        "invoice\u{202e}fdp.exe".to_owned(),
        format!("{}.pdf", "é".repeat(150)),
        "CON".to_owned(),
        "con.txt".to_owned(),
        "LPT1.log".to_owned(),
        "..".to_owned(),
        ".".to_owned(),
        "same.txt".to_owned(),
        "SAME.txt".to_owned(),
        "same.txt".to_owned(),
        "<img src=x onerror=alert(5)>.html".to_owned(),
    ]
}

fn encrypt_to_team(plaintext: &[u8], out: &Path) {
    let team =
        whistlebox_core::team::Keyset::from_toml(&std::fs::read_to_string(example_team()).unwrap())
            .unwrap();
    let recipients: Vec<age::x25519::Recipient> = team
        .investigators
        .iter()
        .map(|i| i.recipient.parse().unwrap())
        .collect();
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .unwrap();
    let mut writer = encryptor
        .wrap_output(std::fs::File::create(out).unwrap())
        .unwrap();
    writer.write_all(plaintext).unwrap();
    writer.finish().unwrap();
}

#[test]
fn hostile_names_stay_inside_and_html_runs_no_script() {
    let tmp = tempfile::tempdir().unwrap();
    let names = hostile_names();
    let bodies: Vec<Vec<u8>> = (0..names.len())
        .map(|i| format!("attachment number {i}").into_bytes())
        .collect();
    let mut fields = BTreeMap::new();
    fields.insert("category".to_owned(), "retaliation".to_owned());
    fields.insert("what".to_owned(), HOSTILE_TEXT.to_owned());
    fields.insert(
        "where".to_owned(),
        "\u{1b}]0;pwned\u{7}<b>bold</b>".to_owned(),
    );
    let manifest = Manifest {
        kind: Kind::Report,
        fields,
        attachments: names
            .iter()
            .zip(&bodies)
            .map(|(n, b)| Attachment::describe(n, "text/html", b))
            .collect(),
        reply_key: None,
        client_time: "2026-11-25".to_owned(),
        locale: "en".to_owned(),
    };
    let refs: Vec<&[u8]> = bodies.iter().map(Vec::as_slice).collect();
    let container = report::encode(&manifest, &refs).expect("hostile but well-formed container");

    let store = tmp.path().join("store");
    let id = "0123456789abcdef0123456789abcdef";
    put(&store, 1, id, "report", &container);

    // Export into a folder nested two levels deep, so `../../x` would land
    // inside the temp dir where the walk below would see it.
    let out = tmp.path().join("a/b/out");
    let alice = fixture_key("alice");
    for format in ["html", "md"] {
        export_all(&store, &alice, format, &out.join(format));
    }

    let case = out.join("html").join(format!("2026-11-25-{id}"));
    let exported = files_under(&case.join("attachments"));
    assert_eq!(
        exported.len(),
        names.len(),
        "every attachment, none lost: {exported:?}"
    );
    // Nothing anywhere in the temp dir outside the store and the case folders.
    for file in files_under(tmp.path()) {
        let inside = file.starts_with(&store)
            || file.starts_with(out.join("html").join(format!("2026-11-25-{id}")))
            || file.starts_with(out.join("md").join(format!("2026-11-25-{id}")));
        assert!(
            inside,
            "written outside the case folder: {}",
            file.display()
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut contents = std::collections::BTreeSet::new();
    for file in &exported {
        let name = file.file_name().unwrap().to_str().expect("UTF-8 name");
        assert!(name.len() <= 100, "name cut to 100 bytes: {name}");
        assert!(
            !name.chars().any(char::is_control),
            "no control characters: {name:?}"
        );
        assert!(!name.contains('\u{202e}'), "no bidi override: {name:?}");
        assert!(!name.starts_with('.'), "no hidden or dot names: {name}");
        let stem = name.split('.').next().unwrap().to_ascii_uppercase();
        assert!(
            !["CON", "PRN", "AUX", "NUL", "LPT1", "COM1"].contains(&stem.as_str()),
            "no Windows device name: {name}"
        );
        assert!(
            seen.insert(name.to_lowercase()),
            "unique, case-insensitively: {name}"
        );
        contents.insert(sha256_hex(&std::fs::read(file).unwrap()));
    }
    let expected: std::collections::BTreeSet<String> =
        bodies.iter().map(|b| sha256_hex(b)).collect();
    assert_eq!(contents, expected, "every attachment byte-identical");

    let html = std::fs::read_to_string(case.join("report.html")).unwrap();
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "no script element");
    assert!(!lower.contains("<img"), "no injected img element");
    assert!(!lower.contains("<svg"), "no injected svg element");
    for attr in [
        "href=\"javascript:",
        "href='javascript:",
        "href=javascript:",
    ] {
        assert!(!lower.contains(attr), "no javascript: link");
    }
    for handler in ["onerror=", "onload=", "onclick="] {
        // Escaped text may contain the word, but never inside a tag.
        for (i, _) in lower.match_indices(handler) {
            let before = &lower[..i];
            let open = before.rfind('<').unwrap_or(0);
            let close = before.rfind('>').unwrap_or(0);
            assert!(
                close > open,
                "event handler {handler} inside a tag at byte {i}"
            );
        }
    }
    assert!(
        html.contains("&lt;script&gt;"),
        "the text is shown, escaped"
    );
    assert!(
        lower.contains("content-security-policy") && lower.contains("default-src 'none'"),
        "a CSP that forbids scripts"
    );
    assert!(!html.contains('\u{1b}'), "no terminal escapes in HTML");
}

/// `whistlebox export --all` of `store` with `key`; returns stdout.
fn export_all(store: &Path, key: &Path, format: &str, out: &Path) -> String {
    cli_ok(&[
        "export",
        "--all",
        "--store",
        store.to_str().unwrap(),
        "-i",
        key.to_str().unwrap(),
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ])
}

/// Places an encrypted container in the store layout of PROTOCOL.md §5, as
/// `pull` would.
fn put(store: &Path, seq: u64, id: &str, kind: &str, container: &[u8]) {
    let objects = store.join("objects");
    std::fs::create_dir_all(&objects).unwrap();
    let stem = format!("{seq:016}-{id}");
    let body = objects.join(format!("{stem}.age"));
    encrypt_to_team(container, &body);
    let size = std::fs::metadata(&body).unwrap().len();
    std::fs::write(
        objects.join(format!("{stem}.json")),
        serde_json::json!({"id": id, "seq": seq, "kind": kind, "day": "2026-11-25", "size": size})
            .to_string(),
    )
    .unwrap();
}

/// A container of `kind` in the thread of `reply_key`, with these attachments.
fn item(kind: Kind, reply_key: &str, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Vec<u8> {
    let manifest = Manifest {
        kind,
        fields: fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        attachments: files
            .iter()
            .map(|(n, b)| Attachment::describe(n, "text/html", b))
            .collect(),
        reply_key: Some(reply_key.to_owned()),
        client_time: "2026-11-25".to_owned(),
        locale: "en".to_owned(),
    };
    let bodies: Vec<&[u8]> = files.iter().map(|(_, b)| *b).collect();
    report::encode(&manifest, &bodies).expect("hostile but well-formed container")
}

#[test]
fn a_hostile_followup_and_reply_are_neutralised_in_the_thread_export() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    // The reporter's reply recipient: the thread key (PROTOCOL.md §8.6).
    let key = age::x25519::Identity::generate().to_public().to_string();
    let report_id = "1111111111111111111111111111111a";
    let followup_id = "2222222222222222222222222222222b";
    let reply_id = "3333333333333333333333333333333c";
    let evil_name = "../../<img src=x onerror=alert(6)>.html";
    let files: [(&str, &[u8]); 4] = [
        ("evidence.txt", b"the report's file"),
        ("EVIDENCE.TXT", b"the follow-up's file"),
        (evil_name, b"<script>alert(7)</script>"),
        ("..\\evidence.txt", b"the reply's file"),
    ];
    put(
        &store,
        1,
        report_id,
        "report",
        &item(Kind::Report, &key, &[("category", "other")], &files[..1]),
    );
    put(
        &store,
        2,
        followup_id,
        "followup",
        &item(
            Kind::Followup,
            &key,
            &[("message", HOSTILE_TEXT)],
            &files[1..3],
        ),
    );
    put(
        &store,
        3,
        reply_id,
        "reply",
        &item(
            Kind::Reply,
            &key,
            &[("message", "</pre><script>alert(8)</script>")],
            &files[3..],
        ),
    );

    let out = tmp.path().join("out");
    let alice = fixture_key("alice");
    for format in ["html", "md"] {
        let said = export_all(&store, &alice, format, &out.join(format));
        // One case, not three: the follow-up and the reply are in its thread.
        assert_eq!(said.lines().count(), 1, "{said}");
        let case = out.join(format).join(format!("2026-11-25-{report_id}"));
        let exported = files_under(&out.join(format));
        assert_eq!(exported.len(), 2 + files.len(), "{exported:?}");

        // One attachments/ folder, names unique across the whole case, in
        // thread order, every file byte-identical.
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(case.join("report.json")).unwrap()).unwrap();
        let mut paths = vec![json["attachments"][0]["path"].clone()];
        for item in json["thread"].as_array().unwrap() {
            paths.extend(
                item["attachments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["path"].clone()),
            );
        }
        assert_eq!(
            paths,
            [
                "attachments/evidence.txt",
                "attachments/EVIDENCE (2).TXT",
                "attachments/img src=x onerror=alert(6).html",
                "attachments/evidence (3).txt",
            ]
        );
        for (path, (_, bytes)) in paths.iter().zip(&files) {
            let file = case.join(path.as_str().unwrap());
            assert_eq!(
                sha256_hex(&std::fs::read(&file).unwrap()),
                sha256_hex(bytes),
                "{path}"
            );
        }
        assert_eq!(json["thread"][1]["from"], "team");
        assert_eq!(json["thread"][0]["attachments"][1]["name"], evil_name);

        if format == "html" {
            let html = std::fs::read_to_string(case.join("report.html")).unwrap();
            let lower = html.to_ascii_lowercase();
            for tag in ["<script", "<img", "<svg", "</pre><"] {
                assert!(!lower.contains(tag), "{tag} in {html}");
            }
            assert!(!lower.contains("href=\"javascript:"));
            assert!(html.contains("&lt;/pre&gt;&lt;script&gt;alert(8)&lt;/script&gt;"));
            assert!(html.contains("&lt;img src=x onerror=alert(6)&gt;.html"));
            assert!(
                html.contains("href=\"attachments/img%20src%3Dx%20onerror%3Dalert%286%29.html\"")
            );
            assert!(lower.contains("default-src 'none'"));
        } else {
            let md = std::fs::read_to_string(case.join("report.md")).unwrap();
            // Long text is fenced; short text and names are escaped inline.
            assert!(
                md.contains(&format!("```text\n{HOSTILE_TEXT}\n```\n")),
                "{md}"
            );
            assert!(!md.contains("<script>alert(8)"), "{md}");
            assert!(
                md.contains("\\</pre\\>\\<script\\>alert\\(8\\)\\</script\\>"),
                "{md}"
            );
            assert!(
                md.contains("[\\.\\./\\.\\./\\<img src\\=x onerror\\=alert\\(6\\)\\>\\.html]("),
                "{md}"
            );
            assert!(md.contains("](attachments/img%20src%3Dx%20onerror%3Dalert%286%29.html)"));
        }
    }
}
