"""`flask translate ...`: extract, update, compile, check and count the catalogs with Babel."""

import contextlib
import secrets
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from . import catalogs, export, i18n
from . import readability as measures
from .db import db, ensure_schema
from .models import NAME_LENGTH, Reviewer

translate = AppGroup("translate", help="Manage the gettext catalogs of the site.")


def translations_dir() -> Path:
    return Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])


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
        "--project=hld2013-rt2",
        "--copyright-holder=United Nations",
        f"--output-file={catalogs.template_path(translations_dir())}",
        ".",
    )


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
def compile():
    """Compile every catalog to the .mo files the site reads."""
    for language in i18n.TRANSLATED:
        pybabel("compile", f"--directory={translations_dir()}", f"--locale={language.catalog}")


@translate.command()
def check():
    """Run the translation checks over every catalog: errors fail, warnings are printed."""
    document = current_app.extensions["document"]
    failed = False
    for language in i18n.TRANSLATED:
        for name, finding in catalogs.catalog_findings(translations_dir(), language, document):
            kind = "error" if finding.blocking else "warning"
            click.echo(f"{language.catalog}: {kind}: {name}: {finding.description}")
            failed = failed or finding.blocking
    if failed:
        raise click.ClickException("the catalogs have errors")
    click.echo(f"{len(i18n.TRANSLATED)} catalogs complete, with no errors.")


@translate.command()
def stats():
    """Print how much of each catalog is translated."""
    click.echo(f"{'catalog':10} {'translated':>10} {'fuzzy':>6} {'missing':>8} {'done':>7}")
    for language in i18n.TRANSLATED:
        s = catalogs.catalog_stats(translations_dir(), language)
        click.echo(
            f"{language.catalog:10} {s.translated:>10} {s.fuzzy:>6} {s.untranslated:>8} {s.percent:>6.1f}%"
        )


@click.command()
def readability():
    """Print the reading level of every plain text and original passage, in every language."""
    document = current_app.extensions["document"]
    click.echo(
        f"{'lang':4} {'theme':26} {'measure':24} {'plain':>6} {'orig.':>6} {'w/s':>5} {'max':>4}  targets"
    )
    for language in i18n.LANGUAGES:
        text = catalogs.translator(translations_dir(), language)
        for theme in document.themes:
            plain = "\n".join(text(m) for block in theme.plain for m in block.messages)
            original = "\n".join(text(p) for p in theme.paragraphs)
            mine, theirs = measures.measure(plain, language.code), measures.measure(original, language.code)
            missed = measures.meets_targets(plain, language.code)
            click.echo(
                f"{language.code:4} {theme.slug:26} {mine.measure:24} {mine.score:6.1f} {theirs.score:6.1f} "
                f"{mine.words_per_sentence:5.1f} {mine.longest:4}  {'; '.join(missed) or 'met'}"
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
    ensure_schema()
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
    ensure_schema()
    for account in db.session.scalars(select(Reviewer).order_by(Reviewer.name)):
        click.echo(f"{account.name}\t{account.languages}")


@reviewer.command("remove")
@click.argument("name")
def remove_reviewer(name: str):
    """Take away a reviewer's access; what they published stays in the history."""
    ensure_schema()
    account = db.session.scalar(select(Reviewer).where(Reviewer.name == name))
    if account is None:
        raise click.ClickException(f"no reviewer is called {name}")
    account.languages = ""
    account.set_password(secrets.token_hex(32))
    db.session.commit()
    click.echo(f"{name} can no longer review.")


def init_app(app):
    app.cli.add_command(translate)
    app.cli.add_command(readability)
    app.cli.add_command(reviewer)
    app.cli.add_command(export_command)
