"""Broadside: typeset a campaign's article and open letter into print-ready PDFs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("broadside")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
