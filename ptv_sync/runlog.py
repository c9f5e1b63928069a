"""A sync run as people read it in the admin: where it synced (municipality names, not
codes), how long it took, its times in Finnish time, and what went wrong as one plain
sentence per kind of problem in Finnish or Swedish. The technical detail (the message and
the stored errors) stays there for an operator, behind a disclosure."""

from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from catalogue.openinghours import HELSINKI
from catalogue.reference import county_names, municipality_names
from core.i18n import Translated

from .http import BadResponse, SourceDeferred, SourceTimeout, SourceUnavailable
from .models import SyncRun


def problem_of(error):
    """The run's problem for a SourceError the run stopped on."""
    if isinstance(error, SourceTimeout):
        return SyncRun.Problem.TIMEOUT
    if isinstance(error, SourceUnavailable):
        return SyncRun.Problem.UNREACHABLE
    if isinstance(error, BadResponse):
        return SyncRun.Problem.BAD_RESPONSE
    if isinstance(error, SourceDeferred):
        return SyncRun.Problem.DEFERRED
    return SyncRun.Problem.FOLDER


def problem_sentence(run):
    """What stopped the run, as one plain sentence ("" when nothing did)."""
    name = run.source_name
    sentences = {
        SyncRun.Problem.UNREACHABLE: _(
            "%(source)s did not answer. The guide keeps the services it had; the next run "
            "tries again."
        ),
        SyncRun.Problem.TIMEOUT: _(
            "%(source)s answered too slowly. The guide keeps the services it had; the next "
            "run tries again."
        ),
        SyncRun.Problem.BAD_RESPONSE: _(
            "%(source)s returned an invalid page. The guide keeps the services it had. If "
            "this repeats, the source's interface may have changed."
        ),
        SyncRun.Problem.DEFERRED: _(
            "%(source)s asked us to come back later. What was read before is saved; nothing "
            "was removed."
        ),
        SyncRun.Problem.FOLDER: _("The folder of recorded pages could not be read."),
        SyncRun.Problem.CONFIGURATION: _(
            "The sync is not set up completely (e.g. the county or the municipalities). An "
            "administrator must fix the settings."
        ),
        SyncRun.Problem.INTERRUPTED: _(
            "The run was interrupted (e.g. the server restarted). What was saved before stays; "
            "the next run continues."
        ),
        SyncRun.Problem.GUARD: _(
            "%(source)s lost unusually many services at once, so none were removed. If the "
            "source really removed them, an administrator can confirm it."
        ),
        SyncRun.Problem.INDEX: _(
            "The services were saved, but the search could not be updated. An administrator "
            "must rebuild the search index."
        ),
        SyncRun.Problem.UNEXPECTED: _(
            "The run stopped on an unexpected error. The guide keeps the services it had. "
            "Tell the administrator."
        ),
    }
    sentence = sentences.get(run.problem)
    if sentence is None:
        return ""
    return sentence % {"source": name}


# The stored errors' groups: (reason, its sentence with the number of items).
ITEM_REASONS = ("read", "write", "identity", "anomaly", "")


def item_sentence(reason, count):
    if reason == "read":
        return ngettext(
            "%(count)d item could not be read and was skipped.",
            "%(count)d items could not be read and were skipped.",
            count,
        ) % {"count": count}
    if reason == "write":
        return ngettext(
            "%(count)d item could not be saved.",
            "%(count)d items could not be saved.",
            count,
        ) % {"count": count}
    if reason == "identity":
        return ngettext(
            "%(count)d item had no usable identifier and was skipped.",
            "%(count)d items had no usable identifier and were skipped.",
            count,
        ) % {"count": count}
    if reason == "anomaly":
        return ngettext(
            "The source's answer looked wrong once (e.g. a page missing or repeated); "
            "nothing was removed.",
            "The source's answer looked wrong %(count)d times (e.g. pages missing or "
            "repeated); nothing was removed.",
            count,
        ) % {"count": count}
    return ngettext(
        "%(count)d other problem.",
        "%(count)d other problems.",
        count,
    ) % {"count": count}


# What the stored errors' "kind" names, in words.
KIND_LABELS = {
    "service": _lazy("service"),
    "channel": _lazy("service channel"),
    "organisation": _lazy("organisation"),
    "source": _lazy("the source's answer"),
}


@dataclass
class ErrorGroup:
    reason: str
    sentence: str
    errors: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.errors)


def error_groups(run):
    """The stored errors grouped by kind of problem, the most common first."""
    by_reason = {}
    for error in run.errors or ():
        if isinstance(error, dict):
            reason = error.get("reason", "")
            error = {**error, "kind_label": KIND_LABELS.get(error.get("kind"), error.get("kind"))}
        else:
            reason = ""
        if reason not in ITEM_REASONS:
            reason = ""
        by_reason.setdefault(reason, []).append(error)
    groups = [
        ErrorGroup(reason, item_sentence(reason, len(errors)), errors)
        for reason, errors in by_reason.items()
    ]
    return sorted(groups, key=lambda group: (-group.count, ITEM_REASONS.index(group.reason)))


def local_time(value):
    """A time in Finnish time, as the admin shows it: 4.12.2026 klo 21.15 / kl. 21.15."""
    if value is None:
        return "–"
    local = timezone.localtime(value, HELSINKI)
    return _("%(date)s at %(time)s") % {
        "date": formats.date_format(local, "j.n.Y"),
        "time": formats.time_format(local, "G.i"),
    }


def duration_text(run):
    if run.finished_at is None:
        return _("still running") if run.status == SyncRun.Status.RUNNING else "–"
    seconds = max(0, round((run.finished_at - run.started_at).total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if minutes:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    if seconds or not parts:
        parts.append(ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds})
    return " ".join(parts)


def _scope(run):
    return run.scope if isinstance(run.scope, dict) else {}


def scope_text(run):
    """Where the run synced, in words: the county or the municipalities by name."""
    scope = _scope(run)
    parts = []
    county = scope.get("county")
    codes = [str(code) for code in scope.get("municipalities") or ()]
    names = municipality_names()
    if county and county in county_names():
        parts.append(str(Translated.of(county_names()[county])))
    if codes and not county:
        shown = sorted(
            (str(Translated.of(names[code])) if code in names else code for code in codes),
            key=str.casefold,
        )
        parts.append(", ".join(shown))
    return "; ".join(parts) or _("the whole source")


def counts_text(run):
    counts = [
        (run.created, ngettext("%(n)d new", "%(n)d new", run.created)),
        (run.updated, ngettext("%(n)d changed", "%(n)d changed", run.updated)),
        (run.unchanged, ngettext("%(n)d unchanged", "%(n)d unchanged", run.unchanged)),
        (run.archived, ngettext("%(n)d removed", "%(n)d removed", run.archived)),
        (run.failed, ngettext("%(n)d skipped", "%(n)d skipped", run.failed)),
    ]
    return ", ".join(text % {"n": n} for n, text in counts)


def summary(run):
    """Everything the run detail shows, ready for the template."""
    return {
        "source": run.source_name,
        "status": run.get_status_display(),
        "mode": run.get_mode_display(),
        "scope": scope_text(run),
        "folder": _scope(run).get("folder", ""),
        "started": local_time(run.started_at),
        "finished": local_time(run.finished_at),
        "duration": duration_text(run),
        "since": local_time(run.since) if run.since else "",
        "counts": counts_text(run),
        "problem": problem_sentence(run),
        "message": run.message,
        "groups": error_groups(run),
        "started_by": run.started_by.get_full_name() or run.started_by.get_username()
        if run.started_by
        else _("schedule or command line"),
    }
