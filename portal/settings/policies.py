"""Content-Security-Policy directives for django-csp, built from settings (no Django
imports: the settings modules use them)."""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE


def tile_sources(tile_url):
    """The CSP source a Leaflet tile URL template needs: its scheme and host, with the
    ``{s}`` subdomain placeholder as a wildcard; nothing for tiles on the site itself."""
    parts = urlsplit(tile_url)
    if not parts.netloc:
        return []
    host = parts.netloc.replace("{s}", "*")
    if "{" in host:  # another placeholder in the host: allow the whole domain below it
        host = "*." + host.rsplit("}", 1)[1].lstrip(".")
    return [f"{parts.scheme}://{host}"]


def public_policy(tile_url, extra_img_src=(), upgrade=False):
    """The public site: scripts and styles only from the site's own files (no inline
    scripts; a nonce for a script a template really must inline), theme colours as style
    attributes, map tiles from the configured host, nothing framed, forms only to us."""
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE],
            "style-src": [SELF],
            # Theme colours are custom properties in style attributes; an attribute cannot
            # run script, and <style> elements stay forbidden.
            "style-src-attr": [UNSAFE_INLINE],
            "img-src": [SELF, "data:", *tile_sources(tile_url), *extra_img_src],
            "font-src": [SELF],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
            "upgrade-insecure-requests": upgrade,
        }
    }


def admin_policy(tile_url, upgrade=False):
    """Wagtail 8's admin still has inline scripts (inline panels, date pickers) and inline
    styles, so the admin gets 'unsafe-inline' for both; everything else stays as strict as
    on the public site, except that the admin frames its own previews."""
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, UNSAFE_INLINE],
            "style-src": [SELF, UNSAFE_INLINE],
            "img-src": [SELF, "data:", "blob:", *tile_sources(tile_url)],
            "font-src": [SELF, "data:"],
            "connect-src": [SELF],
            "frame-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [SELF],
            "upgrade-insecure-requests": upgrade,
        }
    }
