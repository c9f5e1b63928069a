"""Helpers shared by the public site's forms."""


def error_summary(form, form_id, radio_fields=()):
    """The (anchor, message) pairs of a bound form's error summary, in the form's order:
    errors of the whole form link to the form itself, a field's to its input (a radio
    group's to its first button)."""
    if not form.is_bound:
        return []
    summary = [(form_id, message) for message in form.non_field_errors()]
    for field in form:
        anchor = f"id_{field.name}_0" if field.name in radio_fields else f"id_{field.name}"
        summary.extend((anchor, message) for message in field.errors)
    return summary
