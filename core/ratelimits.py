"""Rate limits over django-ratelimit, with the limits named in settings: one place that
counts a request, and one that only asks whether the limit is used up."""

from django.conf import settings
from django_ratelimit.core import get_usage


def _usage(request, group, setting, key, increment):
    return get_usage(
        request,
        group=group,
        key=key,
        rate=getattr(settings, setting),
        method="POST",
        increment=increment,
    )


def hit(request, group, setting, key="ip"):
    """Count this request; True when it goes over the limit in ``settings.<setting>``."""
    usage = _usage(request, group, setting, key, increment=True)
    return usage is not None and usage["should_limit"]


def used_up(request, group, setting, key="ip"):
    """Whether the limit is already reached, without counting this request (for limits on
    failures only, counted with ``hit`` when one happens)."""
    usage = _usage(request, group, setting, key, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]
