"""The static files' storage in production: WhiteNoise's compressed files with hashed names,
each name's address worked out once per process. A page links about a dozen static files
(styles, scripts, icons), and their addresses change only with a deployment: collectstatic
writes a new manifest, and the restarted processes read it."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

# At most this many addresses are kept: the project has a few hundred static files.
KEPT_URLS = 4096


class ManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = super().url(name)  # a name the manifest lacks raises, as before
            if len(self._urls) < KEPT_URLS:
                self._urls[name] = found
        return found
