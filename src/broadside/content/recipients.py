"""recipients.csv: who gets an e-mail draft of the letter (`broadside build --email`).

Columns `name` and `email`, and `salutation` if each draft should open with its own
greeting. Every row is checked like front matter, and every mistake names its line.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import ValidationError

from broadside.content import diagnosis
from broadside.content.models import MailRecipient
from broadside.content.tables import Table, read_table
from broadside.errors import Problem, Severity

FILE = "recipients.csv"
# One draft carries the brief (tens of KB to a few MB): 500 drafts are already a large
# folder to hand to a mail client, and more is a mailing list's job.
MAX_RECIPIENTS = 500


def load_recipients(root: Path) -> tuple[tuple[MailRecipient, ...], list[Problem]]:
    """The rows of `root/recipients.csv` (none without the file), and what is wrong with them."""
    path = root / FILE
    if not path.exists():
        return (), []
    if not path.is_file() or not path.resolve().is_relative_to(root.resolve()):
        return (), [Problem(path, None, None, "must be a regular file inside the campaign folder")]
    table, problems = read_table(path, max_rows=MAX_RECIPIENTS)
    if table is None:
        return (), problems
    if header_problems := _header_problems(table):
        return (), problems + header_problems
    recipients: list[MailRecipient] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        values = {key: value for key, value in row.values.items() if value}
        try:
            recipient = MailRecipient.model_validate(values)
        except ValidationError as error:
            for detail in error.errors():
                message, hint = diagnosis.explain(MailRecipient, detail)
                field = str(detail["loc"][0]) if detail["loc"] else None
                problems.append(Problem(path, row.line, field, message, hint=hint))
            continue
        address = recipient.email.lower()
        if address in seen:
            problems.append(
                Problem(
                    path,
                    row.line,
                    "email",
                    f"the same address as line {seen[address]}: it would get two drafts",
                    severity=Severity.WARNING,
                )
            )
        seen.setdefault(address, row.line)
        recipients.append(recipient)
    return tuple(recipients), problems


def _header_problems(table: Table) -> list[Problem]:
    known = list(MailRecipient.model_fields)
    problems = []
    for header in table.headers:
        if header not in known:
            guess = difflib.get_close_matches(header.lower(), known, n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'?" if guess else f"the columns are {', '.join(known)}"
            problems.append(Problem(table.path, 1, header or None, "unknown column", hint=hint))
    for required in ("name", "email"):
        if required not in table.headers:
            found = ", ".join(table.headers)
            problems.append(
                Problem(
                    table.path, 1, required, "column is missing", hint=f"the header has: {found}"
                )
            )
    return problems
