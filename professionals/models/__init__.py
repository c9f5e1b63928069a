from .recommendations import RecommendationItem, RecommendationList
from .referrals import CounsellingMunicipality, Referral, ReferralAudit, ReferralEvent

__all__ = [
    "CounsellingMunicipality",
    "RecommendationItem",
    "RecommendationList",
    "Referral",
    "ReferralAudit",
    "ReferralEvent",
]
