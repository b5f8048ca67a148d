//! A report straight into Python objects: a serde serializer whose output is dicts, lists, `str`,
//! `int`, `float`, `bool` and `None`, with no tree or JSON text in between.
//!
//! Dicts are filled in the order serde writes their entries, which is the order of the JSON form
//! (struct fields in declaration order, rows and columns in template order). Every value under a
//! `"span"` key that serializes as two non-negative integers is a span: its byte offsets into the
//! text the parser read become `str` (code point) indices through a [`CharIndex`].
//!
//! Object keys repeat across every report of a batch (`"span"`, `"severity"`, row and column
//! keys), and so do short values (section keys, diagnostic codes, cell references): a
//! [`Converter`] lives for one call, converts all of its reports, and makes each of them once.
//! Struct field and enum variant names arrive as `&'static str` and are found by address (and
//! interned, as Python's own attribute names are); map keys and short values by their text.
//! Long text (section texts) is decoded here to code points and handed to CPython as `wchar_t`,
//! over twice as fast as CPython's UTF-8 decoder on CJK text.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::exceptions::PyOverflowError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use serde::ser::{self, Impossible, Serialize};

// ---------------------------------------------------------------------------------------------
// Byte offsets to code point indices

/// Maps byte offsets into a text to code point indices (Python `str` indices), in constant time
/// per offset. An offset inside a character maps to the index of the next character; one at or
/// past the end to the number of characters.
pub(crate) enum CharIndex {
    /// Every character is one byte (ASCII text): an offset is its own index.
    Identity,
    /// Text with multi-byte characters.
    Table(Box<CharTable>),
}

/// The characters of a non-ASCII text, 64 bytes to a word.
pub(crate) struct CharTable {
    /// Length of the text in bytes.
    len: usize,
    /// Number of characters in the text.
    chars: usize,
    /// Bit `i` of word `w` is set when byte `64 * w + i` starts a character.
    starts: Vec<u64>,
    /// The number of characters that start before byte `64 * w`.
    before: Vec<usize>,
}

impl CharIndex {
    /// The index of `text`: one pass over its bytes, none for ASCII text.
    pub(crate) fn of(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex::Identity;
        }
        let bytes = text.as_bytes();
        let words = bytes.len().div_ceil(64);
        let mut starts = Vec::with_capacity(words);
        let mut before = Vec::with_capacity(words);
        let mut chars = 0usize;
        let mut push = |mask: u64| {
            before.push(chars);
            chars += mask.count_ones() as usize;
            starts.push(mask);
        };
        let mut blocks = bytes.chunks_exact(64);
        for block in &mut blocks {
            let mut mask = 0u64;
            for (i, eight) in block.chunks_exact(8).enumerate() {
                let mut word = [0u8; 8];
                word.copy_from_slice(eight);
                mask |= char_starts(u64::from_le_bytes(word)) << (8 * i);
            }
            push(mask);
        }
        let rest = blocks.remainder();
        if !rest.is_empty() {
            let mut block = [0x80u8; 64]; // continuation bytes: no character starts in the padding
            block[..rest.len()].copy_from_slice(rest);
            let mut mask = 0u64;
            for (i, eight) in block.chunks_exact(8).enumerate() {
                let mut word = [0u8; 8];
                word.copy_from_slice(eight);
                mask |= char_starts(u64::from_le_bytes(word)) << (8 * i);
            }
            push(mask);
        }
        CharIndex::Table(Box::new(CharTable { len: bytes.len(), chars, starts, before }))
    }

    /// The code point index of byte offset `byte`.
    pub(crate) fn index(&self, byte: u64) -> u64 {
        match self {
            CharIndex::Identity => byte,
            CharIndex::Table(t) => {
                let total = t.chars as u64;
                let Ok(byte) = usize::try_from(byte) else { return total };
                if byte >= t.len {
                    return total;
                }
                let (word, bit) = (byte / 64, byte % 64);
                match (t.starts.get(word), t.before.get(word)) {
                    // Characters that start in this word before `byte`; `bit < 64`.
                    (Some(starts), Some(before)) => {
                        (before + (starts & ((1u64 << bit) - 1)).count_ones() as usize) as u64
                    }
                    _ => total,
                }
            }
        }
    }
}

/// Of 8 bytes read little-endian: bit `i` set when byte `i` starts a character, i.e. is not a
/// UTF-8 continuation byte `10xxxxxx`.
#[inline]
fn char_starts(word: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of each byte: set unless bit 7 is set and bit 6 is not. (`word << 1` moves each bit 6
    // to bit 7 of its byte; what crosses into the next byte lands on bit 0, masked off.)
    let flags = (!word | (word << 1)) & HIGH;
    // Gather the eight flags into one byte, byte `i`'s flag to bit `i`: the partial products
    // land on distinct bits, so nothing carries.
    (flags >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

// ---------------------------------------------------------------------------------------------
// Errors

/// Why a report could not be converted.
pub(crate) enum ConvError {
    /// The Python API failed (out of memory): raised as is.
    Py(PyErr),
    /// The report's serialization failed (a map key that is not a string, an error of the
    /// report's own `Serialize`): a bug in gongkai, reported as an `internal` failure.
    Ser(String),
}

impl From<PyErr> for ConvError {
    fn from(e: PyErr) -> Self {
        ConvError::Py(e)
    }
}

impl fmt::Display for ConvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvError::Py(e) => fmt::Display::fmt(e, f),
            ConvError::Ser(message) => f.write_str(message),
        }
    }
}

impl fmt::Debug for ConvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for ConvError {}

impl ser::Error for ConvError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ConvError::Ser(msg.to_string())
    }
}

type Result<T, E = ConvError> = std::result::Result<T, E>;

// ---------------------------------------------------------------------------------------------
// Python objects

// The constructors below call the C API where PyO3's own would panic when Python fails (out of
// memory), or where PyO3 has none (PyUnicode_FromWideChar): a conversion fails with the Python
// error instead.

/// Wrap a new reference returned by the C API, or the Python error it set.
#[inline]
fn owned<'py>(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: every caller passes the return value of a C API function that returns a new
    // reference, or NULL with an exception set, and holds the GIL (`py`).
    unsafe { Bound::from_owned_ptr_or_err(py, ptr) }
}

#[inline]
fn int_i64(py: Python<'_>, v: i64) -> PyResult<Bound<'_, PyAny>> {
    // SAFETY: the GIL is held; PyLong_FromLongLong has no other precondition.
    owned(py, unsafe { ffi::PyLong_FromLongLong(v) })
}

#[inline]
fn int_u64(py: Python<'_>, v: u64) -> PyResult<Bound<'_, PyAny>> {
    match i64::try_from(v) {
        Ok(v) => int_i64(py, v),
        // SAFETY: the GIL is held; PyLong_FromUnsignedLongLong has no other precondition.
        Err(_) => owned(py, unsafe { ffi::PyLong_FromUnsignedLongLong(v) }),
    }
}

#[inline]
fn float(py: Python<'_>, v: f64) -> PyResult<Bound<'_, PyAny>> {
    // SAFETY: the GIL is held; PyFloat_FromDouble has no other precondition.
    owned(py, unsafe { ffi::PyFloat_FromDouble(v) })
}

/// A Python `str` from UTF-8 text (`PyString::new` would panic where this fails).
#[inline]
pub(crate) fn string<'py>(py: Python<'py>, s: &str) -> PyResult<Bound<'py, PyString>> {
    PyString::from_bytes(py, s.as_bytes())
}

/// Whether `wchar_t` holds a whole code point (UTF-32: Linux, macOS), so that
/// PyUnicode_FromWideChar takes code points as they are.
const WIDE_IS_UTF32: bool = std::mem::size_of::<libc::wchar_t>() == 4;

/// A Python `str` from text that may hold multi-byte characters, through `wide` (a buffer
/// reused across calls). CPython's UTF-8 decoder goes one character at a time on CJK text;
/// decoding to code points here and handing them over as `wchar_t` is over twice as fast.
pub(crate) fn text<'py>(py: Python<'py>, s: &str, wide: &mut Vec<libc::wchar_t>) -> PyResult<Bound<'py, PyAny>> {
    if !WIDE_IS_UTF32 || s.len() < 16 || s.is_ascii() {
        return Ok(string(py, s)?.into_any());
    }
    // A text has at most as many code points as bytes. The buffer only grows (zeroed once).
    if wide.len() < s.len() {
        wide.resize(s.len(), 0);
    }
    let n = utf32(s, wide);
    let len = ffi::Py_ssize_t::try_from(n).map_err(|_| PyOverflowError::new_err("string too long"))?;
    // SAFETY: the GIL is held; `wide` starts with the `len` code points of `s` (UTF-32, as
    // `wchar_t` is 32 bits wide here), alive for the call, which copies them.
    owned(py, unsafe { ffi::PyUnicode_FromWideChar(wide.as_ptr(), len) })
}

/// Decode `s` into `out` (at least as long as `s`), one code point per slot; the number of code
/// points. Each sequence is read by its length alone, without validation, which a `str` has had.
fn utf32(s: &str, out: &mut [libc::wchar_t]) -> usize {
    let mut rest = s.as_bytes();
    let mut slots = out.iter_mut();
    let mut n = 0usize;
    while let [a, tail @ ..] = rest {
        let a = *a;
        let (c, tail) = if a < 0x80 {
            (u32::from(a), tail)
        } else if a < 0xE0 {
            match tail {
                [b, tail @ ..] => ((u32::from(a & 0x1F) << 6) | u32::from(b & 0x3F), tail),
                [] => break,
            }
        } else if a < 0xF0 {
            match tail {
                [b, c, tail @ ..] => {
                    ((u32::from(a & 0x0F) << 12) | (u32::from(b & 0x3F) << 6) | u32::from(c & 0x3F), tail)
                }
                _ => break,
            }
        } else {
            match tail {
                [b, c, d, tail @ ..] => {
                    let high = (u32::from(a & 0x07) << 18) | (u32::from(b & 0x3F) << 12);
                    (high | (u32::from(c & 0x3F) << 6) | u32::from(d & 0x3F), tail)
                }
                _ => break,
            }
        };
        let Some(slot) = slots.next() else { break };
        // A code point fits `wchar_t` (32 bits where this runs); `as` only reinterprets a signed
        // `wchar_t`.
        *slot = c as libc::wchar_t;
        n += 1;
        rest = tail;
    }
    n
}

/// An interned Python `str`: the one object for this text in the interpreter.
fn intern<'py>(py: Python<'py>, s: &str) -> PyResult<Bound<'py, PyString>> {
    let mut ptr = string(py, s)?.into_ptr();
    // SAFETY: the GIL is held; `ptr` is a new reference to a `str`, which
    // PyUnicode_InternInPlace replaces by a new reference to the interned one (or leaves).
    unsafe { ffi::PyUnicode_InternInPlace(&mut ptr) };
    // SAFETY: `ptr` is a new (owned) reference to a `str`, not NULL.
    Ok(unsafe { Bound::from_owned_ptr(py, ptr).cast_into_unchecked() })
}

#[inline]
fn none(py: Python<'_>) -> Bound<'_, PyAny> {
    py.None().into_bound(py)
}

#[inline]
pub(crate) fn new_dict(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    // SAFETY: the GIL is held; PyDict_New returns a new dict or NULL with an exception set.
    let dict = owned(py, unsafe { ffi::PyDict_New() })?;
    // SAFETY: PyDict_New returns a dict.
    Ok(unsafe { dict.cast_into_unchecked() })
}

/// A list of exactly `items`.
pub(crate) fn new_list<'py>(py: Python<'py>, items: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyList>> {
    let len = ffi::Py_ssize_t::try_from(items.len()).map_err(|_| PyOverflowError::new_err("list too long"))?;
    // SAFETY: the GIL is held; PyList_New returns a new list of `len` empty slots or NULL.
    let list = owned(py, unsafe { ffi::PyList_New(len) })?;
    for (i, item) in (0..len).zip(items) {
        // SAFETY: `list` is a new list with `len` slots and `i < len`; PyList_SetItem steals the
        // reference that `into_ptr` hands over, and cannot fail for a list and an index in range.
        unsafe { ffi::PyList_SetItem(list.as_ptr(), i, item.into_ptr()) };
    }
    // Every slot is filled: `items` has exactly `len` elements. SAFETY: PyList_New returns a list.
    Ok(unsafe { list.cast_into_unchecked() })
}

/// A fast hasher for the key cache (FxHash): keys are short and never hostile, so SipHash's
/// resistance to collision attacks buys nothing here.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

// ---------------------------------------------------------------------------------------------
// The converter

/// Turns reports into Python objects; one per call, shared by all the reports of a batch.
pub(crate) struct Converter<'py> {
    py: Python<'py>,
    /// Struct field and enum variant names, interned, by address: a `&'static str` is never
    /// freed nor changed, so its address and length stand for its text.
    names: HashMap<(usize, usize), Bound<'py, PyString>, BuildHasherDefault<FxHasher>>,
    /// In front of `names`: the last name seen at each of a few addresses.
    last_names: Vec<Option<(usize, usize, Bound<'py, PyString>)>>,
    /// Map keys (row and column keys) and short string values, by text.
    strings: HashMap<Box<str>, Bound<'py, PyString>, BuildHasherDefault<FxHasher>>,
    /// In front of `strings` for map keys: the last key seen at each of a few addresses, with its
    /// text (the address of a key that is not `'static` may be reused for other text).
    recent: Vec<Option<Recent<'py>>>,
    /// A buffer for [`text`].
    wide: Vec<libc::wchar_t>,
}

/// A key's address, its text and its `str`.
type Recent<'py> = (usize, Box<str>, Bound<'py, PyString>);

/// Slots in [`Converter::last_names`] and [`Converter::recent`] (a power of two).
const SLOTS: usize = 256;

/// String values of at most this many bytes are shared: section keys, diagnostic codes and cell
/// references repeat across a batch.
const SHORT: usize = 24;

/// At most this many distinct strings are kept for sharing (beyond, they are made each time).
const MAX_SHARED: usize = 4096;

#[inline]
fn slot_of(ptr: usize, len: usize) -> usize {
    ((ptr.wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize) >> 32) ^ len) & (SLOTS - 1)
}

impl<'py> Converter<'py> {
    pub(crate) fn new(py: Python<'py>) -> Self {
        Converter {
            py,
            names: HashMap::default(),
            last_names: (0..SLOTS).map(|_| None).collect(),
            strings: HashMap::default(),
            recent: (0..SLOTS).map(|_| None).collect(),
            wide: Vec::new(),
        }
    }

    /// The interpreter this converter builds objects in.
    pub(crate) fn py(&self) -> Python<'py> {
        self.py
    }

    /// The interned `str` for a name known at compile time (a struct field, an enum variant).
    #[inline]
    pub(crate) fn name(&mut self, k: &'static str) -> PyResult<Bound<'py, PyString>> {
        let at = (k.as_ptr() as usize, k.len());
        let slot = slot_of(at.0, at.1);
        if let Some(Some((ptr, len, s))) = self.last_names.get(slot) {
            if (*ptr, *len) == at {
                return Ok(s.clone());
            }
        }
        let s = match self.names.get(&at) {
            Some(s) => s.clone(),
            None => {
                let s = intern(self.py, k)?;
                self.names.insert(at, s.clone());
                s
            }
        };
        if let Some(entry) = self.last_names.get_mut(slot) {
            *entry = Some((at.0, at.1, s.clone()));
        }
        Ok(s)
    }

    /// The `str` for a map key.
    #[inline]
    fn key(&mut self, k: &str) -> PyResult<Bound<'py, PyString>> {
        let at = k.as_ptr() as usize;
        let slot = slot_of(at, k.len());
        if let Some(Some((ptr, text, s))) = self.recent.get(slot) {
            if *ptr == at && **text == *k {
                return Ok(s.clone());
            }
        }
        let s = self.shared(k)?;
        if let Some(entry) = self.recent.get_mut(slot) {
            *entry = Some((at, k.into(), s.clone()));
        }
        Ok(s)
    }

    /// The `str` for `k`, from `strings` or made and kept there.
    fn shared(&mut self, k: &str) -> PyResult<Bound<'py, PyString>> {
        if let Some(s) = self.strings.get(k) {
            return Ok(s.clone());
        }
        let s = string(self.py, k)?;
        if self.strings.len() < MAX_SHARED {
            self.strings.insert(k.into(), s.clone());
        }
        Ok(s)
    }

    /// The `str` for a string value: shared when short.
    #[inline]
    fn value_str(&mut self, v: &str) -> PyResult<Bound<'py, PyAny>> {
        if v.len() > SHORT {
            return text(self.py, v, &mut self.wide);
        }
        Ok(self.shared(v)?.into_any())
    }

    /// `value` as Python objects, spans mapped through `chars`. With `first`, the object is a
    /// dict that starts with that entry (`source` in batches) whatever the value's own keys.
    pub(crate) fn convert<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
        chars: &CharIndex,
        first: Option<(&'static str, Bound<'py, PyAny>)>,
    ) -> Result<Bound<'py, PyAny>> {
        let dict = match first {
            Some((key, v)) => {
                let dict = new_dict(self.py)?;
                dict.set_item(self.name(key)?, v)?;
                Some(dict)
            }
            None => None,
        };
        value.serialize(Ser { conv: self, chars, dict })
    }
}

/// The serializer: one per value, borrowing the call's [`Converter`].
struct Ser<'a, 'py> {
    conv: &'a mut Converter<'py>,
    chars: &'a CharIndex,
    /// A dict to fill instead of a new one, if the value is an object (the top level only).
    dict: Option<Bound<'py, PyDict>>,
}

impl<'a, 'py> Ser<'a, 'py> {
    #[inline]
    fn child<'b>(conv: &'b mut Converter<'py>, chars: &'b CharIndex) -> Ser<'b, 'py> {
        Ser { conv, chars, dict: None }
    }

    fn dict(&mut self) -> PyResult<Bound<'py, PyDict>> {
        match self.dict.take() {
            Some(d) => Ok(d),
            None => new_dict(self.conv.py),
        }
    }

    /// `{variant: value}`, as serde_json writes an enum variant with data.
    fn wrap(self, variant: &'static str, value: Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>> {
        let mut this = self;
        let dict = this.dict()?;
        dict.set_item(this.conv.name(variant)?, value)?;
        Ok(dict.into_any())
    }
}

/// Convert the value of an object entry: a span when the key is `"span"` and the value is two
/// non-negative integers (or nothing), else the value as it is.
#[inline]
fn entry_value<'py, T: Serialize + ?Sized>(
    conv: &mut Converter<'py>,
    chars: &CharIndex,
    key: &str,
    value: &T,
) -> Result<Bound<'py, PyAny>> {
    if key == "span" {
        match value.serialize(SpanProbe) {
            Ok(Some((start, end))) => {
                let py = conv.py;
                let start = int_u64(py, chars.index(start))?;
                let end = int_u64(py, chars.index(end))?;
                return Ok(new_list(py, vec![start, end])?.into_any());
            }
            Ok(None) => return Ok(none(conv.py)),
            Err(NotSpan) => {}
        }
    }
    value.serialize(Ser::child(conv, chars))
}

impl<'a, 'py> ser::Serializer for Ser<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    type SerializeSeq = SeqBuilder<'a, 'py>;
    type SerializeTuple = SeqBuilder<'a, 'py>;
    type SerializeTupleStruct = SeqBuilder<'a, 'py>;
    type SerializeTupleVariant = SeqBuilder<'a, 'py>;
    type SerializeMap = MapBuilder<'a, 'py>;
    type SerializeStruct = MapBuilder<'a, 'py>;
    type SerializeStructVariant = MapBuilder<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(PyBool::new(self.conv.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        Ok(int_i64(self.conv.py, v.into())?)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        Ok(int_i64(self.conv.py, v.into())?)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        Ok(int_i64(self.conv.py, v.into())?)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        Ok(int_i64(self.conv.py, v)?)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        Ok(int_i64(self.conv.py, v.into())?)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        Ok(int_i64(self.conv.py, v.into())?)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        Ok(int_i64(self.conv.py, v.into())?)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        Ok(int_u64(self.conv.py, v)?)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        // As JSON would: a number that is not finite has no JSON form.
        if v.is_finite() { Ok(float(self.conv.py, v)?) } else { Ok(none(self.conv.py)) }
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        Ok(string(self.conv.py, v.encode_utf8(&mut [0u8; 4]))?.into_any())
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(self.conv.value_str(v)?)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok> {
        let py = self.conv.py;
        let items = v.iter().map(|b| int_i64(py, (*b).into())).collect::<PyResult<Vec<_>>>()?;
        Ok(new_list(py, items)?.into_any())
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Ok(none(self.conv.py))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        Ok(none(self.conv.py))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok> {
        Ok(none(self.conv.py))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Self::Ok> {
        // Variant names (`"f2021"`, `"warning"`) repeat like keys do.
        Ok(self.conv.name(variant)?.into_any())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let inner = value.serialize(Ser::child(self.conv, self.chars))?;
        Ser { conv: self.conv, chars: self.chars, dict: self.dict }.wrap(variant, inner)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(SeqBuilder { items: Vec::with_capacity(len.unwrap_or(0)), variant: None, ser: self })
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Ok(SeqBuilder { items: Vec::with_capacity(len), variant: Some(variant), ser: self })
    }
    fn serialize_map(mut self, _: Option<usize>) -> Result<Self::SerializeMap> {
        let dict = self.dict()?;
        Ok(MapBuilder { dict, key: None, variant: None, conv: self.conv, chars: self.chars })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self::SerializeStruct> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        let outer = self.dict;
        let dict = new_dict(self.conv.py)?;
        Ok(MapBuilder { dict, key: None, variant: Some((variant, outer)), conv: self.conv, chars: self.chars })
    }
}

/// A list being written (or a tuple variant's `{variant: [...]}`).
struct SeqBuilder<'a, 'py> {
    ser: Ser<'a, 'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> SeqBuilder<'_, 'py> {
    #[inline]
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let item = value.serialize(Ser::child(self.ser.conv, self.ser.chars))?;
        self.items.push(item);
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let list = new_list(self.ser.conv.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => self.ser.wrap(variant, list),
            None => Ok(list),
        }
    }
}

impl<'py> ser::SerializeSeq for SeqBuilder<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for SeqBuilder<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for SeqBuilder<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for SeqBuilder<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

/// A dict being written (or a struct variant's `{variant: {...}}`).
struct MapBuilder<'a, 'py> {
    conv: &'a mut Converter<'py>,
    chars: &'a CharIndex,
    dict: Bound<'py, PyDict>,
    /// The key of the entry whose value comes next (`serialize_key` then `serialize_value`), and
    /// whether it is `"span"`.
    key: Option<(Bound<'py, PyString>, bool)>,
    /// For a struct variant: its name, and the dict to put `{variant: dict}` in, if given.
    variant: Option<(&'static str, Option<Bound<'py, PyDict>>)>,
}

impl<'py> MapBuilder<'_, 'py> {
    #[inline]
    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let k = self.conv.name(key)?;
        let v = entry_value(self.conv, self.chars, key, value)?;
        self.dict.set_item(k, v)?;
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        match self.variant {
            Some((variant, outer)) => {
                Ser { conv: self.conv, chars: self.chars, dict: outer }.wrap(variant, self.dict.into_any())
            }
            None => Ok(self.dict.into_any()),
        }
    }
}

impl<'py> ser::SerializeMap for MapBuilder<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(KeySer { conv: self.conv })?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let Some((key, is_span)) = self.key.take() else {
            return Err(ConvError::Ser("serialize_value called before serialize_key".to_string()));
        };
        let v = if is_span {
            entry_value(self.conv, self.chars, "span", value)?
        } else {
            value.serialize(Ser::child(self.conv, self.chars))?
        };
        self.dict.set_item(key, v)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for MapBuilder<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for MapBuilder<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Map keys

/// Serializes a map key to its (shared) `str`, and whether it is `"span"`. Keys are strings, as in
/// JSON; integers are written in decimal, as serde_json does; anything else is an error.
struct KeySer<'a, 'py> {
    conv: &'a mut Converter<'py>,
}

impl KeySer<'_, '_> {
    fn not_a_string(what: &str) -> ConvError {
        ConvError::Ser(format!("a map key must be a string, not {what}"))
    }
}

impl<'py> ser::Serializer for KeySer<'_, 'py> {
    type Ok = (Bound<'py, PyString>, bool);
    type Error = ConvError;
    type SerializeSeq = Impossible<Self::Ok, ConvError>;
    type SerializeTuple = Impossible<Self::Ok, ConvError>;
    type SerializeTupleStruct = Impossible<Self::Ok, ConvError>;
    type SerializeTupleVariant = Impossible<Self::Ok, ConvError>;
    type SerializeMap = Impossible<Self::Ok, ConvError>;
    type SerializeStruct = Impossible<Self::Ok, ConvError>;
    type SerializeStructVariant = Impossible<Self::Ok, ConvError>;

    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok((self.conv.key(v)?, v == "span"))
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Self::Ok> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Err(Self::not_a_string(&format!("the boolean {v}")))
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        Err(Self::not_a_string(&format!("the number {v}")))
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        Err(Self::not_a_string(&format!("the number {v}")))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok> {
        Err(Self::not_a_string("bytes"))
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Err(Self::not_a_string("null"))
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        Err(Self::not_a_string("null"))
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<Self::Ok> {
        Err(Self::not_a_string(name))
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<Self::Ok> {
        Err(Self::not_a_string(variant))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(Self::not_a_string("an array"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(Self::not_a_string("an array"))
    }
    fn serialize_tuple_struct(self, name: &'static str, _: usize) -> Result<Self::SerializeTupleStruct> {
        Err(Self::not_a_string(name))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Self::not_a_string(variant))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Self::not_a_string("an object"))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(Self::not_a_string(name))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Self::not_a_string(variant))
    }
}

// ---------------------------------------------------------------------------------------------
// Spans

/// The value under a `"span"` key is not a span: convert it as it is.
#[derive(Debug)]
struct NotSpan;

impl fmt::Display for NotSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a span")
    }
}

impl std::error::Error for NotSpan {}

impl ser::Error for NotSpan {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotSpan
    }
}

/// Reads a span: `Some((start, end))` for a sequence of two non-negative integers, `None` for
/// nothing (`None`, unit), [`NotSpan`] for anything else. Nothing is converted on the way, so a
/// value that turns out not to be a span is simply converted as usual afterwards.
struct SpanProbe;

/// The two offsets read so far.
struct SpanSeq {
    offsets: [u64; 2],
    len: usize,
}

impl SpanSeq {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), NotSpan> {
        let offset = value.serialize(OffsetProbe)?;
        let slot = self.offsets.get_mut(self.len).ok_or(NotSpan)?;
        *slot = offset;
        self.len += 1;
        Ok(())
    }

    fn finish(self) -> Result<Option<(u64, u64)>, NotSpan> {
        match (self.len, self.offsets) {
            (2, [start, end]) => Ok(Some((start, end))),
            _ => Err(NotSpan),
        }
    }
}

macro_rules! not_span {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, NotSpan> { Err(NotSpan) })*
    };
}

impl ser::Serializer for SpanProbe {
    type Ok = Option<(u64, u64)>;
    type Error = NotSpan;
    type SerializeSeq = SpanSeq;
    type SerializeTuple = SpanSeq;
    type SerializeTupleStruct = SpanSeq;
    type SerializeTupleVariant = Impossible<Self::Ok, NotSpan>;
    type SerializeMap = Impossible<Self::Ok, NotSpan>;
    type SerializeStruct = Impossible<Self::Ok, NotSpan>;
    type SerializeStructVariant = Impossible<Self::Ok, NotSpan>;

    fn serialize_none(self) -> Result<Self::Ok, NotSpan> {
        Ok(None)
    }
    fn serialize_unit(self) -> Result<Self::Ok, NotSpan> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, NotSpan> {
        Ok(None)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Self::Ok, NotSpan> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<Self::Ok, NotSpan> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<SpanSeq, NotSpan> {
        Ok(SpanSeq { offsets: [0; 2], len: 0 })
    }
    fn serialize_tuple(self, _: usize) -> Result<SpanSeq, NotSpan> {
        Ok(SpanSeq { offsets: [0; 2], len: 0 })
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<SpanSeq, NotSpan> {
        Ok(SpanSeq { offsets: [0; 2], len: 0 })
    }
    not_span! {
        serialize_bool(bool) -> Self::Ok;
        serialize_i8(i8) -> Self::Ok;
        serialize_i16(i16) -> Self::Ok;
        serialize_i32(i32) -> Self::Ok;
        serialize_i64(i64) -> Self::Ok;
        serialize_u8(u8) -> Self::Ok;
        serialize_u16(u16) -> Self::Ok;
        serialize_u32(u32) -> Self::Ok;
        serialize_u64(u64) -> Self::Ok;
        serialize_f32(f32) -> Self::Ok;
        serialize_f64(f64) -> Self::Ok;
        serialize_char(char) -> Self::Ok;
        serialize_str(&str) -> Self::Ok;
        serialize_bytes(&[u8]) -> Self::Ok;
        serialize_unit_variant(&'static str, u32, &'static str) -> Self::Ok;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, NotSpan> {
        Err(NotSpan)
    }
}

impl ser::SerializeSeq for SpanSeq {
    type Ok = Option<(u64, u64)>;
    type Error = NotSpan;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), NotSpan> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok, NotSpan> {
        self.finish()
    }
}

impl ser::SerializeTuple for SpanSeq {
    type Ok = Option<(u64, u64)>;
    type Error = NotSpan;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), NotSpan> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok, NotSpan> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for SpanSeq {
    type Ok = Option<(u64, u64)>;
    type Error = NotSpan;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), NotSpan> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok, NotSpan> {
        self.finish()
    }
}

/// Reads one offset of a span: a non-negative integer.
struct OffsetProbe;

impl ser::Serializer for OffsetProbe {
    type Ok = u64;
    type Error = NotSpan;
    type SerializeSeq = Impossible<u64, NotSpan>;
    type SerializeTuple = Impossible<u64, NotSpan>;
    type SerializeTupleStruct = Impossible<u64, NotSpan>;
    type SerializeTupleVariant = Impossible<u64, NotSpan>;
    type SerializeMap = Impossible<u64, NotSpan>;
    type SerializeStruct = Impossible<u64, NotSpan>;
    type SerializeStructVariant = Impossible<u64, NotSpan>;

    fn serialize_i8(self, v: i8) -> Result<u64, NotSpan> {
        u64::try_from(v).map_err(|_| NotSpan)
    }
    fn serialize_i16(self, v: i16) -> Result<u64, NotSpan> {
        u64::try_from(v).map_err(|_| NotSpan)
    }
    fn serialize_i32(self, v: i32) -> Result<u64, NotSpan> {
        u64::try_from(v).map_err(|_| NotSpan)
    }
    fn serialize_i64(self, v: i64) -> Result<u64, NotSpan> {
        u64::try_from(v).map_err(|_| NotSpan)
    }
    fn serialize_u8(self, v: u8) -> Result<u64, NotSpan> {
        Ok(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<u64, NotSpan> {
        Ok(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<u64, NotSpan> {
        Ok(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<u64, NotSpan> {
        Ok(v)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<u64, NotSpan> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<u64, NotSpan> {
        value.serialize(self)
    }
    not_span! {
        serialize_bool(bool) -> u64;
        serialize_f32(f32) -> u64;
        serialize_f64(f64) -> u64;
        serialize_char(char) -> u64;
        serialize_str(&str) -> u64;
        serialize_bytes(&[u8]) -> u64;
        serialize_none() -> u64;
        serialize_unit() -> u64;
        serialize_unit_struct(&'static str) -> u64;
        serialize_unit_variant(&'static str, u32, &'static str) -> u64;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<u64, NotSpan> {
        Err(NotSpan)
    }
}
