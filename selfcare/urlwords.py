"""The words of the programmes' own addresses, in the site's languages (msgctxt "URL path").
Links use the current language's word; the routes accept the word in any site language."""

from django.utils.translation import pgettext_lazy

STEP = pgettext_lazy("URL path", "step")
PRINT = pgettext_lazy("URL path", "print")
RESUME = pgettext_lazy("URL path", "resume")
CODE = pgettext_lazy("URL path", "code")
