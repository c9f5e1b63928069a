"""``{{ number|phone }}`` shows a phone number as people read it; ``{{ number|tel }}`` is its
``tel:`` link (core.phones)."""

from django import template

from core import phones

register = template.Library()


@register.filter
def phone(number):
    return phones.display(number)


@register.filter
def tel(number):
    return phones.tel_uri(number)
