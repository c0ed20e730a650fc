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

# Static files are collected at build time; a throw-away key is enough for that.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app coopr \
    && chown -R coopr /app/staticfiles

USER coopr
EXPOSE 8000

# Migrations, then the real data set (idempotent: a second start writes nothing), then serve.
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py load_seed && exec gunicorn coopr.wsgi --bind 0.0.0.0:8000 --workers ${WEB_WORKERS:-2} --access-logfile -"]
