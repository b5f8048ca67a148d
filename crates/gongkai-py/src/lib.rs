//! `gongkai._gongkai`: the native half of the `gongkai` Python package.
//!
//! No parsing happens here. Each function copies its inputs into Rust (`String`, `Vec<u8>`,
//! `PathBuf`), lets go of the interpreter (`Python::detach`) for all of the work, calls the core
//! crate, and turns each report into plain Python data (dicts, lists, str, int, float, bool,
//! None) in exactly the JSON form of `docs/output.md`, with spans as `str` indices.
//!
//! Batches run on a rayon pool built for the call and dropped after it, so nothing is shared
//! across calls or inherited by a forked child; `threads=1` runs on the calling thread.

mod node;

use std::borrow::Cow;
use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};
use rayon::prelude::*;

use crate::node::Node;

create_exception!(gongkai, GongkaiError, PyException, "Base class of every error raised by gongkai.");
create_exception!(gongkai, DecodeError, GongkaiError, "The bytes are not text in any encoding gongkai reads.");
create_exception!(gongkai, TooLargeError, GongkaiError, "The input is larger than the size limit (64 MiB by default).");
create_exception!(
    gongkai,
    IoError,
    GongkaiError,
    "A file could not be read and the OS gave no error number (otherwise the matching OSError, \
     e.g. FileNotFoundError, is raised)."
);

/// One input, copied out of Python.
enum Input {
    /// Report text.
    Text(String),
    /// Raw bytes, decoded as the core decodes them.
    Bytes(Vec<u8>),
    /// A file to read.
    Path(PathBuf),
    /// A `str` that is not valid Unicode (lone surrogates): fails as a decode error.
    BadText(String),
}

impl Input {
    fn source(&self) -> Option<String> {
        match self {
            Input::Path(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        }
    }
}

/// Why an input yielded no report.
struct Failure {
    kind: &'static str,
    message: String,
    /// For `io`: the OS error number and path, so Python can raise the matching `OSError`.
    os_error: Option<(i32, String, String)>,
}

impl Failure {
    fn from_core(e: &gongkai::Error) -> Self {
        let os_error = match e {
            gongkai::Error::Io { path, source } => {
                source.raw_os_error().map(|errno| (errno, strerror(source), path.clone()))
            }
            _ => None,
        };
        Failure { kind: e.kind(), message: e.to_string(), os_error }
    }

    fn to_pyerr(&self) -> PyErr {
        match (self.kind, &self.os_error) {
            // OSError(errno, strerror, filename) becomes FileNotFoundError, PermissionError,
            // IsADirectoryError... by its errno, as the built-in open() does.
            ("io", Some((errno, text, path))) => PyOSError::new_err((*errno, text.clone(), path.clone())),
            ("io", None) => IoError::new_err(self.message.clone()),
            ("decode", _) => DecodeError::new_err(self.message.clone()),
            ("too_large", _) => TooLargeError::new_err(self.message.clone()),
            _ => GongkaiError::new_err(self.message.clone()),
        }
    }

    fn to_node(&self) -> Node {
        Node::Map(vec![
            ("kind".to_string(), Node::Str(self.kind.to_string())),
            ("message".to_string(), Node::Str(self.message.clone())),
        ])
    }
}

/// The OS's words for an I/O error, without Rust's " (os error N)" suffix.
fn strerror(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Parse one input into its JSON tree with spans as code point indices. Never panics out: a
/// panic in the core becomes an `internal` failure so that a batch goes on.
fn run_one(input: &Input, options: &gongkai::Options) -> Result<Node, Failure> {
    catch_unwind(AssertUnwindSafe(|| parse_input(input, options))).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(Failure { kind: "internal", message: format!("internal error in gongkai: {what}"), os_error: None })
    })
}

fn parse_input(input: &Input, options: &gongkai::Options) -> Result<Node, Failure> {
    let err = |e: gongkai::Error| Failure::from_core(&e);
    match input {
        Input::Text(text) => report_node(&options.parse(text).map_err(err)?, text),
        Input::Bytes(bytes) => parse_bytes(bytes, options),
        Input::Path(path) => {
            let io = |source| Failure::from_core(&gongkai::Error::Io { path: path.display().to_string(), source });
            let size = std::fs::metadata(path).map_err(io)?.len();
            if size > options.max_input_bytes as u64 {
                let size = usize::try_from(size).unwrap_or(usize::MAX);
                return Err(err(gongkai::Error::TooLarge { size, limit: options.max_input_bytes }));
            }
            let bytes = std::fs::read(path).map_err(io)?;
            let mut node = parse_bytes(&bytes, options)?;
            node.insert_first("source", Node::Str(path.to_string_lossy().into_owned()));
            Ok(node)
        }
        Input::BadText(message) => Err(Failure { kind: "decode", message: message.clone(), os_error: None }),
    }
}

fn parse_bytes(bytes: &[u8], options: &gongkai::Options) -> Result<Node, Failure> {
    let report = options.parse_bytes(bytes).map_err(|e| Failure::from_core(&e))?;
    // The spans point into the decoded text, which the core does not hand back: decode again
    // (it succeeded just now) to map them to code point indices. ASCII needs no mapping.
    let text: Cow<'_, str> = if bytes.is_ascii() {
        Cow::Borrowed("")
    } else {
        gongkai::decode(bytes).map_err(|e| Failure::from_core(&e))?.text
    };
    report_node(&report, &text)
}

fn report_node(report: &gongkai::Report, text: &str) -> Result<Node, Failure> {
    let mut node = node::to_node(report).map_err(|e| Failure {
        kind: "internal",
        message: format!("internal error in gongkai: cannot serialize the report: {e}"),
        os_error: None,
    })?;
    node::spans_to_char_indices(&mut node, text);
    Ok(node)
}

/// Run a batch: in order, on the calling thread for `threads == 1`, else on a pool built for this
/// call (never rayon's global pool, so a forked child never meets a pool of its parent's).
fn run_batch(inputs: &[Input], threads: usize, options: &gongkai::Options) -> Vec<Result<Node, Failure>> {
    let threads = threads.min(inputs.len());
    if threads > 1 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("gongkai-{i}"))
            .build();
        if let Ok(pool) = pool {
            return pool.install(|| inputs.par_iter().map(|i| run_one(i, options)).collect());
        }
    }
    inputs.iter().map(|i| run_one(i, options)).collect()
}

/// Builds Python objects from [`Node`]s. Object keys repeat across every report of a batch
/// (`"span"`, `"severity"`, row and column keys), so each distinct key is made once per call and
/// shared.
struct ToPy<'py> {
    py: Python<'py>,
    keys: HashMap<String, Bound<'py, PyString>>,
}

impl<'py> ToPy<'py> {
    fn new(py: Python<'py>) -> Self {
        ToPy { py, keys: HashMap::new() }
    }

    fn key(&mut self, k: &str) -> Bound<'py, PyString> {
        if let Some(s) = self.keys.get(k) {
            return s.clone();
        }
        let s = PyString::new(self.py, k);
        self.keys.insert(k.to_string(), s.clone());
        s
    }

    fn convert(&mut self, node: &Node) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        Ok(match node {
            Node::Null => py.None().into_bound(py),
            Node::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
            Node::Int(i) => i.into_pyobject(py)?.into_any(),
            Node::UInt(u) => u.into_pyobject(py)?.into_any(),
            Node::Float(f) => f.into_pyobject(py)?.into_any(),
            Node::Str(s) => PyString::new(py, s).into_any(),
            Node::List(items) => {
                let items = items.iter().map(|i| self.convert(i)).collect::<PyResult<Vec<_>>>()?;
                PyList::new(py, items)?.into_any()
            }
            Node::Map(entries) => {
                let dict = PyDict::new(py);
                for (k, v) in entries {
                    dict.set_item(self.key(k), self.convert(v)?)?;
                }
                dict.into_any()
            }
        })
    }
}

fn to_py<'py>(py: Python<'py>, node: &Node) -> PyResult<Bound<'py, PyAny>> {
    ToPy::new(py).convert(node)
}

/// Copy one Python object into an [`Input`]. `str` is text, never a path.
fn extract_input(ob: &Bound<'_, PyAny>, what: &str, paths: bool) -> PyResult<Input> {
    if let Ok(s) = ob.cast::<PyString>() {
        return Ok(match s.extract::<String>() {
            Ok(text) => Input::Text(text),
            Err(e) => Input::BadText(format!("cannot read the str as Unicode text: {e}")),
        });
    }
    if let Ok(b) = ob.cast::<PyBytes>() {
        return Ok(Input::Bytes(b.as_bytes().to_vec()));
    }
    if let Ok(b) = ob.cast::<PyByteArray>() {
        return Ok(Input::Bytes(b.to_vec()));
    }
    if paths {
        let os = ob.py().import("os")?;
        if ob.is_instance(&os.getattr("PathLike")?)? {
            return Ok(Input::Path(ob.extract::<PathBuf>()?));
        }
        return Err(PyTypeError::new_err(format!(
            "{what} must be str (report text), bytes (raw bytes) or os.PathLike (a file to read), not {}",
            ob.get_type().name()?
        )));
    }
    let hint = if ob.py().import("os")?.getattr("PathLike").and_then(|p| ob.is_instance(&p)).unwrap_or(false) {
        "; to read a file use gongkai.parse_file()"
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "{what} must be str (report text) or bytes (raw bytes), not {}{hint}",
        ob.get_type().name()?
    )))
}

fn options(max_input_bytes: Option<usize>, infer: bool) -> gongkai::Options {
    let options = gongkai::Options::default().infer(infer);
    match max_input_bytes {
        Some(limit) => options.max_input_bytes(limit),
        None => options,
    }
}

/// Parse one report (`str` text or raw `bytes`) into a dict in the JSON form of the report.
#[pyfunction]
#[pyo3(signature = (source, *, max_input_bytes = None, infer = false))]
fn parse<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    max_input_bytes: Option<usize>,
    infer: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let input = extract_input(source, "source", false)?;
    let options = options(max_input_bytes, infer);
    let result = py.detach(|| run_one(&input, &options));
    to_py(py, &result.map_err(|f| f.to_pyerr())?)
}

/// Read and parse one file; the dict carries `source`, the path.
#[pyfunction]
#[pyo3(signature = (path, *, max_input_bytes = None, infer = false))]
fn parse_file<'py>(py: Python<'py>, path: PathBuf, max_input_bytes: Option<usize>, infer: bool) -> PyResult<Bound<'py, PyAny>> {
    let input = Input::Path(path);
    let options = options(max_input_bytes, infer);
    let result = py.detach(|| run_one(&input, &options));
    to_py(py, &result.map_err(|f| f.to_pyerr())?)
}

/// Parse many inputs, in parallel, results in input order; failed items become error dicts.
#[pyfunction]
#[pyo3(signature = (items, *, threads = None, max_input_bytes = None, infer = false))]
fn parse_many<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    threads: Option<usize>,
    max_input_bytes: Option<usize>,
    infer: bool,
) -> PyResult<Bound<'py, PyList>> {
    if items.is_instance_of::<PyString>() || items.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err("parse_many() takes an iterable of items, not a single str or bytes"));
    }
    let mut inputs = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        inputs.push(extract_input(&item?, &format!("item {i}"), true)?);
    }
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
    };
    let options = options(max_input_bytes, infer);
    let results = py.detach(|| run_batch(&inputs, threads, &options));
    let out = PyList::empty(py);
    let mut convert = ToPy::new(py);
    for (input, result) in inputs.iter().zip(results) {
        let source = input.source().map_or(Node::Null, Node::Str);
        let node = match result {
            Ok(mut node) => {
                node.insert_first("source", source);
                node
            }
            Err(failure) => Node::Map(vec![("source".to_string(), source), ("error".to_string(), failure.to_node())]),
        };
        out.append(convert.convert(&node)?)?;
    }
    Ok(out)
}

/// The native module.
#[pymodule]
fn _gongkai(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MAX_INPUT_BYTES", gongkai::DEFAULT_MAX_INPUT_BYTES)?;
    m.add("GongkaiError", py.get_type::<GongkaiError>())?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("TooLargeError", py.get_type::<TooLargeError>())?;
    m.add("IoError", py.get_type::<IoError>())?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_file, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    Ok(())
}
