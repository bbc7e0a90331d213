"""Commands: `flask translate ...`, `flask readability`, `flask export`, `flask reviewer ...`."""

import contextlib
import secrets
from pathlib import Path

import click
import polib
from babel.messages.frontend import CommandLineInterface
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from . import catalogs, export, gate, i18n, po_headers, readability
from .content import current_document
from .db import UPGRADE, db, store_ready
from .models import NAME_LENGTH, Reviewer

translate = AppGroup("translate", help="Manage the gettext catalogs of the site.")


def translations_dir() -> Path:
    return catalogs.current_catalogs().directory


def project_dir() -> Path:
    """The checkout: babel.cfg and its patterns are relative to it."""
    return Path(current_app.root_path).parents[1]


def pybabel(*args: str) -> None:
    """Run a pybabel command in this process, failing the CLI when Babel fails."""
    with contextlib.chdir(project_dir()):
        if CommandLineInterface().run(["pybabel", "--quiet", *args]):
            raise click.ClickException(f"pybabel {args[0]} failed")


@translate.command()
def extract():
    """Extract UI and content messages into the committed template (.pot)."""
    pybabel(
        "extract",
        "--mapping-file=babel.cfg",
        "--keywords=_l",
        "--add-comments=Translators:",
        "--add-location=file",
        "--sort-by-file",
        f"--project={po_headers.PROJECT}",
        f"--output-file={catalogs.template_path(translations_dir())}",
        ".",
    )
    # Babel's header names a copyright holder and placeholders; the project's replaces it.
    path = catalogs.template_path(translations_dir())
    template = polib.pofile(str(path), wrapwidth=catalogs.WRAP)
    po_headers.stamp(template, None)
    catalogs.write_po(path, template)


@translate.command()
def update():
    """Merge the template into every catalog, creating missing ones; changed English turns fuzzy."""
    for language in i18n.TRANSLATED:
        if not catalogs.catalog_path(translations_dir(), language).exists():
            pybabel(
                "init",
                f"--input-file={catalogs.template_path(translations_dir())}",
                f"--output-dir={translations_dir()}",
                f"--locale={language.catalog}",
            )
        catalogs.update_catalog(translations_dir(), language)


@translate.command()
def check():
    """Run the translation checks over every catalog: errors fail, warnings are printed."""
    site_catalogs = catalogs.current_catalogs()
    template = site_catalogs.template()
    failed = False
    for language in i18n.TRANSLATED:
        for entry, finding in gate.catalog_findings(site_catalogs[language], template, current_document()):
            kind = "error" if finding.blocking else "warning"
            click.echo(f"{language.catalog}: {kind}: {name_of(entry)}: {finding.explain(language)}")
            failed = failed or finding.blocking
    if failed:
        raise click.ClickException("the catalogs have errors")
    click.echo(f"{len(i18n.TRANSLATED)} catalogs complete, with no errors.")


def name_of(entry: catalogs.Entry) -> str:
    """An entry as the command line names it: its id and the start of its English."""
    short = entry.source if len(entry.source) <= 40 else entry.source[:37] + "..."
    return f"[{entry.message_id}] {short}"


@translate.command()
def stats():
    """Print how much of each catalog is translated."""
    click.echo(f"{'catalog':10} {'translated':>10} {'fuzzy':>6} {'missing':>8} {'done':>7}")
    for language in i18n.TRANSLATED:
        counts = catalogs.current_catalogs()[language].counts()
        total = sum(counts.values()) or 1
        click.echo(
            f"{language.catalog:10} {counts['translated']:>10} {counts['outdated']:>6} "
            f"{counts['untranslated']:>8} {100 * counts['translated'] / total:>6.1f}%"
        )


def text_of(catalog: catalogs.Catalog, items) -> str:
    """Content items as the catalog's readers see them, one per line."""
    return "\n".join(catalog.text_for(item.message_id, item.text).text for item in items)


@click.command("readability")
def readability_command():
    """Print the reading level of every plain text and original passage, in every language."""
    for language in i18n.LANGUAGES:
        catalog = catalogs.current_catalogs()[language]
        for theme in current_document().themes:
            plain = text_of(catalog, (m for block in theme.plain for m in block.messages))
            mine = readability.measure(plain, language.readability)
            theirs = readability.measure(text_of(catalog, theme.paragraphs), language.readability)
            figures = "; ".join(target.describe(value) for target, value in mine.scores)
            click.echo(
                f"{language.code:3} {theme.slug:26} plain {mine.score:6.1f} (original {theirs.score:6.1f})  "
                f"{figures}  {'MISSED' if mine.missed else 'met'}"
            )


@click.command("export")
@with_appcontext
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--base-url",
    default="http://localhost",
    show_default=True,
    help="Where the site will be served (for the sitemap and alternates).",
)
@click.option(
    "--contribution-host",
    default=None,
    help="The site that takes suggestions (https://...); without it, contribution links are left out.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes rendering the languages side by side [default: one per core].",
)
def export_command(directory: Path, base_url: str, contribution_host: str | None, workers: int | None):
    """Write the reading site as static files into DIRECTORY (replacing it)."""
    current_app.config["CONTRIBUTION_HOST"] = contribution_host or ""
    report = export.export(current_app._get_current_object(), directory, base_url.rstrip("/"), workers)
    click.echo(
        f"{report.pages} pages and files, {len(report.files)} with .gz and .br, in {report.seconds:.2f} s "
        f"({report.rendered:.2f} s rendering, the languages in {report.processes} "
        f"process{'es' if report.processes > 1 else ''})."
    )


reviewer = AppGroup("reviewer", help="Manage the reviewers who publish suggestions.")


def ready_store() -> None:
    if not store_ready():
        raise click.ClickException(f"the contribution store is not ready: run `{UPGRADE}` first")


def _languages(ctx, param, value: str) -> str:
    codes = [code.strip() for code in value.split(",") if code.strip()]
    allowed = [language.code for language in i18n.TRANSLATED]
    unknown = [code for code in codes if code not in allowed]
    if unknown or not codes:
        raise click.BadParameter(f"give one or more of {', '.join(allowed)}, separated by commas")
    return ",".join(dict.fromkeys(codes))


@reviewer.command("add")
@click.argument("name")
@click.option("--languages", required=True, callback=_languages, help="Languages to review, e.g. fr,es.")
@click.password_option(help="Asked for when not given (never put it in shell history).")
def add_reviewer(name: str, languages: str, password: str):
    """Create a reviewer, or change an existing one's languages and password."""
    name = name.strip()
    if not name or len(name) > NAME_LENGTH:
        raise click.BadParameter(f"a name of 1 to {NAME_LENGTH} characters", param_hint="NAME")
    if len(password) < 12:
        raise click.BadParameter("at least 12 characters", param_hint="--password")
    ready_store()
    account = db.session.scalar(select(Reviewer).where(Reviewer.name == name))
    if account is None:
        account = Reviewer(name=name)
        db.session.add(account)
    account.languages = languages
    account.set_password(password)
    db.session.commit()
    click.echo(f"{name} reviews {languages}.")


@reviewer.command("list")
def list_reviewers():
    """List the reviewers and their languages."""
    ready_store()
    for account in db.session.scalars(select(Reviewer).order_by(Reviewer.name)):
        click.echo(f"{account.name}\t{account.languages}")


@reviewer.command("remove")
@click.argument("name")
def remove_reviewer(name: str):
    """Take away a reviewer's access; what they published stays in the history."""
    ready_store()
    account = db.session.scalar(select(Reviewer).where(Reviewer.name == name))
    if account is None:
        raise click.ClickException(f"no reviewer is called {name}")
    account.languages = ""
    account.set_password(secrets.token_hex(32))  # and every session of theirs ends
    db.session.commit()
    click.echo(f"{name} can no longer review.")


def init_app(app):
    app.cli.add_command(translate)
    app.cli.add_command(readability_command)
    app.cli.add_command(reviewer)
    app.cli.add_command(export_command)
