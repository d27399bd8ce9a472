"""Static copies of the shipped variable fonts, one per weight, made once and cached on disk.

WeasyPrint turns every variable font it embeds into a static one with fontTools' instancer,
in Python, on every build: about 0.4 s of a 1 s brief, warm or cold. A font that is static
already skips that step. HarfBuzz (which WeasyPrint loads anyway) makes a static instance
of a whole font in ~15 ms, so we make one per face and weight on first use and keep it.

It also makes outlines agree with advances: WeasyPrint instances each face once, at the
optical size of the first text drawn with it, while Pango measured every size at its own
optical size. A static face has one optical size, used for both.

Without a writable cache, instances go to a temporary folder for the process. Without
HarfBuzz's subsetter or its instancing API (HarfBuzz < 6.0) → `None`, and the caller uses
the variable font as before: slower, and bold set with regular spacing, as WeasyPrint does.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from broadside.cache import cache_file, file_key, write_atomic

FORMAT = 2  # bump when the way instances are made changes, so old cache entries are ignored

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_tag_t;
typedef uint32_t hb_codepoint_t;
typedef int hb_bool_t;
typedef struct {
    unsigned int axis_index; hb_tag_t tag; unsigned int name_id; int flags;
    float min_value; float default_value; float max_value; unsigned int reserved;
} hb_ot_var_axis_info_t;
hb_blob_t *hb_blob_create_from_file_or_fail (const char *file_name);
void hb_blob_destroy (hb_blob_t *blob);
const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
hb_blob_t *hb_face_reference_blob (hb_face_t *face);
unsigned int hb_face_get_glyph_count (const hb_face_t *face);
hb_bool_t hb_ot_var_has_data (hb_face_t *face);
unsigned int hb_ot_var_get_axis_infos (
    hb_face_t *face, unsigned int start, unsigned int *count, hb_ot_var_axis_info_t *axes);
void hb_tag_to_string (hb_tag_t tag, char *buf);
hb_tag_t hb_tag_from_string (const char *str, int len);
void hb_set_clear (hb_set_t *set);
void hb_set_invert (hb_set_t *set);
void hb_set_add_range (hb_set_t *set, hb_codepoint_t first, hb_codepoint_t last);
hb_subset_input_t *hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t *hb_subset_input_set (hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned int value);
hb_bool_t hb_subset_input_pin_axis_location (
    hb_subset_input_t *input, hb_face_t *face, hb_tag_t axis_tag, float axis_value);
hb_face_t *hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
"""

# hb_subset_sets_t: which sets keep everything (glyphs and code points are filled instead).
_GLYPHS, _UNICODES, _DROP_TABLES = 0, 1, 3
_KEEP_ALL = (4, 5, 6, 7)  # name ids, name languages, layout features, layout scripts
# hb_subset_flags_t: same glyph ids, every name and glyph name, no hinting (WeasyPrint drops
# it when it embeds anyway), tables HarfBuzz does not know copied as they are.
_FLAGS = 0x1 | 0x2 | 0x8 | 0x20 | 0x80 | 0x100


class _HarfBuzz:
    """The handful of HarfBuzz calls instancing needs, loaded by soname (no library search)."""

    def __init__(self) -> None:
        import cffi

        self.ffi = cffi.FFI()
        self.ffi.cdef(_CDEF)
        self.hb: Any = self.ffi.dlopen("libharfbuzz.so.0")
        self.subset: Any = self.ffi.dlopen("libharfbuzz-subset.so.0")
        # Every function looked up now, so an older HarfBuzz (instancing came in 6.0) fails
        # here, with an AttributeError, rather than halfway through making a font.
        for name in re.findall(r"\b(hb_\w+) \(", _CDEF):
            getattr(self.subset if name.startswith("hb_subset") else self.hb, name)

    def axes(self, face: Any) -> dict[str, float]:
        """Every variation axis of `face`, with its default value."""
        count = self.ffi.new("unsigned int *", 64)
        infos = self.ffi.new("hb_ot_var_axis_info_t[64]")
        self.hb.hb_ot_var_get_axis_infos(face, 0, count, infos)
        tag = self.ffi.new("char[4]")
        axes = {}
        for info in infos[0 : count[0]]:
            self.hb.hb_tag_to_string(info.tag, tag)
            axes[self.ffi.string(tag, 4).decode("ascii")] = float(info.default_value)
        return axes

    def instance(self, source: Path, wanted: Mapping[str, float]) -> bytes | None:
        hb, subset, ffi = self.hb, self.subset, self.ffi
        blob = hb.hb_blob_create_from_file_or_fail(os.fsencode(source))
        if blob == ffi.NULL:
            return None
        face = hb.hb_face_create(blob, 0)
        hb.hb_blob_destroy(blob)
        plan = subset.hb_subset_input_create_or_fail()
        try:
            glyphs = hb.hb_face_get_glyph_count(face)
            if plan == ffi.NULL or glyphs == 0 or not hb.hb_ot_var_has_data(face):
                return None  # nothing to do for a font that is static already
            hb.hb_set_add_range(subset.hb_subset_input_set(plan, _GLYPHS), 0, glyphs - 1)
            hb.hb_set_add_range(subset.hb_subset_input_set(plan, _UNICODES), 0, 0x10FFFF)
            hb.hb_set_clear(subset.hb_subset_input_set(plan, _DROP_TABLES))
            for kind in _KEEP_ALL:
                keep = subset.hb_subset_input_set(plan, kind)
                hb.hb_set_clear(keep)
                hb.hb_set_invert(keep)
            subset.hb_subset_input_set_flags(plan, _FLAGS)
            for tag, default in self.axes(face).items():
                value = wanted.get(tag, default)  # HarfBuzz clamps it to the axis' range
                axis = hb.hb_tag_from_string(tag.encode("ascii"), -1)
                if not subset.hb_subset_input_pin_axis_location(plan, face, axis, value):
                    return None
            static = subset.hb_subset_or_fail(face, plan)
            if static == ffi.NULL:
                return None
            try:
                if hb.hb_ot_var_has_data(static) or hb.hb_face_get_glyph_count(static) != glyphs:
                    return None  # an axis was left unpinned, or glyphs went missing
                data = hb.hb_face_reference_blob(static)
                length = ffi.new("unsigned int *")
                pointer = hb.hb_blob_get_data(data, length)
                font = bytes(ffi.buffer(pointer, length[0])) if length[0] else None
                hb.hb_blob_destroy(data)
                return font
            finally:
                hb.hb_face_destroy(static)
        finally:
            if plan != ffi.NULL:
                subset.hb_subset_input_destroy(plan)
            hb.hb_face_destroy(face)


@cache
def _harfbuzz() -> _HarfBuzz | None:
    try:
        return _HarfBuzz()
    except (ImportError, OSError, AttributeError):
        return None


def static_instance(source: Path, wanted: Mapping[str, float]) -> Path | None:
    """A static copy of the variable font `source`, cached: axes named in `wanted` pinned there
    (e.g. {"wght": 600}), every other axis at its default.

    None when this machine cannot make one; use `source` then.
    """
    pins = ",".join(f"{tag}={value:g}" for tag, value in sorted(wanted.items()))
    stem = re.sub(r"[^A-Za-z0-9-]+", "", source.stem.split("[")[0]) or "font"
    weight = f"-{wanted['wght']:g}" if "wght" in wanted else ""
    # HarfBuzz is only loaded to make an instance: a cache hit costs a stat.
    target = cache_file("fonts", f"{stem}{weight}-{file_key(source, extra=f'{FORMAT}|{pins}')}.ttf")
    if target.is_file():
        return target
    harfbuzz = _harfbuzz()
    font = harfbuzz.instance(source, wanted) if harfbuzz is not None else None
    if font is None:
        return None
    if write_atomic(target, font):
        return target
    # No usable cache (a read-only home): still static, made again by each process.
    scratch = _scratch_folder() / target.name
    return scratch if write_atomic(scratch, font) else None


@cache
def _scratch_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="broadside-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
