//! Loading a brief: parse, validate against format 1, resolve references,
//! read and verify sources. Every problem is reported, in file order.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::date::Date;
use super::evidence::{Claim, ClaimKind, ExcerptIds};
use super::files::{
    BUNDLED_BRIEF, BUNDLED_BRIEF_PATH, BundledFiles, DiskFiles, FileProblem, SourceFiles,
};
use super::keys::{
    BRIEF_KEYS, BRIEF_KEYS_1, EVENT_KEYS, EXCERPT_KEYS, FACTOR_KEYS, SOURCE_KEYS, TOP_KEYS,
};
use super::model::{
    Brief, Confidence, Event, Excerpt, Factor, Links, Source, TextRef, Verification,
};
use super::walk::{Located, Ref, Table, Walker, closest, describe_type};
use crate::diagnostic::{Diagnostic, Severity};

/// The newest format version this build reads (it reads 1 as well).
pub const FORMAT: i64 = 2;

/// A brief file larger than this is refused.
pub const MAX_BRIEF_BYTES: u64 = 256 * 1024 * 1024;

/// The outcome of loading one brief.
#[derive(Debug)]
pub struct Loaded {
    /// The path as shown in messages.
    pub path: String,
    /// The brief's text, which diagnostics point into.
    pub text: String,
    /// In file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The brief, unless there were errors.
    pub brief: Option<Brief>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The diagnostics rendered for a terminal (styled).
    pub fn render_diagnostics(&self) -> String {
        crate::diagnostic::render(&self.diagnostics, &self.path, &self.text)
    }
}

/// Why a brief file could not be loaded at all.
#[derive(Debug)]
pub enum LoadFailure {
    /// The path cannot be read (missing, a folder, no permission).
    Unreadable(String),
    /// The file is over [`MAX_BRIEF_BYTES`].
    TooLarge(String),
}

/// Loads the brief at `path`; `shown` is how the path appears in messages.
/// The file is read through [`crate::safe_file`]: a FIFO, device or folder
/// is refused at once, and nothing past [`MAX_BRIEF_BYTES`] is read.
pub fn load_file(path: &Path, shown: &str) -> Result<Loaded, LoadFailure> {
    use crate::safe_file::Problem;
    match crate::safe_file::read_path(path, MAX_BRIEF_BYTES) {
        Ok(bytes) => Ok(load_bytes(shown, bytes, &DiskFiles::new(path))),
        Err(error) => Err(match error.problem {
            Problem::NotRegular("a folder") => {
                LoadFailure::Unreadable(format!("{shown} is a folder, not a brief file"))
            }
            Problem::TooLarge { size, .. } => LoadFailure::TooLarge(format!(
                "{shown} is {} MiB; briefs over 256 MiB are refused",
                size / (1024 * 1024)
            )),
            Problem::NotRegular(what) => LoadFailure::Unreadable(format!(
                "cannot read {shown}: it is {what}, not a regular file"
            )),
            _ => LoadFailure::Unreadable(format!("cannot read {shown}: {}", error.reason())),
        }),
    }
}

/// Loads the brief compiled into the binary.
pub fn load_bundled() -> Loaded {
    load_text(BUNDLED_BRIEF_PATH, BUNDLED_BRIEF.to_string(), &BundledFiles)
}

/// Loads a brief from raw bytes (which may not be UTF-8).
pub fn load_bytes(shown: &str, bytes: Vec<u8>, files: &dyn SourceFiles) -> Loaded {
    match String::from_utf8(bytes) {
        Ok(text) => load_text(shown, text, files),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            Loaded {
                path: shown.to_string(),
                text,
                diagnostics: vec![Diagnostic::error(
                    at..at,
                    "the brief is not valid UTF-8 text (TOML files must be UTF-8)",
                )],
                brief: None,
            }
        }
    }
}

/// Loads a brief from its text, reading sources through `files`.
pub fn load_text(shown: &str, text: String, files: &dyn SourceFiles) -> Loaded {
    let (diagnostics, brief) = validate(shown, &text, files);
    Loaded {
        path: shown.to_string(),
        text,
        diagnostics,
        brief,
    }
}

fn validate(shown: &str, text: &str, files: &dyn SourceFiles) -> (Vec<Diagnostic>, Option<Brief>) {
    let (document, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        let mut diagnostics: Vec<Diagnostic> = syntax_errors
            .iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                Diagnostic::error(span, format!("TOML syntax: {}", e.message().trim_end()))
            })
            .collect();
        diagnostics.sort_by_key(|d| d.span.start);
        return (diagnostics, None);
    }
    let mut walker = Walker::new(text);
    let brief = Reader::new(&mut walker, files, shown).read(document.get_ref());
    let mut diagnostics = walker.diagnostics;
    diagnostics.sort_by_key(|d| d.span.start);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    (diagnostics, brief.filter(|_| !has_errors))
}

/// An id with the kind of item it names, for duplicate and reference checks.
#[derive(Default)]
struct Ids {
    /// Valid ids, first definition wins.
    index: HashMap<String, usize>,
    /// Every id written for this kind and not in `index` (not valid): a
    /// reference to one of these is not reported again as dangling.
    written: std::collections::HashSet<String>,
}

struct Reader<'w, 't> {
    walker: &'w mut Walker<'t>,
    files: &'w dyn SourceFiles,
    /// The brief's path as shown, which source paths in notes start from.
    shown: &'w str,
    /// Span of the `format` key, where list-level problems are reported.
    format_span: Range<usize>,
    /// The format the brief is written in (1 when that is unreadable).
    format: i64,
    /// Format 2: the texts that may cite excerpts, in file order, by
    /// where they live in the model (their text is looked up once the
    /// model is built, not copied).
    claims: Vec<(TextRef, Range<usize>, ClaimKind)>,
    /// The bottom line, when it is one of `claims` (`Meta` may be lost).
    brief_summary: Option<String>,
    /// `evidence = "required"` was read (claims without an `@` are kept).
    required: bool,
}

impl<'w, 't> Reader<'w, 't> {
    fn new(walker: &'w mut Walker<'t>, files: &'w dyn SourceFiles, shown: &'w str) -> Self {
        Reader {
            walker,
            files,
            shown,
            format_span: 0..0,
            format: 1,
            claims: Vec::new(),
            brief_summary: None,
            required: false,
        }
    }

    fn read(mut self, document: &DeTable) -> Option<Brief> {
        let top = Table {
            entries: document,
            header: 0..0,
            name: "the brief file",
        };
        self.walker.unknown_keys(&top, TOP_KEYS);
        if !self.format(&top) {
            return None;
        }

        let meta = self.meta(&top);
        let source_tables = self.entries(&top, "sources", "[[sources]]", true);
        let factor_tables = self.entries(&top, "factors", "[[factors]]", true);
        let event_tables = self.entries(&top, "events", "[[events]]", false);
        let excerpt_tables = self.entries(&top, "excerpts", "[[excerpts]]", false);

        let mut source_ids = Ids::default();
        let mut sources: Vec<Source> = source_tables
            .iter()
            .enumerate()
            .map(|(i, t)| self.source(t, i, &mut source_ids))
            .collect();
        let mut factor_ids = Ids::default();
        let mut related = Vec::new();
        let mut factors: Vec<Factor> = factor_tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (factor, refs) = self.factor(t, i, &mut factor_ids);
                related.push(refs);
                factor
            })
            .collect();
        let mut event_ids = Ids::default();
        let mut event_refs = Vec::new();
        let mut events: Vec<Event> = event_tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (event, refs) = self.event(t, i, &mut event_ids);
                event_refs.push(refs);
                event
            })
            .collect();
        let mut excerpt_ids = Ids::default();
        let mut excerpt_refs = Vec::new();
        let mut excerpts: Vec<Excerpt> = excerpt_tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (excerpt, refs) = self.excerpt(t, i, &mut excerpt_ids);
                excerpt_refs.push(refs);
                excerpt
            })
            .collect();

        // Resolve references now that every id is known.
        for (factor, refs) in factors.iter_mut().zip(&related) {
            factor.related = self.resolve(refs, &factor_ids, "factor");
        }
        for (event, (factor_refs, source_refs)) in events.iter_mut().zip(&event_refs) {
            event.factors = self.resolve(factor_refs, &factor_ids, "factor");
            event.sources = self.resolve(source_refs, &source_ids, "source");
        }
        let mut quote_spans = Vec::new();
        for (excerpt, refs) in excerpts.iter_mut().zip(&excerpt_refs) {
            excerpt.source = self
                .resolve(std::slice::from_ref(&refs.source), &source_ids, "source")
                .first()
                .copied()
                .unwrap_or(usize::MAX);
            excerpt.factors = self.resolve(&refs.factors, &factor_ids, "factor");
            excerpt.events = self.resolve(&refs.events, &event_ids, "event");
            quote_spans.push(refs.quote.clone());
        }

        let required = meta.as_ref().is_some_and(|m| m.evidence_required);
        let excerpt_id_spans: Vec<Range<usize>> = excerpt_tables
            .iter()
            .map(|t| t.get("id").map_or(t.header.clone(), |v| v.span()))
            .collect();
        let ids = ExcerptIds {
            index: &excerpt_ids.index,
            written: &excerpt_ids.written,
            spans: &excerpt_id_spans,
        };
        let summary = self.brief_summary.take();
        let claims: Vec<Claim> = std::mem::take(&mut self.claims)
            .into_iter()
            .filter_map(|(text, span, kind)| {
                let value = super::evidence::claim_text(
                    summary.as_deref(),
                    &factors,
                    &events,
                    &excerpts,
                    text,
                )?;
                Some(Claim {
                    text,
                    value,
                    span,
                    kind,
                })
            })
            .collect();
        let mut citations = super::evidence::resolve(self.walker, &claims, &ids, required);
        drop(claims);

        self.read_source_files(&mut sources, &source_tables);
        super::misquote::verify(
            self.walker,
            self.shown,
            &sources,
            &mut excerpts,
            &quote_spans,
        );

        // Chronological order; excerpts' event indices follow the events.
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by(|&a, &b| events[a].date.chronological(&events[b].date));
        let mut new_index = vec![0; events.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
        let events: Vec<Event> = order.iter().filter_map(|&old| slots[old].take()).collect();
        for excerpt in &mut excerpts {
            for event in &mut excerpt.events {
                *event = new_index[*event];
            }
        }
        super::evidence::renumber_events(&mut citations, &new_index);

        let Meta {
            id,
            title,
            subtitle,
            as_of,
            summary,
            authors,
            tags,
            evidence_required,
        } = meta?;
        if self.walker.has_errors() {
            return None;
        }
        let links = Links::build(factors.len(), &events, &excerpts, sources.len());
        let cited_by = super::evidence::cited_by(&citations, excerpts.len());
        Some(Brief {
            id,
            title,
            subtitle,
            as_of,
            summary,
            authors,
            tags,
            sources,
            factors,
            events,
            excerpts,
            links,
            format: self.format,
            evidence_required,
            citations,
            cited_by,
        })
    }

    /// Checks `format = 1` or `2`. False when reading must stop.
    fn format(&mut self, top: &Table) -> bool {
        let Some((key, value)) = top.entries.get_key_value("format") else {
            self.walker
                .error(0..0, "missing required key `format`")
                .help = Some("start the brief with `format = 1`".to_string());
            return true;
        };
        self.format_span = key.span();
        match value.get_ref() {
            // Compare the value, not its spelling: `+1` and `0x1` are 1 too.
            DeValue::Integer(n) => match i64::from_str_radix(n.as_str(), n.radix()) {
                Ok(version @ 1..=FORMAT) => {
                    self.format = version;
                    true
                }
                parsed => {
                    let shown = parsed.map_or_else(|_| n.to_string(), |v| v.to_string());
                    self.walker.error(
                        value.span(),
                        format!(
                            "unsupported brief format {shown} (this build reads 1 and {FORMAT})"
                        ),
                    );
                    false
                }
            },
            other => {
                self.walker.error(
                    value.span(),
                    format!(
                        "`format` must be an integer, found {}",
                        describe_type(other)
                    ),
                );
                true
            }
        }
    }

    fn meta(&mut self, top: &Table) -> Option<Meta> {
        let Some(value) = top.get("brief") else {
            self.walker
                .error(self.format_span.clone(), "missing required table `[brief]`");
            return None;
        };
        let table = self.walker.table(value, "[brief]")?;
        let keys = if self.format >= 2 {
            BRIEF_KEYS
        } else {
            BRIEF_KEYS_1
        };
        self.walker.unknown_keys(&table, keys);
        let id = self.walker.required_id(&table, "id");
        let title = self.walker.required_string(&table, "title");
        let subtitle = self.walker.optional_string(&table, "subtitle");
        let evidence_required = self.format >= 2 && self.evidence(&table);
        self.required = evidence_required;
        for title in [&title, &subtitle] {
            // (its TextRef is unused: a title is checked at once)
            self.claim(TextRef::BriefSummary, title.as_ref(), ClaimKind::Title);
        }
        let as_of = self.walker.required_date(&table, "as_of");
        let summary = self.walker.required_string(&table, "summary");
        self.claim(
            TextRef::BriefSummary,
            summary.as_ref(),
            ClaimKind::Paragraphs,
        );
        let authors = texts(self.walker.string_list(&table, "authors"));
        let tags = texts(self.walker.string_list(&table, "tags"));
        Some(Meta {
            id: id?.text,
            title: title?.text,
            subtitle: subtitle.map(|s| s.text),
            as_of: as_of?,
            summary: summary?.text,
            authors,
            tags,
            evidence_required,
        })
    }

    /// `evidence = "required" | "optional"`: whether claims must cite.
    fn evidence(&mut self, table: &Table) -> bool {
        let Some(evidence) = self.walker.optional_string(table, "evidence") else {
            return false;
        };
        match evidence.text.as_str() {
            "required" => true,
            "optional" => false,
            other => {
                self.walker
                    .error(evidence.span, format!("unknown evidence rule `{other}`"))
                    .help = Some("use \"required\" or \"optional\"".to_string());
                false
            }
        }
    }

    /// Records a text that may cite excerpts (format 2 only), when it has
    /// anything to check; a title's citations are reported at once.
    fn claim(&mut self, text: TextRef, located: Option<&Located>, kind: ClaimKind) {
        let Some(located) = located.filter(|_| self.format >= 2) else {
            return;
        };
        if !kind.to_check(&located.text, self.required) {
            return;
        }
        if kind == ClaimKind::Title {
            let claim = Claim {
                text,
                value: &located.text,
                span: located.span.clone(),
                kind,
            };
            super::evidence::not_allowed(self.walker, &claim);
            return;
        }
        if text == TextRef::BriefSummary {
            self.brief_summary = Some(located.text.clone());
        }
        self.claims.push((text, located.span.clone(), kind));
    }

    /// The entries of an array of tables; `required` lists may not be empty.
    fn entries<'a, 'i>(
        &mut self,
        top: &Table<'a, 'i>,
        key: &str,
        name: &'static str,
        required: bool,
    ) -> Vec<Table<'a, 'i>> {
        let Some(value) = top.get(key) else {
            if required {
                self.walker.error(
                    self.format_span.clone(),
                    format!("the brief has no {name}: at least one is required"),
                );
            }
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.walker.error(
                value.span(),
                format!(
                    "`{key}` must be an array of tables ({name}), found {}",
                    describe_type(value.get_ref())
                ),
            );
            return Vec::new();
        };
        if required && items.is_empty() {
            self.walker.error(
                self.format_span.clone(),
                format!("the brief has no {name}: at least one is required"),
            );
        }
        items
            .iter()
            .filter_map(|item| self.walker.table(item, name))
            .collect()
    }

    /// Reads an entry's id, recording it for duplicate and reference checks.
    fn id(&mut self, table: &Table, ids: &mut Ids, kind: &str, position: usize) -> String {
        let Some(value) = self.walker.required(table, "id") else {
            return String::new();
        };
        let Some(id) = self.walker.located_string(value, "id") else {
            return String::new();
        };
        if !self.walker.check_id(&id) {
            ids.written.insert(id.text.clone());
            return id.text;
        }
        if ids.index.contains_key(&id.text) {
            self.walker
                .error(
                    id.span.clone(),
                    format!("duplicate {kind} id `{}`", id.text),
                )
                .label = Some(format!("another {kind} already has this id"));
        } else {
            ids.index.insert(id.text.clone(), position);
        }
        id.text
    }

    fn source(&mut self, table: &Table, position: usize, ids: &mut Ids) -> Source {
        self.walker.unknown_keys(table, SOURCE_KEYS);
        let id = self.id(table, ids, "source", position);
        Source {
            id,
            title: text(self.walker.required_string(table, "title")),
            authors: texts(self.walker.string_list(table, "authors")),
            publisher: self
                .walker
                .optional_string(table, "publisher")
                .map(|s| s.text),
            published: self.walker.optional_date(table, "published"),
            url: self.walker.optional_string(table, "url").map(|s| s.text),
            file: self.walker.optional_string(table, "file").map(|s| s.text),
            text: None,
        }
    }

    fn factor<'a>(
        &mut self,
        table: &Table<'a, '_>,
        position: usize,
        ids: &mut Ids,
    ) -> (Factor, Vec<Ref<'a>>) {
        self.walker.unknown_keys(table, FACTOR_KEYS);
        let id = self.id(table, ids, "factor", position);
        let confidence = self
            .walker
            .optional_string(table, "confidence")
            .and_then(|c| {
                let parsed = Confidence::parse(&c.text);
                if parsed.is_none() {
                    self.walker
                        .error(c.span, format!("unknown confidence `{}`", c.text))
                        .help = Some("use \"low\", \"moderate\" or \"high\"".to_string());
                }
                parsed
            });
        let title = self.walker.required_string(table, "title");
        self.claim(
            TextRef::FactorTitle(position),
            title.as_ref(),
            ClaimKind::Title,
        );
        let title = text(title);
        let summary = self.walker.required_string(table, "summary");
        self.claim(
            TextRef::FactorSummary(position),
            summary.as_ref(),
            ClaimKind::Paragraphs,
        );
        let key_points = self.walker.string_list(table, "key_points");
        for (i, point) in key_points.iter().enumerate() {
            self.claim(
                TextRef::KeyPoint(position, i),
                Some(point),
                ClaimKind::Whole,
            );
        }
        let factor = Factor {
            id,
            title,
            summary: text(summary),
            key_points: texts(key_points),
            confidence,
            related: Vec::new(),
        };
        (factor, self.walker.ref_list(table, "related"))
    }

    fn event<'a>(
        &mut self,
        table: &Table<'a, '_>,
        position: usize,
        ids: &mut Ids,
    ) -> (Event, (Vec<Ref<'a>>, Vec<Ref<'a>>)) {
        self.walker.unknown_keys(table, EVENT_KEYS);
        let id = self.id(table, ids, "event", position);
        let date = self.walker.required_date(table, "date");
        let title = self.walker.required_string(table, "title");
        self.claim(
            TextRef::EventTitle(position),
            title.as_ref(),
            ClaimKind::Title,
        );
        let event = Event {
            id,
            date: date.unwrap_or(Date::from_ymd(1, 1, 1).expect("a real date")),
            title: text(title),
            detail: {
                let detail = self.walker.optional_string(table, "detail");
                self.claim(
                    TextRef::EventDetail(position),
                    detail.as_ref(),
                    ClaimKind::Free,
                );
                detail.map(|s| s.text)
            },
            place: self.walker.optional_string(table, "place").map(|s| s.text),
            factors: Vec::new(),
            sources: Vec::new(),
        };
        let factors = self.walker.ref_list(table, "factors");
        let sources = self.walker.ref_list(table, "sources");
        (event, (factors, sources))
    }

    fn excerpt<'a>(
        &mut self,
        table: &Table<'a, '_>,
        position: usize,
        ids: &mut Ids,
    ) -> (Excerpt, ExcerptRefs<'a>) {
        self.walker.unknown_keys(table, EXCERPT_KEYS);
        let id = self.id(table, ids, "excerpt", position);
        let source = self.walker.required_ref(table, "source");
        let quote = self.walker.required_string(table, "quote");
        let refs = ExcerptRefs {
            source: source.unwrap_or(Ref {
                text: "".into(),
                span: 0..0,
            }),
            factors: self.walker.ref_list(table, "factors"),
            events: self.walker.ref_list(table, "events"),
            quote: quote.as_ref().map(|q| q.span.clone()),
        };
        let excerpt = Excerpt {
            id,
            source: usize::MAX,
            quote: text(quote),
            factors: Vec::new(),
            events: Vec::new(),
            annotation: {
                let annotation = self.walker.optional_string(table, "annotation");
                self.claim(
                    TextRef::Annotation(position),
                    annotation.as_ref(),
                    ClaimKind::Free,
                );
                annotation.map(|s| s.text)
            },
            verification: Verification::Unverifiable,
            misquote: None,
        };
        (excerpt, refs)
    }

    /// Indices of the referenced items; dangling references are reported
    /// unless the id was written somewhere (its definition then had an
    /// error of its own).
    fn resolve(&mut self, refs: &[Ref], ids: &Ids, kind: &str) -> Vec<usize> {
        let mut resolved = Vec::with_capacity(refs.len());
        for reference in refs {
            if reference.text.is_empty() && reference.span == (0..0) {
                continue; // the key itself was missing, already reported
            }
            let text: &str = &reference.text;
            match ids.index.get(text) {
                Some(&i) => resolved.push(i),
                None if ids.written.contains(text) => {}
                None => {
                    let known: Vec<&str> = ids.index.keys().map(String::as_str).collect();
                    let help = closest(text, &known).map(|c| format!("did you mean `{c}`?"));
                    let diagnostic = self.walker.error(
                        reference.span.clone(),
                        format!("no {kind} has the id `{}`", reference.text),
                    );
                    diagnostic.help = help;
                }
            }
        }
        resolved
    }

    /// Reads each source's file, reporting refused paths as errors and
    /// unreadable files as warnings.
    fn read_source_files(&mut self, sources: &mut [Source], tables: &[Table]) {
        let mut cache: HashMap<String, Result<String, FileProblem>> = HashMap::new();
        for (source, table) in sources.iter_mut().zip(tables) {
            let Some(file) = source.file.clone() else {
                continue;
            };
            let span = table.get("file").map(|v| v.span()).unwrap_or(0..0);
            let result = cache
                .entry(file.clone())
                .or_insert_with(|| self.files.read(&file))
                .clone();
            match result {
                Ok(text) => {
                    self.walker.unsafe_source_text(&file, &text, span);
                    source.text = Some(text);
                }
                Err(FileProblem::Refused(message)) => {
                    self.walker.error(span, message);
                }
                Err(FileProblem::Unreadable(message)) => {
                    self.walker.warning(span, message).label =
                        Some("its excerpts cannot be verified".to_string());
                }
            }
        }
    }
}

/// What `[brief]` says.
struct Meta {
    id: String,
    title: String,
    subtitle: Option<String>,
    as_of: Date,
    summary: String,
    authors: Vec<String>,
    tags: Vec<String>,
    evidence_required: bool,
}

struct ExcerptRefs<'a> {
    source: Ref<'a>,
    factors: Vec<Ref<'a>>,
    events: Vec<Ref<'a>>,
    quote: Option<Range<usize>>,
}

fn text(located: Option<Located>) -> String {
    located.map(|l| l.text).unwrap_or_default()
}

fn texts(located: Vec<Located>) -> Vec<String> {
    located.into_iter().map(|l| l.text).collect()
}

/// Loads `path` as given on a command line: shown as written.
pub fn load_path(path: &Path) -> Result<Loaded, LoadFailure> {
    load_file(path, &path.display().to_string())
}

#[cfg(test)]
mod tests;
