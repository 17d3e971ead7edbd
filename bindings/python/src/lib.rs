//! `congvan._native`: the Python extension module. It wraps the congvan
//! crate and adds no parsing of its own: reading a file, decoding and
//! parsing are the crate's (`congvan::decode`, `congvan::parse_with`), the
//! JSON is the crate's `to_json`. The friendly API (`congvan.parse`,
//! `Document`, typed fields, exceptions) is in `python/congvan/`.

use std::fs;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use congvan::{Document, InputFormat, Options};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Bytes between two checkpoints of the byte → `str` index table.
const STRIDE: usize = 4096;

/// A parsed document and the text its spans index.
#[pyclass(module = "congvan._native", frozen)]
struct NativeDocument {
    text: String,
    doc: Document,
    /// Number of characters before each multiple of `STRIDE` bytes.
    checkpoints: OnceLock<Vec<usize>>,
}

impl NativeDocument {
    fn new(text: String, doc: Document) -> Self {
        Self {
            text,
            doc,
            checkpoints: OnceLock::new(),
        }
    }

    /// The `str` index (code points) of byte offset `byte`, clamped to the text.
    fn index(&self, byte: usize) -> usize {
        let bytes = self.text.as_bytes();
        let byte = byte.min(bytes.len());
        let table = self.checkpoints.get_or_init(|| {
            let mut table = vec![0];
            let mut count = 0;
            for chunk in bytes.chunks(STRIDE) {
                count += chars_in(chunk);
                table.push(count);
            }
            table
        });
        let k = byte / STRIDE;
        table[k] + chars_in(&bytes[k * STRIDE..byte])
    }
}

/// Characters that start in `bytes`: the bytes that are not UTF-8
/// continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[pymethods]
impl NativeDocument {
    /// The compact JSON, byte for byte the line `congvan parse` prints
    /// (without its newline); the GIL is released meanwhile.
    fn to_json(&self, py: Python<'_>) -> String {
        py.allow_threads(|| congvan::to_json(&self.doc))
    }

    /// The indented JSON, as `congvan parse --pretty`.
    fn to_json_pretty(&self, py: Python<'_>) -> String {
        py.allow_threads(|| congvan::to_json_pretty(&self.doc))
    }

    /// The text the spans index (the decoded file for `parse_file`).
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }

    /// `str` indices of UTF-8 byte offsets.
    fn char_indices(&self, bytes: Vec<usize>) -> Vec<usize> {
        bytes.into_iter().map(|b| self.index(b)).collect()
    }
}

/// Why an input could not be turned into a document.
struct Failure {
    /// As in `congvan batch --jsonl` error records: `not_found`,
    /// `unreadable`, `not_a_file`, `invalid_utf8`, `binary`, `too_large`,
    /// `internal_error`.
    kind: &'static str,
    message: String,
    offset: Option<usize>,
    size: Option<u64>,
    limit: Option<usize>,
}

impl Failure {
    fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            offset: None,
            size: None,
            limit: None,
        }
    }

    fn read(path: &Path, e: &io::Error) -> Self {
        let (kind, what) = match e.kind() {
            io::ErrorKind::NotFound => ("not_found", "no such file".to_owned()),
            io::ErrorKind::PermissionDenied => ("unreadable", "permission denied".to_owned()),
            _ => ("unreadable", e.to_string()),
        };
        Self::new(kind, format!("{}: {what}", path.display()))
    }

    fn decode(e: &congvan::Error) -> Self {
        let mut f = Self::new(
            match e {
                congvan::Error::InvalidUtf8 { .. } => "invalid_utf8",
                congvan::Error::Binary { .. } => "binary",
                congvan::Error::TooLarge { .. } => "too_large",
                _ => "unreadable",
            },
            e.to_string(),
        );
        f.offset = e.offset();
        if let congvan::Error::TooLarge { size, limit } = e {
            f.size = Some(*size as u64);
            f.limit = Some(*limit);
        }
        f
    }

    /// The Python exception (built by `congvan._errors.make`).
    fn into_py_err(self, py: Python<'_>, path: Option<&Path>) -> PyErr {
        let made = (|| -> PyResult<PyErr> {
            let make = py.import("congvan._errors")?.getattr("make")?;
            let details = PyDict::new(py);
            details.set_item("offset", self.offset)?;
            details.set_item("size", self.size)?;
            details.set_item("limit", self.limit)?;
            details.set_item("path", path.map(|p| p.to_path_buf()))?;
            let exc = make.call1((self.kind, &self.message, details))?;
            Ok(PyErr::from_value(exc))
        })();
        made.unwrap_or_else(|e| e)
    }
}

/// Reads a file with the size limit. The one place a path is read: when
/// the crate offers a reader of paths (DOCX, PDF, …) it replaces this and
/// `decode` below.
fn read_path(path: &Path, limit: usize) -> Result<Vec<u8>, Failure> {
    let meta = fs::metadata(path).map_err(|e| Failure::read(path, &e))?;
    if !meta.is_file() {
        return Err(Failure::new(
            "not_a_file",
            format!("{}: not a regular file", path.display()),
        ));
    }
    if meta.len() > limit as u64 {
        let mut f = Failure::new(
            "too_large",
            format!(
                "{}: input is {} bytes, over the limit of {limit} bytes",
                path.display(),
                meta.len()
            ),
        );
        f.size = Some(meta.len());
        f.limit = Some(limit);
        return Err(f);
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| file.take(limit as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| Failure::read(path, &e))?;
    Ok(bytes)
}

/// A file parsed as `congvan parse FILE` does: read, then [`parse_raw`].
fn parse_path(path: &Path, options: &Options) -> Result<NativeDocument, Failure> {
    let bytes = read_path(path, options.max_size)?;
    parse_raw(bytes, options)
}

/// A file's bytes parsed as `congvan parse FILE` does: the format found by
/// its first bytes (.docx, .doc, PDF or text), its text extracted (the
/// reader's notes become diagnostics), parsed.
fn parse_raw(bytes: Vec<u8>, options: &Options) -> Result<NativeDocument, Failure> {
    let (extracted, doc) = guarded(|| congvan::input::parse_bytes(&bytes, options))?
        .map_err(|e| Failure::decode(&e))?;
    drop(bytes);
    Ok(NativeDocument::new(extracted.text, doc))
}

/// A text parsed as `congvan parse` does with a UTF-8 file.
fn parse_text(text: String, options: &Options) -> Result<NativeDocument, Failure> {
    if text.len() > options.max_size {
        return Err(Failure::decode(&congvan::Error::TooLarge {
            size: text.len(),
            limit: options.max_size,
        }));
    }
    if let Some(offset) = text.find('\0') {
        return Err(Failure::decode(&congvan::Error::Binary { offset }));
    }
    let doc = guarded(|| congvan::parse_with(&text, options))?;
    Ok(NativeDocument::new(text, doc))
}

/// Runs the parser; a panic (a bug) is an `internal_error`, not a crash.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Failure> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        Failure::new(
            "internal_error",
            "the parser failed on this document (a bug: please report it with the input)",
        )
    })
}

/// Options from the keyword arguments.
fn options(format: &str, lossy: bool, max_size: Option<usize>) -> PyResult<Options> {
    let format = match format {
        "auto" => InputFormat::Auto,
        "text" => InputFormat::Text,
        "markdown" => InputFormat::Markdown,
        other => {
            return Err(PyValueError::new_err(format!(
                "format must be 'auto', 'text' or 'markdown', not {other:?}"
            )))
        }
    };
    let mut options = Options::new().format(format).lossy(lossy);
    if let Some(max) = max_size {
        options = options.max_size(max);
    }
    Ok(options)
}

/// Parses a text (a `str`); the GIL is released while parsing.
#[pyfunction]
#[pyo3(signature = (text, *, format = "auto", max_size = None))]
fn parse(
    py: Python<'_>,
    text: String,
    format: &str,
    max_size: Option<usize>,
) -> PyResult<NativeDocument> {
    let options = options(format, false, max_size)?;
    py.allow_threads(|| parse_text(text, &options))
        .map_err(|f| f.into_py_err(py, None))
}

/// Reads, decodes and parses a file; the GIL is released meanwhile.
#[pyfunction]
#[pyo3(signature = (path, *, format = "auto", lossy = false, max_size = None))]
fn parse_file(
    py: Python<'_>,
    path: PathBuf,
    format: &str,
    lossy: bool,
    max_size: Option<usize>,
) -> PyResult<NativeDocument> {
    let options = options(format, lossy, max_size)?;
    py.allow_threads(|| parse_path(&path, &options))
        .map_err(|f| f.into_py_err(py, Some(&path)))
}

/// Decodes and parses a file's bytes (from `bytes`, e.g. Spark's
/// `binaryFiles`); the GIL is released meanwhile.
#[pyfunction]
#[pyo3(signature = (data, *, format = "auto", lossy = false, max_size = None))]
fn parse_bytes(
    py: Python<'_>,
    data: &[u8],
    format: &str,
    lossy: bool,
    max_size: Option<usize>,
) -> PyResult<NativeDocument> {
    let options = options(format, lossy, max_size)?;
    if data.len() > options.max_size {
        let e = congvan::Error::TooLarge {
            size: data.len(),
            limit: options.max_size,
        };
        return Err(Failure::decode(&e).into_py_err(py, None));
    }
    let data = data.to_vec();
    py.allow_threads(|| parse_raw(data, &options))
        .map_err(|f| f.into_py_err(py, None))
}

/// One input of `parse_many`.
enum Input {
    Text(String),
    Path(PathBuf),
}

/// Parses many texts (`str`) and files (`os.PathLike`) on `threads` threads
/// with the GIL released; returns, in input order, a document or the
/// exception of each input.
#[pyfunction]
#[pyo3(signature = (texts, paths, *, threads = None, format = "auto", lossy = false, max_size = None))]
#[allow(clippy::too_many_arguments)]
fn parse_many<'py>(
    py: Python<'py>,
    texts: Vec<Option<String>>,
    paths: Vec<Option<PathBuf>>,
    threads: Option<usize>,
    format: &str,
    lossy: bool,
    max_size: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    use rayon::prelude::*;

    let options = options(format, lossy, max_size)?;
    if texts.len() != paths.len() {
        return Err(PyValueError::new_err("texts and paths differ in length"));
    }
    let inputs: Vec<Input> = texts
        .into_iter()
        .zip(paths)
        .map(|pair| match pair {
            (Some(text), _) => Ok(Input::Text(text)),
            (None, Some(path)) => Ok(Input::Path(path)),
            (None, None) => Err(PyValueError::new_err("an input is neither text nor path")),
        })
        .collect::<PyResult<_>>()?;
    let threads = threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1)
    });
    if threads == 0 {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start {threads} threads: {e}")))?;
    let results: Vec<(Option<PathBuf>, Result<NativeDocument, Failure>)> = py.allow_threads(|| {
        pool.install(|| {
            inputs
                .into_par_iter()
                .map(|input| match input {
                    Input::Text(text) => (None, parse_text(text, &options)),
                    Input::Path(path) => {
                        let result = parse_path(&path, &options);
                        (Some(path), result)
                    }
                })
                .collect()
        })
    });
    let out = PyList::empty(py);
    for (path, result) in results {
        match result {
            Ok(doc) => out.append(Bound::new(py, doc)?)?,
            Err(f) => out.append(f.into_py_err(py, path.as_deref()).into_value(py))?,
        }
    }
    Ok(out)
}

/// The JSON Schema of the JSON output, as text (`congvan schema`).
#[pyfunction]
fn schema_json() -> String {
    serde_json::to_string_pretty(&congvan::schema::json_schema()).unwrap_or_default()
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeDocument>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_file, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(schema_json, m)?)?;
    m.add("CRATE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
