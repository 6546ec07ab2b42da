"""Uploaded documents must be what their extension says.

Wagtail checks a document's extension against ``WAGTAILDOCS_EXTENSIONS``
but not its content, so a program renamed to ``materi.pdf`` would be served
to learners as a PDF. ``DocumentForm`` (``WAGTAILDOCS_DOCUMENT_FORM_BASE``)
reads the file's first bytes and, for office formats, its table of contents,
and refuses a mismatch with a message in the editor's language.
"""

import zipfile

import filetype
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

HEAD_BYTES = 64 * 1024

# Office formats are ZIP files holding a known part.
ZIP_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
OPEN_DOCUMENT_TYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
# What filetype may call each binary format.
MAGIC_TYPES = {
    "pdf": {"application/pdf"},
    "mp4": {"video/mp4", "video/x-m4v", "video/quicktime"},
    "webm": {"video/webm", "video/x-matroska"},
}
TEXT_EXTENSIONS = {"csv", "txt"}


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _zip_names(upload):
    """The names inside a ZIP upload, or None when it is not a ZIP file."""
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def content_matches_extension(upload):
    """Whether an uploaded file's content fits its extension (True/False).

    Extensions with no check here (none at present) pass.
    """
    extension = _extension(upload.name)
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if extension in MAGIC_TYPES:
        kind = filetype.guess(head)
        return kind is not None and kind.mime in MAGIC_TYPES[extension]
    if extension in TEXT_EXTENSIONS:
        return b"\x00" not in head and filetype.guess(head) is None
    if extension == "zip":
        return _zip_names(upload) is not None
    if extension in ZIP_PARTS:
        return ZIP_PARTS[extension] in (_zip_names(upload) or ())
    if extension in OPEN_DOCUMENT_TYPES:
        # An OpenDocument file starts with its uncompressed "mimetype" entry.
        return head.startswith(b"PK") and OPEN_DOCUMENT_TYPES[extension] in head[:200]
    return True


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content is not their type."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # An unchanged file on edit is a stored FieldFile, checked when uploaded.
        is_new = upload and hasattr(upload, "content_type")
        if is_new and not content_matches_extension(upload):
            raise forms.ValidationError(
                _(
                    "The file's content does not match its extension "
                    "(.%(extension)s). Upload the original file, not a "
                    "renamed one."
                )
                % {"extension": _extension(upload.name)},
                code="content_mismatch",
            )
        return upload
