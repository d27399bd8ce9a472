"""The shipped typefaces and the @font-face rules that point the renderer at them.

Fonts come from PyPI packages (OFL), so they arrive with `pip install` and never depend on
the machine. The renderer is told to see *only* these (pdf/engine.py), so a character they
lack is a visible gap the content checks report (fonts/coverage.py), not something a system
font quietly hides.

Latin (with Greek and Cyrillic) is Source Serif 4 for reading and IBM Plex Sans for display,
always loaded. Each other script has a reading face and a display face of its own
(`SCRIPTS`), loaded only when the text uses it (fonts/scripts.py). The sheets' stacks
(tokens.css) name the Latin face first, then the scripts' faces: each character is drawn by
the first face that has it, so a Latin name in Arabic text stays in Source Serif.
"""

from __future__ import annotations

import importlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fontpkg

from broadside import css

SERIF = "Source Serif 4"  # reading text: a real book face with Latin Ext., Greek, Cyrillic
SANS = "IBM Plex Sans"  # display: headings, labels, the flyer

WEIGHTS = (400, 600, 700)  # the weights the sheets use; each gets its own @font-face
# Static instances have one optical size (see fonts/instances.py): the reading size, 10.5pt,
# in CSS px as Pango sets it for the variable fonts, so body text measures as it always has.
OPTICAL_SIZE = 14.0


@dataclass(frozen=True)
class Face:
    family: str  # as the font package names it
    style: str = "normal"  # "normal" or "italic"

    @property
    def package(self) -> str:
        """The module of the `fontpkg-*` package that ships it."""
        return "fontpkg_" + str(fontpkg.slugify(self.family)).replace("-", "_")

    @property
    def path(self) -> Path:
        """Its regular file (the variable file, for a variable family)."""
        return file_of(self, 400)


@dataclass(frozen=True)
class Script:
    """A writing system other than Latin, and the shipped faces that draw it."""

    name: str  # "Arabic": in messages and docs
    reading: Face  # after the serif in the sheets' stacks: body text
    display: Face  # after the sans: headings, labels, the flyer
    reading_italic: Face | None = None  # None: the script has no italic; it stays upright

    @property
    def faces(self) -> tuple[Face, ...]:
        italic = (self.reading_italic,) if self.reading_italic else ()
        return tuple(dict.fromkeys((self.reading, *italic, self.display)))

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(face.family for face in self.faces))


# The faces every document loads: Latin (with Greek and Cyrillic), with its italics.
FACES = (Face(SERIF), Face(SERIF, "italic"), Face(SANS), Face(SANS, "italic"))

# Why these faces: docs/languages.md. Persian and Urdu are Arabic script (Naskh).
SCRIPTS = (
    # Arabic: Amiri for display too, as the Arabic sans faces packaged (IBM Plex Sans Arabic,
    # Noto Sans Arabic) lose their words' order in the PDF's text layer under WeasyPrint 70.
    Script("Arabic", Face("Amiri"), Face("Amiri"), Face("Amiri", "italic")),
    Script("Hebrew", Face("Frank Ruhl Libre"), Face("Heebo")),
    Script("Devanagari", Face("Noto Sans Devanagari"), Face("Mukta")),
    Script("Bengali", Face("Hind Siliguri"), Face("Hind Siliguri")),
    Script("Thai", Face("Sarabun"), Face("Noto Sans Thai"), Face("Sarabun", "italic")),
    Script("Tamil", Face("Noto Sans Tamil"), Face("Catamaran")),
)


@cache
def _family(package: str) -> fontpkg.Family:
    """One font package's family, read from that package alone: asking fontpkg's registry
    would import every installed font package, which a Latin build has no use for."""
    module = importlib.import_module(package)
    root = Path(module.ROOT)
    meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    return fontpkg.family_from_metadata(meta, root)


def file_of(face: Face, weight: int) -> Path:
    """The shipped file for `face` at `weight`: the variable file, or the nearest static one."""
    return Path(fontpkg.select_file(_family(face.package), weight, face.style, nearest=True).path)


def is_variable(face: Face) -> bool:
    return bool(_family(face.package).is_variable)


@cache
def font_face_css() -> str:
    """@font-face rules for the Latin faces, which every document loads."""
    return "".join(face_rules(face) for face in FACES)


def script_face_css(script: Script) -> str:
    """@font-face rules for one script's faces (fonts/scripts.py decides when to load them)."""
    return "".join(face_rules(face) for face in script.faces)


def face_rules(face: Face) -> str:
    """@font-face rules for `face`, one per weight the sheets use.

    The files may be variable fonts, but WeasyPrint reads no weight ranges in @font-face, so
    each weight is declared on its own: a static instance of it when this machine can make
    one (much faster to embed), else the variable file itself. A static family without a
    file of its own for a weight (Amiri has no semi-bold) declares its nearest file once: the
    weight matching picks it for the weights in between, and the PDF embeds it once.
    """
    files = {weight: face_file(face, weight) for weight in WEIGHTS}
    if not is_variable(face):
        lightest = {path: weight for weight, path in reversed(files.items())}
        files = {weight: path for path, weight in lightest.items()}
    return "".join(
        f"@font-face {{ font-family: {css.string(face.family)}; "
        f"src: {css.url(path)}; "
        f"font-style: {face.style}; font-weight: {weight}; }}\n"
        for weight, path in sorted(files.items())
    )


@cache
def face_file(face: Face, weight: int) -> Path:
    """The file the @font-face rule for `face` at `weight` points to.

    BROADSIDE_VARIABLE_FONTS=1 uses the shipped variable files as they are (slower; for
    comparison, or should an instance ever misbehave).
    """
    from broadside.fonts.instances import static_instance

    shipped = file_of(face, weight)
    if not is_variable(face) or os.environ.get("BROADSIDE_VARIABLE_FONTS", "") not in ("", "0"):
        return shipped
    return static_instance(shipped, {"wght": weight, "opsz": OPTICAL_SIZE}) or shipped


def files_of(faces: tuple[Face, ...]) -> tuple[Path, ...]:
    """The files the @font-face rules for `faces` point to."""
    return tuple(dict.fromkeys(face_file(face, weight) for face in faces for weight in WEIGHTS))


def font_files() -> tuple[Path, ...]:
    """The files every document's @font-face rules point to (Latin's)."""
    return files_of(FACES)
