"""The data-and-sources tables as a person reads them: labelled columns, no file paths.

The catalogue's ``source`` texts are written for maintainers (file names, module paths); the
tables show what each source is in the UI's language.
"""

from __future__ import annotations

import pandas as pd

from geo.i18n import metric_label, t
from geo.model.units import unit_text
from geo.views.citations import dataset_source, licence_text, qualifier_text, subject_label


def catalogue_table(catalog: dict, lang: str = "zh") -> pd.DataFrame:
    """One row per dataset: name, nature, source in words, licence, date, note."""
    return pd.DataFrame(
        [{"name": e.title(lang), "nature": t(f"nature_{e.nature}", lang), "source": dataset_source(e.source, lang),
          "licence": licence_text(e.licence, lang), "date": e.date, "note": e.note(lang)} for e in catalog.values()]
    )  # fmt: skip


CATALOGUE_COLUMNS = {"name": "name", "nature": "nature", "source": "source", "licence": "licence",
                     "date": "date", "note": "col_note"}  # fmt: skip


def facts_table(facts: list, lang: str = "zh") -> pd.DataFrame:
    """Every reported figure: id, subject, what, value, unit, year, section, quote."""
    return pd.DataFrame(
        [{"fact_id": f.fact_id, "subject": subject_label(f, lang), "metric": metric_label(f.metric, lang),
          "value": f.value, "unit": unit_text(f.unit, lang), "qualifier": qualifier_text(f.qualifier, lang), "year": f.year,
          "section": f.section, "quote": f"“{f.quote}”"} for f in facts]
    )  # fmt: skip


FACT_COLUMNS = {"fact_id": "col_fact_id", "subject": "col_subject", "metric": "col_metric",
                "value": "col_value", "unit": "col_unit", "qualifier": "col_qualifier", "year": "year",
                "section": "col_section", "quote": "col_quote"}  # fmt: skip


def labels(columns: dict[str, str], lang: str) -> dict[str, str]:
    """Column id → header in the UI's language."""
    return {c: t(k, lang) for c, k in columns.items()}
