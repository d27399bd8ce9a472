"""Write a `signatories.csv` of N made-up signatories, the same file for the same N and seed.

    .venv/bin/python bench/make_signatories.py 10000 > signatories.csv
    .venv/bin/python bench/make_signatories.py 50000 --export > responses.csv

Names mix the languages a sign-on letter gathers (Polish, German, French, Spanish,
Vietnamese, Greek, …); about one in twelve rows is an organisation, most people give an
organisation, some a role and a place. `--export` writes a form export instead: a timestamp
and an e-mail address beside "Full name", "Employer", "Job title" and "City" (map them with
`signatories: {file: responses.csv, columns: {...}}`). tests/content/test_signatories.py
uses `rows()` for its 10,000-row file.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Iterator


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Anna Łukasz Zofia Émile Ángel Björn Chloé Dorota Eero Fatima Grzegorz Hélène Ingrid "
    "Jürgen Kasia Léa Małgorzata Nguyễn Oskar Paweł Quentin Renée Søren Tomás Ülkü Václav "
    "Wojciech Xavier Yusuf Zoë Agnieszka Bartosz Cécile Dietrich Elżbieta François Gosia "
    "Héctor Iñigo Jolanta Krzysztof Ludwig Mónica Noémie Otto Piotr Ramón Ścisław Teresa "
    "Urszula Valérie Wiesław Yvonne Żaneta Αλέξανδρος Мария Ольга Trần Phạm"
)
LAST = _words(
    "Nowak Kowalski Wiśniewska Müller Schäfer Weiß Dubois Lefèvre Gärtner Núñez García "
    "Łukaszewicz Żółkiewski Ćwiklińska Őrsi Öztürk Ångström Østergaard Zieliński Szymańska "
    "Woźniak Kamińska Lewandowski Dąbrowski Brandt Schröder Fournier Girard Moreau Lambert "
    "Peña Jiménez Muñoz Rodríguez Hernández O’Brien MacLeod Berg Cruz "
    "Παπαδόπουλος Иванова Смирнов Nguyễn Lê Hoàng"
)
ORGANISATIONS = (
    "Fundacja Panoptykon",
    "Amnesty International Polska",
    "Digitalcourage e.V.",
    "La Quadrature du Net",
    "Xnet",
    "Chaos Computer Club",
    "Gesellschaft für Freiheitsrechte",
    "Electronic Frontier Finland",
    "Stowarzyszenie Sieć Obywatelska",
    "Asociación por los Derechos Civiles",
    "Bits of Freedom",
    "Access Now",
    "European Digital Rights",
    "Ligue des droits de l’Homme",
    "Stiftung Neue Verantwortung",
)
ROLES = ("Engineer", "Researcher", "Nurse", "Teacher", "Organiser", "Student", "Lawyer")
PLACES = ("Warszawa", "Kraków", "Berlin", "München", "Paris", "Lyon", "Madrid", "Sevilla")
PLACES += ("Hà Nội", "Αθήνα", "Gdańsk")
HEADER = ("name", "role", "organisation", "place", "kind")
EXPORT_HEADER = ("Timestamp", "Email address", "Full name", "Job title", "Employer", "City")


def rows(count: int, seed: int = 12) -> Iterator[tuple[str, str, str, str, str]]:
    """`count` distinct signatories as (name, role, organisation, place, kind)."""
    pick = random.Random(seed)
    seen: set[tuple[str, str, str]] = set()
    number = 0
    while len(seen) < count:
        number += 1
        if number % 12 == 0:
            name = f"{pick.choice(ORGANISATIONS)} {pick.choice(PLACES)}"
            row = (name, "", "", pick.choice(PLACES), "organisation")
        else:
            name = f"{pick.choice(FIRST)} {pick.choice(LAST)}"
            organisation = pick.choice(ORGANISATIONS) if pick.random() < 0.8 else ""
            role = pick.choice(ROLES) if pick.random() < 0.3 else ""
            place = pick.choice(PLACES) if pick.random() < 0.4 else ""
            row = (name, role, organisation, place, "")
        key = (row[0], row[2], row[3])
        if key in seen:
            continue
        seen.add(key)
        yield row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--export", action="store_true", help="a form export with e-mails")
    parser.add_argument("--seed", type=int, default=12)
    arguments = parser.parse_args()
    writer = csv.writer(sys.stdout, lineterminator="\r\n")
    if not arguments.export:
        writer.writerow(HEADER)
        writer.writerows(rows(arguments.count, arguments.seed))
        return
    writer.writerow(EXPORT_HEADER)
    for number, (name, role, organisation, place, _) in enumerate(
        rows(arguments.count, arguments.seed)
    ):
        stamp = f"2026-03-{1 + number % 28:02d} {number % 24:02d}:{number % 60:02d}:00"
        email = f"signer{number}@example.org"
        writer.writerow((stamp, email, name, role, organisation, place))


if __name__ == "__main__":
    main()
