//! A report as an ordered tree of plain values, on its way from serde to Python objects.
//!
//! `serde_json::Value` would sort object keys (its map is a `BTreeMap` unless the workspace-wide
//! `preserve_order` feature is on), and the Python dicts should keep the order of the JSON form
//! (rows and columns in template order). So the report is serialized to JSON text and read back
//! into this tree, which keeps every object's keys in the order they were written.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// One JSON value, objects in written order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// A larger non-negative integer.
    UInt(u64),
    /// A number written with a fraction or exponent.
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    List(Vec<Node>),
    /// An object, keys in written order.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// Put `key` first in an object, replacing an existing entry of that name.
    pub fn insert_first(&mut self, key: &str, value: Node) {
        if let Node::Map(entries) = self {
            entries.retain(|(k, _)| k != key);
            entries.insert(0, (key.to_string(), value));
        }
    }

    /// Every `"span": [start, end]` in the tree, mutably, in document order.
    pub fn spans_mut<'a>(&'a mut self, out: &mut Vec<&'a mut Node>) {
        match self {
            Node::Map(entries) => {
                for (k, v) in entries.iter_mut() {
                    if k == "span" && is_span(v) {
                        out.push(v);
                    } else {
                        v.spans_mut(out);
                    }
                }
            }
            Node::List(items) => {
                for item in items {
                    item.spans_mut(out);
                }
            }
            _ => {}
        }
    }
}

fn is_span(node: &Node) -> bool {
    matches!(node, Node::List(items) if items.len() == 2 && items.iter().all(|i| matches!(i, Node::Int(n) if *n >= 0) || matches!(i, Node::UInt(_))))
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(i64::try_from(v).map_or(Node::UInt(v), Node::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some((k, v)) = map.next_entry::<String, Node>()? {
            entries.push((k, v));
        }
        Ok(Node::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

/// Serialize `value` through JSON into a [`Node`], keeping field order.
pub fn to_node<T: serde::Serialize>(value: &T) -> serde_json::Result<Node> {
    let json = serde_json::to_vec(value)?;
    serde_json::from_slice(&json)
}

/// Rewrite every span of `root` from byte offsets into `text` to code point (Python `str`)
/// indices, with one pass over the text.
pub fn spans_to_char_indices(root: &mut Node, text: &str) {
    if text.is_ascii() {
        return;
    }
    let mut spans = Vec::new();
    root.spans_mut(&mut spans);
    if spans.is_empty() {
        return;
    }
    let mut offsets: Vec<u64> = Vec::with_capacity(spans.len() * 2);
    for span in &spans {
        if let Node::List(items) = &**span {
            offsets.extend(items.iter().filter_map(offset_of));
        }
    }
    let table = char_indices_of(text, offsets);
    for span in spans {
        if let Node::List(items) = span {
            for item in items.iter_mut() {
                if let Some(byte) = offset_of(item) {
                    if let Ok(i) = table.binary_search_by_key(&byte, |&(b, _)| b) {
                        *item = Node::Int(i64::try_from(table[i].1).unwrap_or(i64::MAX));
                    }
                }
            }
        }
    }
}

fn offset_of(node: &Node) -> Option<u64> {
    match node {
        Node::Int(n) => u64::try_from(*n).ok(),
        Node::UInt(n) => Some(*n),
        _ => None,
    }
}

/// `(byte offset, code point index)` for each offset, sorted by offset. An offset inside a
/// character maps to the index of the next character; one past the end to the number of
/// characters.
pub fn char_indices_of(text: &str, mut offsets: Vec<u64>) -> Vec<(u64, u64)> {
    offsets.sort_unstable();
    offsets.dedup();
    let mut out = Vec::with_capacity(offsets.len());
    let mut pending = offsets.into_iter().peekable();
    let mut chars: u64 = 0;
    for (byte, _) in text.char_indices() {
        while let Some(&o) = pending.peek() {
            if o > byte as u64 {
                break;
            }
            out.push((o, chars));
            pending.next();
        }
        if pending.peek().is_none() {
            return out;
        }
        chars += 1;
    }
    out.extend(pending.map(|o| (o, chars)));
    out
}
