//! `gongkai._gongkai`: the native half of the `gongkai` Python package.
//!
//! No parsing happens here. Each function copies its inputs into Rust (`String`, `Vec<u8>`,
//! `PathBuf`), lets go of the interpreter (`Python::detach`) for the parse (and for indexing the
//! characters of the text the spans point into), calls the core crate, and then, holding the
//! interpreter, serializes each report straight into plain Python data (dicts, lists, str, int,
//! float, bool, None) in exactly the JSON form of `docs/output.md`: keys in the order serde writes
//! them, spans as `str` indices (see the `convert` module).
//!
//! `parse_many(threads=1)` takes one item at a time on the calling thread: copy it out of Python,
//! parse it with the GIL released, convert it. With more threads, a rayon pool built for the call
//! and dropped after it (so nothing is shared across calls or inherited by a forked child) parses
//! while the calling thread converts each report as it comes.

mod convert;

use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyModule, PyString, PyType};
use rayon::prelude::*;

use crate::convert::{CharIndex, ConvError, Converter, new_dict, new_list, string};

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

    fn internal(message: String) -> Self {
        Failure { kind: "internal", message: format!("internal error in gongkai: {message}"), os_error: None }
    }

    /// `{"kind": ..., "message": ...}`.
    fn to_py<'py>(&self, conv: &mut Converter<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = new_dict(conv.py())?;
        dict.set_item(conv.name("kind")?, conv.name(self.kind)?)?;
        dict.set_item(conv.name("message")?, string(conv.py(), &self.message)?)?;
        Ok(dict.into_any())
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

/// A parsed report, with what maps its spans to `str` indices.
struct Parsed {
    report: gongkai::Report,
    chars: CharIndex,
}

/// Parse one input. Never panics out: a panic in the core becomes an `internal` failure so that
/// a batch goes on.
fn run_one(input: &Input, options: &gongkai::Options) -> Result<Parsed, Failure> {
    catch_unwind(AssertUnwindSafe(|| parse_input(input, options)))
        .unwrap_or_else(|payload| Err(Failure::internal(panic_message(payload.as_ref()))))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

fn parse_input(input: &Input, options: &gongkai::Options) -> Result<Parsed, Failure> {
    let err = |e: gongkai::Error| Failure::from_core(&e);
    match input {
        Input::Text(text) => Ok(Parsed { report: options.parse(text).map_err(err)?, chars: CharIndex::of(text) }),
        Input::Bytes(bytes) => parse_bytes(bytes, options),
        Input::Path(path) => parse_bytes(&read_file(path, options.max_input_bytes)?, options),
        Input::BadText(message) => Err(Failure { kind: "decode", message: message.clone(), os_error: None }),
    }
}

/// A file's bytes, refused unread when it is larger than `limit`.
fn read_file(path: &std::path::Path, limit: usize) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let io = |source| Failure::from_core(&gongkai::Error::Io { path: path.display().to_string(), source });
    let too_large = |size: u64| {
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        Failure::from_core(&gongkai::Error::TooLarge { size, limit })
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit as u64 {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    // At most one byte past the limit, should the file have grown since.
    file.take((limit as u64).saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn parse_bytes(bytes: &[u8], options: &gongkai::Options) -> Result<Parsed, Failure> {
    let err = |e: gongkai::Error| Failure::from_core(&e);
    // Checked on the bytes, as `Options::parse_bytes` does (decoded text may be longer).
    if bytes.len() > options.max_input_bytes {
        return Err(err(gongkai::Error::TooLarge { size: bytes.len(), limit: options.max_input_bytes }));
    }
    // Decoded here, not inside the core, because the spans point into the decoded text.
    let decoded = gongkai::decode(bytes).map_err(err)?;
    let report = options.clone().max_input_bytes(usize::MAX).parse_decoded(&decoded).map_err(err)?;
    Ok(Parsed { report, chars: CharIndex::of(&decoded.text) })
}

/// One report as Python data, `source` first when given. A report that cannot be serialized (a
/// bug in gongkai) is an `internal` failure; a Python error (out of memory) is raised.
fn report_to_py<'py>(
    conv: &mut Converter<'py>,
    parsed: &Parsed,
    source: Option<Bound<'py, PyAny>>,
) -> PyResult<Result<Bound<'py, PyAny>, Failure>> {
    let first = source.map(|s| ("source", s));
    // The conversion runs the core's `Serialize` impls: a panic there is a bug in gongkai and
    // fails this report only, as a panic in the parse does.
    match catch_unwind(AssertUnwindSafe(|| conv.convert(&parsed.report, &parsed.chars, first))) {
        Ok(Ok(ob)) => Ok(Ok(ob)),
        Ok(Err(ConvError::Py(e))) => Err(e),
        Ok(Err(ConvError::Ser(e))) => Ok(Err(Failure::internal(format!("cannot serialize the report: {e}")))),
        Err(payload) => Ok(Err(Failure::internal(panic_message(payload.as_ref())))),
    }
}

/// One input's result for `parse` and `parse_file`: the report, or the failure raised.
fn single<'py>(
    py: Python<'py>,
    result: Result<Parsed, Failure>,
    source: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let parsed = result.map_err(|f| f.to_pyerr())?;
    let mut conv = Converter::new(py);
    let source = source.map(|s| string(py, &s).map(Bound::into_any)).transpose()?;
    report_to_py(&mut conv, &parsed, source)?.map_err(|f| f.to_pyerr())
}

/// Turns a batch's results into Python objects as they come, in input order.
struct Batch<'py> {
    conv: Converter<'py>,
    out: Vec<Option<Bound<'py, PyAny>>>,
}

impl<'py> Batch<'py> {
    fn new(py: Python<'py>, len: usize) -> Self {
        Batch { conv: Converter::new(py), out: (0..len).map(|_| None).collect() }
    }

    /// The item for input `i`: the report with `source` first, or `{"source", "error"}`.
    fn put(&mut self, i: usize, source: Option<String>, result: Result<Parsed, Failure>) -> PyResult<()> {
        let py = self.conv.py();
        let source = match source {
            Some(s) => string(py, &s)?.into_any(),
            None => py.None().into_bound(py),
        };
        let conv = &mut self.conv;
        let report = match result {
            Ok(parsed) => report_to_py(conv, &parsed, Some(source.clone()))?,
            Err(failure) => Err(failure),
        };
        let item = match report {
            Ok(report) => report,
            Err(failure) => {
                let dict = new_dict(py)?;
                dict.set_item(conv.name("source")?, source)?;
                dict.set_item(conv.name("error")?, failure.to_py(conv)?)?;
                dict.into_any()
            }
        };
        if let Some(slot) = self.out.get_mut(i) {
            *slot = Some(item);
        }
        Ok(())
    }

    /// The item for the next input.
    fn push(&mut self, source: Option<String>, result: Result<Parsed, Failure>) -> PyResult<()> {
        self.out.push(None);
        self.put(self.out.len() - 1, source, result)
    }

    fn finish(self) -> PyResult<Bound<'py, PyList>> {
        let py = self.conv.py();
        let items = self.out.into_iter().map(|item| item.unwrap_or_else(|| py.None().into_bound(py))).collect();
        new_list(py, items)
    }
}

/// Parse and convert a batch on `threads` threads: a pool built for this call (never rayon's
/// global pool, so a forked child never meets a pool of its parent's) parses while this thread
/// converts what is done. With one thread (or one input), each input is parsed (the GIL released)
/// and converted in turn on the calling thread, so that the report is still in the CPU's caches
/// when it is converted.
fn run_batch<'py>(
    py: Python<'py>,
    inputs: &[Input],
    threads: usize,
    options: &gongkai::Options,
) -> PyResult<Bound<'py, PyList>> {
    let mut batch = Batch::new(py, inputs.len());
    let threads = threads.min(inputs.len());
    let pool = if threads > 1 {
        rayon::ThreadPoolBuilder::new().num_threads(threads).thread_name(|i| format!("gongkai-{i}")).build().ok()
    } else {
        None
    };
    let one_by_one = |batch: &mut Batch<'py>| -> PyResult<()> {
        for (i, input) in inputs.iter().enumerate() {
            let result = py.detach(|| run_one(input, options));
            batch.put(i, input.source(), result)?;
        }
        Ok(())
    };
    let Some(pool) = pool else {
        one_by_one(&mut batch)?;
        return batch.finish();
    };
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Result<Parsed, Failure>)>();
    std::thread::scope(|scope| {
        let parser = std::thread::Builder::new().name("gongkai-batch".to_string()).spawn_scoped(scope, move || {
            pool.install(|| {
                inputs.par_iter().enumerate().for_each_with(tx, |tx, (i, input)| {
                    // The receiver is gone only when the conversion failed: nothing to do then.
                    let _ = tx.send((i, run_one(input, options)));
                });
            });
        });
        let Ok(parser) = parser else {
            // No thread to be had: parse on this one.
            return one_by_one(&mut batch);
        };
        let mut rx = Some(rx);
        let mut received = 0;
        let converted = (|| -> PyResult<()> {
            while let Some(waiting) = rx.take() {
                // The receiver moves in and out: it is Send but not Sync.
                let (back, message) = py.detach(move || {
                    let message = waiting.recv();
                    (waiting, message)
                });
                rx = Some(back);
                // Every input sends once; the channel closes when the pool is done.
                let Ok((i, result)) = message else { break };
                received += 1;
                batch.put(i, inputs.get(i).and_then(Input::source), result)?;
            }
            Ok(())
        })();
        // Stop receiving (the parser's sends then fail fast) and wait for it without the GIL.
        drop(rx);
        let joined = py.detach(move || parser.join());
        converted?;
        if joined.is_err() || received != inputs.len() {
            return Err(GongkaiError::new_err("internal error in gongkai: the parsing threads stopped early"));
        }
        Ok(())
    })?;
    batch.finish()
}

/// `os.PathLike`, imported once.
fn path_like(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static PATH_LIKE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    PATH_LIKE.import(py, "os", "PathLike")
}

/// Copy one Python object into an [`Input`]. `str` is text, never a path. `what` names the
/// object in an error message.
fn extract_input(ob: &Bound<'_, PyAny>, what: impl Fn() -> String, paths: bool) -> PyResult<Input> {
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
    let is_path = ob.is_instance(path_like(ob.py())?)?;
    if paths {
        if is_path {
            return Ok(Input::Path(ob.extract::<PathBuf>()?));
        }
        return Err(PyTypeError::new_err(format!(
            "{} must be str (report text), bytes (raw bytes) or os.PathLike (a file to read), not {}",
            what(),
            ob.get_type().name()?
        )));
    }
    let hint = if is_path { "; to read a file use gongkai.parse_file()" } else { "" };
    Err(PyTypeError::new_err(format!(
        "{} must be str (report text) or bytes (raw bytes), not {}{hint}",
        what(),
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
    let input = extract_input(source, || "source".to_string(), false)?;
    let options = options(max_input_bytes, infer);
    let result = py.detach(|| run_one(&input, &options));
    single(py, result, None)
}

/// Read and parse one file; the dict carries `source`, the path.
#[pyfunction]
#[pyo3(signature = (path, *, max_input_bytes = None, infer = false))]
fn parse_file<'py>(py: Python<'py>, path: PathBuf, max_input_bytes: Option<usize>, infer: bool) -> PyResult<Bound<'py, PyAny>> {
    let input = Input::Path(path);
    let options = options(max_input_bytes, infer);
    let result = py.detach(|| run_one(&input, &options));
    single(py, result, input.source())
}

/// The cyclic garbage collector, paused for as long as this lives (when it was running).
///
/// A batch builds thousands of dicts and lists, each of which counts towards the collector's next
/// run; the runs this sets off while the results are built traverse those results (and, in the
/// full runs, every object of the process) and can free none of them, since the batch holds them
/// all. Paused, the collector runs once, later, as it would after any other allocation. Measured
/// on the corpus with the results of the last three batches kept alive, this takes a third off the
/// time per report.
struct GcPause<'py> {
    /// `gc.enable`, to call when the pause ends; `None` when the collector was already off.
    enable: Option<Bound<'py, PyAny>>,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        static GC: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
        let gc = GC.get_or_try_init(py, || py.import("gc").map(Bound::unbind))?.bind(py);
        if !gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPause { enable: None });
        }
        gc.call_method0("disable")?;
        Ok(GcPause { enable: Some(gc.getattr("enable")?) })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(enable) = &self.enable {
            // `gc.enable()` cannot fail; were it to, the batch's result matters more.
            let _ = enable.call0();
        }
    }
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
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
    };
    let options = options(max_input_bytes, infer);
    let items = items.try_iter()?.enumerate();
    let _paused = GcPause::new(py)?;
    if threads == 1 {
        // One by one, each item copied out of Python just before it is parsed and dropped once
        // it is converted: a batch never holds more than one copy of an input.
        let mut batch = Batch::new(py, 0);
        for (i, item) in items {
            let input = extract_input(&item?, || format!("item {i}"), true)?;
            let result = py.detach(|| run_one(&input, &options));
            batch.push(input.source(), result)?;
        }
        return batch.finish();
    }
    let mut inputs = Vec::new();
    for (i, item) in items {
        inputs.push(extract_input(&item?, || format!("item {i}"), true)?);
    }
    run_batch(py, &inputs, threads, &options)
}

/// The Rust side of `parse_many(threads=1)` alone, for benchmarks that compare the two: parse
/// each item as the core's own callers would (`str` with `Options::parse`, `bytes` and files with
/// `Options::parse_bytes`), drop the report, and return how many parsed and the seconds the
/// parsing took (copying the items out of Python not included). Not part of the API.
#[pyfunction]
fn _parse_only(py: Python<'_>, items: &Bound<'_, PyAny>) -> PyResult<(usize, f64)> {
    let mut inputs = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        inputs.push(extract_input(&item?, || format!("item {i}"), true)?);
    }
    let options = gongkai::Options::default();
    Ok(py.detach(|| {
        let start = std::time::Instant::now();
        let parsed = inputs
            .iter()
            .filter(|input| match input {
                Input::Text(text) => options.parse(text).is_ok(),
                Input::Bytes(bytes) => options.parse_bytes(bytes).is_ok(),
                Input::Path(path) => std::fs::read(path).is_ok_and(|bytes| options.parse_bytes(&bytes).is_ok()),
                Input::BadText(_) => false,
            })
            .count();
        (parsed, start.elapsed().as_secs_f64())
    }))
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
    m.add_function(wrap_pyfunction!(_parse_only, m)?)?;
    Ok(())
}
