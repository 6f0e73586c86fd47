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
}

impl Diagnostic {
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            help: None,
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

/// Renders `diagnostics` of the brief at `path` whose text is `text`, in
/// order, as one string ready for stderr (styled; strip with `anstream`).
pub fn render(diagnostics: &[Diagnostic], path: &str, text: &str) -> String {
    let index = LineIndex::new(text);
    let path = sanitize_line(path);
    let renderer = Renderer::styled();
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_one(&renderer, &index, &path, diagnostic));
        out.push_str("\n\n");
    }
    out
}

fn render_one(renderer: &Renderer, index: &LineIndex, path: &str, d: &Diagnostic) -> String {
    let start = index.clamp(d.span.start);
    let line = index.line_of(start);
    let range = index.line_range(line);
    // The caret stays on the first line of the span.
    let end = index.clamp(d.span.end.max(start)).min(range.end).max(start);
    let (shown, span) = sanitize_with_span(
        &index.text[range.clone()],
        start - range.start..end - range.start,
    );

    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let message = sanitize_line(&d.message);
    let mut annotation = AnnotationKind::Primary.span(span);
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
    renderer.render(&[group])
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
    fn spans_past_the_end_are_clamped() {
        let out = plain(&[Diagnostic::error(99..120, "end")], "e.toml", "x = 1");
        assert!(out.contains("e.toml:1:6"), "{out}");
    }
}
