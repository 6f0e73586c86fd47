//! Property tests of the brief loader through the library API: it never
//! panics, whatever the bytes, and the errors it must report are reported.
//!
//! The structured cases start from the bundled brief, parsed as a
//! `toml::Table`, apply one random mutation, serialise it back and load it.

use std::path::Path;

use briefing::brief::Date;
use briefing::brief::files::{BUNDLED_BRIEF, BundledFiles, DiskFiles, SourceFiles};
use briefing::brief::load::{Loaded, load_bytes, load_text};
use briefing::check::summary_line;
use briefing::text::sanitize::is_unsafe;
use proptest::prelude::*;
use proptest::sample::Index;
use toml::{Table, Value};

/// `cases` cases, or `PROPTEST_CASES` when set (for a longer run). Loading
/// the bundled brief takes tens of milliseconds in a debug build, so the
/// defaults stay modest. Failures are not persisted to files: proptest
/// prints the minimal failing input.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- invariants

/// What must hold for any load, whatever went in.
fn assert_sane(loaded: &Loaded) {
    let errors = loaded.errors();
    assert_eq!(
        loaded.brief.is_some(),
        errors == 0,
        "a brief is returned exactly when there are no errors: {:?}",
        loaded.diagnostics
    );
    let mut last = 0;
    for d in &loaded.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= loaded.text.len(),
            "span {:?} outside a text of {} bytes: {d:?}",
            d.span,
            loaded.text.len()
        );
        assert!(d.span.start >= last, "diagnostics out of file order");
        last = d.span.start;
    }
    let rendered = loaded.render_diagnostics();
    assert_no_raw_controls(&rendered);
    let summary = summary_line(loaded);
    assert!(!summary.chars().any(is_unsafe), "{summary:?}");
    assert!(!summary.contains('\n'));
}

/// `styled` with its SGR style sequences (`ESC [ digits ; m`) removed must
/// hold no unsafe character: every other escape came from the brief.
fn assert_no_raw_controls(styled: &str) {
    let mut rest = styled;
    while let Some(at) = rest.find('\u{1b}') {
        let before = &rest[..at];
        assert!(!before.chars().any(is_unsafe), "raw control in {styled:?}");
        let after = &rest[at + 1..];
        let Some(params) = after.strip_prefix('[') else {
            panic!("a bare escape in the rendering: {styled:?}");
        };
        let end = params
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(params.len());
        assert_eq!(
            params[end..].chars().next(),
            Some('m'),
            "a non-style escape sequence in the rendering: {styled:?}"
        );
        rest = &params[end + 1..];
    }
    assert!(!rest.chars().any(is_unsafe), "raw control in {styled:?}");
}

fn load(text: String) -> Loaded {
    let loaded = load_text("mutated.toml", text, &BundledFiles);
    assert_sane(&loaded);
    loaded
}

// ---------------------------------------------------------------- raw input

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let loaded = load_bytes("bytes.toml", bytes, &BundledFiles);
        assert_sane(&loaded);
    }

    /// Text from a TOML-ish alphabet gets further into the parser than
    /// random bytes do.
    #[test]
    fn toml_like_text_never_panics(text in "([a-z_\\-]{1,8}|[\\[\\]{}=,.\"' \n#\t]|[0-9:T\\-]{1,10}|\\\\u[0-9a-fA-F]{4}|\u{202E}|\u{1b}|é){0,120}") {
        assert_sane(&load_bytes("text.toml", text.into_bytes(), &BundledFiles));
    }

    /// The bundled brief cut off at any point: never a panic, and a brief
    /// only when the cut left a valid document.
    #[test]
    fn truncated_bundled_brief_never_panics(cut in 0..BUNDLED_BRIEF.len()) {
        let bytes = BUNDLED_BRIEF.as_bytes()[..cut].to_vec();
        assert_sane(&load_bytes("cut.toml", bytes, &BundledFiles));
    }
}

#[test]
fn deeply_nested_arrays_do_not_crash() {
    let depth = 100_000;
    for text in [
        format!(
            "format = 1\nx = {}1{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!("format = 1\nx = {}", "[".repeat(depth)),
        format!(
            "format = 1\n[brief]\ntags = {}\"a\"{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!("format = 1\nx = {}", "{a=".repeat(depth)),
        format!("format = 1\n{}]\n", "[a.".repeat(depth)),
    ] {
        let loaded = load_bytes("deep.toml", text.into_bytes(), &BundledFiles);
        assert!(loaded.errors() > 0);
        // Rendering echoes only part of the one long line, so it stays
        // quick even with many problems on it.
        assert_sane(&loaded);
    }
}

#[test]
fn a_shallower_nest_that_parses_is_a_type_error() {
    let text = BUNDLED_BRIEF.replacen(
        "tags = [",
        &format!("tags = [{}\"a\"{}, ", "[".repeat(40), "]".repeat(40)),
        1,
    );
    let loaded = load(text);
    assert!(
        loaded.diagnostics.iter().any(|d| d
            .message
            .contains("`tags` must be a string, found an array")),
        "{:?}",
        loaded.diagnostics
    );
}

// ---------------------------------------------------------------- mutations

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

type DocPath = Vec<Seg>;

#[derive(Debug, Clone)]
enum Replacement {
    Integer(i64),
    Float(f64),
    Bool(bool),
    /// `[[[…[1]…]]]`, this deep.
    Nested(usize),
    EmptyTable,
}

impl Replacement {
    fn value(&self) -> Value {
        match *self {
            Replacement::Integer(n) => Value::Integer(n),
            Replacement::Float(x) => Value::Float(x),
            Replacement::Bool(b) => Value::Boolean(b),
            Replacement::Nested(depth) => {
                let mut value = Value::Integer(1);
                for _ in 0..depth {
                    value = Value::Array(vec![value]);
                }
                value
            }
            Replacement::EmptyTable => Value::Table(Table::new()),
        }
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Remove a key or an array element.
    Delete,
    /// Replace a value by one of a type no field of that kind accepts.
    Replace(Replacement),
    /// Rename a key; `true`: to an `x-` extension key.
    Rename(String, bool),
    /// Insert a copy of an array element after it.
    Duplicate,
    /// Insert a control or bidi character into a string, at a character
    /// position.
    InsertControl(char, Index),
    /// Set a date to a string.
    ChangeDate(String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let replacement = prop_oneof![
        any::<i64>().prop_map(Replacement::Integer),
        Just(Replacement::Integer(i64::MAX)),
        Just(Replacement::Integer(i64::MIN)),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Replacement::Float),
        any::<bool>().prop_map(Replacement::Bool),
        (1usize..60).prop_map(Replacement::Nested),
        Just(Replacement::EmptyTable),
    ];
    let control = prop_oneof![
        Just('\u{1b}'),
        Just('\u{7}'),
        Just('\u{0}'),
        Just('\u{8}'),
        Just('\u{7f}'),
        Just('\u{9b}'),
        Just('\u{202e}'),
        Just('\u{2066}'),
    ];
    let date = prop_oneof![
        "\\PC{0,12}",
        "[0-9]{4}(-[0-9]{2}){0,2}(/[0-9]{4}(-[0-9]{2}){0,2})?",
        "[0-9/\\-]{0,12}",
    ];
    prop_oneof![
        Just(Mutation::Delete),
        replacement.prop_map(Mutation::Replace),
        ("[a-z][a-z_]{0,10}", any::<bool>())
            .prop_map(|(name, x)| Mutation::Rename(format!("zz{name}"), x)),
        Just(Mutation::Duplicate),
        (control, any::<Index>()).prop_map(|(c, at)| Mutation::InsertControl(c, at)),
        date.prop_map(Mutation::ChangeDate),
    ]
}

/// Every path to a value below `value`, parents before children.
fn paths(value: &Value, prefix: &mut DocPath, out: &mut Vec<DocPath>) {
    match value {
        Value::Table(table) => {
            for (key, child) in table {
                prefix.push(Seg::Key(key.clone()));
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(Seg::Index(i));
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn get<'v>(value: &'v Value, path: &[Seg]) -> &'v Value {
    path.iter().fold(value, |v, seg| match seg {
        Seg::Key(k) => &v[k.as_str()],
        Seg::Index(i) => &v[*i],
    })
}

fn get_mut<'v>(value: &'v mut Value, path: &[Seg]) -> &'v mut Value {
    path.iter().fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()).expect("path exists"),
        Seg::Index(i) => v.get_mut(*i).expect("path exists"),
    })
}

/// The kind of table a key at `path` lives in, by the format's rules.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Context {
    Top,
    Brief,
    Source,
    Factor,
    Event,
    Excerpt,
    /// Inside a value: a string list, say.
    Other,
}

fn context(parent: &[Seg]) -> Context {
    match parent {
        [] => Context::Top,
        [Seg::Key(k)] if k == "brief" => Context::Brief,
        [Seg::Key(k), Seg::Index(_)] => match k.as_str() {
            "sources" => Context::Source,
            "factors" => Context::Factor,
            "events" => Context::Event,
            "excerpts" => Context::Excerpt,
            _ => Context::Other,
        },
        _ => Context::Other,
    }
}

fn required(context: Context) -> &'static [&'static str] {
    match context {
        Context::Top => &["format", "brief", "sources", "factors"],
        Context::Brief => &["id", "title", "as_of", "summary"],
        Context::Source => &["id", "title"],
        Context::Factor => &["id", "title", "summary"],
        Context::Event => &["id", "date", "title"],
        Context::Excerpt => &["id", "source", "quote"],
        Context::Other => &[],
    }
}

fn is_date_key(key: &str) -> bool {
    matches!(key, "as_of" | "published" | "date")
}

/// Which paths `mutation` may apply to in `doc`.
fn applicable(mutation: &Mutation, doc: &Value, path: &DocPath) -> bool {
    let last = path.last().expect("never the root");
    let value = get(doc, path);
    match mutation {
        Mutation::Delete | Mutation::Replace(_) => true,
        Mutation::Rename(..) => matches!(last, Seg::Key(_)),
        Mutation::Duplicate => matches!(last, Seg::Index(_)),
        Mutation::InsertControl(..) => value.is_str(),
        Mutation::ChangeDate(_) => {
            matches!(last, Seg::Key(k) if is_date_key(k))
                && context(&path[..path.len() - 1]) != Context::Other
        }
    }
}

/// What the loader must say about a mutated brief.
#[derive(Debug, PartialEq)]
enum Expect {
    /// At least one error.
    Error,
    /// At least one error or warning.
    Problem,
    /// Nothing known: only that nothing panics.
    Anything,
}

/// Applies `mutation` at `path` in `doc`, saying what must follow.
fn apply(doc: &mut Value, path: &DocPath, mutation: &Mutation) -> Expect {
    let (last, parent_path) = path.split_last().expect("never the root");
    let ctx = context(parent_path);
    let parent = get_mut(doc, parent_path);
    match (mutation, last) {
        (Mutation::Delete, Seg::Key(key)) => {
            parent.as_table_mut().unwrap().remove(key);
            if required(ctx).contains(&key.as_str()) {
                Expect::Error
            } else {
                Expect::Anything
            }
        }
        (Mutation::Delete, Seg::Index(i)) => {
            let items = parent.as_array_mut().unwrap();
            items.remove(*i);
            let required_list = matches!(
                parent_path,
                [Seg::Key(k)] if k == "sources" || k == "factors"
            );
            if required_list && items.is_empty() {
                Expect::Error
            } else {
                Expect::Anything
            }
        }
        (Mutation::Replace(replacement), seg) => {
            let target = match seg {
                Seg::Key(k) => parent.get_mut(k.as_str()).unwrap(),
                Seg::Index(i) => parent.get_mut(*i).unwrap(),
            };
            *target = replacement.value();
            // No field takes a float, a boolean, a nested array or an empty
            // table; only `format` takes an integer, and only 1.
            let harmless = matches!(replacement, Replacement::Integer(1))
                && *seg == Seg::Key("format".into())
                && ctx == Context::Top;
            if harmless {
                Expect::Anything
            } else {
                Expect::Error
            }
        }
        (Mutation::Rename(name, extension), Seg::Key(key)) => {
            let table = parent.as_table_mut().unwrap();
            let value = table.remove(key).unwrap();
            let name = if *extension {
                format!("x-{name}")
            } else {
                name.clone()
            };
            assert!(!table.contains_key(&name));
            table.insert(name, value);
            if (!extension && ctx != Context::Other) || required(ctx).contains(&key.as_str()) {
                Expect::Error
            } else {
                Expect::Anything
            }
        }
        (Mutation::Duplicate, Seg::Index(i)) => {
            let items = parent.as_array_mut().unwrap();
            let copy = items[*i].clone();
            items.insert(*i + 1, copy);
            // A duplicated entry repeats its id.
            let entries = matches!(
                parent_path,
                [Seg::Key(k)] if ["sources", "factors", "events", "excerpts"].contains(&k.as_str())
            );
            if entries {
                Expect::Error
            } else {
                Expect::Anything
            }
        }
        (Mutation::InsertControl(c, at), seg) => {
            let target = match seg {
                Seg::Key(k) => parent.get_mut(k.as_str()).unwrap(),
                Seg::Index(i) => parent.get_mut(*i).unwrap(),
            };
            let Value::String(s) = target else {
                unreachable!()
            };
            let chars: Vec<char> = s.chars().collect();
            let at = at.index(chars.len() + 1);
            let mut new: String = chars[..at].iter().collect();
            new.push(*c);
            new.extend(&chars[at..]);
            *s = new;
            // Every string of the format is read: a warning at least (an
            // error where the string is an id, a date or a reference).
            Expect::Problem
        }
        (Mutation::ChangeDate(text), Seg::Key(key)) => {
            parent
                .as_table_mut()
                .unwrap()
                .insert(key.clone(), Value::String(text.clone()));
            if Date::parse(text).is_err() {
                Expect::Error
            } else {
                Expect::Anything
            }
        }
        (mutation, seg) => unreachable!("{mutation:?} at {seg:?}"),
    }
}

fn bundled_doc() -> Value {
    Value::Table(toml::from_str::<Table>(BUNDLED_BRIEF).expect("the bundled brief parses"))
}

fn serialise(doc: &Value) -> String {
    toml::to_string(doc.as_table().unwrap()).expect("a TOML table serialises")
}

/// Applies `mutation` at the `index`-th path it applies to.
fn mutate(doc: &mut Value, mutation: &Mutation, index: Index) -> (DocPath, Expect) {
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    let candidates: Vec<DocPath> = all
        .into_iter()
        .filter(|p| applicable(mutation, doc, p))
        .collect();
    assert!(!candidates.is_empty(), "nothing to apply {mutation:?} to");
    let path = index.get(&candidates).clone();
    let expect = apply(doc, &path, mutation);
    (path, expect)
}

#[test]
fn the_bundled_brief_survives_a_round_trip() {
    let loaded = load(serialise(&bundled_doc()));
    assert_eq!(loaded.errors(), 0, "{}", loaded.render_diagnostics());
    assert_eq!(loaded.warnings(), 0, "{}", loaded.render_diagnostics());
    let brief = loaded.brief.unwrap();
    let counts = brief.verification_counts();
    assert_eq!(counts.verified, brief.excerpts.len());
}

#[test]
fn the_mutation_rules_are_right_for_each_kind() {
    // Spot checks of the expectations themselves.
    let mut doc = bundled_doc();
    let brief_title = vec![Seg::Key("brief".into()), Seg::Key("title".into())];
    assert_eq!(
        apply(&mut doc, &brief_title, &Mutation::Delete),
        Expect::Error
    );
    let subtitle = vec![Seg::Key("brief".into()), Seg::Key("subtitle".into())];
    assert_eq!(
        apply(&mut doc, &subtitle, &Mutation::Delete),
        Expect::Anything
    );
    let loaded = load(serialise(&doc));
    assert_eq!(loaded.errors(), 1, "{:?}", loaded.diagnostics);
}

proptest! {
    #![proptest_config(config(256))]

    /// One mutation of the bundled brief: no panic, and the errors that
    /// the mutation must cause are reported.
    #[test]
    fn one_mutation_is_caught(mutation in mutation(), index in any::<Index>()) {
        let mut doc = bundled_doc();
        let (path, expect) = mutate(&mut doc, &mutation, index);
        let text = serialise(&doc);
        let loaded = load(text);
        match expect {
            Expect::Error => prop_assert!(
                loaded.errors() > 0,
                "{mutation:?} at {path:?} should be an error; got {:?}",
                loaded.diagnostics
            ),
            Expect::Problem => prop_assert!(
                loaded.errors() + loaded.warnings() > 0,
                "{mutation:?} at {path:?} should be reported; got nothing"
            ),
            Expect::Anything => {}
        }
    }

}

proptest! {
    #![proptest_config(config(64))]

    /// Several mutations in a row: no panic, whatever they add up to.
    #[test]
    fn many_mutations_never_panic(
        steps in proptest::collection::vec((mutation(), any::<Index>()), 1..6),
    ) {
        let mut doc = bundled_doc();
        for (mutation, index) in &steps {
            let mut all = Vec::new();
            paths(&doc, &mut Vec::new(), &mut all);
            if all.iter().any(|p| applicable(mutation, &doc, p)) {
                mutate(&mut doc, mutation, *index);
            }
        }
        load(serialise(&doc));
    }
}

// ---------------------------------------------------------------- source paths

/// A brief in `root/a/b/`, with sources in `b/` and in `a/`.
struct Tree {
    _dir: tempfile::TempDir,
    brief: std::path::PathBuf,
}

fn tree() -> Tree {
    let dir = tempfile::TempDir::new().unwrap();
    let b = dir.path().join("a/b");
    std::fs::create_dir_all(&b).unwrap();
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/source.txt"),
    )
    .unwrap();
    std::fs::write(b.join("source.txt"), &source).unwrap();
    std::fs::write(dir.path().join("a/source.txt"), &source).unwrap();
    std::fs::write(dir.path().join("outside.txt"), &source).unwrap();
    Tree {
        brief: b.join("brief.toml"),
        _dir: dir,
    }
}

fn brief_with_file(file: &str) -> String {
    let clean = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean.toml"),
    )
    .unwrap();
    let file = toml::Value::String(file.to_string()).to_string();
    clean.replace("file = \"source.txt\"", &format!("file = {file}"))
}

proptest! {
    #![proptest_config(config(128))]

    /// Any `file` value: no panic; absolute paths are errors; plain
    /// downward paths never are.
    #[test]
    fn any_source_path_is_handled(
        parts in proptest::collection::vec(
            prop_oneof![
                Just(".."), Just("."), Just("a"), Just("b"), Just("source.txt"),
                Just("outside.txt"), Just(""), Just("~"), Just("\u{0}"),
            ],
            0..7,
        ),
        absolute in any::<bool>(),
    ) {
        let tree = tree();
        let mut file = parts.join("/");
        if absolute {
            file.insert(0, '/');
        }
        let absolute = file.starts_with('/');
        let files = DiskFiles::new(&tree.brief);
        let loaded = load_bytes("brief.toml", brief_with_file(&file).into_bytes(), &files);
        assert_sane(&loaded);
        if absolute {
            prop_assert!(loaded.errors() > 0, "{file:?}");
        }
        if !parts.iter().any(|p| *p == ".." || *p == "~") && !absolute {
            prop_assert_eq!(loaded.errors(), 0, "{:?}: {:?}", file, loaded.diagnostics);
        }
        // The reader gives the same answer as the loader.
        let direct = files.read(&file);
        let refused = loaded.diagnostics.iter().any(|d| d.is_error());
        prop_assert_eq!(
            refused,
            matches!(direct, Err(briefing::brief::files::FileProblem::Refused(_))),
            "{:?}", file
        );
    }
}
