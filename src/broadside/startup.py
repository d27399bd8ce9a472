"""What a cold start of WeasyPrint spends, and how Broadside avoids spending it again.

Imported by engine.py around `import weasyprint`: library search by soname (libsearch.py),
then parsed hyphenation dictionaries from the cache (hyphenation.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from broadside.hyphenation import keep_parsed_dictionaries
from broadside.libsearch import sonames_first


@contextmanager
def quick_start() -> Iterator[None]:
    """Wrap the import of WeasyPrint."""
    with sonames_first():
        yield
    keep_parsed_dictionaries()
