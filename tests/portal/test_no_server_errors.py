"""No URL answers 5xx, whatever it is sent: every URL pattern of the site (public pages, the
APIs, the whole admin), walked with hostile values in its path parts and in every parameter
the project's views read, anonymously and as a superuser; the project's own URLs also with
POST. Run on SQLite and PostgreSQL (the suite runs on both in CI).

The examples of issue 29 are named regression tests below the walker."""

import re
import re._constants as sre
import re._parser as sre_parse
from urllib.parse import quote, urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.support.factories.professionals import UserFactory, professional

pytestmark = pytest.mark.django_db

OWN_APPS = (
    "core",
    "portal",
    "indicators",
    "catalogue",
    "selfcare",
    "professionals",
    "editors",
    "ptv_sync",
)
# Values a hostile or careless client sends: control characters, numbers past any column,
# digits of other scripts, path tricks, markup, very long text.
HOSTILE = [
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "99999999999999999999",
    "9223372036854775808",
    "-1",
    "0",
    "²",
    "١٢٣",
    "１２３",
    "up:²",
    "a/b",
    "../../etc/passwd",
    "/\\evil.example/x",
    "x" * 3000,
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "😀",
    "0001-01",
    "9999-99",
    "\u202e",
    "",
]
# The parameters the project's views, forms and APIs read.
PARAMETERS = [
    "q",
    "page",
    "page_size",
    "per_page",
    "theme",
    "municipality",
    "target_group",
    "age",
    "service_language",
    "free",
    "provider",
    "channel",
    "accessibility",
    "near",
    "location",
    "sort",
    "lang",
    "language",
    "month",
    "days",
    "programme",
    "selfcare",
    "prepare_code",
    "table",
    "next",
    "action",
    "code",
    "step",
    "counted",
    "note",
    "service",
    "status",
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "full",
    "parent_id",
    "top_only",
    "helpful",
    "reason",
    "email",
    "phone",
    "items",
    "k",
    "p",
]


def walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, prefix + pattern.pattern.regex.pattern.lstrip("^"))
        elif isinstance(pattern, URLPattern):
            yield prefix + pattern.pattern.regex.pattern.lstrip("^"), pattern


def own(pattern):
    callback = pattern.callback
    module = getattr(callback, "__module__", "") or ""
    view_class = getattr(callback, "view_class", None)
    model = getattr(getattr(callback, "view_initkwargs", {}), "get", lambda *_: None)("model")
    if view_class is not None and model is None:
        model = getattr(view_class, "model", None)
    label = getattr(getattr(model, "_meta", None), "app_label", "")
    return module.split(".")[0] in OWN_APPS or label in OWN_APPS


class Example:
    """A concrete path for a URL regex, with every named group given by ``fill(name, regex)``
    (None: an ordinary example of the group)."""

    def __init__(self, fill):
        self.fill = fill

    def build(self, regex):
        self.groups = {}
        parsed = sre_parse.parse(regex)
        return self.sequence(parsed, regex)

    def sequence(self, items, regex):
        return "".join(self.item(op, av, regex) for op, av in items)

    def item(self, op, av, regex):
        if op == sre.LITERAL:
            return chr(av)
        if op == sre.NOT_LITERAL:
            return "x" if chr(av) != "x" else "y"
        if op == sre.AT:
            return ""
        if op == sre.ANY:
            return "x"
        if op == sre.IN:
            return self.member(av)
        if op == sre.BRANCH:
            return self.sequence(av[1][0], regex)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, inner = av
            return self.sequence(inner, regex) * max(low, 1)
        if op == sre.SUBPATTERN:
            group, _add, _del, inner = av
            ordinary = self.sequence(inner, regex)
            name = next((n for n, i in self.names.items() if i == group), None)
            if name is None:
                return ordinary
            value = self.fill(name, inner, ordinary)
            return ordinary if value is None else value
        if op == sre.GROUPREF:
            return ""
        return ""

    def member(self, av):
        for op, value in av:
            if op == sre.LITERAL:
                return chr(value)
            if op == sre.RANGE:
                return chr(value[0])
            if op == sre.CATEGORY:
                return "1" if value == sre.CATEGORY_DIGIT else "a"
        return "a"

    def path(self, regex):
        self.names = re.compile(regex).groupindex
        return "/" + self.build(regex)


def path_with(regex, value):
    """The pattern's path with every named group set to ``value`` where the group accepts it
    (else its ordinary example), percent-encoded."""

    def fill(_name, _inner, ordinary):
        return value if value and re.fullmatch(group_regex(regex, _name), value) else None

    return quote(Example(fill).path(regex), safe="/")


def group_regex(regex, name):
    match = re.search(rf"\(\?P<{name}>((?:[^()]|\([^()]*\))*)\)", regex)
    return match.group(1) if match else ".*"


# Wagtail's own "fail whale" (superusers only) raises on purpose, to try the 500 page.
DELIBERATE_ERRORS = {"wagtailadmin_error_test"}


def patterns():
    found = [
        (regex, pattern)
        for regex, pattern in walk(get_resolver())
        if pattern.name not in DELIBERATE_ERRORS
    ]
    assert len(found) > 300, "the walk reaches the admin's patterns too"
    return found


def check(response, method, url):
    assert response.status_code < 500, (method, url[:300], response.status_code)


@pytest.fixture
def users(demo_pages):
    return {
        "anonymous": None,
        "superuser": UserFactory(username="paakayttaja", is_superuser=True, is_staff=True),
        "professional": professional(username="ammattilainen"),
    }


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("who", ["anonymous", "superuser"])
def test_every_url_pattern_with_hostile_values_answers_below_500(client, users, who):
    login(client, users[who])
    client.raise_request_exception = False
    walked = 0
    for index, (regex, pattern) in enumerate(patterns()):
        mine = own(pattern)
        # The project's own URLs get every value; Wagtail's own a rotating share of them.
        values = HOSTILE if mine else [HOSTILE[(index * 3 + k) % len(HOSTILE)] for k in range(3)]
        for value in values:
            url = path_with(regex, value)
            query = urlencode(dict.fromkeys(PARAMETERS, value))
            response = client.get(f"{url}?{query}")
            check(response, "GET", url)
            walked += 1
            if mine and (who == "superuser" or not url.startswith("/admin/")):
                data = dict.fromkeys(PARAMETERS, value)
                check(client.post(url, data), "POST", url)
    assert walked > 1000


@pytest.mark.parametrize("value", HOSTILE)
def test_the_professional_tools_with_hostile_values(client, users, value):
    login(client, users["professional"])
    client.raise_request_exception = False
    for regex, pattern in patterns():
        if not own(pattern) or regex.startswith("admin/"):
            continue
        url = path_with(regex, value)
        data = dict.fromkeys(PARAMETERS, value)
        check(client.get(f"{url}?{urlencode(data)}"), "GET", url)
        check(client.post(url, data), "POST", url)


# --- the examples of issue 29, each a named regression test --------------------------------


def test_a_page_number_beyond_bigint_is_a_clear_error_on_the_search_page_and_the_api(
    client, demo_pages
):
    huge = "99999999999999999999"
    response = client.get(f"/fi/palvelut/?q=uinti&page={huge}")
    assert response.status_code == 200
    assert "10000" in response.content.decode()  # "give a whole number from 1 to 10000"
    response = client.get(f"/api/v1/services?q=uinti&page={huge}")
    assert response.status_code == 422
    response = client.get(f"/api/hsds/services?page={huge}")
    assert response.status_code == 400 and "page" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/fi/liikuntaneuvonta/%00/", "/fi/suositus/%00/"])
def test_nul_in_a_path_part_is_refused_with_a_400_page(client, demo_pages, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Pyyntöä ei ymmärretty" in response.content.decode()


def test_a_municipality_that_is_no_code_on_the_counselling_index_shows_the_index(
    client, demo_pages
):
    response = client.get("/fi/liikuntaneuvonta/?municipality=a/b")
    assert response.status_code == 200
    response = client.get("/fi/liikuntaneuvonta/?municipality=545")
    assert response.status_code == 302 and response["Location"].endswith("/545/")


def test_a_programme_of_other_digits_when_resuming_with_a_code(client, demo_pages):
    from tests.selfcare.test_programmes import CODE_FI, RESUME_FI, done, step

    done(client, 1)
    client.post(CODE_FI)
    from tests.selfcare.test_programmes import state_code

    code = state_code(client)
    client.cookies.clear()
    response = client.post(RESUME_FI, {"code": code, "programme": "²"})
    assert response.status_code == 302 and response["Location"] == step(2)


def test_nul_in_a_recommendation_list_note_is_refused_and_nothing_stored(client, demo_catalogue):
    from professionals.models import RecommendationList
    from tests.professionals.test_recommendations import BUILDER, add_all, builder_form, services

    client.force_login(professional())
    add_all(client, services(2))
    data = builder_form(client, note="Soita\x00 huomenna", action="create")
    response = client.post(BUILDER, data)
    assert response.status_code == 400
    assert not RecommendationList.objects.exists()


def test_moving_an_item_by_an_index_of_other_digits_changes_nothing(client, demo_catalogue):
    from tests.professionals.test_recommendations import BUILDER, add_all, builder_form, services

    client.force_login(professional())
    chosen = services(2)
    add_all(client, chosen)
    response = client.post(BUILDER, builder_form(client, action="up:²"))
    assert response.status_code in (200, 302)
    html = client.get(BUILDER).content.decode()
    assert html.index(chosen[0].name_fi) < html.index(chosen[1].name_fi)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/indicators/?month=0001-01",
        "/admin/reports/feedback/?month=0001-01",
        "/admin/referrals/indicators/?month=0001-01",
        "/admin/indicators/?month=２０２６-１１",
    ],
)
def test_a_month_out_of_range_on_the_admin_reports_is_not_found(client, users, url):
    client.force_login(users["superuser"])
    assert client.get(url).status_code == 404
