//! Citation syntax of format 2: `[@id]` and `[@a; @b]` in the texts that
//! carry judgements. This finds them in one text and reports, with byte
//! ranges in the text as written, whatever only starts like one.

use std::ops::Range;

use super::walk::is_valid_id;

/// One citation group as written: `[@a; @b]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The whole group, brackets included.
    pub range: Range<usize>,
    /// The range of each cited id (after the `@`), in the text scanned.
    pub keys: Vec<Range<usize>>,
}

/// Something that starts like a citation but is not one this format reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// The citations of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub groups: Vec<Group>,
    pub problems: Vec<Problem>,
    /// Byte offsets of backslashes that only escape a literal `[@` or `@`.
    pub escapes: Vec<usize>,
}

/// Finds the citations in `text`. Linear in its length: only `@` signs are
/// looked at, and a group is read once.
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut out = Scan::default();
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'@', &bytes[from..]) {
        let at = from + found;
        from = at + 1;
        let before = |n: usize| at.checked_sub(n).map(|i| bytes[i]);
        match (before(2), before(1)) {
            (_, Some(b'\\')) => out.escapes.push(at - 1),
            (Some(b'\\'), Some(b'[')) => out.escapes.push(at - 2),
            (_, Some(b'[')) => from = group(text, at - 1, &mut out),
            (Some(b'['), Some(b'-')) => from = group(text, at - 2, &mut out),
            (_, prev) => {
                if !starts_key(bytes.get(at + 1).copied()) {
                    continue; // "@ 5 pm", a lone "@"
                }
                let prev_char = text[..at].chars().next_back();
                let end = key_end(bytes, at + 1);
                if prev == Some(b'-') {
                    let start = at - 1;
                    out.problems.push(suppressed(start..end));
                } else if prev_char.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_') {
                    // Part of a word: an e-mail address, not a citation.
                } else {
                    out.problems.push(Problem {
                        range: at..end,
                        message: format!(
                            "unsupported citation `{}`: a citation is written in brackets",
                            &text[at..end]
                        ),
                        help: Some(format!(
                            "write `[{}]`, or `\\\\@` in the file for a literal `@`",
                            &text[at..end]
                        )),
                    });
                }
                from = end;
            }
        }
    }
    out
}

/// Reads the group whose `[` is at `open`; returns where scanning goes on.
fn group(text: &str, open: usize, out: &mut Scan) -> usize {
    let bytes = text.as_bytes();
    // The group ends at the first `]`; another `[` or the end of the text
    // first means it is never closed.
    let close = bytes[open + 1..]
        .iter()
        .position(|&b| b == b']' || b == b'[')
        .map(|i| open + 1 + i)
        .filter(|&i| bytes[i] == b']');
    let Some(close) = close else {
        // At the `[@` itself: the rest of the line may be long.
        let end = (open + 2).min(text.len());
        out.problems.push(Problem {
            range: open..end,
            message: "malformed citation: `[@` is never closed by `]`".to_string(),
            help: Some("write `\\\\[@` in the file for a literal `[@`".to_string()),
        });
        return open + 2;
    };
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    let mut item_start = open + 1;
    for item in text[open + 1..close].split(';') {
        let range = item_start..item_start + item.len();
        item_start = range.end + 1;
        let lead = item.len() - item.trim_start().len();
        let trimmed = item.trim();
        let start = range.start + lead;
        let range = start..start + trimmed.len();
        if trimmed.starts_with("-@") {
            problems.push(suppressed(range));
            continue;
        }
        let Some(rest) = trimmed.strip_prefix('@') else {
            problems.push(if trimmed.is_empty() {
                Problem {
                    range: open..close + 1,
                    message: "malformed citation: an empty item between `;`".to_string(),
                    help: Some("separate cited excerpts as `[@a; @b]`".to_string()),
                }
            } else if trimmed.contains('@') {
                Problem {
                    range,
                    message: format!(
                        "unsupported citation `{trimmed}`: text before the `@` (a prefix) is not supported"
                    ),
                    help: Some("put the words outside the brackets".to_string()),
                }
            } else {
                Problem {
                    range,
                    message: format!("malformed citation: `{trimmed}` does not start with `@`"),
                    help: Some("separate cited excerpts as `[@a; @b]`".to_string()),
                }
            });
            continue;
        };
        let key_len = key_end(rest.as_bytes(), 0);
        let key = &rest[..key_len];
        let key_range = start + 1..start + 1 + key_len;
        if key_len == 0 {
            problems.push(Problem {
                range,
                message: format!("malformed citation: `{trimmed}` is not an excerpt id"),
                help: Some(id_rule()),
            });
            continue;
        }
        if key_len < rest.len() {
            problems.push(Problem {
                range,
                message: format!(
                    "unsupported citation `{trimmed}`: locators and suffixes are not supported"
                ),
                help: Some("cite the excerpt that holds the passage, as `[@id]`".to_string()),
            });
            continue;
        }
        if !is_valid_id(key) {
            problems.push(Problem {
                range: key_range,
                message: format!("malformed citation: `{key}` is not an excerpt id"),
                help: Some(id_rule()),
            });
            continue;
        }
        if keys.iter().any(|k: &Range<usize>| &text[k.clone()] == key) {
            problems.push(Problem {
                range: start..key_range.end,
                message: format!("malformed citation: `@{key}` is cited twice in one group"),
                help: Some(format!("cite each excerpt once in a group: `[@{key}]`")),
            });
            continue;
        }
        keys.push(key_range);
    }
    if problems.is_empty() {
        out.groups.push(Group {
            range: open..close + 1,
            keys,
        });
    } else {
        out.problems.extend(problems);
    }
    close + 1
}

/// Citations written where none is allowed (a title): each `[@` or `[-@`
/// not escaped, as the range from the `[` to its `]` on the same line, or
/// the `[@` alone when it is never closed.
pub fn brackets(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'[', &bytes[from..]) {
        let open = from + found;
        from = open + 1;
        let rest = &bytes[open + 1..];
        let starts = rest.starts_with(b"@") || rest.starts_with(b"-@");
        if !starts || open.checked_sub(1).is_some_and(|i| bytes[i] == b'\\') {
            continue;
        }
        let close = rest
            .iter()
            .position(|&b| b == b']' || b == b'\n' || b == b'[')
            .filter(|&i| rest[i] == b']');
        let end = close.map_or(open + 2, |i| open + 2 + i);
        out.push(open..end);
        from = end;
    }
    out
}

fn suppressed(range: Range<usize>) -> Problem {
    Problem {
        range,
        message: "unsupported citation: `-@id` (suppressing the author) is not supported"
            .to_string(),
        help: Some("write `[@id]`".to_string()),
    }
}

fn id_rule() -> String {
    "excerpt ids are lowercase letters, digits and `-`, not starting with `-`".to_string()
}

/// Whether `b` can start a citation key (Pandoc's rule, loosely: a letter,
/// a digit or `_`).
fn starts_key(b: Option<u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The end of a key starting at `from`: letters, digits, `_` and `-`, and
/// `.`/`:` when followed by another key character.
fn key_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while at < bytes.len() {
        let b = bytes[at];
        let inner = b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        let joiner = (b == b'.' || b == b':')
            && bytes
                .get(at + 1)
                .is_some_and(|&n| n.is_ascii_alphanumeric() || n == b'_');
        if !(inner || joiner) {
            break;
        }
        at += 1;
    }
    at
}

/// Paragraphs of `text` (runs of lines between blank lines), as byte
/// ranges from their first to their last non-blank character.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.extend(current.take());
        } else {
            let lead = line.len() - line.trim_start().len();
            let start = line_start + lead;
            let end = start + trimmed.len();
            current = Some(current.map_or(start..end, |c| c.start..end));
        }
        line_start += line.len();
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(text: &str) -> Vec<Vec<&str>> {
        let scan = scan(text);
        assert_eq!(scan.problems, [], "{text}");
        scan.groups
            .iter()
            .map(|g| g.keys.iter().map(|r| &text[r.clone()]).collect())
            .collect()
    }

    fn problem(text: &str) -> (String, String) {
        let scan = scan(text);
        assert_eq!(scan.problems.len(), 1, "{text}: {:?}", scan.problems);
        let p = &scan.problems[0];
        (text[p.range.clone()].to_string(), p.message.clone())
    }

    #[test]
    fn groups_and_their_keys() {
        assert_eq!(cited("311 soldiers [@ttp-toll]."), [["ttp-toll"]]);
        assert_eq!(cited("x [@a; @b] y [@c]"), [vec!["a", "b"], vec!["c"]]);
        assert_eq!(cited("[@a;@b ]"), [["a", "b"]]);
        let scan = scan("x [@a; @b]");
        assert_eq!(scan.groups[0].range, 2..10);
    }

    #[test]
    fn escapes_and_words_are_not_citations() {
        let text = r"a literal \[@x] and \@handle, mail me@example.org, @ 5pm";
        let scan = scan(text);
        assert_eq!(scan.groups, []);
        assert_eq!(scan.problems, []);
        assert_eq!(scan.escapes, [10, 20]);
    }

    #[test]
    fn unsupported_forms_are_reported_where_written() {
        let (at, message) = problem("as @ttp-toll says");
        assert_eq!(at, "@ttp-toll");
        assert!(message.starts_with("unsupported citation"), "{message}");
        let (at, message) = problem("x [@ttp-toll, p. 3] y");
        assert_eq!(at, "@ttp-toll, p. 3");
        assert!(message.contains("locators"), "{message}");
        let (at, message) = problem("x -@ttp y");
        assert_eq!(at, "-@ttp");
        assert!(message.contains("-@id"), "{message}");
        let (at, _) = problem("x [-@ttp] y");
        assert_eq!(at, "-@ttp");
        let (at, _) = problem("[see @ttp]");
        assert_eq!(at, "@ttp");
        let (at, message) = problem("[@a; see @ttp]");
        assert_eq!(at, "see @ttp");
        assert!(message.contains("prefix"), "{message}");
    }

    #[test]
    fn malformed_groups() {
        let (at, message) = problem("x [@ttp y");
        assert_eq!(at, "[@", "an unclosed group is reported at its `[@`");
        assert!(message.contains("never closed"), "{message}");
        let (at, _) = problem("[@Bad_Id]");
        assert_eq!(at, "Bad_Id");
        let (_, message) = problem("[@a; ]");
        assert!(message.contains("empty item"), "{message}");
        let (at, _) = problem("[@]");
        assert_eq!(at, "@");
        let (at, message) = problem("x [@a; @b; @a] y");
        assert_eq!(at, "@a");
        assert!(message.contains("twice"), "{message}");
        assert_eq!(scan("[@a; @b; @a]").problems[0].range, 9..11);
    }

    #[test]
    fn brackets_in_a_title_are_found_but_not_escaped_ones() {
        let text = r"Trade [@x] and [-@y] \[@z] [@open";
        let found: Vec<&str> = brackets(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["[@x]", "[-@y]", "[@"]);
        assert_eq!(brackets("a [b] @c e@mail"), Vec::<Range<usize>>::new());
    }

    #[test]
    fn paragraphs_are_split_by_blank_lines() {
        let text = "  one\ntwo\n\n \nthree \n";
        let paras: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(paras, ["one\ntwo", "three"]);
    }
}
