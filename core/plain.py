"""Plain-language versions of pages (selkokieli / lättläst): an optional text an editor writes
per language, shown instead of the page's standard text when the reader chooses it with the
page's switch (``?plain=1``: an address, so no cookie and no script is needed)."""

from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

PARAMETER = "plain"
FEATURES = ["h2", "h3", "bold", "ol", "ul", "link"]


def plain_field():
    """The page's plain-language version (translated like its other texts)."""
    return RichTextField(
        _("plain-language version"),
        blank=True,
        features=FEATURES,
        help_text=_(
            "Optional: the page's text in plain language (selkokieli, lättläst), shown when "
            "a reader chooses it. Short sentences, common words, one thing per sentence."
        ),
    )


def plain_text(page, language=None):
    """The page's own plain-language text in ``language`` (the active one), or "". Another
    language's text never stands in: a plain version is for readers of that language."""
    text = str(getattr(page, f"plain_{language or get_language()}", "") or "")
    return text if written(text) else ""


def written(text):
    """Whether a rich text holds any words (an emptied editor field leaves empty tags)."""
    return bool(strip_tags(str(text or "")).strip())
