"""congvan: parse Vietnamese administrative documents (công văn, quyết định, …)
into a typed model and JSON, with spans.

This package wraps the congvan Rust crate (PyO3): the parser, the decoder
and the JSON are the crate's, so ``Document.to_json()`` is byte for byte
what ``congvan parse`` prints.

>>> import congvan
>>> doc = congvan.parse("UBND TỈNH BẮC GIANG\\nSở Nội vụ\\nSố: 05/SNV-VP\\n"
...                     "V/v nâng bậc lương\\nBắc Giang, ngày 05 tháng 02 năm 2024\\n\\n"
...                     "Kính gửi: Bộ Nội vụ.\\n\\nNội dung./.")
>>> doc.number.symbol
'SNV-VP'
>>> doc.text[doc.number.span.char_start:doc.number.span.char_end]
'Số: 05/SNV-VP'
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Literal, Union

from . import _native
from ._errors import (
    BinaryInputError,
    CongvanError,
    DecodeError,
    InternalError,
    InvalidUtf8Error,
    NotAFileError,
    NotFoundError,
    ReadError,
    TooLargeError,
)

__all__ = [
    "parse",
    "parse_file",
    "parse_bytes",
    "parse_many",
    "schema",
    "Document",
    "Node",
    "Span",
    "DocType",
    "Issuer",
    "NationalHeading",
    "Number",
    "Place",
    "DocDate",
    "Subject",
    "Recipient",
    "Signature",
    "Citation",
    "Diagnostic",
    "CongvanError",
    "DecodeError",
    "InvalidUtf8Error",
    "BinaryInputError",
    "TooLargeError",
    "ReadError",
    "NotFoundError",
    "NotAFileError",
    "InternalError",
]

__version__: str = _native.CRATE_VERSION

Format = Literal["auto", "text", "markdown"]


class Span:
    """Where a value is in the document's text: UTF-8 byte offsets
    (``start``, ``end``, as in the JSON) and ``str`` indices
    (``char_start``, ``char_end``), so that
    ``doc.text[span.char_start:span.char_end]`` is the source of the value."""

    __slots__ = ("start", "end", "char_start", "char_end")

    def __init__(self, start: int, end: int, char_start: int, char_end: int) -> None:
        self.start = start
        self.end = end
        self.char_start = char_start
        self.char_end = char_end

    @property
    def slice(self) -> slice:
        """``slice(char_start, char_end)``: ``doc.text[span.slice]``."""
        return slice(self.char_start, self.char_end)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and (self.start, self.end) == (other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        return (
            f"Span(start={self.start}, end={self.end}, "
            f"char_start={self.char_start}, char_end={self.char_end})"
        )


class Node:
    """A part of the document: its JSON object, with attribute access.

    ``node.field`` is ``node.to_dict()["field"]``, with nested objects as
    nodes, lists as lists and ``span`` as a :class:`Span`. A field the JSON
    does not have raises ``AttributeError``.
    """

    __slots__ = ("_data", "_doc")

    #: Class of the nodes found under each field name.
    _FIELDS: dict[str, type[Node]] = {}

    def __init__(self, data: dict[str, Any], doc: Document) -> None:
        self._data = data
        self._doc = doc

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._data[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None
        return self._doc._wrap(name, value)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this part (shared: copy it before changing it)."""
        return self._data

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._data == self._data  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self._data.items() if k != "span")
        return f"{type(self).__name__}({fields})"


class DocType(Node):
    """The kind of document: ``code`` (``"CV"``, ``"QĐ"``…), ``name``, ``span``."""


class Issuer(Node):
    """The issuing body: ``name``, ``parent``, ``span``."""


class NationalHeading(Node):
    """The national heading: ``country``, ``motto``, ``span``."""


class Number(Node):
    """Số, ký hiệu: ``raw``, ``number``, ``year``, ``symbol``, ``type_code``,
    ``issuer_codes``, ``unit_code``, ``span``."""


class Place(Node):
    """The place of issue: ``name``, ``span``."""


class DocDate(Node):
    """The date of issue: ``raw``, ``year``, ``month``, ``day``, ``span``."""


class Subject(Node):
    """Trích yếu: ``text``, ``span``."""


class Recipient(Node):
    """A Kính gửi recipient: ``name``, ``span``."""


class Signature(Node):
    """A signature block: ``authority``, ``title``, ``name``, ``span``."""


class Citation(Node):
    """A cited document: ``id``, ``doc_type``, ``number``, ``year``,
    ``symbol``, ``date``, ``issuer``, ``title``, ``pinpoint``, ``mentions``."""


class Diagnostic(Node):
    """Something missing or odd: ``code``, ``severity``, ``message``, ``span``."""


Node._FIELDS = {
    "doc_type": DocType,
    "issuer": Issuer,
    "national_heading": NationalHeading,
    "number": Number,
    "place": Place,
    "date": DocDate,
    "subject": Subject,
    "recipients": Recipient,
    "signatures": Signature,
    "citations": Citation,
    "diagnostics": Diagnostic,
}


class Document:
    """A parsed document. Build one with :func:`parse`, :func:`parse_file`
    or :func:`parse_many`.

    ``doc.number``, ``doc.issuer``, ``doc.date``… are typed nodes (``None``
    when the document has none); ``doc.text`` is the text the spans index;
    ``to_json()`` is the JSON of ``congvan parse``; ``to_dict()`` is that
    JSON loaded.
    """

    __slots__ = ("_native", "_dict")

    def __init__(self, native: Any) -> None:
        self._native = native
        self._dict: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        """The text the spans index (for a file: its decoded text)."""
        return self._native.text

    def to_json(self, *, pretty: bool = False) -> str:
        """The JSON, byte for byte what ``congvan parse`` prints (with
        ``pretty``, ``congvan parse --pretty``), without the final newline."""
        return self._native.to_json_pretty() if pretty else self._native.to_json()

    def to_dict(self) -> dict[str, Any]:
        """``json.loads(doc.to_json())``, loaded once (shared: copy it before changing it)."""
        if self._dict is None:
            self._dict = json.loads(self._native.to_json())
        return self._dict

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` from UTF-8 byte offsets (as in the JSON)."""
        char_start, char_end = self._native.char_indices([start, end])
        return Span(start, end, char_start, char_end)

    def _wrap(self, name: str, value: Any) -> Any:
        if name == "span" and isinstance(value, list) and len(value) == 2:
            return self.span(value[0], value[1])
        if isinstance(value, dict):
            return Node._FIELDS.get(name, Node)(value, self)
        if isinstance(value, list):
            return [self._wrap(name, v) for v in value]
        return value

    def __getattr__(self, name: str) -> Any:
        data = self.to_dict()
        if name.startswith("_") or name not in data:
            raise AttributeError(f"Document has no field {name!r}")
        return self._wrap(name, data[name])

    def __repr__(self) -> str:
        d = self.to_dict()
        number = (d.get("number") or {}).get("raw")
        kind = (d.get("doc_type") or {}).get("code")
        return f"<congvan.Document {kind or '?'} {number or '(no number)'}>"


def parse(text: str, *, format: Format = "auto", max_size: int | None = None) -> Document:
    """Parses a document given as text.

    ``format``: ``"auto"`` (Markdown when it looks like it), ``"text"`` or
    ``"markdown"``. Raises :class:`BinaryInputError` for text holding NUL
    characters and :class:`TooLargeError` over ``max_size`` UTF-8 bytes
    (default 64 MiB). The GIL is released while parsing.
    """
    return Document(_native.parse(text, format=format, max_size=max_size))


def parse_file(
    path: str | os.PathLike[str],
    *,
    format: Format = "auto",
    lossy: bool = False,
    max_size: int | None = None,
) -> Document:
    """Reads and parses a file as ``congvan parse FILE`` does: UTF-8 (BOM or
    not), UTF-16, and legacy TCVN3/VNI bytes are decoded; with ``lossy``
    invalid UTF-8 is replaced instead of raising :class:`InvalidUtf8Error`.

    Raises a :class:`CongvanError`: :class:`NotFoundError`,
    :class:`ReadError`, :class:`NotAFileError`, :class:`InvalidUtf8Error`,
    :class:`BinaryInputError`, :class:`TooLargeError`.
    """
    return Document(
        _native.parse_file(os.fspath(path), format=format, lossy=lossy, max_size=max_size)
    )


def parse_bytes(
    data: bytes,
    *,
    format: Format = "auto",
    lossy: bool = False,
    max_size: int | None = None,
) -> Document:
    """Decodes and parses a file's bytes as :func:`parse_file` does (for
    bytes read elsewhere: an object store, Spark's ``binaryFiles``)."""
    return Document(_native.parse_bytes(data, format=format, lossy=lossy, max_size=max_size))


Input = Union[str, "os.PathLike[str]"]


def parse_many(
    inputs: Iterable[Input],
    *,
    threads: int | None = None,
    errors: Literal["raise", "return"] = "raise",
    format: Format = "auto",
    lossy: bool = False,
    max_size: int | None = None,
) -> list[Any]:
    """Parses many inputs in parallel on ``threads`` threads (default: all
    cores), with the GIL released. A ``str`` is a text; an
    ``os.PathLike`` (``pathlib.Path``) is a file to read. Returns the
    documents in input order.

    With ``errors="raise"`` the first failure (in input order) is raised;
    with ``errors="return"`` a failed input's place holds its
    :class:`CongvanError` instead of a document.
    """
    texts: list[str | None] = []
    paths: list[str | None] = []
    for item in inputs:
        if isinstance(item, str):
            texts.append(item)
            paths.append(None)
        elif isinstance(item, os.PathLike):
            texts.append(None)
            paths.append(os.fspath(item))
        else:
            raise TypeError(
                f"parse_many takes str (a text) or os.PathLike (a file), not {type(item).__name__}"
            )
    if errors not in ("raise", "return"):
        raise ValueError("errors must be 'raise' or 'return'")
    results = _native.parse_many(
        texts, paths, threads=threads, format=format, lossy=lossy, max_size=max_size
    )
    out: list[Any] = []
    for r in results:
        if isinstance(r, BaseException):
            if errors == "raise":
                raise r
            out.append(r)
        else:
            out.append(Document(r))
    return out


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``Document.to_json()``, as ``congvan schema``."""
    return json.loads(_native.schema_json())
