"""Campaign folder → validated `Campaign`, or one `ContentError` listing every problem."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from broadside.content import checks, diagnosis
from broadside.content.address import address_problems
from broadside.content.brand import load_brand
from broadside.content.frontmatter import FrontMatterError, SourceFile, read_source
from broadside.content.images import Pictures
from broadside.content.models import (
    Article,
    ArticleMeta,
    Campaign,
    Letter,
    LetterMeta,
    SignatoriesFile,
)
from broadside.content.recipients import load_recipients
from broadside.content.signatories import load_signatories
from broadside.errors import ContentError, Problem

ARTICLE = "article.md"
LETTER = "letter.md"


def load_campaign(root: Path) -> Campaign:
    """Read and check everything in `root`; raise `ContentError` with all problems at once."""
    try:
        is_folder, is_file = root.is_dir(), root.is_file()
    except OSError as error:
        message = f"cannot open the campaign folder: {error.strerror}"
        raise ContentError([Problem(root, None, None, message)]) from None
    if not is_folder:
        what = "is a file, not a folder" if is_file else "not found"
        raise ContentError(
            [Problem(root, None, None, f"campaign folder {what}; it holds {ARTICLE} and {LETTER}")]
        )
    problems: list[Problem] = []
    pictures = Pictures(root.resolve())  # each file checked once; references counted
    article_source, article_meta = _load(root, ARTICLE, ArticleMeta, pictures, problems)
    letter_source, letter_meta = _load(root, LETTER, LetterMeta, pictures, problems)
    if article_source is not None:
        problems += checks.figure_problems(pictures, article_source)
    if letter_source is not None and letter_meta is not None:
        problems += address_problems(letter_source, letter_meta)
    signatories = None
    if letter_source is not None:  # checked even when the letter has mistakes: all at once
        spec, lang = _signatories_spec(letter_source, letter_meta)
        signatories = load_signatories(root.resolve(), letter_source, spec, lang, problems)
    recipients, recipient_problems = load_recipients(root)
    problems += recipient_problems
    brand = load_brand(root, pictures, problems)
    if any(problem.is_error for problem in problems):
        raise ContentError(problems)
    assert article_source and article_meta and letter_source and letter_meta  # or a problem
    return Campaign(
        root=root.resolve(),
        warnings=tuple(problems),
        recipients=recipients,
        article=Article(
            meta=article_meta,
            body=article_source.body,
            path=article_source.path,
            body_line=article_source.body_line,
        ),
        letter=Letter(
            meta=letter_meta,
            body=letter_source.body,
            path=letter_source.path,
            body_line=letter_source.body_line,
        ),
        signatories=signatories,
        brand=brand,
    )


M = TypeVar("M", bound=BaseModel)


def _signatories_spec(
    source: SourceFile, meta: LetterMeta | None
) -> tuple[SignatoriesFile | None, str]:
    """Where the letter's signatories are, and their language, even from a letter with
    mistakes elsewhere (a mistake in `signatories:` itself is reported by the letter's model)."""
    if meta is not None:
        return meta.signatories, meta.lang
    lang = source.data.get("lang")
    lang = lang if isinstance(lang, str) and lang else "en"
    try:
        return SignatoriesFile.model_validate(source.data.get("signatories")), lang
    except ValidationError:
        return None, lang


def _load(
    root: Path, name: str, model: type[M], pictures: Pictures, problems: list[Problem]
) -> tuple[SourceFile | None, M | None]:
    """One file read and checked, every problem added to `problems`: the file as read (None
    if it could not be), and its front matter as a model (None if it has mistakes)."""
    path = root / name
    unusable = _unusable(root, path)
    if unusable:
        problems.append(Problem(path, None, None, unusable))
        return None, None
    try:
        source = read_source(path)
    except FrontMatterError as error:
        problems.append(error.problem)
        if error.body is not None:  # only the YAML is wrong: the body's mistakes count too
            problems += checks.body_problems(pictures, error.body)
        return None, None

    problems += checks.body_problems(pictures, source)
    problems += checks.field_problems(pictures, source)
    problems += checks.glyph_problems(source)
    try:
        meta = model.model_validate(source.data)
    except ValidationError as error:
        details = error.errors()
        guessed = {diagnosis.typo_fix(model, detail) for detail in details} - {None}
        problems += [
            diagnosis.problem_from(source, model, detail)
            for detail in details
            # `titel:` already says "did you mean 'title'?"; "title is missing" adds nothing.
            if not (detail["type"] == "missing" and tuple(detail["loc"]) in guessed)
        ]
        return source, None
    return source, meta


def _unusable(root: Path, path: Path) -> str | None:
    """Why `path` cannot be read as a content file, if it cannot."""
    try:
        if not path.exists():
            if path.is_symlink():
                return "is a link to a file that does not exist (or to itself)"
            return f"missing: a campaign folder needs {ARTICLE} and {LETTER}"
        if not path.resolve().is_relative_to(root.resolve()):
            # Content is what the brief prints: a link out of the folder would print any file.
            return "is a link to a file outside the campaign folder; copy it in"
        if not path.is_file():
            return "is not a regular file"
    except (OSError, RuntimeError) as error:  # no permission, a loop of links
        return f"cannot read file: {getattr(error, 'strerror', None) or error}"
    return None
