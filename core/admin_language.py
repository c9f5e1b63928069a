"""Wagtail's snippet chooser translates its button texts ("Choose %(object)s") when the
widget is made, and Wagtail makes it once per form class: the first request's language then
stays for everyone (an English button on the Finnish and Swedish admin after a test or a
visit in English). ``localise_snippet_chooser`` makes the texts lazy, so that each is
translated when a page is drawn, in that request's language."""

from django.utils.functional import lazy
from django.utils.translation import gettext


def _text(message, model):
    return gettext(message) % {"object": model._meta.verbose_name}


_lazy_text = lazy(_text, str)


def localise_snippet_chooser():
    from wagtail.snippets.widgets import AdminSnippetChooser

    if getattr(AdminSnippetChooser, "_localised", False):
        return
    made = AdminSnippetChooser.__init__

    def __init__(self, model=None, **kwargs):
        made(self, model=model, **kwargs)
        self.choose_one_text = _lazy_text("Choose %(object)s", self.model)
        self.choose_another_text = _lazy_text("Choose another %(object)s", self.model)
        self.link_to_chosen_text = _lazy_text("Edit this %(object)s", self.model)

    AdminSnippetChooser.__init__ = __init__
    AdminSnippetChooser._localised = True
