"""`broadside schema`: the front matter's JSON Schema, generated from the models."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from broadside.content.frontmatter import read_source
from broadside.content.models import ArticleMeta, LetterMeta
from tests.conftest import SEED_CONTENT, run_cli


def schema(*which: str) -> dict[str, Any]:
    result = run_cli("schema", *which)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    Draft202012Validator.check_schema(document)
    return document


def seed(name: str) -> dict[str, Any]:
    return read_source(SEED_CONTENT / name).data


@pytest.mark.parametrize("name", ["article", "letter"])
def test_the_seed_is_valid_against_its_own_schema(name: str) -> None:
    data = seed(f"{name}.md")
    assert not list(Draft202012Validator(schema(name)).iter_errors(data))
    assert not list(Draft202012Validator(schema()).iter_errors(data))


def test_the_combined_schema_tells_the_files_apart() -> None:
    validator = Draft202012Validator(schema())
    letter = seed("letter.md")
    assert validator.is_valid(letter)
    del letter["demands"]  # neither a letter (demands required) nor an article (unknown fields)
    assert not validator.is_valid(letter)


def test_mistakes_the_models_refuse_the_schema_refuses() -> None:
    validator = Draft202012Validator(schema("letter"))
    letter = seed("letter.md")
    for mistake in (
        {"titel": "A typo"},
        {"demands": []},
        {"demands": [42]},
        {"recipient": "Jeff Bezos"},
        {"url": "ftp://example.org"},
        {"lang": "english please"},
        {"sender": {"name": "No address"}},
    ):
        assert not validator.is_valid({**letter, **mistake}), mistake


@pytest.mark.parametrize("model", [ArticleMeta, LetterMeta])
def test_every_field_is_described_for_editors(model: type[ArticleMeta | LetterMeta]) -> None:
    document = schema()
    for name, definition in document["$defs"].items():
        assert definition.get("description"), name
        for field, details in definition["properties"].items():
            assert details.get("description"), f"{name}.{field}"


def test_the_schema_comes_from_the_models() -> None:
    """Nothing written by hand: a field of the model is a property of the schema, with its
    description, and a required field is required."""
    properties = schema("letter")["properties"]
    for name, field in LetterMeta.model_fields.items():
        assert properties[name]["description"] == field.description
    assert set(schema("letter")["required"]) == {
        name for name, field in LetterMeta.model_fields.items() if field.is_required()
    }


def test_an_unknown_kind_is_a_usage_error() -> None:
    result = run_cli("schema", "flyer")
    assert result.exit_code == 2
    assert "'flyer' is not one of 'article', 'letter', 'brand'" in result.output


def test_brand_yaml_has_its_schema_too() -> None:
    from broadside.content.frontmatter import read_yaml
    from tests.conftest import REPO

    validator = Draft202012Validator(schema("brand"))
    brand = read_yaml(REPO / "tests" / "campaigns" / "branded-svg" / "brand.yaml").data
    assert validator.is_valid(brand)
    for mistake in ({"colour": "#1d5c8a"}, {"accent": "navy"}, {"name": ""}):
        assert not validator.is_valid({**brand, **mistake}), mistake
    assert not validator.is_valid({"accent": "#1d5c8a"})  # the name is required
    assert not Draft202012Validator(schema()).is_valid(brand)  # not a front matter
