"""What a PDF carries besides its text: attachments, pictures, link targets, raw bytes.

A leak shows up here: an embedded /etc/passwd, a picture from outside the campaign folder,
a `javascript:` link. Read with pikepdf, the way a careful recipient would inspect a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf


@dataclass(frozen=True)
class Inventory:
    embedded_files: list[str]  # names in the document's /EmbeddedFiles tree
    file_annotations: int  # /FileAttachment annotations on pages
    images: list[tuple[int, int]]  # width × height of every image XObject, pages and forms
    uris: list[str]  # every /URI action
    streams: bytes  # every stream decoded, concatenated: search it for leaked bytes


def inventory(path: Path) -> Inventory:
    with pikepdf.open(path) as pdf:
        embedded = []
        names = pdf.Root.get("/Names")
        if names is not None and "/EmbeddedFiles" in names:
            embedded = [str(key) for key in pikepdf.NameTree(names.EmbeddedFiles).keys()]  # noqa: SIM118
        annotations = 0
        uris = []
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") == "/FileAttachment":
                    annotations += 1
                action = annotation.get("/A")
                if action is not None and "/URI" in action:
                    uris.append(str(action.URI))
        images = []
        chunks = []
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                if obj.get("/Subtype") == "/Image":
                    images.append((int(obj.Width), int(obj.Height)))
                try:
                    chunks.append(obj.read_bytes())
                except pikepdf.PdfError:
                    chunks.append(obj.read_raw_bytes())
        return Inventory(embedded, annotations, images, uris, b"\n".join(chunks))


# Lines /etc/passwd always has; if any reaches a PDF, the file leaked.
PASSWD_MARK = b"root:x:0:0"
