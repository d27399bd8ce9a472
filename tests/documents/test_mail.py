"""`broadside build --email`: drafts every mail client opens, read back with `email` itself."""

from __future__ import annotations

import random
from collections.abc import Callable
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from broadside.content.loader import load_campaign
from broadside.documents.mail import POLICY, draft, file_names
from tests.conftest import MINIMAL_ARTICLE, MINIMAL_LETTER, run_cli, write_markdown

LETTER: dict[str, Any] = {
    "title": 'An "open" letter',
    "date": "2018-06-21",
    "recipient": {"name": "Jeff Bezos", "role": "CEO", "email": "jeff@example.com"},
    "sender": {"name": "Amazon Employees", "email": "letter@example.org"},
    "salutation": "Dear Jeff,",
    "demands_intro": "We call on you to:",
    "demands": [
        "Stop selling [Rekognition](https://example.org/rekognition) to police",
        "Stop providing infrastructure to Palantir and any other Amazon partners who enable "
        "ICE, today and in every contract to come",
    ],
    "closing": "The time to act is now.",
    "sign_off": "Sincerely,",
    "signature": "Amazonians",
}
BODY = (
    "We read <script>alert(1)</script> the [ACLU's report](https://example.org/aclu) "
    "and wrote.\n\n![A crowd](crowd.png)\n"
)


def read(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    assert isinstance(message, EmailMessage)
    return message


def build(root: Path, out: Path, *extra: str) -> Any:
    result = run_cli("build", root, "--out", out, "--email", *extra)
    assert result.exit_code == 0, result.output
    return result


def write_campaign(root: Path) -> Path:
    write_markdown(root / "article.md", MINIMAL_ARTICLE, "A paragraph of the report.\n")
    write_markdown(root / "letter.md", {**MINIMAL_LETTER, **LETTER}, BODY)
    # A photograph-like picture (noise does not compress), so --max-size has work to do.
    Image.frombytes("RGB", (400, 300), random.Random(1).randbytes(400 * 300 * 3)).save(
        root / "crowd.png"
    )
    return root


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    return write_campaign(tmp_path / "campaign")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The campaign built once with --email, for the tests that only read what it wrote."""
    root = write_campaign(tmp_path_factory.mktemp("mail") / "campaign")
    out = root.parent / "out"
    return out, build(root, out).output


def test_the_draft_has_the_letter_and_the_brief(built: tuple[Path, str]) -> None:
    out, output = built
    assert f"wrote {out / 'letter.eml'}" in output and "KB" in output
    message = read(out / "letter.eml")
    assert message["Subject"] == "An “open” letter"
    assert message["From"] == "Amazon Employees <letter@example.org>"
    assert message["To"] == "Jeff Bezos <jeff@example.com>"
    assert message["Date"] == "Thu, 21 Jun 2018 12:00:00 +0000"  # a day: its noon in UTC
    assert message["X-Unsent"] == "1"
    assert message["Message-ID"].endswith("@broadside.invalid>")
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.iter_parts()
    assert [p.get_content_type() for p in alternative.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "brief.pdf"
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_content() == (out / "brief.pdf").read_bytes()


def test_the_text_part_is_the_letter_wrapped(built: tuple[Path, str]) -> None:
    text = read(built[0] / "letter.eml").get_body(("plain",)).get_content()
    assert text.startswith("Dear Jeff,\n\nWe read <script>alert(1)</script> the ACLU’s report")
    assert "report (https://example.org/aclu)" in " ".join(text.split())
    assert "[A crowd]" in text
    assert (
        "We call on you to:\n\n1. Stop selling Rekognition (https://example.org/rekognition)"
        in (text)
    )
    assert "\n2. Stop providing infrastructure to Palantir and any other Amazon\n   partners" in (
        text
    )
    assert text.endswith("The time to act is now.\n\nSincerely,\nAmazonians\n")
    assert all(len(line) <= 72 for line in text.splitlines())


def test_the_html_part_is_escaped_and_loads_nothing(built: tuple[Path, str]) -> None:
    html = read(built[0] / "letter.eml").get_body(("html",)).get_content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert "<img" not in html and "src=" not in html and "<link" not in html
    assert "[A crowd]" in html
    assert '<a href="https://example.org/aclu">' in html
    assert "<ol>" in html and html.count("<li>") == 2
    assert "Dear Jeff," in html and "Amazonians" in html


def test_drafts_are_reproducible(built: tuple[Path, str], tmp_path: Path) -> None:
    build(built[0].parent / "campaign", tmp_path / "again")
    first = (built[0] / "letter.eml").read_bytes()
    assert first == (tmp_path / "again" / "letter.eml").read_bytes()
    assert b"\r\n" in first  # RFC 5322 line endings


def test_a_draft_without_addresses_or_date_still_opens(
    make_campaign: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "out"
    result = build(make_campaign(), out)
    assert "letter.eml: no sender in letter.md, so the draft has no From" in result.output
    assert "letter.eml: no recipient.email in letter.md, so the draft has no To" in result.output
    message = read(out / "letter.eml")
    assert message["From"] is None and message["To"] is None and message["Date"] is None
    assert message["X-Unsent"] == "1"


def test_max_size_holds_the_pdfs_not_the_draft(campaign: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(campaign, out, "--max-size", "2MB")
    brief = (out / "brief.pdf").read_bytes()
    limit = len(brief) + 2048
    assert (out / "letter.eml").stat().st_size > limit  # base64 makes the draft bigger
    build(campaign, tmp_path / "limited", "--max-size", str(limit))
    attached = read(tmp_path / "limited" / "letter.eml").iter_attachments()
    assert next(attached).get_content() == (tmp_path / "limited" / "brief.pdf").read_bytes()


def test_one_draft_per_recipient(campaign: Path, tmp_path: Path) -> None:
    (campaign / "recipients.csv").write_text(
        "name,email,salutation\n"
        'Jeff Bezos,jeff@example.com,"Dear Jeff,"\n'
        "Jeff Bezos,jeff.bezos@example.com,\n"
        '"Zoë Ünal",zoe@example.com,"Liebe Zoë,"\n'
        "../../etc/passwd,etc@example.com,\n"
        "CON,con@example.com\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(campaign, out)
    names = sorted(path.name for path in (out / "email").iterdir())
    assert names == [
        "etc-passwd.eml",
        "jeff-bezos-2.eml",
        "jeff-bezos.eml",
        "to-con.eml",
        "zoe-unal.eml",
    ]
    zoe = read(out / "email" / "zoe-unal.eml")
    assert zoe["To"] == "Zoë Ünal <zoe@example.com>"
    assert zoe.get_body(("plain",)).get_content().startswith("Liebe Zoë,\n\n")
    second = read(out / "email" / "jeff-bezos-2.eml")
    assert second["To"].addresses[0].addr_spec == "jeff.bezos@example.com"
    assert second.get_body(("plain",)).get_content().startswith("Dear Jeff,\n\n")  # the letter's
    for path in (out / "email").iterdir():
        attachment = next(read(path).iter_attachments())
        assert attachment.get_content() == (out / "brief.pdf").read_bytes()


def test_recipient_rows_are_checked_like_content(campaign: Path) -> None:
    (campaign / "recipients.csv").write_text(
        "name,email,salutaton\nJeff,not-an-address,\n,nobody@example.com,\nA,a@example.org,x,y\n",
        encoding="utf-8",
    )
    result = run_cli("check", campaign)
    assert result.exit_code == 1
    assert "recipients.csv:1: salutaton: unknown column; did you mean 'salutation'?" in (
        result.output
    )
    (campaign / "recipients.csv").write_text(
        "name,email\nJeff,not-an-address\n,nobody@example.com\nA,a@example.org,x\n"
        "B,JEFF@example.com\nC,jeff@example.com\n",
        encoding="utf-8",
    )
    lines = run_cli("check", campaign).output.splitlines()
    assert [line.split("recipients.csv:")[1] for line in lines if "recipients.csv:" in line] == [
        "2: email: must be one e-mail address such as name@example.org",
        "3: name: required field is missing",
        '4: 3 fields where the header has 2; quote a value that contains a comma: "Doe, Jane"',
        "6: email: the same address as line 5: it would get two drafts",
    ]


def test_recipients_have_a_cap(campaign: Path) -> None:
    rows = "".join(f"R{n},r{n}@example.org\n" for n in range(501))
    (campaign / "recipients.csv").write_text("name,email\n" + rows, encoding="utf-8")
    result = run_cli("check", campaign)
    assert result.exit_code == 1
    assert "recipients.csv:502: more than 500 rows; the limit is 500" in result.output


def test_no_line_break_reaches_a_header(campaign: Path, tmp_path: Path) -> None:
    """A name written across lines in the CSV becomes one line; and were a line break ever to
    get past the content's checks, the email package refuses to write the header."""
    (campaign / "recipients.csv").write_text(
        'name,email\n"Jeff\r\nBcc: evil@example.com",jeff@example.com\n', encoding="utf-8"
    )
    refused = run_cli("check", campaign)
    assert refused.exit_code == 1
    assert "recipients.csv:2: name: invisible control character U+000D; delete it" in refused.output
    (campaign / "recipients.csv").write_text(
        'name,email\n"Jeff\nBcc: evil@example.com",jeff@example.com\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    build(campaign, out)
    (path,) = (out / "email").iterdir()
    message = read(path)
    assert message["Bcc"] is None
    assert message["To"].addresses[0].display_name == "Jeff Bcc: evil@example.com"
    loaded = load_campaign(campaign)
    meta = loaded.letter.meta.model_copy(update={"title": "Hi\r\nBcc: evil@example.com"})
    hostile = loaded.model_copy(update={"letter": loaded.letter.model_copy(update={"meta": meta})})
    parsed = BytesParser(policy=policy.default).parsebytes(draft(hostile, b"%PDF", None, None))
    assert parsed["Subject"] == "Hi Bcc: evil@example.com" and parsed["Bcc"] is None
    with pytest.raises(ValueError, match="cannot contain CR or LF"):
        Address(display_name="Jeff\r\nBcc: evil@example.com", username="j", domain="x.org")
    with pytest.raises(ValueError, match="linefeed or carriage return"):
        EmailMessage(policy=POLICY)["Subject"] = "Hi\nBcc: evil@example.com"


def test_file_names_are_safe_and_distinct() -> None:
    assert file_names(["Ana", "ana", "", "…", "a/b\\c", "x" * 200, "Nul"]) == [
        "ana",
        "ana-2",
        "recipient",
        "recipient-2",
        "a-b-c",
        "x" * 60,
        "to-nul",
    ]


def test_sender_and_recipient_addresses_are_validated(make_campaign, tmp_path: Path) -> None:
    root = make_campaign(
        letter={
            "recipient": {"name": "J", "email": "j@example.com\nBcc: x@example.com"},
            "sender": {"email": "jürgen@exämple.de"},
        }
    )
    result = run_cli("check", root)
    assert result.exit_code == 1
    assert "recipient.email: must be one e-mail address such as name@example.org" in result.output
    assert "sender.email: must be written in ASCII" in result.output
