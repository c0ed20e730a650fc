# coopr web app: gunicorn behind any load balancer, static files through WhiteNoise.
FROM python:3.12-slim AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install . && pip uninstall -y coopr || true

COPY . .

# Static files are collected at build time; a throw-away key is enough for that. The app
# runs as an unprivileged user that cannot change its own code.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0 \
    && useradd --system --uid 10001 --no-create-home --home-dir /nonexistent coopr \
    && mkdir -p /backups && chown coopr /backups

USER coopr
EXPOSE 8000

# The process answers (the database is checked by /readyz, for the load balancer).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# Migrate, load the real data set on the very first start (`manage.py setup`: once, under a
# lock, so several containers may start together), then serve.
CMD ["sh", "-c", "python manage.py setup && exec gunicorn coopr.wsgi -c python:coopr.gunicorn"]
