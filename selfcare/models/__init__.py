from .assessments import (
    AssessmentBandDay,
    AssessmentDay,
    AssessmentIndexPage,
    SelfAssessmentPage,
    assessments,
)
from .programmes import (
    ContinuationCode,
    ProgrammeIndexPage,
    SelfCareProgrammePage,
    programmes_live,
)
from .recommendations import RecommendationItem, RecommendationList
from .referrals import CounsellingMunicipality, Referral, ReferralAudit, ReferralEvent

__all__ = [
    "AssessmentBandDay",
    "AssessmentDay",
    "AssessmentIndexPage",
    "ContinuationCode",
    "CounsellingMunicipality",
    "ProgrammeIndexPage",
    "RecommendationItem",
    "RecommendationList",
    "Referral",
    "ReferralAudit",
    "ReferralEvent",
    "SelfAssessmentPage",
    "SelfCareProgrammePage",
    "assessments",
    "programmes_live",
]
