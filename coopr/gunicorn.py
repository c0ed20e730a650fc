"""gunicorn's settings in production (`gunicorn coopr.wsgi -c python:coopr.gunicorn`).

The access log is Django's (coopr.logs: one JSON line per request, with its request id), so
gunicorn's own is off; gunicorn's other messages are JSON too.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_WORKERS", "2"))


def on_starting(server) -> None:
    """Refuse to start several workers on a cache kept in each process (system check
    coopr.E001): the API's rate limits would be counted once per worker."""
    os.environ["WEB_WORKERS"] = str(server.cfg.workers)  # as given, on the command line too
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopr.settings")
    import django
    from django.core import checks

    django.setup()
    errors = [e for e in checks.run_checks(tags=[checks.Tags.caches]) if e.is_serious()]
    if errors:
        for error in errors:
            server.log.error("%s: %s %s", error.id, error.msg, error.hint)
        raise SystemExit(1)


# A request that takes longer is a bug or a stuck database: the worker is replaced.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers are recycled now and then, so that a slow leak cannot grow without end.
max_requests = 2000
max_requests_jitter = 200
# The heartbeat file in memory, not on the container's (possibly slow) disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The load balancer in front is trusted to say the scheme (X-Forwarded-Proto); the container
# is reachable only through it.
forwarded_allow_ips = "*"
# No control socket (gunicornc): the container is managed by its orchestrator, and the
# unprivileged user has no home directory to put the socket in.
control_socket_disable = True
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "timestamp", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}
