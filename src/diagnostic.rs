//! Problems found in a brief, and their rustc-style rendering.
//!
//! A diagnostic points at a byte range of the brief's text. Rendering shows
//! `PATH:LINE:COL` (1-based, the column counted in characters) and the line
//! with a caret, through `annotate-snippets`. The echoed line is sanitised
//! first, one visible symbol per unsafe character, so columns stay right and
//! nothing from the brief reaches the terminal raw.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::text::sanitize::{sanitize_line, visible};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Byte range in the brief's text.
    pub span: Range<usize>,
    /// A short note under the caret.
    pub label: Option<String>,
    /// A suggestion, shown as `help: …`.
    pub help: Option<String>,
    /// Further facts, each shown as `note: …` (a misquote's closest
    /// passage, with its own `PATH:LINE:COL` in the source file).
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Line starts of a text, for turning byte offsets into lines and columns.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of line `line`, without its line break.
    fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\r') && end > start {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let col = self.text[self.starts[line]..offset].chars().count();
        (line + 1, col + 1)
    }

    fn clamp(&self, mut offset: usize) -> usize {
        offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// At most this many problems of one brief are shown; the rest are
/// counted in one line (the summary line still counts them all).
pub const MAX_SHOWN: usize = 200;

/// Renders `diagnostics` of the brief at `path` whose text is `text`, in
/// order, as one string ready for stderr (styled; strip with `anstream`).
/// After [`MAX_SHOWN`] problems, one line counts the rest.
pub fn render(diagnostics: &[Diagnostic], path: &str, text: &str) -> String {
    render_at_most(diagnostics, path, text, MAX_SHOWN)
}

/// [`render`], showing at most `limit` problems.
pub fn render_at_most(diagnostics: &[Diagnostic], path: &str, text: &str, limit: usize) -> String {
    let index = LineIndex::new(text);
    let path = sanitize_line(path);
    let renderer = Renderer::styled();
    let mut columns = Columns::default();
    let mut out = String::new();
    let (shown, rest) = diagnostics.split_at(limit.min(diagnostics.len()));
    for diagnostic in shown {
        out.push_str(&render_one(
            &renderer,
            &index,
            &path,
            diagnostic,
            &mut columns,
        ));
        out.push_str("\n\n");
    }
    if !rest.is_empty() {
        let errors = rest.iter().filter(|d| d.is_error()).count();
        let warnings = rest.len() - errors;
        let mut counts = Vec::new();
        if errors > 0 {
            counts.push(crate::check::plural(errors, "error", "errors"));
        }
        if warnings > 0 {
            counts.push(crate::check::plural(warnings, "warning", "warnings"));
        }
        let noun = if rest.len() == 1 {
            "problem"
        } else {
            "problems"
        };
        out.push_str(&format!(
            "{path}: {} more {noun} not shown ({})\n\n",
            rest.len(),
            counts.join(", ")
        ));
    }
    out
}

/// How many characters of a line are echoed either side of the caret (and
/// at most under it). Rendering costs time in the length of the echoed
/// line, and one long line may hold thousands of problems: echoing it
/// whole for each made rendering quadratic.
const CONTEXT_CHARS: usize = 120;

/// Character columns of offsets in the text, counted on from the previous
/// one when it is on the same line and not after (diagnostics come in file
/// order), so many diagnostics on one long line cost linear time.
#[derive(Default)]
struct Columns {
    line: usize,
    offset: usize,
    /// Characters from the start of `line` to `offset`.
    chars: usize,
}

impl Columns {
    /// 1-based character column of `offset`, on 0-based line `line`.
    fn column(&mut self, index: &LineIndex, line: usize, offset: usize) -> usize {
        let line_start = index.starts[line];
        let (from, base) = if self.line == line && (line_start..=offset).contains(&self.offset) {
            (self.offset, self.chars)
        } else {
            (line_start, 0)
        };
        let chars = base + index.text[from..offset].chars().count();
        *self = Columns {
            line,
            offset,
            chars,
        };
        chars + 1
    }
}

/// The offset `n` characters before `at`, not before `floor`.
fn back_chars(text: &str, at: usize, n: usize, floor: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(at, |(i, _)| floor + i)
}

/// The offset `n` characters after `at`, not after `ceiling`.
fn forward_chars(text: &str, at: usize, n: usize, ceiling: usize) -> usize {
    text[at..ceiling]
        .char_indices()
        .nth(n)
        .map_or(ceiling, |(i, _)| at + i)
}

fn render_one(
    renderer: &Renderer,
    index: &LineIndex,
    path: &str,
    d: &Diagnostic,
    columns: &mut Columns,
) -> String {
    let text = index.text;
    let start = index.clamp(d.span.start);
    let line = index.line_of(start);
    let range = index.line_range(line);
    // The caret stays on the first line of the span, and is kept short.
    let end = index.clamp(d.span.end.max(start)).min(range.end).max(start);
    let end = end.min(forward_chars(text, start, CONTEXT_CHARS, range.end));
    // Only part of a long line is echoed, marked `…` where it is cut.
    let from = back_chars(text, start, CONTEXT_CHARS, range.start);
    let to = forward_chars(text, end, CONTEXT_CHARS, range.end);
    let (mut shown, mut span) = sanitize_with_span(&text[from..to], start - from..end - from);
    let cut_before = from > range.start;
    if cut_before {
        shown.insert(0, '\u{2026}');
        let shift = '\u{2026}'.len_utf8();
        span = span.start + shift..span.end + shift;
    }
    if to < range.end {
        shown.push('\u{2026}');
    }

    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let message = sanitize_line(&d.message);
    let mut annotation = AnnotationKind::Primary.span(span.clone());
    let label = d.label.as_deref().map(sanitize_line);
    if let Some(label) = &label {
        annotation = annotation.label(label.as_ref());
    }
    let snippet = Snippet::source(shown.as_str())
        .line_start(line + 1)
        .path(path)
        .annotation(annotation);
    let mut group: Group = level.primary_title(message.as_ref()).element(snippet);
    let help = d.help.as_deref().map(sanitize_line);
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    let notes: Vec<_> = d.notes.iter().map(|n| sanitize_line(n)).collect();
    for note in &notes {
        group = group.element(Level::NOTE.message(note.as_ref()));
    }
    let mut rendered = renderer.render(&[group]);
    if cut_before {
        // The renderer counted the column in the cut line: put the real one.
        let shown_at = format!(
            "{path}:{}:{}",
            line + 1,
            shown[..span.start].chars().count() + 1
        );
        let real_at = format!("{path}:{}:{}", line + 1, columns.column(index, line, start));
        if let Some(arrow) = rendered.find("--> ")
            && let Some(i) = rendered[arrow..].find(&shown_at)
        {
            let at = arrow + i;
            rendered.replace_range(at..at + shown_at.len(), &real_at);
        }
    }
    rendered
}

/// Sanitises one line for display and moves `span` (byte offsets in `line`)
/// to the matching offsets in the result.
fn sanitize_with_span(line: &str, span: Range<usize>) -> (String, Range<usize>) {
    let mut out = String::with_capacity(line.len());
    let (mut start, mut end) = (None, None);
    for (at, c) in line.char_indices() {
        if at == span.start {
            start = Some(out.len());
        }
        if at == span.end {
            end = Some(out.len());
        }
        match c {
            '\t' => out.push('\t'),
            c => out.push(visible(c).unwrap_or(c)),
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (out, start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(diagnostics: &[Diagnostic], path: &str, text: &str) -> String {
        let styled = render(diagnostics, path, text);
        anstream::adapter::strip_str(&styled).to_string()
    }

    #[test]
    fn names_path_line_and_column_in_characters() {
        let text = "a = 1\ntitle = \"Kabul–Islamabad\" x\n";
        let at = text.find('x').unwrap();
        let out = plain(&[Diagnostic::error(at..at + 1, "boom")], "b.toml", text);
        assert!(out.contains("b.toml:2:27"), "{out}");
        assert!(out.contains("error: boom"), "{out}");
    }

    #[test]
    fn echoed_lines_never_carry_raw_controls() {
        let text = "title = \"\u{1b}]0;owned\u{7}\u{202e}x\" y";
        let at = text.find('y').unwrap();
        let out = plain(
            &[Diagnostic::warning(at..at + 1, "bad \u{1b}[2J").with_help("\u{9b}31m")],
            "p\u{1b}.toml",
            text,
        );
        assert!(
            !out.chars().any(crate::text::sanitize::is_unsafe),
            "{out:?}"
        );
        assert!(out.contains("p␛.toml:1:24"), "{out}");
    }

    #[test]
    fn long_lines_are_cut_around_the_caret_with_the_real_column() {
        // `5` at character 5,010 of a line of multi-byte characters.
        let line = format!(
            "x = [\"{}\", 5, \"{}\"]",
            "é".repeat(5000),
            "ü".repeat(5000)
        );
        let text = format!("format = 1\n{line}\n");
        let at = text.find(", 5,").unwrap() + 2;
        let col = text[text.find('x').unwrap()..at].chars().count() + 1;
        assert_eq!(col, 5010);
        let out = plain(&[Diagnostic::error(at..at + 1, "five")], "l.toml", &text);
        assert!(out.contains(&format!("l.toml:2:{col}")), "{out}");
        assert!(out.contains('\u{2026}'), "{out}");
        assert!(out.len() < 2000, "{} bytes: {out}", out.len());
        // The caret is under the `5` of the cut line.
        let lines: Vec<&str> = out.lines().collect();
        let shown = lines.iter().find(|l| l.contains("\", 5, ")).unwrap();
        let caret = lines.iter().find(|l| l.trim_end().ends_with('^')).unwrap();
        let five = shown.find("\", 5, ").unwrap() + 3;
        assert_eq!(
            shown[..five].chars().count(),
            caret.trim_end().chars().count() - 1,
            "{out}"
        );
    }

    #[test]
    fn many_problems_on_one_long_line_render_in_linear_time() {
        let n = 5000;
        let text = format!("x = \"{}\"\n", "a\\q".repeat(n));
        let diagnostics: Vec<Diagnostic> = text
            .match_indices("\\q")
            .map(|(i, _)| Diagnostic::error(i..i + 2, "bad escape"))
            .collect();
        assert_eq!(diagnostics.len(), n);
        let started = std::time::Instant::now();
        let out = anstream::adapter::strip_str(&render_at_most(&diagnostics, "q.toml", &text, n))
            .to_string();
        // Echoing the 15,000-character line whole took seconds even in a
        // release build.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "{:?}",
            started.elapsed()
        );
        for k in [0, 1, 40, n - 1] {
            let col = 6 + 3 * k + 1;
            assert!(out.contains(&format!("q.toml:1:{col}\n")), "problem {k}");
        }
    }

    #[test]
    fn after_the_first_few_hundred_problems_the_rest_are_counted() {
        let text = "x = 1\n".repeat(300);
        let diagnostics: Vec<Diagnostic> = (0..300)
            .map(|line| {
                let at = line * 6;
                if line % 2 == 0 {
                    Diagnostic::error(at..at + 1, "bad")
                } else {
                    Diagnostic::warning(at..at + 1, "odd")
                }
            })
            .collect();
        let out = plain(&diagnostics, "m.toml", &text);
        assert!(out.contains("m.toml:200:1\n"), "{out}");
        assert!(!out.contains("m.toml:201:1\n"));
        assert!(out.ends_with("m.toml: 100 more problems not shown (50 errors, 50 warnings)\n\n"));
    }

    #[test]
    fn short_lines_are_echoed_whole() {
        let text = "title = \"Kabul\" x\n";
        let out = plain(&[Diagnostic::error(16..17, "x")], "s.toml", text);
        assert!(out.contains("title = \"Kabul\" x\n"), "{out}");
        assert!(!out.contains('\u{2026}'), "{out}");
    }

    #[test]
    fn spans_past_the_end_are_clamped() {
        let out = plain(&[Diagnostic::error(99..120, "end")], "e.toml", "x = 1");
        assert!(out.contains("e.toml:1:6"), "{out}");
    }
}
