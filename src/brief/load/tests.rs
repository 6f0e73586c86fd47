use super::*;

fn format_errors(format: &str) -> Vec<String> {
    let text = BUNDLED_BRIEF.replacen("format = 2", &format!("format = {format}"), 1);
    let loaded = load_text("f.toml", text, &BundledFiles);
    loaded.diagnostics.into_iter().map(|d| d.message).collect()
}

#[test]
fn a_device_or_fifo_brief_is_refused_at_once() {
    let zero = Path::new("/dev/zero");
    if zero.exists() {
        let Err(LoadFailure::Unreadable(message)) = load_file(zero, "zero") else {
            panic!("/dev/zero was read");
        };
        assert_eq!(
            message,
            "cannot read zero: it is a device, not a regular file"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("brief.toml");
    crate::safe_file::make_fifo(&fifo).unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(
            load_file(&fifo, "brief.toml")
                .err()
                .map(|e| format!("{e:?}")),
        );
    });
    let failure = receive
        .recv_timeout(std::time::Duration::from_secs(2))
        .expect("a FIFO brief blocked the loader");
    assert!(failure.is_some_and(|m| m.contains("it is a FIFO, not a regular file")),);
}

#[test]
fn format_is_compared_by_value_not_spelling() {
    // The bundled brief is format 2 (it has citations and `evidence`).
    for two in ["2", "+2", "0x2", "0o2", "0b10", "0x0002"] {
        assert_eq!(format_errors(two), Vec::<String>::new(), "format = {two}");
    }
    assert_eq!(
        format_errors("0x10"),
        ["unsupported brief format 16 (this build reads 1 and 2)"]
    );
    assert_eq!(
        format_errors("+3"),
        ["unsupported brief format 3 (this build reads 1 and 2)"]
    );
    assert_eq!(
        format_errors("99999999999999999999"),
        ["unsupported brief format 99999999999999999999 (this build reads 1 and 2)"]
    );
}

#[test]
fn claims_are_checked_in_the_texts_they_name_even_when_the_brief_is_lost() {
    // `[brief]` lacks its id, so no brief is built; the summary's citation
    // is checked all the same, and each claim's text is the one it names
    // (a key point after an item that is not a string, an annotation).
    let text = "format = 2\n[brief]\ntitle = \"T\"\nas_of = 2025-01-01\n\
        summary = \"Claim [@nope].\"\n\
        [[sources]]\nid = \"s\"\ntitle = \"S\"\n\
        [[factors]]\nid = \"f\"\ntitle = \"F\"\nsummary = \"x [@x1]\"\n\
        key_points = [1, \"a [@x2]\"]\n\
        [[excerpts]]\nid = \"x1\"\nsource = \"s\"\nquote = \"q\"\n\
        annotation = \"see [@x3]\"\n";
    let loaded = load_text("t.toml", text.to_string(), &BundledFiles);
    let found: Vec<(&str, &str)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.message.as_str(), &text[d.span.clone()]))
        .collect();
    assert!(loaded.brief.is_none());
    for (message, at) in [
        ("no excerpt has the id `nope` (cited here)", "nope"),
        ("no excerpt has the id `x2` (cited here)", "x2"),
        ("no excerpt has the id `x3` (cited here)", "x3"),
    ] {
        assert!(found.contains(&(message, at)), "{message}: {found:?}");
    }
    assert!(found.iter().all(|(m, _)| !m.contains("`x1`")), "{found:?}");
}
