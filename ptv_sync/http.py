"""HTTP access to the sources: one requests Session per client, urllib3 Retry on 429 and 5xx
that honours Retry-After, timeouts, a User-Agent, and the project's own exceptions."""

import logging
import time

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

logger = logging.getLogger(__name__)

USER_AGENT = "hyvinvointiopas/0.1 (+https://github.com/; catalogue sync)"
DEFAULT_TIMEOUT = (5, 60)  # connect, read (seconds)


class SourceError(Exception):
    """The source could not be read. Subclasses say why."""


class SourceUnavailable(SourceError):
    """Timeouts, refused connections, or 429/5xx answers that persisted through retries."""


class SourceTimeout(SourceUnavailable):
    """The source accepted the connection but did not answer in time (read timeout)."""


class BadResponse(SourceError):
    """The source answered, but not with what its API promises (e.g. malformed JSON)."""


class SourceDeferred(SourceError):
    """The source asked us to come back later than we wait (Retry-After past the cap). The
    run stops reading, keeps what it has and ends partial."""

    def __init__(self, url, seconds, cap):
        self.url, self.seconds, self.cap = url, seconds, cap
        super().__init__(
            f"{url} asked to wait {seconds:.0f} s (Retry-After), longer than the "
            f"{cap:.0f} s this sync waits; try again later"
        )


class PoliteRetry(Retry):
    """urllib3 Retry that waits through a replaceable clock, so tests can see the waits
    (Retry-After and exponential backoff) without sleeping."""

    wait = staticmethod(time.sleep)
    # The longest Retry-After honoured (settings.SYNC_RETRY_AFTER_MAX); a longer one stops
    # the run instead of stalling it for hours.
    max_wait = 300.0

    def new(self, **kwargs):
        retry = super().new(**kwargs)
        retry.max_wait = self.max_wait
        return retry

    def sleep_for_retry(self, response=None):
        retry_after = self.get_retry_after(response) if response is not None else None
        if retry_after and retry_after > self.max_wait:
            url = getattr(response, "geturl", lambda: "")() or "the source"
            raise SourceDeferred(url, retry_after, self.max_wait)
        if retry_after:
            logger.info("Source asked to wait %.0f s (Retry-After)", retry_after)
            PoliteRetry.wait(retry_after)
            return True
        return False

    def _sleep_backoff(self):
        backoff = self.get_backoff_time()
        if backoff > 0:
            PoliteRetry.wait(backoff)


class ApiClient:
    def __init__(
        self,
        base_url,
        *,
        headers=None,
        timeout=DEFAULT_TIMEOUT,
        retries=5,
        backoff_factor=1.0,
        backoff_max=60,
        max_retry_after=None,
    ):
        self.base_url = base_url.rstrip("/") + "/"
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        self.session.headers.update(headers or {})
        retry = PoliteRetry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff_factor,
            backoff_max=backoff_max,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        if max_retry_after is not None:
            retry.max_wait = float(max_retry_after)
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.requests_made = 0

    def get_json(self, path, params=None):
        url = self.base_url + path.lstrip("/")
        self.requests_made += 1
        try:
            response = self.session.get(url, params=params, timeout=self.timeout)
        except requests.ConnectTimeout as exc:
            raise SourceUnavailable(f"cannot connect to {url} (timeout): {exc}") from exc
        except requests.Timeout as exc:
            raise SourceTimeout(f"timeout reading {url}: {exc}") from exc
        except requests.ConnectionError as exc:
            # Retried read timeouts reach us as a ConnectionError around urllib3's reason.
            reason = getattr(exc.args[0], "reason", None) if exc.args else None
            if isinstance(reason, ReadTimeoutError):
                raise SourceTimeout(
                    f"timeout reading {url} (no answer in {self.read_timeout} s, "
                    f"{self.max_retries} retries)"
                ) from exc
            raise SourceUnavailable(f"cannot connect to {url}: {exc}") from exc
        except requests.RequestException as exc:
            raise SourceUnavailable(f"request to {url} failed: {exc}") from exc
        if response.status_code in (429,) or response.status_code >= 500:
            raise SourceUnavailable(
                f"{url} answered {response.status_code} after {self.max_retries} retries"
            )
        if response.status_code == 404:
            return None
        if response.status_code >= 400:
            raise BadResponse(f"{url} answered {response.status_code}: {response.text[:300]}")
        try:
            return response.json()
        except ValueError as exc:
            raise BadResponse(f"{url} did not answer valid JSON ({exc})") from exc

    @property
    def read_timeout(self):
        return self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout

    @property
    def max_retries(self):
        return self.session.get_adapter(self.base_url).max_retries.total

    def close(self):
        self.session.close()
