"""Security headers: the Content-Security-Policy (django-csp; the policies are built in
portal/settings/policies.py) with the admin's own policy under its paths, and the
Permissions-Policy."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware choosing the admin policy under the admin's paths, and adding
    the Permissions-Policy header to every response."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(ADMIN_PREFIXES)
        ):
            config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
            return PolicyParts(config, parts.update, parts.replace, parts.nonce)
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response


def cross_site(request):
    """Whether a browser sent the request from another site's page: by Sec-Fetch-Site
    (anything but same-origin or a typed address), or else by an Origin that is not ours.
    A request with neither (not sent by a browser page) is not cross-site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return origin != f"{request.scheme}://{request.get_host()}"
