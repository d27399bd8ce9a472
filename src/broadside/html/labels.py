"""The words Broadside itself prints around the content ("Contents", "Page 3 of 6", dates),
in the content's language. Unlisted languages fall back to English.

English, German, French and Spanish are here; Arabic, Persian, Urdu, Hebrew, Hindi, Bengali,
Thai and Tamil are in html/translations.py, not yet reviewed by a speaker. Dates come from
CLDR (Babel), and every number is written in the digits CLDR gives the language (html/numbers.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from broadside.content.models import Update
from broadside.html import numbers
from broadside.html.translations import UNREVIEWED

_EN = {
    "campaign_brief": "Campaign brief",
    "open_letter": "Open letter",
    "rail_from": "From",
    "rail_to": "To",
    "route": "From {signer} to {recipient}",
    "route_unaddressed": "From {signer}",
    "in_this_brief": "In this brief",
    "in_the_news": "In the news",
    "demands_in_full": "The demands, in full",
    "page": "page",
    "campaign_online": "The campaign online",
    "further_sources": "Further sources",
    "byline": "Byline",
    "letter_details": "Who wrote to whom, and when",
    "demands": "The demands",
    "open_letter_to": "Open letter to",
    "our_demands": "Our demands",
    "our_demands_to": "Our demands to {name}",
    "our_demand": "Our demand",  # over a single demand
    "our_demand_to": "Our demand to {name}",
    "role_of": "{role} of {organisation}",
    "scan_to_read": "Scan to read the letter",
    # Words that open a demands intro in lower case once the flyer puts the recipient's
    # name before it: "Jeff Bezos, we call on you to:". Any other first word is left as
    # written, and so is the intro (it may be a name, or a noun in German).
    "lowercase_after_name": "we our us",
    "more_demands": "… and {n} more, all listed in the letter",
    "contents": "Contents",
    "the_report": "The report",
    "by": "By",
    "updated": "Updated",
    "photo_not_reproduced": "Photograph not reproduced",
    "the_letter": "The letter",
    "sources": "Sources",
    "sources_title": "Sources and credits",
    "about_author": "About the author",
    "expertise": "Expertise",
    "photograph": "Photograph",
    "source_file": "Source file",
    "not_reproduced": "not reproduced in this brief",
    "signed": "Signed",
    "addressed_to": "addressed to",
    "printed_in_full": "printed here in full",
    "set_in": "Set in {serif} and {sans}.",
    "typeset_with": "Typeset with Broadside {version}.",
    "signatories": "Signatories",
    "signatures": "Signatures",
    "organisations": "Organisations",
    "people": "People",
    "signed_by_count": "Signed by {counts}",
    "count_organisations.one": "{n} organisation",
    "count_organisations.other": "{n} organisations",
    "count_people.one": "{n} person",
    "count_people.other": "{n} people",
    "page_of": "Page {page} of {pages}",
    "link_to_page": "{text}, page {page}",  # a link's description for screen readers
    "stamp": "{month} {day} at {time}",
}

LABELS: dict[str, dict[str, str]] = {
    "en": _EN,
    "de": {
        "campaign_brief": "Kampagnen-Briefing",
        "open_letter": "Offener Brief",
        "rail_from": "Von",
        "rail_to": "An",
        "route": "Von {signer} an {recipient}",
        "route_unaddressed": "Von {signer}",
        "in_this_brief": "In diesem Briefing",
        "in_the_news": "In den Medien",
        "demands_in_full": "Die Forderungen im Wortlaut",
        "page": "Seite",
        "campaign_online": "Die Kampagne im Netz",
        "further_sources": "Weitere Quellen",
        "byline": "Autorenzeile",
        "letter_details": "Wer an wen schreibt, und wann",
        "demands": "Die Forderungen",
        "open_letter_to": "Offener Brief an",
        "our_demands": "Unsere Forderungen",
        "our_demands_to": "Unsere Forderungen an {name}",
        "our_demand": "Unsere Forderung",
        "our_demand_to": "Unsere Forderung an {name}",
        "role_of": "{role} von {organisation}",
        "scan_to_read": "Scannen und den Brief lesen",
        "lowercase_after_name": "wir unsere unser uns",
        "more_demands": "… und {n} weitere, alle im Brief",
        "contents": "Inhalt",
        "the_report": "Der Bericht",
        "by": "Von",
        "updated": "Aktualisiert",
        "photo_not_reproduced": "Foto nicht abgedruckt",
        "the_letter": "Der Brief",
        "sources": "Quellen",
        "sources_title": "Quellen und Nachweise",
        "about_author": "Zur Person",
        "expertise": "Fachgebiete",
        "photograph": "Foto",
        "source_file": "Quelldatei",
        "not_reproduced": "hier nicht abgedruckt",
        "signed": "Unterzeichnet von",
        "addressed_to": "gerichtet an",
        "printed_in_full": "hier vollständig abgedruckt",
        "set_in": "Gesetzt in {serif} und {sans}.",
        "typeset_with": "Erstellt mit Broadside {version}.",
        "signatories": "Unterzeichnende",
        "signatures": "Unterschriften",
        "organisations": "Organisationen",
        "people": "Einzelpersonen",
        "signed_by_count": "Unterzeichnet von {counts}",
        "count_organisations.one": "{n} Organisation",
        "count_organisations.other": "{n} Organisationen",
        "count_people.one": "{n} Person",
        "count_people.other": "{n} Personen",
        "page_of": "Seite {page} von {pages}",
        "link_to_page": "{text}, Seite {page}",
        "stamp": "{day}. {month}, {time}",
    },
    "fr": {
        "campaign_brief": "Dossier de campagne",
        "open_letter": "Lettre ouverte",
        "rail_from": "De",
        "rail_to": "À",
        # "De Le Collectif" would need "du Collectif": a participle takes any name as written.
        "route": "Signée par {signer}, adressée à {recipient}",
        "route_unaddressed": "Signée par {signer}",
        "in_this_brief": "Dans ce dossier",
        "in_the_news": "Dans la presse",
        "demands_in_full": "Les revendications en intégralité",
        "page": "page",
        "campaign_online": "La campagne en ligne",
        "further_sources": "Autres sources",
        "byline": "Signature de l’article",
        "letter_details": "Qui écrit à qui, et quand",
        "demands": "Les revendications",
        "open_letter_to": "Lettre ouverte à",
        "our_demands": "Nos revendications",
        "our_demands_to": "Nos revendications à {name}",
        "our_demand": "Notre revendication",
        "our_demand_to": "Notre revendication à {name}",
        "role_of": "{role} de {organisation}",
        "scan_to_read": "Scannez pour lire la lettre",
        "lowercase_after_name": "nous nos notre",
        "more_demands": "… et {n} autres, toutes dans la lettre",
        "contents": "Sommaire",
        "the_report": "L’article",
        "by": "Par",
        "updated": "Mis à jour",
        "photo_not_reproduced": "Photo non reproduite",
        "the_letter": "La lettre",
        "sources": "Sources",
        "sources_title": "Sources et crédits",
        "about_author": "À propos",
        "expertise": "Domaines",
        "photograph": "Photo",
        "source_file": "Fichier source",
        "not_reproduced": "non reproduite ici",
        "signed": "Signée",
        "addressed_to": "adressée à",
        "printed_in_full": "reproduite ici en intégralité",
        "set_in": "Composé en {serif} et {sans}.",
        "typeset_with": "Mis en page avec Broadside {version}.",
        "signatories": "Signataires",
        "signatures": "Signatures",
        "organisations": "Organisations",
        "people": "Personnes",
        "signed_by_count": "Signée par {counts}",
        "count_organisations.one": "{n} organisation",
        "count_organisations.other": "{n} organisations",
        "count_people.one": "{n} personne",
        "count_people.other": "{n} personnes",
        "page_of": "Page {page} sur {pages}",
        "link_to_page": "{text}, page {page}",
        "stamp": "{day} {month} à {time}",
    },
    "es": {
        "campaign_brief": "Dosier de campaña",
        "open_letter": "Carta abierta",
        "rail_from": "De",
        "rail_to": "Para",
        "route": "De {signer} a {recipient}",
        "route_unaddressed": "De {signer}",
        "in_this_brief": "En este dosier",
        "in_the_news": "En la prensa",
        "demands_in_full": "Las demandas íntegras",
        "page": "página",
        "campaign_online": "La campaña en internet",
        "further_sources": "Otras fuentes",
        "byline": "Firma del artículo",
        "letter_details": "Quién escribe a quién, y cuándo",
        "demands": "Las demandas",
        "open_letter_to": "Carta abierta a",
        "our_demands": "Nuestras demandas",
        "our_demands_to": "Nuestras demandas a {name}",
        "our_demand": "Nuestra demanda",
        "our_demand_to": "Nuestra demanda a {name}",
        "role_of": "{role} de {organisation}",
        "scan_to_read": "Escanea para leer la carta",
        "lowercase_after_name": "nosotros nosotras nuestras nuestros nuestra nuestro le les",
        "more_demands": "… y {n} más, todas en la carta",
        "contents": "Índice",
        "the_report": "El artículo",
        "by": "Por",
        "updated": "Actualizado",
        "photo_not_reproduced": "Foto no reproducida",
        "the_letter": "La carta",
        "sources": "Fuentes",
        "sources_title": "Fuentes y créditos",
        "about_author": "Sobre la autoría",
        "expertise": "Especialidades",
        "photograph": "Foto",
        "source_file": "Archivo original",
        "not_reproduced": "no reproducida aquí",
        "signed": "Firmada por",
        "addressed_to": "dirigida a",
        "printed_in_full": "reproducida aquí íntegra",
        "set_in": "Compuesto en {serif} y {sans}.",
        "typeset_with": "Maquetado con Broadside {version}.",
        "signatories": "Firmantes",
        "signatures": "Firmas",
        "organisations": "Organizaciones",
        "people": "Personas",
        "signed_by_count": "Firmada por {counts}",
        "count_organisations.one": "{n} organización",
        "count_organisations.other": "{n} organizaciones",
        "count_people.one": "{n} persona",
        "count_people.other": "{n} personas",
        "page_of": "Página {page} de {pages}",
        "link_to_page": "{text}, página {page}",
        "stamp": "{day} de {month}, {time}",
    },
    **UNREVIEWED,
}

# The month names of the house style's update stamps ("June 22 at 7:20 a.m."): the four
# languages that have a "stamp"; the others take CLDR's pattern whole.
_STAMPED = ("en", "de", "fr", "es")


class Labels:
    """Labels for one language; `labels.contents`, `labels.format("more_demands", n=3)`, dates,
    counts. Numbers follow the content's own language even where the words fall back to
    English (html/numbers.py)."""

    def __init__(self, lang: str) -> None:
        self.tag = lang
        self.lang = lang.split("-")[0].lower()
        self._words = {**_EN, **LABELS.get(self.lang, {})}
        self._words_lang = self.lang if self.lang in LABELS else "en"

    def __getattr__(self, key: str) -> str:
        try:
            return self._words[key]
        except KeyError:
            raise AttributeError(key) from None

    def format(self, key: str, **values: Any) -> str:
        """The words for `key` with `values` filled in; whole numbers in the language's digits."""
        shown = {
            name: numbers.number(value, self.tag) if isinstance(value, int) else value
            for name, value in values.items()
        }
        return self._words[key].format(**shown)

    def role_at(self, role: Markup | None, organisation: Markup | None) -> Markup:
        """ "CEO of Amazon": a role at an organisation (either may be missing), as HTML."""
        if not (role and organisation):
            return escape(role or organisation or "")
        template = self._words["role_of"]
        for article, contracted in _CONTRACTIONS.get(self.lang, ()):
            if organisation.startswith(article):  # "de le Monde" → "du Monde"
                template = template.replace(" de {organisation}", f" {contracted}{{organisation}}")
                organisation = organisation[len(article) :]
                break
        else:
            if self.lang == "fr" and _starts_with_vowel(organisation):
                template = template.replace(" de {organisation}", " d’{organisation}")  # d’Amazon
        return escape(template).format(role=role, organisation=organisation)

    def count(self, key: str, value: int) -> str:
        """ "312 people", "1 person": `key` with the plural form CLDR gives `value`."""
        form = numbers.plural_form(value, self._words_lang)
        words = self._words.get(f"{key}.{form}", self._words[f"{key}.other"])
        return words.format(n=numbers.number(value, self.tag))

    def counts(self, organisations: int, people: int) -> str:
        """ "47 organisations and 312 people" (a group of none left out)."""
        counts = [self.count("count_organisations", organisations)] if organisations else []
        counts += [self.count("count_people", people)] if people else []
        return numbers.join(counts, self._words_lang)

    def signed_by(self, organisations: int, people: int) -> str:
        """ "Signed by 47 organisations and 312 people"."""
        return self.format("signed_by_count", counts=self.counts(organisations, people))

    def join(self, items: Sequence[str]) -> str:
        """ "Anna, Ben and Chloé" in the labels' language."""
        return numbers.join(items, self._words_lang)

    def markup(self, key: str, **values: Markup) -> Markup:
        """A label around HTML ("From <span>X</span> to …"): the label escaped, the values
        kept as they are. French elides "de" before a vowel: "d’Amnesty International"."""
        template = self._words[key]
        if self.lang == "fr":
            for name, value in values.items():
                if _starts_with_vowel(value):
                    template = re.sub(rf"\b([Dd])e \{{{name}\}}", rf"\1’{{{name}}}", template)
        return escape(template).format(**values)

    def date(self, value: dt.date) -> str:
        """ "June 22, 2018", "22 يونيو 2018": CLDR's long date, in the language's digits."""
        return numbers.date(value, self.tag)

    def update_stamp(self, update: Update) -> str:
        """ "June 22 at 7:20 a.m. PT", the way news sites print an update."""
        if self.lang in _STAMPED:
            month = numbers.month_name(update.at, self.tag)
            stamp = self.format("stamp", month=month, day=update.at.day, time=self._time(update.at))
        else:
            stamp = numbers.day_and_time(update.at, self.tag)
        return f"{stamp} {update.zone}" if update.zone else stamp

    def _time(self, value: dt.datetime) -> str:
        if self.lang == "en":
            hour = value.hour % 12 or 12
            return f"{hour}:{value.minute:02d} {'a.m.' if value.hour < 12 else 'p.m.'}"
        if self.lang == "fr":
            return f"{value.hour} h {value.minute:02d}"
        if self.lang == "de":
            return f"{value.hour}:{value.minute:02d} Uhr"
        return f"{value.hour}:{value.minute:02d}"


# "de" and a following article contract: French "du", "des"; Spanish "del".
_CONTRACTIONS = {
    "fr": (("le ", "du "), ("les ", "des ")),
    "es": (("el ", "del "),),
}


def _starts_with_vowel(html: Markup) -> bool:
    text = html.striptags()
    return text[:1].lower() in "aeiouyàâäéèêëîïôöûùü"


def w3c_date(value: dt.date) -> str:
    """A date for PDF metadata: with its time only when it has a zone (a bare date stays a day)."""
    if isinstance(value, dt.datetime) and value.tzinfo:
        return value.isoformat()
    return value.isoformat()[:10]
