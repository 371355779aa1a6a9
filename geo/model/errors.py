"""Errors a person can act on: a code, one sentence in Chinese and one in English.

Every refusal of bad input (an upload, an edit, a login) raises ``DataError``; nothing has been
written when it is raised. The sentences live in ``geo.i18n_data.ERRORS``.
"""

from __future__ import annotations

from geo.i18n import ERRORS


class DataError(ValueError):
    """Bad input, refused with a readable sentence (zh and en); the store is unchanged."""

    def __init__(self, code: str, details: list[tuple[str, str]] | None = None, **fmt):
        zh, en = ERRORS[code]
        self.code = code
        self.fmt = fmt
        self.zh = zh.format(**fmt)
        self.en = en.format(**fmt)
        #: Further sentences (zh, en), e.g. one per bad row.
        self.details = list(details or [])
        super().__init__(f"{self.en} / {self.zh}")

    def message(self, lang: str = "zh") -> str:
        """The sentence in the UI language."""
        return self.en if lang == "en" else self.zh

    def detail_lines(self, lang: str = "zh") -> list[str]:
        """The further sentences in the UI language."""
        return [en if lang == "en" else zh for zh, en in self.details]


class PermissionDenied(DataError):
    """The user's role does not allow the action."""


class ConflictError(DataError):
    """A save based on an older version of a record that someone has changed since.

    ``changes`` holds (zh, en) sentences saying who changed what and when; nothing was written.
    The editor reloads the record (or the table) and applies their change again.
    """

    def __init__(self, layer: str, rid: str, changes: list[tuple[str, str]] | None = None):
        super().__init__("conflict", details=changes, layer=layer, rid=rid)
        self.layer, self.rid = layer, rid


class StoreBusy(DataError):
    """The database stayed locked by another writer through every retry; nothing was written."""
