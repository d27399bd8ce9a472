"""JSON Schema (draft 2020-12) of the front matter (and of brand.yaml), generated from the
models, never by hand.

For editors (completion and hover text from the fields' descriptions and examples) and for
form builders. The models stay the one definition: a field added there appears here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from broadside.content.models import ArticleMeta, BrandMeta, LetterMeta

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class FrontMatter(StrEnum):
    ARTICLE = "article"
    LETTER = "letter"
    BRAND = "brand"  # brand.yaml: all YAML, no Markdown, but described the same way


_MODELS: dict[FrontMatter, type[BaseModel]] = {
    FrontMatter.ARTICLE: ArticleMeta,
    FrontMatter.LETTER: LetterMeta,
    FrontMatter.BRAND: BrandMeta,
}
_FRONT_MATTERS = (FrontMatter.ARTICLE, FrontMatter.LETTER)  # what "both" means


def front_matter_schema(which: FrontMatter | None = None) -> dict[str, Any]:
    """One file's schema, or both: exactly one of them matches any valid front matter."""
    if which is not None:
        return {"$schema": DIALECT, **_MODELS[which].model_json_schema()}
    definitions: dict[str, Any] = {}
    for kind in _FRONT_MATTERS:
        schema = _MODELS[kind].model_json_schema(ref_template="#/$defs/{model}")
        definitions.update(schema.pop("$defs", {}))
        definitions[kind.value] = schema
    return {
        "$schema": DIALECT,
        "title": "Broadside front matter (article.md or letter.md)",
        "oneOf": [{"$ref": f"#/$defs/{kind.value}"} for kind in _FRONT_MATTERS],
        "$defs": definitions,
    }
