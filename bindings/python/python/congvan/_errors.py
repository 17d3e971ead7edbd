"""The exceptions of congvan, mapped from the crate's ``Error`` and from
reading a file. Every one is a :class:`CongvanError`; its ``kind`` is the
stable name used in ``congvan batch`` JSON Lines error records."""

from __future__ import annotations

import os
from typing import Any


class CongvanError(Exception):
    """Base class: an input could not be turned into a document.

    ``kind`` is the stable ``snake_case`` name of the failure, the same as
    the ``error.kind`` of ``congvan batch --jsonl``; ``path`` is the file,
    when the input was one.
    """

    kind: str = "error"

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def to_dict(self) -> dict[str, Any]:
        """The ``error`` record of ``congvan batch --jsonl``: ``kind`` and ``message``."""
        return {"kind": self.kind, "message": self.message}


class DecodeError(CongvanError, ValueError):
    """The bytes are not a text document (not UTF-8, or binary)."""

    kind = "decode"

    def __init__(self, message: str, *, offset: int | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        #: Byte offset of the first bad byte.
        self.offset = offset


class InvalidUtf8Error(DecodeError):
    """Not valid UTF-8 (nor legacy TCVN3/VNI); ``lossy=True`` replaces bad bytes."""

    kind = "invalid_utf8"


class BinaryInputError(DecodeError):
    """The input holds NUL bytes: a binary file, not a text document."""

    kind = "binary"


class TooLargeError(CongvanError, ValueError):
    """The input is larger than ``max_size`` bytes."""

    kind = "too_large"

    def __init__(
        self, message: str, *, size: int | None = None, limit: int | None = None, **kw: Any
    ) -> None:
        super().__init__(message, **kw)
        self.size = size
        self.limit = limit


class ReadError(CongvanError, OSError):
    """The file could not be read (missing, not allowed, not a regular file)."""

    kind = "unreadable"


class NotFoundError(ReadError, FileNotFoundError):
    """No such file."""

    kind = "not_found"


class NotAFileError(ReadError):
    """A folder, a FIFO or a device: not a regular file."""

    kind = "not_a_file"


class InternalError(CongvanError):
    """The parser failed on this input: a bug, please report it with the input."""

    kind = "internal_error"


_BY_KIND: dict[str, type[CongvanError]] = {
    cls.kind: cls
    for cls in (
        InvalidUtf8Error,
        BinaryInputError,
        TooLargeError,
        ReadError,
        NotFoundError,
        NotAFileError,
        InternalError,
    )
}


def make(kind: str, message: str, details: dict[str, Any]) -> CongvanError:
    """Builds the exception for a failure of the native module."""
    cls = _BY_KIND.get(kind, CongvanError)
    path = details.get("path")
    kw: dict[str, Any] = {"path": None if path is None else os.fspath(path)}
    if issubclass(cls, DecodeError):
        kw["offset"] = details.get("offset")
    if cls is TooLargeError:
        kw["size"] = details.get("size")
        kw["limit"] = details.get("limit")
    exc = cls(message, **kw)
    if cls is CongvanError:
        exc.kind = kind
    return exc
