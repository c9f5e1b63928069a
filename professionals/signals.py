"""A service page offers a referral unit's form ("Make a referral", "Sign up"): a change of a
unit or a type starts a new generation of the cached catalogue pages (core.pagecache)."""

from core.pagecache import invalidate_on_change

from .models import ReferralType, ReferralUnit

invalidate_on_change(ReferralType, ReferralUnit)
