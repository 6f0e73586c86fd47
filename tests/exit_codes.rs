//! Exit codes that tell the truth: a lost result is never success, a
//! closed pipe is no error, and clap's usage errors show what was typed
//! without letting its escape sequences through.

use std::fs::File;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_briefing");

fn dev_full() -> File {
    File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
}

#[test]
fn check_and_export_to_a_full_disk_exit_2_with_a_message() {
    for args in [&["check"][..], &["export"], &["export", "--format", "json"]] {
        let output = Command::new(BIN)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(dev_full())
            .output()
            .expect("run briefing");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(BIN)
        .args(["export"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run briefing");
    // Close the reading end at once, as `| head -c0` would.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn usage_errors_show_arguments_with_visible_symbols() {
    let output = Command::new(BIN)
        .args(["export", "--format", "x\u{1b}]0;TITLE\u{7}\u{202e}y"])
        .output()
        .expect("run briefing");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("'x␛]0;TITLE␇\u{FFFD}y'"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
        "{stderr:?}"
    );
    // Help still prints as clap writes it, on stdout, with status 0.
    let help = Command::new(BIN)
        .arg("--help")
        .output()
        .expect("run briefing");
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: briefing"));
}
