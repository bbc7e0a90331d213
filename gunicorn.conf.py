"""gunicorn settings for serving the site in production.

    .venv/bin/gunicorn --config gunicorn.conf.py "hldsite:create_app()"

Each worker is a process with its own render cache; an accepted translation reaches every
worker through the catalogs on disk (see hldsite.catalogs). Settings from the environment:
PORT, WEB_CONCURRENCY (workers), GUNICORN_THREADS.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# One process per core: a reading page is CPU work (rendered once, then served from the cache).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
# Threads let a worker answer cached pages while another request waits on the database.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Recycle a worker after about a million requests (a guard against slow leaks), with jitter so
# they do not all restart together; a restart drops the keep-alive connections it holds.
max_requests = 1_000_000
max_requests_jitter = 100_000
timeout = 30
graceful_timeout = 20
keepalive = 5
# The app reads its catalogs and opens its database in each worker, never before the fork.
preload_app = False
accesslog = os.environ.get("GUNICORN_ACCESS_LOG")  # "-" for stdout; off by default
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Say at start, in each worker's log, whether the contribution store needs `flask db upgrade`."""
    from hldsite.db import store_ready

    app = worker.wsgi
    if "store" in getattr(app, "extensions", {}):  # the site, not another app run with these settings
        with app.app_context():
            store_ready()
