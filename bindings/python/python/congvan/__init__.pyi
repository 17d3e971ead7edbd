import os
from typing import Any, Iterable, Literal, Union

from ._errors import (
    BinaryInputError as BinaryInputError,
    CongvanError as CongvanError,
    DecodeError as DecodeError,
    InternalError as InternalError,
    InvalidUtf8Error as InvalidUtf8Error,
    NotAFileError as NotAFileError,
    NotFoundError as NotFoundError,
    ReadError as ReadError,
    TooLargeError as TooLargeError,
)

__version__: str
Format = Literal["auto", "text", "markdown"]
Input = Union[str, os.PathLike[str]]

class Span:
    start: int
    end: int
    char_start: int
    char_end: int
    def __init__(self, start: int, end: int, char_start: int, char_end: int) -> None: ...
    @property
    def slice(self) -> slice: ...

class Node:
    def __init__(self, data: dict[str, Any], doc: Document) -> None: ...
    def __getattr__(self, name: str) -> Any: ...
    def to_dict(self) -> dict[str, Any]: ...

class DocType(Node):
    code: str
    name: str
    span: Span

class Issuer(Node):
    name: str
    parent: str | None
    span: Span

class NationalHeading(Node):
    country: str
    motto: str | None
    span: Span

class Number(Node):
    raw: str
    number: str | None
    year: int | None
    symbol: str | None
    type_code: str | None
    issuer_codes: list[str]
    unit_code: str | None
    span: Span

class Place(Node):
    name: str
    span: Span

class DocDate(Node):
    raw: str
    year: int | None
    month: int | None
    day: int | None
    span: Span

class Subject(Node):
    text: str
    span: Span

class Recipient(Node):
    name: str
    span: Span

class Signature(Node):
    authority: list[Node]
    title: str | None
    name: str | None
    span: Span

class Citation(Node):
    id: str | None
    doc_type: Node | None
    number: str | None
    year: int | None
    symbol: str | None
    date: Node | None
    issuer: str | None
    title: str | None
    pinpoint: str | None
    mentions: list[Node]

class Diagnostic(Node):
    code: str
    severity: Literal["info", "warning", "error"]
    message: str
    span: Span

class Document:
    schema: str
    family: str
    doc_type: DocType | None
    marks: Node
    national_heading: NationalHeading | None
    issuer: Issuer | None
    number: Number | None
    place: Place | None
    date: DocDate | None
    subject: Subject | None
    recipients: list[Recipient]
    body: Node
    citations: list[Citation]
    forms: list[Node]
    signatures: list[Signature]
    distribution: Node | None
    stamps: list[Node]
    attachments: list[Node]
    diagnostics: list[Diagnostic]
    @property
    def text(self) -> str: ...
    def to_json(self, *, pretty: bool = False) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def span(self, start: int, end: int) -> Span: ...
    def __getattr__(self, name: str) -> Any: ...

def parse(text: str, *, format: Format = "auto", max_size: int | None = None) -> Document: ...
def parse_file(
    path: str | os.PathLike[str],
    *,
    format: Format = "auto",
    lossy: bool = False,
    max_size: int | None = None,
) -> Document: ...
def parse_bytes(
    data: bytes,
    *,
    format: Format = "auto",
    lossy: bool = False,
    max_size: int | None = None,
) -> Document: ...
def parse_many(
    inputs: Iterable[Input],
    *,
    threads: int | None = None,
    errors: Literal["raise", "return"] = "raise",
    format: Format = "auto",
    lossy: bool = False,
    max_size: int | None = None,
) -> list[Any]: ...
def schema() -> dict[str, Any]: ...
