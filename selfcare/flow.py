"""Answering a self-assessment without JavaScript and without storing anything.

Between steps, the answers so far travel in the form's hidden fields, in the user's own
browser; the server checks them again on every step and forgets them when it has answered.
Only the daily counters in ``stats`` are written.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from catalogue.listing import scope_municipalities
from core.i18n import Translated, in_language_note
from core.inputs import ascii_int

from . import stats


@dataclass
class Item:
    """One question on the form, with what the user typed and any error."""

    question: object
    value: object  # str, or a list for multiple choice
    error: str | None
    show_group: bool

    @property
    def input_id(self):
        """The id of the question's first input: where the error summary's link leads."""
        if self.question.kind == "number":
            return self.question.name
        return f"{self.question.name}-1"

    @property
    def options(self):
        chosen = self.value if isinstance(self.value, list) else [self.value]
        return [
            (index, option, option.value in chosen)
            for index, option in enumerate(self.question.options, start=1)
        ]


@dataclass
class Recommendation:
    title: str
    url: str
    text: str = ""
    external: bool = False


def start(page):
    instrument = page.instrument()
    steps = instrument.steps(page.one_question_per_step)
    return _form(page, steps, 0, QueryDict(), {}, counted=False)


def answer(page, request):
    """The context for a submitted form: the next step, the same step with errors, or the
    result."""
    data = request.POST
    instrument = page.instrument()
    steps = instrument.steps(page.one_question_per_step)
    if not steps:
        return start(page)
    counted = data.get("counted") == "1"
    if not counted:
        stats.started(page)
    step = min(ascii_int(data.get("step", "0"), default=0), len(steps) - 1)
    if data.get("action") == "back":
        return _form(page, steps, max(step - 1, 0), data, {}, counted=True)

    shown = [question for questions in steps[: step + 1] for question in questions]
    answers, errors = instrument.check(data, shown)
    last = step == len(steps) - 1
    municipality = ""
    if last and page.ask_municipality:
        municipality, error = _municipality(data)
        if error:
            errors["municipality"] = error
    if errors:
        bad = next(
            (i for i, questions in enumerate(steps) if any(q.key in errors for q in questions)),
            step,
        )
        return _form(page, steps, bad, data, errors, counted=True)
    if not last:
        return _form(page, steps, step + 1, data, {}, counted=True)

    result = instrument.score(answers)
    stats.completed(page, result.band)
    return {
        "result": result,
        "recommendations": recommendations(result.band, municipality) if result.band else [],
        "answer_summary": [
            (question, question.answer_label(answers.get(question.key)))
            for question in instrument.questions
        ],
        "municipality": _municipality_name(municipality),
        "crisis_lines": [
            (in_language_note(language), number) for language, number in settings.CRISIS_LINES
        ],
    }


def _municipality(data):
    code = (data.get("municipality") or "").strip()
    if code and not scope_municipalities().filter(code=code).exists():
        return "", _("Choose a municipality from the list, or leave it empty.")
    return code, None


def _municipality_name(code):
    if not code:
        return ""
    municipality = scope_municipalities().filter(code=code).first()
    return municipality.name if municipality else ""


def _form(page, steps, step, data, errors, counted):
    questions = steps[step]
    on_step = {question.key for question in questions}
    items, previous_group = [], None
    for question in questions:
        items.append(
            Item(
                question=question,
                value=question.raw(data),
                error=errors.get(question.key),
                show_group=question.group is not None and question.group != previous_group,
            )
        )
        previous_group = question.group
    hidden = []
    for earlier in steps:
        for question in earlier:
            if question.key in on_step:
                continue
            raw = question.raw(data)
            for value in raw if isinstance(raw, list) else [raw]:
                if value:
                    hidden.append((question.name, value))
    last = step == len(steps) - 1
    summary = [
        (item.input_id, f"{item.question.text}: {item.error}") for item in items if item.error
    ]
    if errors.get("municipality"):
        summary.append(("municipality", errors["municipality"]))
    municipalities = []
    if last and page.ask_municipality:
        municipalities = sorted(scope_municipalities(), key=lambda m: m.name.casefold())
    else:
        chosen = (data.get("municipality") or "").strip()
        if chosen:
            hidden.append(("municipality", chosen))
    return {
        "answering": counted,
        "items": items,
        "hidden": hidden,
        "error_summary": summary,
        "municipality_error": errors.get("municipality"),
        "step": step,
        "step_number": step + 1,
        "step_count": len(steps),
        "is_last": last,
        "municipalities": municipalities,
        "chosen_municipality": (data.get("municipality") or "").strip(),
    }


def recommendations(band, municipality=""):
    """The band's recommendations as links in the current language."""
    language = translation.get_language()
    links = []
    for kind, value in band.recommendations:
        if kind == "theme" and value.get("theme"):
            theme = value["theme"]
            try:
                url = theme.page.url
            except ObjectDoesNotExist:
                url = f"{reverse('catalogue:search')}?{urlencode({'theme': theme.slug})}"
            links.append(
                Recommendation(
                    _("Theme: %(theme)s") % {"theme": theme.name},
                    url,
                    _("Services, self-assessments and advice on the theme."),
                )
            )
        elif kind == "services" and value.get("theme"):
            links.append(search_recommendation(value, municipality))
        elif kind == "page" and value.get("page") and value["page"].live:
            target = value["page"].specific
            links.append(
                Recommendation(target.title, target.url, str(Translated.of(value, "text")))
            )
        elif kind == "link":
            links.append(
                Recommendation(
                    str(Translated.of(value, "title")),
                    Translated.of(value, "url").get(language),
                    str(Translated.of(value, "text")),
                    external=True,
                )
            )
    return links


def search_recommendation(value, municipality=""):
    """A prepared catalogue search (``SearchRecommendationBlock``) as a link: the theme and
    filters, in ``municipality`` when the block asks for the user's own and one is known."""
    params = {"theme": value["theme"].slug}
    words = str(Translated.of(value, "words"))
    if words:
        params["q"] = words
    if value.get("near_user") and municipality:
        params["municipality"] = municipality
    if value.get("free_only"):
        params["free"] = "1"
    for name in ("provider", "channel"):
        if value.get(name):
            params[name] = value[name]
    place = _municipality_name(params.get("municipality", ""))
    return Recommendation(
        str(Translated.of(value, "label")),
        f"{reverse('catalogue:search')}?{urlencode(params)}",
        _("Services in %(municipality)s") % {"municipality": place} if place else "",
    )
