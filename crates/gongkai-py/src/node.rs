//! A report as an ordered tree of plain values, on its way from serde to Python objects.
//!
//! `serde_json::Value` would sort object keys (its map is a `BTreeMap` unless the workspace-wide
//! `preserve_order` feature is on), and the Python dicts should keep the order of the JSON form
//! (rows and columns in template order). So the report is serialized straight into this tree by a
//! small serde serializer, which keeps every object's keys in the order they were written and
//! skips the JSON text a round trip through `serde_json` would cost.

use std::fmt;

use serde::ser;

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

/// Serialize `value` straight into a [`Node`], keeping field order (no JSON text in between).
pub fn to_node<T: serde::Serialize>(value: &T) -> Result<Node, NodeError> {
    value.serialize(NodeSerializer)
}

/// Why a value could not become a [`Node`] (only a map key that is not a string).
#[derive(Debug)]
pub struct NodeError(String);

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NodeError {}

impl ser::Error for NodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        NodeError(msg.to_string())
    }
}

/// A serde serializer whose output is a [`Node`].
struct NodeSerializer;

/// An array or object being written.
struct Compound {
    items: Vec<Node>,
    entries: Vec<(String, Node)>,
    key: Option<String>,
}

impl Compound {
    fn new(len: Option<usize>) -> Self {
        Compound { items: Vec::with_capacity(len.unwrap_or(0)), entries: Vec::with_capacity(len.unwrap_or(0)), key: None }
    }
}

impl ser::Serializer for NodeSerializer {
    type Ok = Node;
    type Error = NodeError;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    fn serialize_bool(self, v: bool) -> Result<Node, NodeError> {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, NodeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Node, NodeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Node, NodeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Node, NodeError> {
        Ok(Node::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Node, NodeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Node, NodeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Node, NodeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Node, NodeError> {
        Ok(i64::try_from(v).map_or(Node::UInt(v), Node::Int))
    }
    fn serialize_f32(self, v: f32) -> Result<Node, NodeError> {
        Ok(Node::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Node, NodeError> {
        // As JSON would: a number that is not finite has no JSON form.
        Ok(if v.is_finite() { Node::Float(v) } else { Node::Null })
    }
    fn serialize_char(self, v: char) -> Result<Node, NodeError> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Node, NodeError> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Node, NodeError> {
        Ok(Node::List(v.iter().map(|b| Node::Int((*b).into())).collect()))
    }
    fn serialize_none(self) -> Result<Node, NodeError> {
        Ok(Node::Null)
    }
    fn serialize_some<T: ?Sized + ser::Serialize>(self, value: &T) -> Result<Node, NodeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, NodeError> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node, NodeError> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Node, NodeError> {
        Ok(Node::Str(variant.to_string()))
    }
    fn serialize_newtype_struct<T: ?Sized + ser::Serialize>(self, _: &'static str, value: &T) -> Result<Node, NodeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + ser::Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Node, NodeError> {
        Ok(Node::Map(vec![(variant.to_string(), value.serialize(NodeSerializer)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound, NodeError> {
        Ok(Compound::new(len))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound, NodeError> {
        Ok(Compound::new(Some(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound, NodeError> {
        Ok(Compound::new(Some(len)))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, len: usize) -> Result<Compound, NodeError> {
        let mut c = Compound::new(Some(len));
        c.key = Some(variant.to_string());
        Ok(c)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound, NodeError> {
        Ok(Compound::new(len))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound, NodeError> {
        Ok(Compound::new(Some(len)))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, len: usize) -> Result<Compound, NodeError> {
        let mut c = Compound::new(Some(len));
        c.key = Some(variant.to_string());
        Ok(c)
    }
}

impl ser::SerializeSeq for Compound {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_element<T: ?Sized + ser::Serialize>(&mut self, value: &T) -> Result<(), NodeError> {
        self.items.push(value.serialize(NodeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, NodeError> {
        Ok(Node::List(self.items))
    }
}

impl ser::SerializeTuple for Compound {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_element<T: ?Sized + ser::Serialize>(&mut self, value: &T) -> Result<(), NodeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, NodeError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_field<T: ?Sized + ser::Serialize>(&mut self, value: &T) -> Result<(), NodeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, NodeError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_field<T: ?Sized + ser::Serialize>(&mut self, value: &T) -> Result<(), NodeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, NodeError> {
        let key = self.key.unwrap_or_default();
        Ok(Node::Map(vec![(key, Node::List(self.items))]))
    }
}

impl ser::SerializeMap for Compound {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_key<T: ?Sized + ser::Serialize>(&mut self, key: &T) -> Result<(), NodeError> {
        match key.serialize(NodeSerializer)? {
            Node::Str(s) => self.key = Some(s),
            Node::Int(i) => self.key = Some(i.to_string()),
            other => return Err(NodeError(format!("a map key must be a string, not {other:?}"))),
        }
        Ok(())
    }
    fn serialize_value<T: ?Sized + ser::Serialize>(&mut self, value: &T) -> Result<(), NodeError> {
        let key = self.key.take().unwrap_or_default();
        self.entries.push((key, value.serialize(NodeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, NodeError> {
        Ok(Node::Map(self.entries))
    }
}

impl ser::SerializeStruct for Compound {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_field<T: ?Sized + ser::Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), NodeError> {
        self.entries.push((key.to_string(), value.serialize(NodeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, NodeError> {
        Ok(Node::Map(self.entries))
    }
}

impl ser::SerializeStructVariant for Compound {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_field<T: ?Sized + ser::Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), NodeError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<Node, NodeError> {
        let key = self.key.clone().unwrap_or_default();
        Ok(Node::Map(vec![(key, Node::Map(self.entries))]))
    }
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
