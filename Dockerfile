# coopr web app: gunicorn behind the compose file's proxy, static files through WhiteNoise.
# Two stages: `build` installs exactly what uv.lock says into /venv (uv itself, pinned and
# hashed in the lock, stays in this stage) and collects the static files; the final stage is
# the slim base with /venv and the code, no installer, run by an unprivileged user.
FROM python:3.12-slim AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PROJECT_ENVIRONMENT=/venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1

WORKDIR /app

COPY tools/uv_requirement.py tools/
COPY uv.lock ./
RUN python tools/uv_requirement.py > /tmp/uv.txt \
    && python -m venv /opt/uv \
    && /opt/uv/bin/pip install --quiet --no-deps --require-hashes -r /tmp/uv.txt

# Dependencies first, so code changes do not reinstall them: the runtime ones only, from the
# lock (--locked: the build fails when uv.lock does not match pyproject.toml).
COPY pyproject.toml README.md ./
RUN /opt/uv/bin/uv sync --locked --no-install-project --python /usr/local/bin/python

COPY . .
# The project itself (its metadata: the version the API root and the footer show), then the
# static files, collected at build time (a throw-away key is enough for that).
RUN /opt/uv/bin/uv sync --locked --no-editable \
    && SECRET_KEY=collectstatic-only /venv/bin/python manage.py collectstatic --noinput -v0


FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/venv/bin:$PATH

# The app runs as an unprivileged user that cannot change its own code.
RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent coopr \
    && mkdir -p /backups /downloads && chown coopr /backups /downloads

WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build /app /app

USER coopr
EXPOSE 8000

# The process answers (the database is checked by /readyz, for the load balancer).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# Migrate, load the real data set on the very first start (`manage.py setup`: once, under a
# lock, so several containers may start together), then serve.
CMD ["sh", "-c", "python manage.py setup && exec gunicorn coopr.wsgi -c python:coopr.gunicorn"]
