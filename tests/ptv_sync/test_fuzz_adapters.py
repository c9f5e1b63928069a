"""Fuzzing the source adapters: real and recorded PTV v11, v12, Lähellä.fi and HSDS payloads,
mutated by Hypothesis (values replaced by other JSON, keys dropped, hostile strings and
markup put in, types changed) go into the parsers. A parser may refuse an item only with the
project's RecordError; what it returns holds sanitised HTML in the HTML fields, no markup in
the text fields and only web, mail and phone links.

Derandomised (the same examples on every run) and FUZZ_EXAMPLES (default 2,000) examples per
adapter."""

import dataclasses
import json
import os
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES
from ptv_sync.adapters import hsds, lahella, lipas, ptv_v11, ptv_v12
from ptv_sync.records import LText, RecordError
from tests.ptv_sync.test_sync_v12 import v12_channel, v12_service

pytestmark = pytest.mark.django_db  # Lähellä.fi looks municipalities up by name

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
MOMENT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

HTML_FIELDS = {"description", "user_instructions", "charge_info", "requirements"}
URL_FIELDS = {"url", "web_url"}
# Identifiers and codes: compared, never shown as text.
IDENTIFIERS = {
    "source",
    "external_id",
    "parent_ref",
    "organisation_ref",
    "responsible_ref",
    "other_responsible_refs",
    "producer_refs",
    "channel_refs",
    "service_classes",
    "target_groups",
    "life_events",
    "ontology_terms",
    "source_codes",
    "place_type",
    "same_as",
}
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;b&amp;gt;double&amp;lt;/b&amp;gt;",
    '<a href="javascript:alert(1)">klikkaa</a>',
    "[linkki](javascript:alert(1))",
    '<p style="color:red" onclick="x()">tyyli</p>',
    "<iframe src=//evil.example></iframe>",
    "<svg><script>alert(1)</script></svg>",
    "<!-- kommentti --><b>lihava</b>",
    "javascript:alert(1)",
    "  JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "### Otsikko\n\n* kohta\n* <b>toinen</b>",
    "\x00\x01\x1f nollat",
    "ä" * 5000,
    "\u202e käänteinen",
    "",
    " ",
]


def load_json(path):
    return json.loads(Path(path).read_text())


def v11_seeds():
    objects = []
    folders = [
        ROOT / "tests" / "fixtures" / "ptv_samples",
        ROOT / "ptv_sync" / "demo_payloads" / "ptv-v11",
    ]
    for folder in folders:
        for path in sorted(folder.rglob("*.json")):
            data = load_json(path)
            items = data.get("itemList") if isinstance(data, dict) and "itemList" in data else data
            for obj in items if isinstance(items, list) else [items]:
                if ptv_v11.recognise(obj) is not None:
                    objects.append(obj)
    # Every kind, a few of each: the mutations do the rest.
    by_kind = {}
    for obj in objects:
        by_kind.setdefault(ptv_v11.recognise(obj), []).append(obj)
    return [obj for kind in by_kind.values() for obj in kind[:4]]


def v12_seeds():
    return [
        v12_service(),
        v12_channel("3c5ad3a3-0000-4000-8000-000000000001"),
        v12_channel("3c5ad3a3-0000-4000-8000-000000000002", "TelephoneService"),
        v12_channel("3c5ad3a3-0000-4000-8000-000000000003", "EService"),
        v12_channel("3c5ad3a3-0000-4000-8000-000000000004", "WebPage"),
    ]


def lahella_seeds():
    folder = ROOT / "ptv_sync" / "demo_payloads" / "lahella"
    activities = [
        activity for path in sorted(folder.glob("*.json")) for activity in load_json(path)["items"]
    ]
    return activities[:8]


def lipas_seeds():
    """One demo site of each kind (points, routes, areas; with and without Luontoon.fi texts)."""
    folder = ROOT / "ptv_sync" / "demo_payloads" / "lipas"
    sites = [site for path in sorted(folder.glob("*.json")) for site in load_json(path)["items"]]
    by_type = {}
    for site in sites:
        by_type.setdefault(site["type"]["type-code"], site)
    return list(by_type.values())


def hsds_seeds():
    """Objects of our own HSDS export of the demo catalogue (tests/fixtures/hsds-sample.json:
    organisations, locations of each kind, PTV, Lähellä.fi and local services), each tagged
    with the parser it goes to."""
    sample = load_json(ROOT / "tests" / "fixtures" / "hsds-sample.json")
    return [
        {"kind": kind, "object": item}
        for kind in ("organizations", "locations", "services")
        for item in sample[kind]
    ]


# --- mutations ---------------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.sampled_from(HOSTILE),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=8,
)


def paths(node, prefix=()):
    """Every place in a JSON document: (path, value)."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


def replace_at(node, path, make):
    if not path:
        return make(node)
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        copy = dict(node)
        copy[head] = replace_at(node[head], rest, make)
        return copy
    copy = list(node)
    copy[head] = replace_at(node[head], rest, make)
    return copy


DROP = object()


def without_drops(node):
    if isinstance(node, dict):
        return {k: without_drops(v) for k, v in node.items() if v is not DROP}
    if isinstance(node, list):
        return [without_drops(v) for v in node if v is not DROP]
    return node


@st.composite
def mutated(draw, seeds):
    document = draw(st.sampled_from(seeds))
    places = [path for path, _value in paths(document)]
    for _ in range(draw(st.integers(1, 6))):
        path = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["json", "hostile", "drop", "wrap", "stringify", "empty"]))
        if action == "json":
            value = draw(json_values)
            document = replace_at(document, path, lambda _old, value=value: value)
        elif action == "hostile":
            text = draw(st.sampled_from(HOSTILE))
            document = replace_at(
                document,
                path,
                lambda old, text=text: (old + text) if isinstance(old, str) else text,
            )
        elif action == "drop" and path:
            document = replace_at(document, path, lambda _old: DROP)
        elif action == "wrap":
            document = replace_at(document, path, lambda old: [old])
        elif action == "stringify":
            document = replace_at(document, path, lambda old: json.dumps(old)[:50])
        elif action == "empty":
            document = replace_at(
                document,
                path,
                lambda old: type(old)() if isinstance(old, (dict, list, str)) else None,
            )
        document = without_drops(document)
        places = [p for p, _v in paths(document)] or [()]
    return document


# --- what a parsed record may hold -------------------------------------------------------------


class Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "href" and not safe_url(value or "", relative=True):
                self.problems.append(f"link {value!r}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.problems.append("comment")


def safe_url(url, relative=False):
    scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    if scheme is None:
        return relative or url == ""
    return scheme.group(1).lower() in URL_SCHEMES


TAG_LIKE = re.compile(r"<\s*[a-zA-Z!/?]")


def problems(value, field="", where=""):
    """What is wrong with a parsed value, recursively."""
    found = []
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            inner_field = field if isinstance(value, LText) else f.name
            found += problems(getattr(value, f.name), inner_field, f"{where}.{f.name}")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            found += problems(item, field, f"{where}[{index}]")
    elif isinstance(value, str) and field not in IDENTIFIERS:
        if field in HTML_FIELDS:
            parser = Markup()
            parser.feed(value)
            parser.close()
            found += [f"{where}: {problem}" for problem in parser.problems]
        elif field in URL_FIELDS:
            if not safe_url(value):
                found.append(f"{where}: unsafe address {value!r}")
        elif TAG_LIKE.search(value):
            found.append(f"{where}: markup in text {value[:80]!r}")
        if "\x00" in value:
            found.append(f"{where}: NUL character")
    return found


def check(parse, obj):
    try:
        records = parse(obj)
    except RecordError as error:
        assert error.message  # the run log shows it
        return
    for record in records:
        assert problems(record) == [], json.dumps(obj, ensure_ascii=False)[:2000]


def parse_v11(obj):
    parser = ptv_v11.recognise(obj)
    if parser is None:
        return []
    ptv_v11.referenced_ids(obj)
    return [parser(obj)]


def parse_v12(obj):
    parser = ptv_v12.recognise(obj)
    if parser is None:
        return []
    if parser is ptv_v12.parse_service:
        return [parser(obj, channel_refs=("3c5ad3a3-0000-4000-8000-000000000001",))]
    return [parser(obj)]


def parse_lahella(obj):
    items = lahella.pending(obj, MOMENT)
    if items is None:
        return []
    return [item.parse() for item in items]


def parse_lipas(obj):
    items = lipas.pending(obj)
    if items is None:
        return []
    return [item.parse() for item in items]


HSDS_KINDS = ("organizations", "locations", "services")


def parse_hsds(seed):
    kind = seed.get("kind") if isinstance(seed, dict) else None
    if not isinstance(kind, str) or kind not in HSDS_KINDS:
        return []
    if not isinstance(seed.get("object"), dict):
        return []
    # Through the document reader, which turns anything unexpected into a RecordError.
    items = list(hsds.HsdsSource({kind: [seed["object"]]}).records())
    errors = [item for item in items if isinstance(item, RecordError)]
    if errors:
        raise errors[0]
    return items


FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

V11_SEEDS, V12_SEEDS, LAHELLA_SEEDS = v11_seeds(), v12_seeds(), lahella_seeds()
LIPAS_SEEDS = lipas_seeds()
HSDS_SEEDS = hsds_seeds()


def test_the_seeds_are_real_payloads_that_parse():
    assert len(V11_SEEDS) >= 6 and len(V12_SEEDS) == 5 and len(LAHELLA_SEEDS) == 8
    assert len(HSDS_SEEDS) == 8 and len(LIPAS_SEEDS) == 9
    for parse, seeds in (
        (parse_v11, V11_SEEDS),
        (parse_v12, V12_SEEDS),
        (parse_lahella, LAHELLA_SEEDS),
        (parse_hsds, HSDS_SEEDS),
        (parse_lipas, LIPAS_SEEDS),
    ):
        for seed in seeds:
            records = parse(seed)
            assert records and all(problems(record) == [] for record in records)


@FUZZ
@given(mutated(V11_SEEDS))
def test_ptv_v11_payloads(obj):
    check(parse_v11, obj)


@FUZZ
@given(mutated(V12_SEEDS))
def test_ptv_v12_payloads(obj):
    check(parse_v12, obj)


@FUZZ
@given(mutated(LAHELLA_SEEDS))
def test_lahella_payloads(obj):
    check(parse_lahella, obj)


@FUZZ
@given(mutated(HSDS_SEEDS))
def test_hsds_payloads(obj):
    check(parse_hsds, obj)


@FUZZ
@given(mutated(LIPAS_SEEDS))
def test_lipas_payloads(obj):
    check(parse_lipas, obj)
