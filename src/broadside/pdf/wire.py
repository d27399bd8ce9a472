"""The wire between a build and its worker host: length-prefixed pickles over a pipe.

Only our own processes are at either end (pdf/worker.py starts pdf/host.py), so pickle is
safe here; nothing read from a campaign ever arrives this way except inside a print job.
"""

from __future__ import annotations

import pickle
import struct
from typing import IO, Any

_LENGTH = struct.Struct("!Q")
BROKEN = (EOFError, OSError, pickle.UnpicklingError, struct.error)  # the other end is gone


def send(stream: IO[bytes], message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(payload)) + payload)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """The next message; EOFError once the other end has closed the pipe."""
    (length,) = _LENGTH.unpack(_read_exactly(stream, _LENGTH.size))
    return pickle.loads(_read_exactly(stream, length))  # noqa: S301 - our own processes


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise EOFError("the other process closed the pipe")
        data += chunk
    return data
