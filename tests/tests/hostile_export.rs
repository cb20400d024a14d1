//! A hostile report through a real `whistlebox export`: attachment names that
//! try to escape the output folder or abuse the file system, and text that
//! tries to run script in the HTML export (PROTOCOL.md §6, §6.3).

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

    // The store layout of PROTOCOL.md §5, written as `pull` would.
    let store = tmp.path().join("store");
    let objects = store.join("objects");
    std::fs::create_dir_all(&objects).unwrap();
    let id = "0123456789abcdef0123456789abcdef";
    let stem = format!("{:016}-{id}", 1);
    encrypt_to_team(&container, &objects.join(format!("{stem}.age")));
    let size = std::fs::metadata(objects.join(format!("{stem}.age")))
        .unwrap()
        .len();
    std::fs::write(
        objects.join(format!("{stem}.json")),
        serde_json::json!({"id": id, "seq": 1, "kind": "report", "day": "2026-11-25", "size": size})
            .to_string(),
    )
    .unwrap();

    // Export into a folder nested two levels deep, so `../../x` would land
    // inside the temp dir where the walk below would see it.
    let out = tmp.path().join("a/b/out");
    let alice = fixture_key("alice");
    for format in ["html", "md"] {
        let out = out.join(format);
        cli_ok(&[
            "export",
            "--all",
            "--store",
            store.to_str().unwrap(),
            "-i",
            alice.to_str().unwrap(),
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ]);
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
