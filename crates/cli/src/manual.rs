//! `whistlebox completions SHELL` and `whistlebox man --out DIR`: shell
//! completions and man pages generated from the clap definitions
//! ([`crate::cli`]), so they never drift from the real flags.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Error;

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<(), Error> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "whistlebox", out);
    Ok(())
}

/// The man page file name of a (sub)command path: `whistlebox-audit-store.1`.
fn page_name(path: &[String]) -> String {
    format!("{}.1", path.join("-"))
}

fn render(
    cmd: &clap::Command,
    path: &[String],
    dir: &Path,
    written: &mut Vec<PathBuf>,
) -> Result<(), Error> {
    let name = path.join("-");
    let page = cmd.clone().name(name);
    let mut bytes = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut bytes)
        .map_err(Error::Stdout)?;
    let file = dir.join(page_name(path));
    fs::write(&file, &bytes).map_err(Error::io("cannot write", &file))?;
    written.push(file);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut sub_path = path.to_vec();
        sub_path.push(sub.get_name().to_string());
        render(sub, &sub_path, dir, written)?;
    }
    Ok(())
}

/// Writes `whistlebox.1` and one page per subcommand into `dir` (created if missing).
pub fn man(dir: &Path, out: &mut dyn Write) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(Error::io("cannot create", dir))?;
    let mut cmd = Cli::command();
    cmd.build();
    let mut written = Vec::new();
    render(&cmd, &["whistlebox".to_string()], dir, &mut written)?;
    for file in &written {
        writeln!(out, "{}", file.display()).map_err(Error::Stdout)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_gets_a_page_and_completions() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = Vec::new();
        man(dir.path(), &mut out).unwrap();
        let listed = String::from_utf8(out).unwrap();
        for page in [
            "whistlebox.1",
            "whistlebox-cases.1",
            "whistlebox-audit-store.1",
            "whistlebox-note.1",
        ] {
            assert!(listed.contains(page), "{page} missing from {listed}");
        }
        let cases = fs::read_to_string(dir.path().join("whistlebox-cases.1")).unwrap();
        assert!(cases.contains("\\-\\-search"), "{cases}");
        let mut bash = Vec::new();
        completions(clap_complete::Shell::Bash, &mut bash).unwrap();
        let bash = String::from_utf8(bash).unwrap();
        assert!(
            bash.contains("--assignee") && bash.contains("overview"),
            "bash completion lacks commands"
        );
    }
}
