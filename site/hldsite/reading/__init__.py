"""The reading half: the summary, its themes, the plain-language edition, the glossary, two
languages side by side, and the addresses above the languages (/, the sitemap).

Every page here depends on its address and the catalogs alone: no session, no cookie, so that
any cache may keep it (see cache.py) and the static export can write it (export.py).
"""

from . import compare, downloads, glossary, plain, root, summary

BLUEPRINTS = tuple(module.bp for module in (root, summary, plain, glossary, compare))


def init_app(app):
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    # Its page is a reading page; its files are not kept by the render cache (see cache.py).
    app.register_blueprint(downloads.bp)
