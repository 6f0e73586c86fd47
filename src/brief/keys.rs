//! The keys each table of a brief may hold.

pub const TOP_KEYS: &[&str] = &[
    "format", "brief", "sources", "factors", "events", "excerpts",
];
/// The keys of `[brief]` in format 1.
pub const BRIEF_KEYS_1: &[&str] = &[
    "id", "title", "subtitle", "as_of", "summary", "authors", "tags",
];
/// Format 2 adds `evidence`.
pub const BRIEF_KEYS: &[&str] = &[
    "id", "title", "subtitle", "as_of", "summary", "authors", "tags", "evidence",
];
pub const SOURCE_KEYS: &[&str] = &[
    "id",
    "title",
    "authors",
    "publisher",
    "published",
    "url",
    "file",
];
pub const FACTOR_KEYS: &[&str] = &[
    "id",
    "title",
    "summary",
    "key_points",
    "confidence",
    "related",
];
pub const EVENT_KEYS: &[&str] = &[
    "id", "date", "title", "detail", "place", "factors", "sources",
];
pub const EXCERPT_KEYS: &[&str] = &["id", "source", "quote", "factors", "events", "annotation"];

#[cfg(test)]
mod schema_tests {
    use super::*;

    /// The JSON Schema shipped for editors must name exactly the keys the
    /// loader accepts.
    #[test]
    fn the_shipped_schema_matches_the_loader() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../assets/brief.schema.json"))
                .expect("valid JSON");
        let keys = |value: &serde_json::Value| {
            let mut keys: Vec<String> = value["properties"]
                .as_object()
                .expect("properties")
                .keys()
                .cloned()
                .collect();
            keys.sort();
            keys
        };
        let sorted = |list: &[&str]| {
            let mut list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            list.sort();
            list
        };
        let top = &schema;
        assert_eq!(keys(top), sorted(TOP_KEYS));
        assert_eq!(keys(&top["properties"]["brief"]), sorted(BRIEF_KEYS));
        for (table, list) in [
            ("sources", SOURCE_KEYS),
            ("factors", FACTOR_KEYS),
            ("events", EVENT_KEYS),
            ("excerpts", EXCERPT_KEYS),
        ] {
            assert_eq!(
                keys(&top["properties"][table]["items"]),
                sorted(list),
                "{table}"
            );
        }
    }
}
