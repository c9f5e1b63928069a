"""Translated fields of StreamField blocks: one child block per site language
(``settings.LANGUAGES``), named ``<name>_<code>`` and labelled "<label> (<language>)" like
the generated model fields (core.i18n.translated_fields). A new language adds its child blocks;
stored values without them read as empty, which the readers (``core.i18n.Translated``) fill
from another language."""

from django.conf import settings

from core.i18n import language_label


def translated(name, block_class, label, *, required=True, help_text=None, **kwargs):
    """``{"<name>_<code>": block}`` for every site language, in order. ``required``: True
    (every language of ``settings.REQUIRED_CONTENT_LANGUAGES``), "default" (only
    ``settings.LANGUAGE_CODE``) or False. ``help_text`` is
    shown under the first language's field. In a StructBlock's body::

        locals().update(translated("label", blocks.CharBlock, _("option"), max_length=200))
    """
    children = {}
    for index, (code, _name) in enumerate(settings.LANGUAGES):
        needed = (required is True and code in settings.REQUIRED_CONTENT_LANGUAGES) or (
            required == "default" and code == settings.LANGUAGE_CODE
        )
        extra = {"help_text": help_text} if help_text and index == 0 else {}
        children[f"{name}_{code}"] = block_class(
            label=language_label(label, code), required=needed, **extra, **kwargs
        )
    return children
