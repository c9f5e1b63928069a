"""A service page offers a referral unit's form ("Make a referral", "Sign up"): a change of a
unit or a type starts a new generation of the cached catalogue pages (core.pagecache)."""

from django.db.models.signals import post_delete, post_save

from core.pagecache import invalidate_catalogue_pages

from .models import ReferralType, ReferralUnit

for model in (ReferralType, ReferralUnit):
    for signal in (post_save, post_delete):
        signal.connect(
            invalidate_catalogue_pages,
            sender=model,
            dispatch_uid=f"page-cache-{model._meta.label}-{id(signal)}",
        )
