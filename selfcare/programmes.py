"""Serving self-care programmes: the overview, steps, print view and continuation codes.

Progress is read from and written to the signed cookie (``progress``); nothing but the
anonymous daily counters (``stats``) and, when the user asks for one, a continuation code is
written on the server. Reflection answers and checklist ticks never reach the server: their
inputs have no ``name`` and only the page's script keeps them, in the browser.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode, urlparse

from django.http import Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import ratelimits
from core.i18n import Translated
from core.inputs import ascii_int, safe_next
from core.plain import PARAMETER as PLAIN
from core.qr import qr_svg

from . import progress as store
from . import stats, urlwords
from .flow import search_recommendation

CODE_PARAMETER = "koodi"


@dataclass
class Step:
    number: int
    key: str
    title: Translated
    minutes: int
    content: object  # the step's StreamValue
    plain: Translated = None  # the plain-language version, per language (may be empty)
    done: bool = False
    current: bool = False  # the step to continue from
    url: str = ""


def steps_of(page):
    steps = []
    for number, block in enumerate(page.steps, start=1):
        value = block.value
        steps.append(
            Step(
                number=number,
                key=store.step_key(block.id),
                title=Translated.of(value, "title"),
                minutes=value["minutes"] or 0,
                content=value["content"],
                plain=Translated.of(value, "plain"),
            )
        )
    return steps


def step_url(page, number):
    return f"{page.url}{urlwords.STEP}/{number}/"


def print_url(page):
    return f"{page.url}{urlwords.PRINT}/"


def _index(page):
    from .models import ProgrammeIndexPage

    if isinstance(page, ProgrammeIndexPage):
        return page
    parent = page.get_parent().specific
    return parent if isinstance(parent, ProgrammeIndexPage) else ProgrammeIndexPage.objects.first()


def resume_url(page):
    index = _index(page)
    return f"{index.url}{urlwords.RESUME}/" if index else ""


def code_url(page):
    index = _index(page)
    return f"{index.url}{urlwords.CODE}/" if index else ""


def with_status(page, state):
    """The programme's steps with their status and addresses for this user."""
    steps = steps_of(page)
    keys = [step.key for step in steps]
    current = store.first_open(store.tidy(state, keys), keys) if state else None
    for step in steps:
        step.url = step_url(page, step.number)
        step.done = bool(state) and step.key in state.done
        step.current = bool(state) and step.key == current
    return steps


@dataclass
class Summary:
    """A programme in a list, with this user's progress."""

    page: object
    steps: list
    started: bool
    done_count: int
    current: Step | None

    @property
    def completed(self):
        return self.started and self.done_count == len(self.steps) and bool(self.steps)


def summary(page, progress):
    state = progress.get(page.pk)
    steps = with_status(page, state)
    current = next((step for step in steps if step.current), None)
    return Summary(
        page=page,
        steps=steps,
        started=state is not None,
        done_count=sum(step.done for step in steps),
        current=current,
    )


def listing(request, pages):
    progress = store.read(request)
    return [summary(page, progress) for page in pages]


def in_progress(request):
    """Programmes this browser has started and not finished, for "continue where you left
    off" (home page, programme list)."""
    from .models import programmes_live

    progress = store.read(request)
    if not progress.programmes:
        return []
    pages = programmes_live().filter(pk__in=list(progress.programmes))
    return [item for item in (summary(page, progress) for page in pages) if item.current]


def _private(response):
    """Every programme page depends on the visitor's cookie: no shared cache may keep it."""
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def _redirect(request, url, progress):
    """Back to a page, with the progress in the cookie (no cookie when there is none). A reader
    who chose the plain-language version keeps it."""
    if request.GET.get(PLAIN) == "1":
        address, _hash, fragment = url.partition("#")
        url = f"{address}{'&' if '?' in address else '?'}{PLAIN}=1" + (
            f"#{fragment}" if fragment else ""
        )
    response = HttpResponseRedirect(url)
    if progress.programmes or progress.code:
        store.write(response, progress)
    elif store.COOKIE in request.COOKIES:
        response.delete_cookie(store.COOKIE, samesite="Lax")
    return response


def _page_context(page, progress):
    item = summary(page, progress)
    state = progress.get(page.pk)
    return {
        "steps": item.steps,
        "started": item.started,
        "current_step": item.current,
        "done_count": item.done_count,
        "completed": item.completed,
        "progress_json": json.dumps(
            {"programme": page.pk, "state": state.as_json() if state else None}
        ),
        "continuation_code": store.display_code(progress.code) if progress.code else "",
        "print_url": print_url(page),
        "resume_url": resume_url(page),
        "code_url": code_url(page),
        "step_unit": page.step_unit,
    }


def _save(progress):
    store.save_to_code(progress)
    return progress


def overview_view(page, request):
    progress = store.read(request)
    keys = [step.key for step in steps_of(page)]
    if request.method == "POST" and keys:
        action = request.POST.get("action")
        if action == "start":
            if store.start(progress, page.pk, keys):
                stats.programme_started(page)
                stats.programme_step_reached(page, keys[0])
            state = progress.get(page.pk)
            number = keys.index(store.first_open(state, keys) or keys[0]) + 1
            return _redirect(request, step_url(page, number), _save(progress))
        if action == "restart":
            store.restart(progress, page.pk)
            return _redirect(request, page.url, _save(progress))
        if action == "restore" and progress.get(page.pk) is None:
            try:
                saved = json.loads(request.POST.get("saved", ""))
            except ValueError:
                saved = None
            store.merge(progress, store.parse_states({str(page.pk): saved}))
            return _redirect(request, page.url, _save(progress))
        return _redirect(request, page.url, progress)
    context = _page_context(page, progress)
    return _private(page.render(request, context_overrides=context))


def step_view(page, request, number):
    progress = store.read(request)
    steps = steps_of(page)
    if not 1 <= number <= len(steps):
        raise Http404
    keys = [step.key for step in steps]
    key = keys[number - 1]
    if request.method == "POST":
        if request.POST.get("action") != "done":
            return _redirect(request, step_url(page, number), progress)
        started, reached, completed = store.mark_done(progress, page.pk, keys, key)
        if started:
            stats.programme_started(page)
            stats.programme_step_reached(page, key)
        if reached:
            stats.programme_step_reached(page, reached)
        if completed:
            stats.programme_completed(page)
        state = progress.get(page.pk)
        if state.current is None:
            return _redirect(request, f"{page.url}#programme-completed", _save(progress))
        return _redirect(request, step_url(page, keys.index(state.current) + 1), _save(progress))
    changed = store.visit(progress, page.pk, keys, key)
    context = _page_context(page, progress)
    step = context["steps"][number - 1]
    context.update(
        step=step,
        previous_step=context["steps"][number - 2] if number > 1 else None,
        next_step=context["steps"][number] if number < len(steps) else None,
        step_content=render_content(step),
        step_plain=step.plain[get_language()],  # its own language's only (core.plain)
    )
    response = page.render(
        request, template="selfcare/programme_step.html", context_overrides=context
    )
    if changed:
        store.write(response, _save(progress))
    return _private(response)


def print_view(page, request):
    progress = store.read(request)
    context = _page_context(page, progress)
    context["printable"] = [(step, render_content(step)) for step in context["steps"]]
    response = page.render(
        request, template="selfcare/programme_print.html", context_overrides=context
    )
    return _private(response)


@dataclass
class Block:
    kind: str
    value: object
    id: str
    extra: object = None


def render_content(step):
    """The step's blocks in the order written, with what their templates need."""
    blocks = []
    for index, block in enumerate(step.content, start=1):
        extra = None
        if block.block_type == "services" and block.value.get("theme"):
            extra = search_recommendation(block.value)
        elif block.block_type == "video":
            url = block.value["video"].url if block.value.get("video") else ""
            extra = {"url": url, "host": urlparse(url).hostname or ""}
        blocks.append(Block(block.block_type, block.value, f"{step.key}-{index}", extra))
    return blocks


# --- Continuation codes ---------------------------------------------------------------------


WRONG_CODES = ("selfcare.continuation-code", "RATELIMIT_CONTINUATION_CODE")


def resume_view(index, request):
    """Enter a continuation code to bring the progress onto this device. A QR code leads
    here with the code filled in; it is used only when the user sends the form."""
    from .models import programmes_live

    data = request.POST if request.method == "POST" else request.GET
    typed = data.get("code", "") if request.method == "POST" else data.get(CODE_PARAMETER, "")
    programme = data.get("programme", "")
    error, status = "", 200
    if request.method == "POST":
        progress = store.read(request)
        if not typed.strip():
            error = _("Enter your continuation code.")
        elif ratelimits.used_up(request, *WRONG_CODES):
            error = _(
                "Too many wrong codes have been tried from your connection. "
                "Wait a minute and try again."
            )
            status = 429
        elif store.resume_with_code(progress, typed):
            pages = {page.pk: page for page in programmes_live()}
            started = [pk for pk in progress.programmes if pk in pages]
            target = ascii_int(programme)
            if target not in started:
                target = started[0] if len(started) == 1 else None
            url = index.url
            if target is not None:
                item = summary(pages[target], progress)
                url = item.current.url if item.current else item.page.url
            return _redirect(request, url, progress)
        else:
            ratelimits.hit(request, *WRONG_CODES)
            error = _(
                "No progress was found with this code. Check the code: it has 12 letters and "
                "digits, for example ABCD-EFGH-JKMN. Codes that have not been used for "
                "%(days)s days are deleted."
            ) % {"days": store.CODE_LIFETIME_DAYS}
    context = {
        "heading": _("Continue with a code"),
        "code_value": typed,
        "code_error": error,
        "programme_id": programme,
    }
    response = index.render(
        request, template="selfcare/continuation_resume.html", context_overrides=context
    )
    response.status_code = status
    return _private(response)


def index_view(index, request):
    from .models import programmes_live

    context = {
        "programmes": listing(request, programmes_live().child_of(index)),
        "resume_url": resume_url(index),
    }
    return _private(index.render(request, context_overrides=context))


def code_view(index, request):
    """Make a continuation code for this browser's progress, or show the one it has, as
    text and as a QR code."""
    progress = store.read(request)
    status = 200
    error = ""
    if request.method == "POST":
        back = safe_next(request, request.POST.get("next"))
        if not progress.programmes:
            error = _("Start a programme first: the code carries your progress.")
        elif progress.code:
            return _redirect(request, _code_page(index, back), progress)
        elif ratelimits.hit(
            request, "selfcare.continuation-code-create", "RATELIMIT_CONTINUATION_CODE_CREATE"
        ):
            error = _("Too many codes have been made from your connection. Try again later.")
            status = 429
        else:
            store.create_code(progress)
            return _redirect(request, _code_page(index, back), progress)
    else:
        store.save_to_code(progress)  # drops a code that has expired meanwhile
    code = store.display_code(progress.code) if progress.code else ""
    link = ""
    qr = ""
    if code:
        link = request.build_absolute_uri(
            f"{resume_url(index)}?{urlencode({CODE_PARAMETER: code})}"
        )
        qr = qr_svg(link, _("QR code"), scale=5, border=2)
    back = safe_next(request, request.GET.get("next")) if request.method == "GET" else ""
    context = {
        "heading": _("Your continuation code"),
        "continuation_code": code,
        "resume_link": link,
        "qr_svg": qr,
        "code_error": error,
        "back_url": back,
        "lifetime_days": store.CODE_LIFETIME_DAYS,
    }
    response = index.render(
        request, template="selfcare/continuation_code.html", context_overrides=context
    )
    response.status_code = status
    return _private(response)


def _code_page(index, back):
    url = code_url(index)
    if back:  # already checked by safe_next
        url += "?" + urlencode({"next": back})
    return url
