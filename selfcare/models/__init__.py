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

__all__ = [
    "AssessmentBandDay",
    "AssessmentDay",
    "AssessmentIndexPage",
    "ContinuationCode",
    "ProgrammeIndexPage",
    "SelfAssessmentPage",
    "SelfCareProgrammePage",
    "assessments",
    "programmes_live",
]
