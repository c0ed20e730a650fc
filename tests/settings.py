"""Settings for the test run: the real settings, with a throw-away key.

pytest-django imports this before any conftest, so the environment is set in time; tests run
with DEBUG off, like production.
"""

import os
import tempfile

# The developer's own .env must not change what the tests see.
os.environ["COOPR_ENV_FILE"] = os.devnull
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
# The test client speaks plain HTTP; the HTTPS redirect itself is a deployment setting.
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from coopr.settings import *  # noqa: F403

# Tests do not run collectstatic: serve static files from the apps, unhashed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Users are created in many tests; a deliberately slow hash would only slow them down.
# (Production keeps Django's default PBKDF2 hasher.)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Every test process builds its downloads in a directory of its own, never in the background
# (tests build them when they need them: tests/coopr/test_downloads.py).
DOWNLOADS_ROOT = tempfile.mkdtemp(prefix="coopr-downloads-")
DOWNLOADS_DEBOUNCE = 0.0

# Tests count the queries of a rendering: the response cache is off unless a test turns it on
# (tests/coopr/test_response_cache.py).
RESPONSE_CACHE_SECONDS = 0

# django-axes locks an address out after AXES_FAILURE_LIMIT failed sign-ins. Every test client
# comes from 127.0.0.1, and the API fuzz tests send bad tokens on purpose: the limit is raised
# here, and the lockout tests (tests/coopr/test_security.py) put the production value back.
PRODUCTION_AXES_FAILURE_LIMIT = AXES_FAILURE_LIMIT  # noqa: F405
AXES_FAILURE_LIMIT = 1_000_000
