"""Type stubs of the native module ``gongkai._gongkai`` (the Rust binding crate gongkai-py)."""

import os
from typing import Any, Dict, Final, Iterable, List, Literal, Optional, Union

__version__: Final[str]
DEFAULT_MAX_INPUT_BYTES: Final[int]

Report = Dict[str, Any]
ErrorKind = Literal["decode", "too_large", "io", "internal"]

class GongkaiError(Exception):
    """Base class of every error raised by gongkai."""

class DecodeError(GongkaiError):
    """The bytes are not text in any encoding gongkai reads."""
    kind: Literal["decode"]

class TooLargeError(GongkaiError):
    """The input is larger than the size limit."""
    kind: Literal["too_large"]

class IoError(GongkaiError):
    """A file could not be read and the OS gave no error number."""
    kind: Literal["io"]

def parse(source: Union[str, bytes, bytearray], *, max_input_bytes: Optional[int] = None, infer: bool = False) -> Report: ...
def parse_file(path: Union[str, os.PathLike[str]], *, max_input_bytes: Optional[int] = None, infer: bool = False) -> Report: ...
def parse_many(
    items: Iterable[Union[str, bytes, bytearray, os.PathLike[str]]],
    *,
    threads: Optional[int] = None,
    max_input_bytes: Optional[int] = None,
    infer: bool = False,
) -> List[Report]: ...
def _parse_only(items: Iterable[Union[str, bytes, bytearray, os.PathLike[str]]]) -> tuple[int, float]:
    """Benchmarking aid, not part of the API: parse each item and drop the report; (count, seconds)."""
