//! Span index of a YAML text: item path (`salaries[3].contrat.heures_hebdo`, French keys,
//! 0-based list indices) → 1-based (line, column), built from yaml-rust2's marked events.
//!
//! A map entry is located at its key (the line a reader looks for), a list element at its first
//! character. A path with no entry of its own (a default value, a key that is missing) is located
//! at its closest ancestor that has one.

use std::collections::BTreeMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Every node path of a YAML document with its 1-based (line, column).
#[derive(Debug, Clone, Default)]
pub(crate) struct SpanIndex {
    spans: BTreeMap<String, (usize, usize)>,
}

impl SpanIndex {
    /// Builds the index of `text`. A text yaml-rust2 cannot parse gives the spans seen before the
    /// error (possibly none): locations are then missing, never wrong for what was seen.
    pub fn build(text: &str) -> SpanIndex {
        let mut walker = Walker::default();
        let mut parser = Parser::new_from_str(text);
        // A scan error only truncates the index; syntax errors are reported by serde_yaml.
        let _ = parser.load(&mut walker, false);
        SpanIndex {
            spans: walker.spans,
        }
    }

    /// The location of `path` itself, if the text has it (for the tests).
    #[cfg(test)]
    fn exact(&self, path: &str) -> Option<(usize, usize)> {
        self.spans.get(path).copied()
    }

    /// The location of `path`, or of its closest ancestor present in the text.
    pub(crate) fn locate(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some(loc) = self.spans.get(p) {
                return Some(*loc);
            }
            if p.is_empty() {
                return None;
            }
            p = parent(p);
        }
    }
}

/// The parent of an item path: `a.b[2]` → `a.b`, `a.b` → `a`, `a` → ``.
pub(crate) fn parent(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None => "",
    }
}

/// Joins a map key to a path.
pub fn key(path: &str, k: &str) -> String {
    if path.is_empty() {
        k.to_owned()
    } else {
        format!("{path}.{k}")
    }
}

/// Joins a list index to a path.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

#[derive(Debug)]
enum Frame {
    Map {
        path: String,
        expecting_key: bool,
        key: String,
    },
    Seq {
        path: String,
        next: usize,
    },
}

#[derive(Debug, Default)]
struct Walker {
    stack: Vec<Frame>,
    spans: BTreeMap<String, (usize, usize)>,
    /// Only the first document is indexed (serde_yaml rejects several).
    done: bool,
}

impl Walker {
    /// Called at the start of every node: returns the node's path, records its location and
    /// advances the parent's state.
    fn node_path(&mut self, mark: Marker) -> String {
        let loc = (mark.line(), mark.col() + 1);
        let (path, record) = match self.stack.last_mut() {
            None => (String::new(), true),
            Some(Frame::Seq { path, next }) => {
                let p = index(path, *next);
                *next += 1;
                (p, true)
            }
            Some(Frame::Map {
                path,
                expecting_key,
                key: k,
            }) => {
                if *expecting_key {
                    *expecting_key = false;
                    // The key node itself: a complex key gets a path nobody asks for.
                    (format!("{path}\u{0}key"), false)
                } else {
                    *expecting_key = true;
                    (key(path, k), false)
                }
            }
        };
        if record {
            self.spans.entry(path.clone()).or_insert(loc);
        }
        path
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.done {
            return;
        }
        match ev {
            Event::Scalar(value, ..) => {
                // A scalar key: record the entry at the key's position.
                if let Some(Frame::Map {
                    path,
                    expecting_key: true,
                    key: k,
                }) = self.stack.last_mut()
                {
                    let loc = (mark.line(), mark.col() + 1);
                    // yaml-rust2 marks a block mapping at its first `:`; its first key is earlier.
                    if let Some(own) = self.spans.get_mut(path.as_str()) {
                        *own = (*own).min(loc);
                    }
                    self.spans.entry(key(path, &value)).or_insert(loc);
                    *k = value;
                }
                self.node_path(mark);
            }
            Event::Alias(_) => {
                if let Some(Frame::Map {
                    expecting_key: true,
                    key: k,
                    ..
                }) = self.stack.last_mut()
                {
                    *k = "?".to_owned();
                }
                self.node_path(mark);
            }
            Event::MappingStart(..) => {
                if let Some(Frame::Map {
                    expecting_key: true,
                    key: k,
                    ..
                }) = self.stack.last_mut()
                {
                    *k = "?".to_owned();
                }
                let path = self.node_path(mark);
                self.stack.push(Frame::Map {
                    path,
                    expecting_key: true,
                    key: String::new(),
                });
            }
            Event::SequenceStart(..) => {
                if let Some(Frame::Map {
                    expecting_key: true,
                    key: k,
                    ..
                }) = self.stack.last_mut()
                {
                    *k = "?".to_owned();
                }
                let path = self.node_path(mark);
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::DocumentEnd => self.done = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "version: 1\nsalaries:\n  - id: s01\n    contrat: { type: cddi_aci, heures_hebdo: 26 }\n    besoins: [a, b]\n  - id: s02\n    contrat:\n      type: autre\n";

    #[test]
    fn maps_paths_to_key_positions() {
        let idx = SpanIndex::build(TEXT);
        assert_eq!(idx.exact("version"), Some((1, 1)));
        assert_eq!(idx.exact("salaries"), Some((2, 1)));
        assert_eq!(idx.exact("salaries[0]"), Some((3, 5)));
        assert_eq!(idx.exact("salaries[0].id"), Some((3, 5)));
        assert_eq!(idx.exact("salaries[0].contrat"), Some((4, 5)));
        assert_eq!(idx.exact("salaries[0].contrat.heures_hebdo"), Some((4, 32)));
        assert_eq!(idx.exact("salaries[0].besoins[1]"), Some((5, 18)));
        assert_eq!(idx.exact("salaries[1].contrat.type"), Some((8, 7)));
    }

    #[test]
    fn locates_missing_paths_at_their_closest_ancestor() {
        let idx = SpanIndex::build(TEXT);
        assert_eq!(idx.locate("salaries[1].contrat.heures_hebdo"), Some((7, 5)));
        assert_eq!(idx.locate("salaries[5]"), Some((2, 1)));
        assert_eq!(idx.locate("periode"), Some((1, 1)));
    }

    #[test]
    fn parent_paths() {
        assert_eq!(parent("a.b[2]"), "a.b");
        assert_eq!(parent("a.b"), "a");
        assert_eq!(parent("a"), "");
    }
}
