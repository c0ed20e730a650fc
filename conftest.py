"""Test-run environment, set before Django reads its settings.

Tests run with DEBUG off, like production; they only need a throw-away key.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
