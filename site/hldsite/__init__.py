"""The reading site for the co-chair's summary of Round table 2 (HLD 2013)."""

from pathlib import Path

from flask import Flask
from jinja2 import StrictUndefined

from . import catalogs, cli, content, errors, i18n, security, views
from .babel_domain import SiteBabel

PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Find content/ or translations/: inside an installed package, else in the checkout."""
    packaged = PACKAGE / name
    return packaged if packaged.is_dir() else PACKAGE.parents[1] / name


def create_app(test_config=None):
    """Create and configure the application."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        CONTENT_DIR=str(data_dir("content")),
        # Flask-Babel looks inside the package unless told otherwise, and a
        # missing catalog is silently English.
        BABEL_TRANSLATION_DIRECTORIES=str(data_dir("translations")),
        BABEL_DEFAULT_LOCALE=i18n.SOURCE.catalog,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)

    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    SiteBabel(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    catalogs.init_app(app)
    app.extensions["document"] = content.load(Path(app.config["CONTENT_DIR"]))

    errors.init_app(app)
    security.init_app(app)
    cli.init_app(app)
    views.init_app(app)
    return app
