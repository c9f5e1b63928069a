"""Settings shared by every environment. All machine-specific values come from the environment."""

from datetime import timedelta
from pathlib import Path

from .env import database_from_url, env_bool, env_int, env_list, env_str
from .policies import admin_policy, public_policy

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it translates; its
    # makemigrations/migrate overrides keep Wagtail's Page translation columns out of
    # migrations and add them with sync_page_translation_fields after migrate.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "core",
    "portal",
    "catalogue",
    "ptv_sync",
    "selfcare",
    "professionals",
    "editors",
    "indicators",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    "wagtail.contrib.routable_page",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy: core/security.py.
    "core.security.SecurityHeadersMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.pagecache.PublicCacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguagePrefixMiddleware",
    # Control characters in the path or the parameters: a 400 page (core.inputs).
    "portal.middleware.InputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Wagtail's site and page lookups kept per catalogue generation (portal.routing); after
    # CommonMiddleware, which checks the host.
    "portal.routing.WagtailLookupsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Counts page views for the indicators (nothing about the visitor); inside
    # ConditionalGetMiddleware, so that a revisit answered 304 is counted too.
    "indicators.counting.VisitCounterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "professionals.context_processors.professional",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        jit=env_bool("DATABASE_JIT", False),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Too many failures from one address, whatever the user names (password spraying).
    "portal.logins.AddressThrottleBackend",
    # django-axes: it refuses logins after too many failures (admin and professionals).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "professionals:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
# The public site is Finnish, Swedish and English. Message ids in code are English.
LANGUAGE_CODE = "fi"
# Language names are endonyms: the switcher shows each language in itself.
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
# The languages that content must be written in (the region's official languages). Other site
# languages are optional: a text missing in one is shown in another, marked with its lang.
REQUIRED_CONTENT_LANGUAGES = ["fi", "sv"]
# The languages a service may be offered in (editors choose among them for local services).
SERVICE_LANGUAGES = ["fi", "sv", "en"]
# MIELI's crisis line in each language it answers in (shown with a self-assessment's urgent
# help): (language, number).
CRISIS_LINES = [("fi", "09 2525 0111"), ("sv", "09 2525 0112")]
# The project's catalogue, then the strings Wagtail's own catalogues lack in Finnish and Swedish.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
# The licence of the county's own content and the compiled catalogue (the open data page).
OPEN_DATA_LICENCE = (
    env_str("OPEN_DATA_LICENCE", "CC BY 4.0"),
    env_str("OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"),
)
# Every admin time is in Finnish time: editors cannot choose another zone in their profile.
WAGTAIL_USER_TIME_ZONES = ["Europe/Helsinki"]
LANGUAGE_COOKIE_NAME = "hyvinvointiopas_language"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
# A text missing in Swedish falls back to Finnish, one missing in English to Finnish, then
# Swedish; templates mark such text with its lang.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi",), "fi": ("sv",), "en": ("fi", "sv")}

# The admin speaks the editors' languages; English stays for maintainers.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False  # one page tree; languages are fields (wagtail-modeltranslation)

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Email -----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "hyvinvointiopas@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Hyvinvointiopas – Välmåendeguide"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The links in notification e-mails use WAGTAILADMIN_BASE_URL; development without it uses the
# host the request came to instead (portal/settings/dev.py).
MAIL_LINKS_FROM_REQUEST = False
# Where people read what the open data (HSDS) profile adds: given in /api/hsds/profile/.
HSDS_PROFILE_DOCUMENTATION = env_str(
    "HSDS_PROFILE_DOCUMENTATION", WAGTAILADMIN_BASE_URL.rstrip("/") + "/api/hsds/profile/"
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No Gravatar: it would send a hash of every editor's e-mail address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin ask releases.wagtail.org for new versions (upgrades are planned work).
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Catalogue search ------------------------------------------------------------------------
CATALOGUE_SEARCH_BACKEND = env_str("CATALOGUE_SEARCH_BACKEND", "database")
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
# Text analysis (catalogue.search.analysis): Voikko's dictionary folder (empty: the system's,
# from Debian's voikko-fi) and the Swedish word list for decompounding (Debian's hunspell-sv).
VOIKKO_PATH = env_str("VOIKKO_PATH", "")
SWEDISH_WORDLIST = env_str("SWEDISH_WORDLIST", "/usr/share/hunspell/sv_SE.dic")
# Aliases <prefix>-fi and <prefix>-sv point at the live indexes (search_index rebuild).
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "hyvinvointiopas-services")
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", 1)
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 10)
# "" leaves refreshing to Elasticsearch (about a second); tests use "wait_for".
ELASTICSEARCH_REFRESH = env_str("ELASTICSEARCH_REFRESH", "")

# --- Cache and rate limits ------------------------------------------------------------------
# Rate limits count in the cache, so it must be shared by every worker process: Redis when
# REDIS_URL is set (production requires it); otherwise this process's memory (one process).
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hyvinvointiopas"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # django-ratelimit warns that a process's memory is not shared; with one process (make
    # run, the tests) it is exactly what is counted.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001", "axes.W001"]
# Behind the TLS proxy, the client's address is the last one the proxy appended.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", "") or None
# "N/s", "N/m", "N/h" or "N/d" per client address.
RATELIMIT_CONTINUATION_CODE = env_str("RATELIMIT_CONTINUATION_CODE", "10/m")
RATELIMIT_CONTINUATION_CODE_CREATE = env_str("RATELIMIT_CONTINUATION_CODE_CREATE", "20/h")
RATELIMIT_REFERRAL = env_str("RATELIMIT_REFERRAL", "10/h")
RATELIMIT_RECOMMENDATION_LIST = env_str("RATELIMIT_RECOMMENDATION_LIST", "60/h")
RATELIMIT_FEEDBACK = env_str("RATELIMIT_FEEDBACK", "5/h")
RATELIMIT_FEEDBACK_VOTE = env_str("RATELIMIT_FEEDBACK_VOTE", "30/h")

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one user name
# from one address, logins are refused for LOGIN_LOCKOUT_MINUTES. Counted in the cache: no
# addresses are written to the database.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# ... and after LOGIN_ADDRESS_FAILURE_LIMIT failures from one address across all user names
# (portal.logins): an office behind one address stays usable, spraying one password over
# many user names does not.
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/login_locked.html"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = [RATELIMIT_IP_META_KEY or "REMOTE_ADDR"]

# --- Professional tools ----------------------------------------------------------------------
RECOMMENDATION_LIST_DAYS = env_int("RECOMMENDATION_LIST_DAYS", 90)
# Self-care programme continuation codes unused this long are deleted (purge_continuation_codes).
CONTINUATION_CODE_DAYS = env_int("CONTINUATION_CODE_DAYS", 180)
REFERRAL_RETENTION_MONTHS = env_int("REFERRAL_RETENTION_MONTHS", 12)

# --- Data protection -------------------------------------------------------------------------
# Named on the data-protection page (tietosuojaseloste): the controller of the registers and
# where residents send requests about their data.
PRIVACY_CONTROLLER = env_str(
    "PRIVACY_CONTROLLER", "Pohjanmaan hyvinvointialue – Österbottens välfärdsområde"
)
PRIVACY_CONTACT = env_str("PRIVACY_CONTACT", "tietosuoja@example.fi")

# --- Editors ---------------------------------------------------------------------------------
# Where corrections to synced texts are made: the sources' own management sites.
PTV_MANAGEMENT_URL = env_str("PTV_MANAGEMENT_URL", "https://palvelutietovaranto.suomi.fi/")
LAHELLA_MANAGEMENT_URL = env_str("LAHELLA_MANAGEMENT_URL", "https://www.lahella.fi/")
LIPAS_MANAGEMENT_URL = env_str("LIPAS_MANAGEMENT_URL", "https://www.lipas.fi/")
# Handled error reports (with their optional contact e-mail) are deleted after this long.
FEEDBACK_RETENTION_MONTHS = env_int("FEEDBACK_RETENTION_MONTHS", 12)
# A zero-result search text is shown to coordinators only once it has been searched this
# many times in the month; until then only a keyed hash of it is stored.
INDICATOR_QUERY_MIN_COUNT = env_int("INDICATOR_QUERY_MIN_COUNT", 5)
# With Redis, page views are counted in Redis and added to the database by the background
# worker (queue "counters") at most this many seconds apart, and before any report reads them.
COUNTER_FLUSH_SECONDS = env_int("COUNTER_FLUSH_SECONDS", 30)

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action and every background task at INFO.
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        # django-axes logs every login at INFO; lockouts are warnings.
        "axes": {"level": env_str("AXES_LOG_LEVEL", "WARNING")},
    },
}

# --- Page caching ----------------------------------------------------------------------------
# Public pages: how long browsers and shared caches may keep them without asking (seconds;
# 0: they keep them but ask each time, and get 304 Not Modified while the page is the same).
# Catalogue pages are also kept in the cache above for anonymous visitors, until a sync, a
# re-index or a publication makes them out of date, or CATALOGUE_PAGE_CACHE_SECONDS pass
# (0 turns that off).
PUBLIC_PAGE_MAX_AGE = env_int("PUBLIC_PAGE_MAX_AGE", 0)
CATALOGUE_PAGE_CACHE_SECONDS = env_int("CATALOGUE_PAGE_CACHE_SECONDS", 600)
# What every page shows and only a publication, a sync or an editor's change alters (the
# menus, the theme list, a page's address in each language) is kept this long in the same
# cache, also when the page cache is off (0 turns it off too).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)

# --- Maps ------------------------------------------------------------------------------------
# Leaflet (vendored in portal/static/vendor) draws the maps; the tiles come from here. A URL
# with {z}/{x}/{y} (and optionally {s}); the attribution is HTML the tile provider requires.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
MAP_MAX_ZOOM = env_int("MAP_MAX_ZOOM", 18)
# The results map shows at most this many services (the best-ranked ones); the list has all.
MAP_MAX_POINTS = env_int("MAP_MAX_POINTS", 500)

# --- Security headers and uploads -----------------------------------------------------------
# The Content-Security-Policy allows no inline scripts on the public site; map tiles may come
# from MAP_TILE_URL's host and the hosts in CSP_EXTRA_IMG_SRC (comma-separated sources). The
# admin has its own policy (Wagtail's admin has inline scripts): core/security.py.
CSP_EXTRA_IMG_SRC = env_list("CSP_EXTRA_IMG_SRC")
CONTENT_SECURITY_POLICY = public_policy(MAP_TILE_URL, CSP_EXTRA_IMG_SRC)
CONTENT_SECURITY_POLICY_ADMIN = admin_policy(MAP_TILE_URL)
# Near me asks for the location on our own pages only; nothing else is ever used.
PERMISSIONS_POLICY = env_str(
    "PERMISSIONS_POLICY",
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), "
    "display-capture=(), browsing-topics=()",
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# A signed-in professional (or editor) is signed out this many seconds after signing in
# (default 8 hours: one working day).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Editors upload raster images only (no SVG: it can carry script), of at most
# IMAGE_MAX_UPLOAD_MB megabytes and IMAGE_MAX_MEGAPIXELS million pixels.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_MEGAPIXELS", 40) * 1_000_000
# Documents are served as downloads, never shown inline in the browser, except PDF.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

# --- Background tasks ------------------------------------------------------------------------
# Wagtail's own small tasks (search index, references) run immediately; catalogue syncs go to
# a database queue worked by `manage.py db_worker --backend sync` (make run starts one).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "sync": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["sync", "counters"]},
}

# --- Catalogue sync --------------------------------------------------------------------------
# Scope: the wellbeing services county (default Pohjanmaa, 17) or an explicit list of
# municipality codes.
CATALOGUE_COUNTY = env_str("CATALOGUE_COUNTY", "17")
CATALOGUE_MUNICIPALITIES = env_list("CATALOGUE_MUNICIPALITIES")
PTV_V11_URL = env_str("PTV_V11_URL", "https://api.palvelutietovaranto.suomi.fi/api/v11/")
PTV_V12_URL = env_str("PTV_V12_URL", "https://api-gw.palvelutietovaranto.suomi.fi/")
PTV_API_KEY = env_str("PTV_API_KEY", "")
SYNC_HTTP_TIMEOUT = env_int("SYNC_HTTP_TIMEOUT", 60)
# The longest Retry-After a sync waits (seconds); a source asking for longer ends the run
# partial, with the reason recorded, instead of stalling it.
SYNC_RETRY_AFTER_MAX = env_int("SYNC_RETRY_AFTER_MAX", 300)
# The deletion guard counts a source's deactivations over this many days (ptv_sync.guard).
SYNC_DEACTIVATION_WINDOW_DAYS = env_int("SYNC_DEACTIVATION_WINDOW_DAYS", 7)
# ... of 20 % of each kind's active rows, or of this many rows if that is more.
SYNC_DEACTIVATION_FLOOR = env_int("SYNC_DEACTIVATION_FLOOR", 5)
# Items written per transaction: a batch the database refuses rolls back whole, is recorded
# in the run, and is written by the next run.
SYNC_BATCH_SIZE = env_int("SYNC_BATCH_SIZE", 500)
# Rows a sync writes into a group of tables before it renews their planner statistics (and at
# least as many as the tables then had): core.fastwrite.Statistics.
SYNC_ANALYSE_ROWS = env_int("SYNC_ANALYSE_ROWS", 1000)
# Lähellä.fi partner access: the base URL of an activity list endpoint (…/v1/ so that
# activities?limit=&skip= can be appended) and its token (sent as a Bearer token).
LAHELLA_API_URL = env_str("LAHELLA_API_URL", "")
LAHELLA_API_TOKEN = env_str("LAHELLA_API_TOKEN", "")
# LIPAS (Liikuntapaikat.fi) API V2: public, no token; "v2/sports-sites" is appended.
LIPAS_API_URL = env_str("LIPAS_API_URL", "https://api.lipas.fi/")
