"""Broadside's own words in every language it speaks: complete, printable, in CLDR's digits."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from broadside.content.models import Update
from broadside.fonts.coverage import uncovered
from broadside.html import numbers
from broadside.html.labels import _EN, LABELS, Labels
from broadside.html.translations import UNREVIEWED

NEW = ("ar", "fa", "ur", "he", "hi", "bn", "th", "ta")
DAY = dt.date(2018, 6, 22)
UPDATE = Update(at=dt.datetime(2018, 6, 22, 7, 20, tzinfo=dt.UTC), note="x", zone="PT")


def placeholders(words: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", words))


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_every_language_says_everything_english_does(lang: str) -> None:
    """Each label exists (its plural forms may be fewer: CLDR's "other" stands in; the house
    style's update stamp is the reviewed languages' only), takes the same values, and prints
    in the shipped fonts."""
    words = LABELS[lang]
    missing = {key for key in _EN if "." not in key and key not in words} - {"stamp"}
    assert not missing
    for key, text in words.items():
        base = key.split(".")[0] + ".other" if "." in key else key
        assert placeholders(text) <= placeholders(_EN[base]), (lang, key)
        assert not uncovered(text), (lang, key)
    assert all(f"{key}.other" in words for key in ("count_organisations", "count_people"))


def test_the_new_languages_are_the_unreviewed_ones() -> None:
    assert set(UNREVIEWED) == set(NEW)


@pytest.mark.parametrize(
    ("lang", "date"),
    [
        ("en", "June 22, 2018"),
        ("de", "22. Juni 2018"),
        ("fr", "22 juin 2018"),
        ("es", "22 de junio de 2018"),
        ("ar", "22 يونيو 2018"),  # CLDR writes Arabic with Western digits by default
        ("fa", "۲۲ ژوئن ۲۰۱۸"),  # Persian digits
        ("bn", "২২ জুন, ২০১৮"),  # Bengali digits
        ("he", "22 ביוני 2018"),
    ],
)
def test_dates_are_cldrs_long_form_in_the_languages_digits(lang: str, date: str) -> None:
    assert Labels(lang).date(DAY) == date


def test_the_house_style_of_update_stamps_stays_for_the_reviewed_languages() -> None:
    assert Labels("en").update_stamp(UPDATE) == "June 22 at 7:20 a.m. PT"
    assert Labels("de").update_stamp(UPDATE) == "22. Juni, 7:20 Uhr PT"
    assert Labels("fa").update_stamp(UPDATE).startswith("۲۲ ژوئن")
    assert "۷:۲۰" in Labels("fa").update_stamp(UPDATE)


@pytest.mark.parametrize(
    ("lang", "written"), [("fa", "۱۰٬۰۰۰"), ("bn", "১০,০০০"), ("ar", "10,000"), ("hi", "10,000")]
)
def test_numbers_take_the_languages_default_digits(lang: str, written: str) -> None:
    assert numbers.number(10_000, lang) == written
    assert Labels(lang).format("more_demands", n=3) == Labels(lang).more_demands.format(
        n=numbers.digits("3", lang)
    )


def test_arabic_counts_take_all_six_plural_forms() -> None:
    labels = Labels("ar")
    assert labels.count("count_people", 1) == "شخص واحد"
    assert labels.count("count_people", 2) == "شخصان"
    assert labels.count("count_people", 3) == "3 أشخاص"
    assert labels.count("count_people", 11) == "11 شخصًا"
    assert labels.count("count_people", 100) == "100 شخص"


@pytest.mark.parametrize(
    ("lang", "style"), [("fa", "persian"), ("bn", "bengali"), ("en", "decimal")]
)
def test_page_numbers_use_the_same_digits(lang: str, style: str) -> None:
    assert numbers.counter_style(lang) == style


def test_an_unknown_language_falls_back_to_english_words() -> None:
    assert Labels("pl").contents == "Contents"
    assert Labels("ar-EG").contents == LABELS["ar"]["contents"]
