"""The Wagtail admin's page edit form, as a browser posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.i18n import language_codes


def page_form(page, text=("title", "slug", "intro"), streams=("body",), rich=(), **values):
    """The edit form of ``page`` in every site language: its current ``text`` fields, empty
    ``streams``, its ``rich`` texts, no comments; then ``values`` (already in the form's
    encoding, e.g. ``rich_text(html)``)."""
    fields = {"comments": inline_formset([])}
    for code in language_codes():
        for name in text:
            fields[f"{name}_{code}"] = getattr(page, f"{name}_{code}") or ""
        for name in streams:
            fields[f"{name}_{code}"] = streamfield([])
        for name in rich:
            fields[f"{name}_{code}"] = rich_text(getattr(page, f"{name}_{code}") or "")
    fields.update(values)
    return nested_form_data(fields)
