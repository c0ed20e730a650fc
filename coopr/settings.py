"""Settings for coopr, read from the environment (and a local, git-ignored `.env` file).

Every variable is documented in `.env.example`. With no environment at all the app runs in
DEBUG on a SQLite file; with DEBUG off it refuses to start without a SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
ENV_FILE = env.str("COOPR_ENV_FILE", default=str(BASE_DIR / ".env"))
if Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    # A development key only: production must set SECRET_KEY (checked below).
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "concurrency",
    "simple_history",
    "import_export",
    "csp",
    "corsheaders",
    "axes",
    "coopr",
    "people",
    "projects",
    # The top floor: URLs, site-wide pages and commands (coopr/site/).
    "coopr.site",
]

MIDDLEWARE = [
    "coopr.logs.RequestLogMiddleware",  # First: it sees every request, cached ones too.
    # brotli or gzip for what carries no secret (coopr.compression); before every middleware
    # that reads or writes the body, after the log (which counts the bytes sent).
    "coopr.compression.CompressionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # /healthz and /readyz answer before the host check, the cache and the locale: a load
    # balancer asks by address, and the answer must be fresh.
    "coopr.health.HealthMiddleware",
    # A stored response is answered 304 like a fresh one: ConditionalGet comes first.
    "django.middleware.http.ConditionalGetMiddleware",
    "coopr.cache.ResponseCacheMiddleware",
    # After the cache: a stored answer needs no database, so no timeout to set.
    "coopr.timeouts.StatementTimeoutMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "coopr.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a lockout (too many failed sign-ins) into its page or API error; last, as axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coopr.site.urls"
WSGI_APPLICATION = "coopr.wsgi.application"
ASGI_APPLICATION = "coopr.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database ---------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one editor writes; the busy timeout makes a second writer
    # wait for the lock instead of failing at once; IMMEDIATE takes the write lock at the
    # start of a transaction, so two transactions cannot deadlock upgrading their locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # When the database is down or unreachable, give up connecting after this many seconds:
    # the visitor gets the "temporarily unavailable" page at once instead of a hung request.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=3)
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# PostgreSQL cancels a web request's query after this many seconds (503 "took too long"), so
# no request holds a worker for long; the admin (its exports read every row) has longer.
# 0: no limit. Management commands have none. See coopr/timeouts.py.
STATEMENT_TIMEOUT = env.float("STATEMENT_TIMEOUT", default=5.0)
ADMIN_STATEMENT_TIMEOUT = env.float("ADMIN_STATEMENT_TIMEOUT", default=120.0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache ------------------------------------------------------------------------------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://coopr")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, keeping its Redis client instead of making one per call.
    CACHES["default"]["BACKEND"] = "coopr.redis_cache.RedisCache"
# How many processes serve requests (gunicorn's workers, coopr/gunicorn.py): more than one
# needs a shared CACHE_URL (system check coopr.E001; rate limits are counted in the cache).
WEB_WORKERS = env.int("WEB_WORKERS", default=1)
# Anonymous GETs of pages and the API are kept rendered this long, and dropped by any write
# (coopr.cache). 0 turns the response cache off.
RESPONSE_CACHE_SECONDS = env.int("RESPONSE_CACHE_SECONDS", default=600)
# With a Redis cache each process also keeps the answers it stored or fetched last, up to this
# many bytes of bodies, and answers them without a round trip (coopr.local_cache).
LOCAL_RESPONSE_CACHE_BYTES = env.int("LOCAL_RESPONSE_CACHE_BYTES", default=32 * 1024 * 1024)

# Bulk downloads ---------------------------------------------------------------------------
# Where the downloads of the whole record (data package, JSON Lines) are built and served from:
# shared by every process (a volume in docker-compose.yml). See coopr/downloads.
DOWNLOADS_ROOT = env.str("DOWNLOADS_ROOT", default=str(BASE_DIR / "downloads"))
# Seconds without a further change before a write's process rebuilds them in the background;
# 0: never in the web process (`manage.py build_downloads --every N` rebuilds).
DOWNLOADS_DEBOUNCE = env.float("DOWNLOADS_DEBOUNCE", default=30.0)
# The data's licence, "<name> [<url>]" (e.g. "CC-BY-4.0 https://creativecommons.org/licenses/
# by/4.0/"). Unset: the data package says the licence is undecided, and names none.
DATA_LICENSE = env.str("DATA_LICENSE", default="")

# Sign-in ----------------------------------------------------------------------------------
# django-axes counts failed sign-ins (admin login and API tokens) and locks the address out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
# No start-up banner: management commands print only their own output.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "coopr.lockout.lockout_response"
# The visitor's address (coopr.clients.client_ip): REMOTE_ADDR, or behind N proxies that
# each append to X-Forwarded-For, the Nth address from its right (a client can write
# anything to the left of what the proxies add).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "coopr.clients.client_ip"

# Passwords --------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("ja", _("Japanese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ru", "ja")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# Static files -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "coopr" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Source maps (the API docs' bundles carry 13 of the 26 MB collected) are read by a browser's
# developer tools only: kept, not compressed (half of `collectstatic`'s time, in every build).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# Security ---------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Health checks come over plain HTTP from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz)$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp): everything from the site itself, no inline script or
# style but the few blocks that carry the request's nonce, never framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        # Three fixed style attributes in third-party admin templates (django-import-export's
        # export form, django-simple-history's list), allowed by hash; nothing else inline.
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",  # padding: 0;
            "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",  # font-weight: bold;
            "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",  # border-top: 0
        ],
        # django-import-export's export form has one inline event handler; allowed by hash.
        "script-src-attr": [
            "'unsafe-hashes'",
            "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='",  # onSelectToggleChange(event)
        ],
        # Swagger UI draws its icons from data: URLs in its stylesheet.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy: the site uses none of the browser's powerful features.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
        "xr-spatial-tracking",
    )
}
# CORS (django-cors-headers): any site may read the API from a browser; nothing else is open,
# and no cookie or token is sent across origins (writes need a token, sent by servers).
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
# A browser client on another site reads these too: the pages' links, and when to come back
# after a 429 (Last-Modified is readable without being named).
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Link",
    "Content-Language",
    "X-Request-ID",
    "Retry-After",
    "RateLimit",
    "RateLimit-Policy",
]
CORS_PREFLIGHT_MAX_AGE = 86400

# REST framework ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "coopr.lockout.LockoutTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reading is public; writing needs the model's add/change/delete permission.
    "DEFAULT_PERMISSION_CLASSES": [
        "coopr.api.permissions.ModelPermissions",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "coopr.api.filters.FilterBackend",
        "coopr.api.filters.SearchFilter",
        "coopr.api.filters.OrderingFilter",
    ],
    # orjson: the same JSON (UTF-8, compact) several times faster than the json module.
    "DEFAULT_RENDERER_CLASSES": ["drf_orjson_renderer.renderers.ORJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "coopr.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "coopr.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "coopr.api.throttling.AnonRateThrottle",
        "coopr.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="600/minute"),
        "user": env.str("API_THROTTLE_USER", default="3000/minute"),
    },
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "coopr API",
    "DESCRIPTION": (
        "The cooperation record as JSON: plans, items, projects, people, organizations, "
        "meetings, documents, indicators and sources, every fact with its citations. "
        "Reading is public. Writing needs a token (`Authorization: Token …`, issued by staff "
        "in the admin) or a session with CSRF, and the model permission. Choose the language "
        "with `Accept-Language` or `?lang=en|ru|ja`; every translated field also comes with "
        "all its translations (`…_i18n`). Every GET answers with an ETag: send it back as "
        "If-None-Match to get 304, and as If-Match on PUT, PATCH and DELETE (412 when the "
        "record changed since; 428 when no precondition is given). Errors share one format: "
        '`{"error": {"status", "code", "message", "fields"}}`.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: Swagger UI puts each one as a link inside the operation's button (a
    # control inside a control, which screen readers cannot reach). No syntax colours: some
    # of its themes' colours are below a contrast of 4.5:1 on their background.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": {"activated": False}},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Paths start /api/v1/: the rest names the resource, which is each operation's tag.
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SERVERS": [{"url": "/", "description": "This server"}],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "coopr.api.schema.postprocess",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "projects.models.Status",
        "DatePrecisionEnum": "coopr.dates.Precision",
        "CountryEnum": "django_countries.countries",
        "OrganizationKindEnum": "people.models.Organization.Kind",
        "MeetingKindEnum": "projects.models.Meeting.Kind",
        "DocumentKindEnum": "projects.models.Document.Kind",
        "SourceKindEnum": "coopr.models.Source.Kind",
    },
}

# Import and export (django-import-export) -------------------------------------------------
# CSV and XLSX (coopr.admin_import_export). An import is all or nothing: it runs in a
# transaction, and one failing row rolls back every row. Editors (who may add records)
# import; anyone who may view records exports.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_CONFIRM = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# A cell starting with =, +, - or @ is a formula to a spreadsheet: exported as text.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
# Control characters (a vertical tab pasted from a word processor) cannot go into XLSX: they
# are exported as U+FFFD instead of failing the export.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

# Logging ----------------------------------------------------------------------------------
# One line per record on stderr (stdout is the output of management commands, `dumpdata >
# file` must not get log lines): JSON for the log collector (the default with DEBUG off), or
# text for a developer's console (the default with DEBUG on, as `make run`). Every record
# carries the id of the request it was logged in (coopr.logs); a request logs one access line
# (`coopr.request`), and a 500 one more, its traceback in `exc_info`.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request": {"()": "coopr.logs.RequestFilter"},
        "security_event": {"()": "coopr.logs.SecurityEventFilter"},
    },
    "formatters": {
        "json": {
            "()": "coopr.logs.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": LOG_FORMAT,
            "filters": ["request", "security_event"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers (a plain console in DEBUG, mail to ADMINS) give way to the one
        # above, and its records follow LOG_LEVEL.
        "django": {"handlers": [], "level": "NOTSET"},
        # 4xx are in the access line already; a 5xx is logged here once, with its traceback.
        "django.request": {"level": "ERROR"},
        # runserver's own line per request repeats the access line: only its errors.
        "django.server": {"handlers": [], "level": "ERROR", "propagate": True},
    },
}
