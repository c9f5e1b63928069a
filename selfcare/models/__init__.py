from .assessments import (
    AssessmentBandDay,
    AssessmentDay,
    AssessmentIndexPage,
    SelfAssessmentPage,
    assessments,
)
from .programmes import (
    ContinuationCode,
    ProgrammeDay,
    ProgrammeIndexPage,
    ProgrammeStepDay,
    SelfCareProgrammePage,
    programmes_live,
)

__all__ = [
    "AssessmentBandDay",
    "AssessmentDay",
    "AssessmentIndexPage",
    "ContinuationCode",
    "ProgrammeDay",
    "ProgrammeIndexPage",
    "ProgrammeStepDay",
    "SelfAssessmentPage",
    "SelfCareProgrammePage",
    "assessments",
    "programmes_live",
]
