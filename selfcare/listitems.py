"""Self-assessments and self-care programmes as items of a professional's recommendation
list (core.listitems). A programme may come with a prepared continuation code: the client
opens the programme with it and starts from its first step, on any device."""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from core.listitems import PageKind, register_page_kind

from . import progress as store
from .models import SelfAssessmentPage, SelfCareProgrammePage
from .programmes import CODE_PARAMETER, resume_url, steps_of


def prepare_code(page):
    """A new continuation code holding the programme started at its first step."""
    keys = [step.key for step in steps_of(page)]
    prepared = store.Progress()
    if keys:
        store.start(prepared, page.pk, keys)
    return store.display_code(store.create_code(prepared))


def code_url(page, code):
    return f"{resume_url(page)}?{urlencode({CODE_PARAMETER: code})}"


register_page_kind(
    PageKind(
        kind="assessment",
        model=SelfAssessmentPage,
        next_step=_(
            "Answer the questions on your own. At the end you get feedback and links to "
            "services that can help. Your answers are not stored."
        ),
        order=10,
    )
)
register_page_kind(
    PageKind(
        kind="programme",
        model=SelfCareProgrammePage,
        next_step=_(
            "Open the programme and go through it one step at a time, at your own pace. "
            "Your progress is kept on your device."
        ),
        order=20,
        prepare_code=prepare_code,
        code_url=code_url,
    )
)
