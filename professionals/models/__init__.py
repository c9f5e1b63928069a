from .recommendations import NationalService, RecommendationItem, RecommendationList
from .referrals import Referral, ReferralAudit, ReferralEvent, ReferralType, ReferralUnit

__all__ = [
    "NationalService",
    "RecommendationItem",
    "RecommendationList",
    "Referral",
    "ReferralAudit",
    "ReferralEvent",
    "ReferralType",
    "ReferralUnit",
]
