"""A self-assessment as plain data: questions, scales and result bands read from a
SelfAssessmentPage's StreamFields, the checking of submitted answers and the scoring.

Nothing here stores anything: answers come in with a request and are gone with it.
"""

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from itertools import product

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.i18n import Translated

MAX_COMBINATIONS = 50_000  # the coverage check enumerates answers up to this many
# Coverage found per definition (what scores an answer: questions, scale multipliers, band
# conditions): saving a page validates its definition several times, and seeding the same
# instruments again (load_demo, every browser test) finds the same answer.
_COVERAGE = {}
_COVERAGE_ENTRIES = 256


def fmt(number):
    """A number as people write it: no trailing zeros, a decimal comma in fi and sv."""
    if number is None:
        return ""
    number = Decimal(number)
    if number == number.to_integral_value():
        return str(int(number))
    return number_format(number.normalize(), use_l10n=True)


@dataclass(frozen=True)
class Option:
    value: str
    label: Translated
    points: Decimal = Decimal(0)
    urgent: bool = False


@dataclass(frozen=True)
class Group:
    """The lead-in shared by the statements of one Likert block."""

    id: str
    prompt: Translated
    help: Translated


@dataclass(frozen=True)
class Question:
    key: str
    kind: str  # single_choice | multiple_choice | number | likert | background
    text: Translated
    help: Translated = Translated()
    required: bool = True
    scale: str | None = "total"  # None: gives no points
    weight: Decimal = Decimal(1)
    options: tuple = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    whole_numbers: bool = True
    unit: Translated = Translated()
    unit_one: Translated = Translated()
    group: Group | None = None
    reverse: bool = False

    @property
    def name(self):
        """The form field's name."""
        return f"q-{self.key}"

    def option(self, value):
        return next((option for option in self.options if option.value == value), None)

    def chosen(self, answer):
        """The options an answer chose (none for a number or no answer)."""
        if answer is None or self.kind == "number":
            return []
        values = answer if isinstance(answer, list) else [answer]
        return [option for option in self.options if option.value in values]

    def raw(self, data):
        """The submitted text(s) for this question, as typed (kept when re-showing a form)."""
        if self.kind == "multiple_choice":
            return [value for value in data.getlist(self.name) if value]
        return (data.get(self.name) or "").strip()

    def parse(self, data):
        """(answer, error message). The answer is an option value, a list of values or a
        Decimal; None when not answered."""
        raw = self.raw(data)
        if not raw:
            if not self.required:
                return None, None
            if self.kind == "multiple_choice":
                return None, _("Choose at least one option.")
            if self.kind == "number":
                return None, _("Enter a number.")
            return None, _("Choose one option.")
        if self.kind == "multiple_choice":
            if any(self.option(value) is None for value in raw) or len(set(raw)) != len(raw):
                return None, _("Choose among the options shown.")
            return [option.value for option in self.options if option.value in raw], None
        if self.kind == "number":
            return self._number(raw)
        if self.option(raw) is None:
            return None, _("Choose one of the options shown.")
        return raw, None

    def _number(self, raw):
        text = raw.replace("\u2212", "-").replace(",", ".").replace(" ", "").replace("\u00a0", "")
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            return None, _("Enter a number, for example %(example)s.") % {
                "example": fmt(self.minimum or 0)
            }
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern above rules it out
            return None, _("Enter a number.")
        if self.whole_numbers and number != number.to_integral_value():
            return None, _("Enter a whole number.")
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            return None, _("Enter a number from %(minimum)s to %(maximum)s.") % {
                "minimum": fmt(self.minimum),
                "maximum": fmt(self.maximum),
            }
        return number, None

    def points(self, answer):
        if answer is None or self.scale is None:
            return Decimal(0)
        if self.kind == "number":
            return answer * self.weight
        if self.kind == "multiple_choice":
            return sum((self.option(value).points for value in answer), Decimal(0)) * self.weight
        return self._option_points(self.option(answer)) * self.weight

    def _option_points(self, option):
        if self.reverse:
            values = [o.points for o in self.options]
            return max(values) + min(values) - option.points
        return option.points

    def point_range(self):
        """(smallest, largest) points this question can give."""
        if self.scale is None:
            return Decimal(0), Decimal(0)
        if self.kind == "number":
            ends = [self.minimum or Decimal(0), self.maximum or Decimal(0)]
        elif self.kind == "multiple_choice":
            ends = [
                sum((o.points for o in self.options if o.points < 0), Decimal(0)),
                sum((o.points for o in self.options if o.points > 0), Decimal(0)),
            ]
        else:
            ends = [o.points for o in self.options]
        low, high = min(ends) * self.weight, max(ends) * self.weight
        if not self.required:
            low, high = min(low, Decimal(0)), max(high, Decimal(0))
        return min(low, high), max(low, high)

    def answer_label(self, answer):
        """The answer as the user saw it, for the summary on the result page."""
        if answer is None:
            return _("(not answered)")
        if self.kind == "number":
            return f"{fmt(answer)} {unit_for(self, answer)}".strip()
        if self.kind == "multiple_choice":
            return ", ".join(str(self.option(value).label) for value in answer)
        return str(self.option(answer).label)


@dataclass(frozen=True)
class Scale:
    key: str
    label: Translated
    multiplier: Decimal = Decimal(1)
    unit: Translated = Translated()
    unit_one: Translated = Translated()
    show_maximum: bool = True


def unit_for(owner, value):
    """The unit after a number: the editor's singular (``1 päivä``) after exactly one, else the
    plural (``2 päivää``), as ngettext chooses for the interface's own strings."""
    if value is not None and Decimal(value) == 1 and owner.unit_one:
        return str(owner.unit_one)
    return str(owner.unit)


@dataclass(frozen=True)
class Condition:
    subject: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    equals: str = ""

    def holds(self, scores, answers):
        if self.subject in scores:
            value = scores[self.subject]
        elif self.subject in answers:
            value = answers[self.subject]
        else:
            return False
        if self.equals:
            if isinstance(value, list):
                return self.equals in value
            return value == self.equals
        if value is None or isinstance(value, (str, list)):
            return False
        if self.minimum is not None and value < self.minimum:
            return False
        return not (self.maximum is not None and value > self.maximum)


@dataclass(frozen=True)
class Band:
    key: str
    title: Translated
    explanation: Translated
    report_label: Translated = Translated()
    severity: str = "ok"
    urgent: bool = False
    conditions: tuple = ()
    recommendations: tuple = ()  # StreamField children: (block_type, value)

    def matches(self, scores, answers):
        return all(condition.holds(scores, answers) for condition in self.conditions)


@dataclass
class ScoreLine:
    scale: Scale
    value: Decimal
    maximum: Decimal

    @property
    def unit(self):
        return unit_for(self.scale, self.value)


@dataclass
class Result:
    scores: dict  # scale key → Decimal
    band: Band | None
    urgent: bool
    lines: list = field(default_factory=list)  # ScoreLine per scale, for the page


def _decimal(value, default=None):
    return default if value is None else Decimal(value)


@dataclass
class Instrument:
    questions: list
    scales: dict  # key → Scale
    bands: list

    @classmethod
    def from_streams(cls, questions, scales, bands):
        parsed = []
        for block in questions:
            parsed.extend(_questions(block.block_type, block.value, block.id))
        scale_map = {}
        for value in (child.value for child in scales):
            scale = Scale(
                key=value["key"],
                label=Translated.of(value, "label"),
                multiplier=_decimal(value.get("multiplier"), Decimal(1)),
                unit=Translated.of(value, "unit"),
                unit_one=Translated.of(value, "unit_one"),
                show_maximum=bool(value.get("show_maximum")),
            )
            scale_map.setdefault(scale.key, scale)
        for question in parsed:
            if question.scale and question.scale not in scale_map:
                scale_map[question.scale] = Scale(key=question.scale, label=Translated())
        parsed_bands = [
            Band(
                key=value["key"],
                title=Translated.of(value, "title"),
                report_label=Translated.of(value, "report_label"),
                explanation=Translated(
                    {
                        code: text.source
                        for code, text in Translated.of(value, "explanation").values.items()
                    }
                ),
                severity=value.get("severity") or "ok",
                urgent=bool(value.get("urgent")),
                conditions=tuple(
                    Condition(
                        subject=condition["subject"],
                        minimum=_decimal(condition.get("minimum")),
                        maximum=_decimal(condition.get("maximum")),
                        equals=condition.get("equals") or "",
                    )
                    for condition in value.get("conditions") or ()
                ),
                recommendations=tuple(
                    (child.block_type, child.value) for child in value.get("recommendations") or ()
                ),
            )
            for value in (child.value for child in bands)
        ]
        return cls(parsed, scale_map, parsed_bands)

    def question(self, key):
        return next((q for q in self.questions if q.key == key), None)

    def steps(self, one_per_step):
        """The questions shown together: each its own step, or all on one."""
        if not self.questions:
            return []
        if one_per_step:
            return [[question] for question in self.questions]
        return [list(self.questions)]

    def check(self, data, questions=None):
        """(answers, errors) for ``questions`` (default: all) from a QueryDict: answers by
        key; errors by key, in question order."""
        answers, errors = {}, {}
        for question in self.questions if questions is None else questions:
            answer, error = question.parse(data)
            if error:
                errors[question.key] = error
            else:
                answers[question.key] = answer
        return answers, errors

    def score(self, answers):
        sums = {key: Decimal(0) for key in self.scales}
        for question in self.questions:
            if question.scale:
                sums[question.scale] += question.points(answers.get(question.key))
        scores = {key: sums[key] * scale.multiplier for key, scale in self.scales.items()}
        band = next((band for band in self.bands if band.matches(scores, answers)), None)
        urgent = bool(band and band.urgent) or any(
            option.urgent
            for question in self.questions
            for option in question.chosen(answers.get(question.key))
        )
        ranges = self.scale_ranges()
        lines = [
            ScoreLine(scale, scores[key], ranges[key][1])
            for key, scale in self.scales.items()
            if scale.label
        ]
        return Result(scores=scores, band=band, urgent=urgent, lines=lines)

    def scale_ranges(self):
        ranges = {key: [Decimal(0), Decimal(0)] for key in self.scales}
        for question in self.questions:
            if question.scale:
                low, high = question.point_range()
                ranges[question.scale][0] += low
                ranges[question.scale][1] += high
        return {
            key: tuple(
                sorted((low * self.scales[key].multiplier, high * self.scales[key].multiplier))
            )
            for key, (low, high) in ranges.items()
        }

    def problems(self):
        """What is wrong with the definition, as messages for the editor."""
        messages = []
        keys = [question.key for question in self.questions]
        for key in sorted({key for key in keys if keys.count(key) > 1}):
            messages.append(_("Two questions have the identifier “%(key)s”.") % {"key": key})
        for question in self.questions:
            values = [option.value for option in question.options]
            if len(values) != len(set(values)):
                messages.append(
                    _("Question “%(key)s” has two options with the same value.")
                    % {"key": question.key}
                )
            if (
                question.kind == "number"
                and question.minimum is not None
                and question.maximum is not None
                and question.minimum > question.maximum
            ):
                messages.append(
                    _("Question “%(key)s”: the smallest number is larger than the largest.")
                    % {"key": question.key}
                )
        if not self.bands:
            messages.append(_("Add at least one result band."))
        band_keys = [band.key for band in self.bands]
        for key in sorted({key for key in band_keys if band_keys.count(key) > 1}):
            messages.append(_("Two result bands have the identifier “%(key)s”.") % {"key": key})
        subjects = set(self.scales) | set(keys)
        for band in self.bands:
            for condition in band.conditions:
                if condition.subject not in subjects:
                    messages.append(
                        _("Band “%(band)s” refers to “%(subject)s”, which is no scale or question.")
                        % {"band": band.key, "subject": condition.subject}
                    )
                elif condition.equals and condition.subject in keys:
                    question = self.question(condition.subject)
                    if question.option(condition.equals) is None:
                        messages.append(
                            _("Band “%(band)s”: question “%(subject)s” has no option “%(value)s”.")
                            % {
                                "band": band.key,
                                "subject": condition.subject,
                                "value": condition.equals,
                            }
                        )
                elif (
                    not condition.equals and condition.minimum is None and condition.maximum is None
                ):
                    messages.append(
                        _("Band “%(band)s” has a condition on “%(subject)s” with no limits.")
                        % {"band": band.key, "subject": condition.subject}
                    )
        if not messages:
            uncovered = self.uncovered_answers()
            if uncovered:
                messages.append(
                    _("No result band matches these answers: %(answers)s.")
                    % {
                        "answers": "; ".join(
                            f"{self.question(key).text.get(settings.LANGUAGE_CODE)}: "
                            f"{self.question(key).answer_label(value)}"
                            for key, value in uncovered.items()
                        )
                    }
                )
        return messages

    def uncovered_answers(self):
        """Answers for which no band matches, when the choices are few enough to try every
        combination (numbers are tried at their ends and at every band limit); else None."""
        key = (
            # A Likert group's id is its block's, new for every copy of the same definition.
            tuple(replace(question, group=None) for question in self.questions),
            tuple((name, scale.multiplier) for name, scale in sorted(self.scales.items())),
            tuple((band.key, band.conditions) for band in self.bands),
        )
        if key not in _COVERAGE:
            if len(_COVERAGE) >= _COVERAGE_ENTRIES:
                _COVERAGE.clear()
            _COVERAGE[key] = self._find_uncovered()
        found = _COVERAGE[key]
        return dict(found) if found is not None else None

    def _find_uncovered(self):
        candidates = []
        limits = {c.minimum for b in self.bands for c in b.conditions if c.minimum is not None} | {
            c.maximum for b in self.bands for c in b.conditions if c.maximum is not None
        }
        for question in self.questions:
            if question.kind == "multiple_choice":
                values = [
                    [o.value for o, chosen in zip(question.options, mask, strict=True) if chosen]
                    for mask in product((False, True), repeat=len(question.options))
                ]
                values = [value or None for value in values]
            elif question.kind == "number":
                numbers = {question.minimum, question.maximum} | {
                    limit + delta
                    for limit in limits
                    for delta in (Decimal(-1), Decimal(0), Decimal(1))
                }
                values = sorted(
                    n
                    for n in numbers
                    if n is not None
                    and (question.minimum is None or n >= question.minimum)
                    and (question.maximum is None or n <= question.maximum)
                )
            else:
                values = [option.value for option in question.options]
            if not question.required:
                values = [None, *values] if None not in values else values
            candidates.append(values)
        total = 1
        for values in candidates:
            total *= max(len(values), 1)
            if total > MAX_COMBINATIONS:
                return None
        keys = [question.key for question in self.questions]
        for combination in product(*candidates):
            answers = dict(zip(keys, combination, strict=True))
            if self.score(answers).band is None:
                return answers
        return None


def _questions(kind, value, block_id):
    if kind == "likert":
        options = tuple(
            Option(str(index), Translated.of(point, "label"), Decimal(point["points"]))
            for index, point in enumerate(value["points"], start=1)
        )
        group = Group(
            id=str(block_id or value["statements"][0]["key"]),
            prompt=Translated.of(value, "prompt"),
            help=Translated.of(value, "help"),
        )
        return [
            Question(
                key=statement["key"],
                kind="likert",
                text=Translated.of(statement, "text"),
                required=bool(value.get("required")),
                scale=value.get("scale") or "total",
                weight=_decimal(value.get("weight"), Decimal(1)),
                options=options,
                group=group,
                reverse=bool(statement.get("reverse")),
            )
            for statement in value["statements"]
        ]
    common = {
        "key": value["key"],
        "kind": kind,
        "text": Translated.of(value, "text"),
        "help": Translated.of(value, "help"),
        "required": bool(value.get("required")),
    }
    if kind == "background":
        options = tuple(
            Option(o["value"], Translated.of(o, "label"), urgent=bool(o.get("urgent")))
            for o in value["options"]
        )
        return [Question(**common, scale=None, options=options)]
    common["scale"] = value.get("scale") or "total"
    common["weight"] = _decimal(value.get("weight"), Decimal(1))
    if kind == "number":
        return [
            Question(
                **common,
                minimum=_decimal(value.get("minimum")),
                maximum=_decimal(value.get("maximum")),
                whole_numbers=bool(value.get("whole_numbers")),
                unit=Translated.of(value, "unit"),
                unit_one=Translated.of(value, "unit_one"),
            )
        ]
    options = tuple(
        Option(
            o["value"], Translated.of(o, "label"), Decimal(o["points"] or 0), bool(o.get("urgent"))
        )
        for o in value["options"]
    )
    return [Question(**common, options=options)]
