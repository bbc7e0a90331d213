"""What every catalog says about itself: the project, the licence, where to report a problem in
a translation, and when it was last revised. The template and each catalog get it each time they
are written, so no placeholder that Babel writes (FIRST AUTHOR, VERSION...) survives."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.metadata import version

import polib

from .i18n import Language

PROJECT = "hld2013-rt2"
PACKAGE = "hldsite"
LICENCE_FILE = "LICENSES/CC-BY-4.0.txt"

COMMENT = """\
{what} of {project}.
The co-chair's summary of round table 2 of the 2013 High-level Dialogue on
International Migration and Development, its plain-language edition, its
glossary and the texts of the site.
The English summary is a United Nations document. These translations are not
official United Nations translations; they were written for this project.
Copyright (C) 2026 the {project} contributors.
The texts of this file may be reused under the Creative Commons Attribution
4.0 International licence (CC BY 4.0, {licence}); the code of the
site is under the BSD 3-Clause licence (LICENSE).
Report a problem in a translation on the site: each text's "Improve this
translation" link, or {report}; see CONTRIBUTING.md."""


def report_address(language: Language | None) -> str:
    """Where to report a problem in a translation: the site's page for its language."""
    return f"/{language.code}/contribute/" if language else "/en/contribute/languages/"


def stamp(po: polib.POFile, language: Language | None) -> None:
    """Write the project's header into a catalog or, without a language, the template."""
    what = f"{language.locale.english_name} translations" if language else "Translation template"
    po.header = COMMENT.format(
        what=what, project=PROJECT, licence=LICENCE_FILE, report=report_address(language)
    )
    metadata = po.metadata
    metadata["Project-Id-Version"] = f"{PROJECT} {version(PACKAGE)}"
    metadata["Report-Msgid-Bugs-To"] = report_address(language)
    metadata["Last-Translator"] = f"the {PROJECT} translators and reviewers"
    if language:
        metadata["Language-Team"] = f"{language.locale.english_name} ({PROJECT})"
    else:
        metadata["Language-Team"] = f"the {PROJECT} translators"


def revised(po: polib.POFile) -> None:
    """Date a catalog's revision now: it is about to be written."""
    po.metadata["PO-Revision-Date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
