"""Progress in self-care programmes without an account.

The state — per programme the steps marked done and the current step, and the user's
continuation code if they made one — lives in a cookie signed with the site's secret key, so
it works without JavaScript and a changed cookie is recognised and ignored (progress then
starts afresh). With JavaScript the pages mirror it to localStorage.

A continuation code lets the user carry the state to another device: the server then keeps
only a digest of the code, the step states and the day the code was last used. Codes unused
for ``CODE_LIFETIME_DAYS`` are deleted (``purge_continuation_codes``).
"""

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from core.inputs import is_ascii_digits

COOKIE = "omahoito"
SALT = "selfcare.progress"
COOKIE_MAX_AGE = 180 * 24 * 3600
COOKIE_BYTES = 3800
CODE_LIFETIME_DAYS = settings.CONTINUATION_CODE_DAYS
# Letters and digits that cannot be mistaken for each other (no I, L, O, 0, 1).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
MAX_PROGRAMMES = 50
STEP_KEY = re.compile(r"^[0-9a-f]{8}$")


def step_key(block_id):
    """A step's identifier in the state: the start of its StreamField block id, which stays
    the same when an editor reorders or edits the steps."""
    return str(block_id).replace("-", "")[:8]


@dataclass
class ProgrammeState:
    done: list[str] = field(default_factory=list)
    current: str | None = None

    def as_json(self):
        return {"done": self.done, "current": self.current}


@dataclass
class Progress:
    programmes: dict[int, ProgrammeState] = field(default_factory=dict)
    code: str = ""

    def get(self, programme_id):
        return self.programmes.get(programme_id)

    def states_json(self):
        return {str(pk): state.as_json() for pk, state in self.programmes.items()}

    def as_json(self):
        return {"p": self.states_json(), "k": self.code}


def parse_states(data):
    """Programme states from untrusted JSON (the signed cookie, a stored code, or the copy a
    browser kept in localStorage): anything of the wrong shape is dropped."""
    states = {}
    if not isinstance(data, dict):
        return states
    for pk, value in list(data.items())[:MAX_PROGRAMMES]:
        if not (is_ascii_digits(pk) and isinstance(value, dict)):
            continue
        done = value.get("done")
        current = value.get("current")
        if not isinstance(done, list):
            continue
        keys = [key for key in done if isinstance(key, str) and STEP_KEY.match(key)]
        if not (isinstance(current, str) and STEP_KEY.match(current)):
            current = None
        states[int(pk)] = ProgrammeState(done=list(dict.fromkeys(keys))[:200], current=current)
    return states


def read(request):
    """The progress in the request's cookie; an empty one if it is missing, changed, expired
    or malformed."""
    raw = request.COOKIES.get(COOKIE)
    if not raw:
        return Progress()
    try:
        data = signing.loads(raw, salt=SALT, max_age=COOKIE_MAX_AGE)
    except (signing.BadSignature, ValueError):
        return Progress()
    if not isinstance(data, dict):
        return Progress()
    code = data.get("k") if isinstance(data.get("k"), str) else ""
    return Progress(programmes=parse_states(data.get("p")), code=normalise_code(code) or "")


def encode(progress):
    """Compact JSON signed with the site's secret key (``django.core.signing``), in characters
    a cookie carries unquoted. Browsers keep at most 4 kB per cookie: when the progress would
    not fit, the programmes touched longest ago are forgotten first."""
    value = signing.dumps(progress.as_json(), salt=SALT, compress=True)
    while len(value) > COOKIE_BYTES and progress.programmes:
        del progress.programmes[next(iter(progress.programmes))]
        value = signing.dumps(progress.as_json(), salt=SALT, compress=True)
    return value


def write(response, progress):
    response.set_cookie(
        COOKIE,
        encode(progress),
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    response.headers["Cache-Control"] = "private, no-store"


# --- Steps ----------------------------------------------------------------------------------


def tidy(state, keys):
    """Forget steps the programme no longer has."""
    state.done = [key for key in state.done if key in keys]
    if state.current not in keys:
        state.current = None
    return state


def first_open(state, keys):
    """The current step, or the first step not done, or None when every step is done."""
    if state.current in keys:
        return state.current
    return next((key for key in keys if key not in state.done), None)


def _touch(progress, programme_id):
    """The programme's state, moved last: the most recently used programme is kept longest."""
    state = progress.programmes.pop(programme_id, None)
    if state is not None:
        progress.programmes[programme_id] = state
    return state


def start(progress, programme_id, keys):
    """Returns True when the programme was not started before."""
    state = _touch(progress, programme_id)
    new = state is None
    if new:
        state = progress.programmes[programme_id] = ProgrammeState()
    tidy(state, keys)
    state.current = first_open(state, keys) or keys[0]
    return new


def visit(progress, programme_id, keys, key):
    """Opening a step of a started programme makes it the one to continue from."""
    state = progress.programmes.get(programme_id)
    if state is None or key not in keys or state.current == key:
        return False
    _touch(progress, programme_id)
    tidy(state, keys)
    state.current = key
    return True


def mark_done(progress, programme_id, keys, key):
    """Mark a step done; the next step not done becomes current. Returns (started,
    reached, completed): whether this started the programme, the step this brought the user
    to (None when the step was done already) and whether every step is now done for the
    first time."""
    started = programme_id not in progress.programmes
    if started:
        start(progress, programme_id, keys)
    state = tidy(_touch(progress, programme_id), keys)
    was_complete = all(k in state.done for k in keys)
    newly_done = key not in state.done
    if newly_done:
        state.done.append(key)
    index = keys.index(key)
    following = [k for k in keys[index + 1 :] + keys[:index] if k not in state.done]
    reached = following[0] if following and newly_done else None
    state.current = following[0] if following else None
    completed = not was_complete and all(k in state.done for k in keys)
    return started, reached, completed


def restart(progress, programme_id):
    progress.programmes.pop(programme_id, None)


def merge(progress, states):
    """Bring in states from a code or localStorage: done steps are joined, the incoming
    current step wins."""
    for pk, incoming in states.items():
        state = progress.programmes.get(pk)
        if state is None:
            progress.programmes[pk] = incoming
            continue
        state.done = list(dict.fromkeys(state.done + incoming.done))
        state.current = incoming.current or state.current


# --- Continuation codes ---------------------------------------------------------------------


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def display_code(code):
    """ABCDEFGHJKMN → ABCD-EFGH-JKMN."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(text):
    """What a person typed → the code, or None when it cannot be one."""
    code = re.sub(r"[\s-]", "", text or "").upper()
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        return None
    return code


def digest(code):
    return hashlib.sha256(code.encode()).hexdigest()


def _live_codes():
    from .models import ContinuationCode

    since = timezone.localdate() - timedelta(days=CODE_LIFETIME_DAYS)
    return ContinuationCode.objects.filter(last_used__gte=since)


def create_code(progress):
    """Give the progress a continuation code and store its states under it."""
    from .models import ContinuationCode

    code = new_code()
    ContinuationCode.objects.create(
        digest=digest(code), progress=progress.states_json(), last_used=timezone.localdate()
    )
    progress.code = code
    return code


def save_to_code(progress):
    """Keep the stored states of the progress's code current. A code that has expired or
    been deleted is dropped from the progress."""
    if not progress.code:
        return
    updated = (
        _live_codes()
        .filter(digest=digest(progress.code))
        .update(progress=progress.states_json(), last_used=timezone.localdate())
    )
    if not updated:
        progress.code = ""


@transaction.atomic
def resume_with_code(progress, text):
    """Bring in the states stored under a code someone typed. Returns False when the code is
    unknown or expired."""
    code = normalise_code(text)
    if code is None:
        return False
    stored = _live_codes().select_for_update().filter(digest=digest(code)).first()
    if stored is None:
        return False
    merge(progress, parse_states(stored.progress))
    progress.code = code
    stored.progress = progress.states_json()
    stored.last_used = timezone.localdate()
    stored.save(update_fields=["progress", "last_used"])
    return True


def purge_expired_codes():
    """Delete codes unused for CODE_LIFETIME_DAYS. Returns how many were deleted."""
    from .models import ContinuationCode

    live = _live_codes().values("pk")
    deleted, _ = ContinuationCode.objects.exclude(pk__in=live).delete()
    return deleted
