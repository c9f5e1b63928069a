"""Password spraying: besides django-axes's lockout of one user name from one address, a limit
on failed logins from one address across all user names (LOGIN_ADDRESS_FAILURE_LIMIT within
LOGIN_LOCKOUT_MINUTES). Counted in the cache (Redis in production, shared by the workers);
no address is written to the database. A refused login gets axes's lockout page."""

from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver


def _address(request):
    key = settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR"
    return (request.META.get(key) or "").split(",")[0].strip() if request is not None else ""


def _key(address):
    return f"login-failures:address:{address}"


def failures_from(request):
    address = _address(request)
    return cache.get(_key(address), 0) if address else 0


class AddressThrottleBackend:
    """First among the backends: refuses every login from an address with too many recent
    failures, whatever the user name. It authenticates nobody itself, and has no get_user:
    no session is ever tied to it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and failures_from(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            request.axes_locked_out = True
            request.axes_credentials = {"username": username}
            raise AxesBackendPermissionDenied("too many failed logins from this address")
        return None


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    address = _address(request)
    if not address:
        return
    key = _key(address)
    timeout = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if not cache.add(key, 1, timeout):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout)
