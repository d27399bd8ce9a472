"""The letter's fields the flyer prints: the recipient's organisation, the address and the
label beside its QR code. Mistakes are content errors with the file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadside.content.address import LINE_MM, SMALLEST_PT, printed_url, url_size
from broadside.content.loader import load_campaign
from broadside.errors import ContentError
from broadside.fonts.faces import SANS
from broadside.fonts.metrics import width_mm
from tests.conftest import MINIMAL_LETTER, run_cli

LETTER_HEAD = "---\ntitle: A short letter\nsignature: The undersigned\ndemands: [Do it.]\n"


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_campaign(root)
    return raised.value.lines(relative_to=root.parent)


def write_letter(root: Path, front: str) -> None:
    (root / "letter.md").write_text(f"{LETTER_HEAD}{front}---\nA letter.\n", encoding="utf-8")


def test_the_organisation_is_read_and_checked_like_every_field(make_campaign) -> None:
    recipient = {"name": "Jeff Bezos", "role": "CEO", "organisation": "Amazon"}
    campaign = load_campaign(make_campaign(letter={"recipient": recipient}))
    assert campaign.letter.meta.recipient is not None
    assert campaign.letter.meta.recipient.organisation == "Amazon"

    root = make_campaign()
    write_letter(root, "recipient:\n  name: Jeff Bezos\n  organisation: 42\n")
    assert problems(root) == [
        "campaign/letter.md:7: recipient.organisation: must be text, not a number (42); to "
        'print it as written, quote it: "42"'
    ]
    write_letter(root, "recipient:\n  name: Jeff Bezos\n  organization: Amazon\n")
    assert problems(root) == [
        "campaign/letter.md:7: recipient.organization: unknown field; did you mean 'organisation'?"
    ]


def test_a_url_too_long_for_one_line_even_at_9_pt_is_refused(make_campaign) -> None:
    root = make_campaign()
    url = "https://example.org/" + "campaign/" * 12
    write_letter(root, f"url: {url}\n")
    wide = width_mm(printed_url(url), SMALLEST_PT, SANS, 600)
    assert problems(root) == [
        f"campaign/letter.md:5: url: too long to print on one line of the flyer: without "
        f"https:// it is {wide:.0f} mm wide at 9 pt, the smallest size allowed, and the line "
        f"holds 130 mm; use a shorter address (a short link that redirects to it)"
    ]
    result = run_cli("check", root)  # found without rendering anything
    assert result.exit_code == 1 and "letter.md:5: url: too long" in result.output


def test_the_limit_is_the_fonts_widths_not_a_count_of_characters() -> None:
    # The same number of characters: narrow letters fit at a larger size than wide ones,
    # and as many wide ones as fit at 9 pt are too many when narrow ones are not.
    narrow, wide = "https://" + "il1." * 15, "https://" + "mwMW" * 15
    assert url_size(narrow, LINE_MM) == 14
    assert url_size(wide, LINE_MM) is None
    assert url_size("https://" + "mwMW" * 9, LINE_MM) is not None


def test_the_address_is_printed_without_its_scheme() -> None:
    assert printed_url("https://example.org/") == "example.org"
    assert printed_url("http://example.org/a/") == "example.org/a/"
    assert printed_url("https://example.org/pay?x=1") == "example.org/pay?x=1"


def test_a_label_needs_a_url_and_is_short(make_campaign) -> None:
    root = make_campaign()
    write_letter(root, "url_label: Scan to sign\n")
    assert problems(root) == [
        "campaign/letter.md:5: url_label: needs a url: it is printed beside the QR code that "
        "leads there; add the url, or delete the label"
    ]
    write_letter(root, f"url: https://example.org\nurl_label: {'Scan to sign ' * 8}\n")
    assert problems(root) == ["campaign/letter.md:6: url_label: is too long: at most 80 characters"]
    fine = {**MINIMAL_LETTER, "url": "https://example.org", "url_label": "Scan to sign"}
    assert load_campaign(make_campaign(letter=fine)).letter.meta.url_label == "Scan to sign"
