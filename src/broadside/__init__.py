"""Broadside: typeset a campaign's article and open letter into print-ready PDFs."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Looked up on first use: importlib.metadata costs ~20 ms, and the `broadside build`
    # entry point forks its render process before anything that heavy (launch.py).
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("broadside")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'broadside' has no attribute {name!r}")
