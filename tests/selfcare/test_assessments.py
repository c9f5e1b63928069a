"""Self-assessments: the seeded instruments' scoring at every cut-off, the answering flow
without JavaScript, bad input, the recommendations and what is (not) stored."""

import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import QueryDict

from catalogue.models import Service
from selfcare.models import AssessmentBandDay, AssessmentDay, SelfAssessmentPage

pytestmark = pytest.mark.django_db


def page(slug):
    return SelfAssessmentPage.objects.get(slug_fi=slug)


def result(slug, **answers):
    instrument = page(slug).instrument()
    parsed = {key.replace("_", "-"): value for key, value in answers.items()}
    for key, value in parsed.items():
        if isinstance(value, int):
            question = instrument.question(key)
            parsed[key] = Decimal(value) if question.kind == "number" else value
    return instrument.score(parsed)


def audit(sex, total):
    """AUDIT-C answers adding up to ``total`` (0–12)."""
    points = [min(4, max(0, total - 4 * i)) for i in range(3)]
    values = {
        "frequency": ["never", "monthly", "2-4-month", "2-3-week", "4-week"],
        "amount": ["1-2", "3-4", "5-6", "7-9", "10"],
        "six_or_more": ["never", "less-monthly", "monthly", "weekly", "daily"],
    }
    answers = {key: options[p] for (key, options), p in zip(values.items(), points, strict=True)}
    if sex:
        answers["sex"] = sex
    return result("alkoholinkaytto-audit-c", **answers)


@pytest.mark.parametrize(
    ("sex", "total", "band", "severity"),
    [
        ("male", 5, "low-men", "ok"),
        ("male", 6, "risk-men", "watch"),
        ("male", 12, "risk-men", "watch"),
        ("female", 4, "low", "ok"),
        ("female", 5, "risk", "watch"),
        ("other", 4, "low", "ok"),
        ("other", 5, "risk", "watch"),
        (None, 4, "low", "ok"),
        (None, 5, "risk", "watch"),
        ("female", 0, "low", "ok"),
    ],
)
def test_audit_c_cut_offs_depend_on_sex(sex, total, band, severity):
    outcome = audit(sex, total)
    assert outcome.scores["total"] == total
    assert (outcome.band.key, outcome.band.severity) == (band, severity)


def test_audit_c_five_points_is_risk_for_women_but_not_for_men():
    assert audit("female", 5).band.title["fi"] == "Riskikäytön raja ylittyy"
    assert audit("male", 5).band.title["fi"] == "Alkoholinkäyttösi on vähäriskistä"


def who5(raw, thoughts=None):
    """WHO-5 answers with a raw sum of ``raw`` (0–25). Option n gives 6 - n points."""
    keys = ["cheerful", "calm", "active", "rested", "interest"]
    points = [min(5, max(0, raw - 5 * i)) for i in range(5)]
    answers = {key: str(6 - p) for key, p in zip(keys, points, strict=True)}
    if thoughts:
        answers["thoughts"] = thoughts
    return result("hyvinvointi-who-5", **answers)


@pytest.mark.parametrize(
    ("raw", "index", "band"),
    [
        (0, 0, "low"),
        (7, 28, "low"),
        (8, 32, "reduced"),
        (12, 48, "reduced"),
        (13, 52, "good"),
        (25, 100, "good"),
    ],
)
def test_who5_raw_score_times_four_and_bands(raw, index, band):
    outcome = who5(raw)
    assert outcome.scores["total"] == index
    assert outcome.band.key == band
    assert outcome.lines[0].maximum == 100


def test_who5_thoughts_of_self_harm_show_the_urgent_notice_whatever_the_score():
    assert not who5(25).urgent
    assert not who5(25, "no").urgent
    assert who5(25, "sometimes").urgent
    assert who5(3, "often").urgent
    assert who5(25, "often").band.key == "good"  # the extra question gives no points


@pytest.mark.parametrize(
    ("moderate", "vigorous", "strength", "band"),
    [
        (150, 0, 2, "meets"),
        (149, 0, 2, "strength-only"),
        (0, 75, 2, "meets"),
        (0, 74, 2, "strength-only"),
        (100, 25, 7, "meets"),
        (99, 25, 7, "strength-only"),
        (150, 0, 1, "aerobic-only"),
        (149, 0, 1, "neither"),
        (0, 0, 0, "neither"),
    ],
)
def test_physical_activity_against_the_ukk_recommendation(moderate, vigorous, strength, band):
    outcome = result("viikon-liikunta", moderate=moderate, vigorous=vigorous, strength=strength)
    assert outcome.scores["aerobic"] == moderate + 2 * vigorous
    assert outcome.scores["strength"] == strength
    assert outcome.band.key == band


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        (("1", "1", "1"), 3, "not-lonely"),
        (("2", "2", "1"), 5, "not-lonely"),
        (("2", "2", "2"), 6, "lonely"),
        (("3", "3", "3"), 9, "lonely"),
    ],
)
def test_three_item_loneliness_scale(answers, total, band):
    keys = ("companionship", "left_out", "isolated")
    outcome = result("yksinaisyys", **dict(zip(keys, answers, strict=True)))
    assert outcome.scores["total"] == total
    assert outcome.band.key == band


@pytest.mark.parametrize(
    ("quality", "habits", "long_term", "breathing", "band"),
    [
        ("good", ["screens", "caffeine"], "no", "no", "good"),
        ("varying", ["screens", "caffeine"], "no", "no", "habits"),
        ("poor", [], "no", "unknown", "good"),
        ("poor", ["short"], "no", "no", "habits"),
        ("good", [], "yes", "no", "long-term"),
        ("good", [], "no", "yes", "breathing"),
    ],
)
def test_sleep_checklist(quality, habits, long_term, breathing, band):
    outcome = result(
        "unitottumukset",
        quality=quality,
        habits=habits or None,
        long_term=long_term,
        breathing=breathing,
    )
    assert outcome.band.key == band


def test_every_seeded_assessment_has_a_band_for_every_answer():
    for assessment in SelfAssessmentPage.objects.all():
        instrument = assessment.instrument()
        assert instrument.problems() == [], assessment.title
        assert instrument.uncovered_answers() is None


def test_an_editor_is_told_when_a_band_is_missing_or_refers_to_nothing():
    assessment = page("yksinaisyys")
    bands = json.loads(json.dumps(list(assessment.bands.raw_data)))
    bands = [band for band in bands if band["value"]["key"] != "not-lonely"]
    bands[0]["value"]["conditions"].append(
        {"subject": "nosuch", "minimum": "1", "maximum": None, "equals": ""}
    )
    assessment.bands = json.dumps(bands)
    with pytest.raises(ValidationError) as refused:
        assessment.save()
    assert refused.value.messages == [
        "Tulosluokka ”lonely” viittaa kohteeseen ”nosuch”, joka ei ole asteikko eikä kysymys."
    ]
    bands[0]["value"]["conditions"].pop()
    assessment.bands = json.dumps(bands)
    with pytest.raises(ValidationError) as refused:
        assessment.save()
    (message,) = refused.value.messages
    assert message.startswith("Mikään tulosluokka ei vastaa näitä vastauksia:")
    assert "Tunnen, että minulta puuttuu seuraa: Tuskin koskaan" in message


# The answering flow over HTTP, as a browser without JavaScript does it.


def form_fields(html):
    """The hidden fields of the page's assessment form."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def test_whole_form_answered_in_one_post_shows_the_result(client):
    url = page("yksinaisyys").url
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('type="radio"') == 9
    assert "Vastaamiseen kuluu noin 1 minuutti." in html
    response = client.post(url, {"q-companionship": "3", "q-left-out": "2", "q-isolated": "2"})
    html = response.content.decode()
    assert "Tunnet itsesi yksinäiseksi" in html
    assert "7 / 9" in html
    assert "Three-Item Loneliness Scale" in html  # the source
    assert "ei ole diagnoosi" in html
    assert response["Cache-Control"] == "no-store, private"


def test_one_question_per_step_carries_earlier_answers_and_can_go_back(client):
    url = page("viikon-liikunta").url
    html = client.get(url).content.decode()
    assert 'name="q-moderate"' in html and 'name="q-vigorous"' not in html
    assert "Kysymys 1/3" in html

    html = client.post(url, {"q-moderate": "120", "step": "0"}).content.decode()
    assert 'name="q-vigorous"' in html and "Kysymys 2/3" in html
    fields = form_fields(html)
    assert fields["q-moderate"] == "120" and fields["step"] == "1"

    html = client.post(url, {**fields, "q-vigorous": "20", "action": "back"}).content.decode()
    assert 'name="q-moderate" value="120"' in html
    assert form_fields(html)["q-vigorous"] == "20"  # the answer given on step 2 is kept

    html = client.post(url, {**fields, "q-vigorous": "20"}).content.decode()
    fields = form_fields(html)
    assert 'name="q-strength"' in html and 'id="municipality"' in html
    html = client.post(url, {**fields, "q-strength": "2", "municipality": "905"}).content.decode()
    assert "Liikut suosituksen mukaisesti" in html
    assert "160 min/vko" in html
    assert "/fi/palvelut/?theme=liikunta&amp;municipality=905" in html


def test_unanswered_and_out_of_range_answers_give_an_error_summary_and_keep_the_rest(client):
    url = page("viikon-liikunta").url
    fields = {"q-moderate": "120", "q-vigorous": "30", "step": "2", "counted": "1"}
    html = client.post(url, {**fields, "q-strength": "8"}).content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)[0]
    assert 'href="#q-strength"' in summary
    assert "Anna luku väliltä 0–7." in summary
    assert 'value="8"' in html and 'aria-invalid="true"' in html
    assert form_fields(html)["q-moderate"] == "120"

    html = client.post(url, {**fields, "q-moderate": "", "q-strength": "2"}).content.decode()
    assert "Kysymys 1/3" in html  # back to the step with the problem
    assert "Anna luku." in html
    assert form_fields(html)["q-strength"] == "2" and form_fields(html)["q-vigorous"] == "30"

    url = page("yksinaisyys").url
    html = client.post(url, {"q-companionship": "3", "q-isolated": "1"}).content.decode()
    assert (
        '<a href="#q-left-out-1">Tunnen itseni ulkopuoliseksi: Valitse yksi vaihtoehto.</a>' in html
    )
    assert re.search(r'id="q-companionship-3"[^>]*checked', html)
    assert re.search(r'id="q-isolated-1"[^>]*checked', html)


@pytest.mark.parametrize(
    "forged",
    [
        {"q-companionship": "4"},
        {"q-companionship": "<script>"},
        {"q-companionship": "1", "municipality": "091"},
    ],
)
def test_forged_values_are_rejected(client, forged):
    url = page("yksinaisyys").url
    data = {"q-companionship": "1", "q-left-out": "1", "q-isolated": "1", **forged}
    html = client.post(url, data).content.decode()
    assert 'class="error-summary"' in html
    assert "Your result" not in html and "Tuloksesi" not in html
    assert "<script>" not in html.split("<main")[1]


def test_forged_multiple_choice_value_is_rejected(client):
    url = page("unitottumukset").url
    data = {
        "q-quality": "good",
        "q-habits": ["screens", "sleeping-pills"],
        "q-long-term": "no",
        "q-breathing": "no",
    }
    html = client.post(url, data).content.decode()
    assert "Valitse annetuista vaihtoehdoista." in html


def test_services_near_you_opens_the_catalogue_search_with_the_right_filters(
    client, demo_catalogue
):
    url = page("yksinaisyys").url
    html = client.post(
        url,
        {"q-companionship": "3", "q-left-out": "3", "q-isolated": "2", "municipality": "545"},
    ).content.decode()
    link = re.search(r'<a href="(/fi/palvelut/\?[^"]+)">Vertaistukea ja yhteistä tekemistä', html)
    assert link, html
    search_url = link[1].replace("&amp;", "&")
    assert search_url == "/fi/palvelut/?theme=osallisuus&municipality=545"
    assert "Palvelut kunnassa Närpiö" in html

    response = client.get(search_url)
    query = response.context["query"]
    assert query.themes == ("osallisuus",) and query.municipalities == ("545",)
    rows = response.context["rows"]
    assert rows
    for row in rows:
        themes = Service.objects.get(pk=row["service"].pk).themes.all()
        assert "osallisuus" in {theme.slug for theme in themes}
    html = response.content.decode()
    active = re.search(r'class="active-filters".*?</ul>', html, re.S)
    assert active and "Närpiö" in active[0] and "Osallisuus ja kulttuuri" in active[0]


def test_the_swedish_result_links_to_the_swedish_search(client):
    response = client.post(
        "/sv/sjalvskattningar/ensamhet/",
        {"q-companionship": "3", "q-left-out": "3", "q-isolated": "2", "municipality": "905"},
    )
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Du känner dig ensam" in html
    assert "/sv/tjanster/?theme=osallisuus&amp;municipality=905" in html


def snapshot():
    """Every table's rows, as text."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the schema
            tables[table] = sorted(repr(row) for row in cursor.fetchall())
    return tables


def test_completing_three_assessments_stores_only_counters(client):
    before = snapshot()
    responses = [
        client.post(
            page("yksinaisyys").url,
            {"q-companionship": "3", "q-left-out": "3", "q-isolated": "3", "municipality": "288"},
        ),
        client.post(
            page("hyvinvointi-who-5").url,
            {f"q-{key}": "4" for key in ("cheerful", "calm", "active", "rested", "interest")}
            | {"q-thoughts": "often"},
        ),
        client.post(
            page("alkoholinkaytto-audit-c").url,
            {
                "q-sex": "female",
                "q-frequency": "2-3-week",
                "q-amount": "5-6",
                "q-six-or-more": "monthly",
            },
        ),
    ]
    assert all(b"assessment-result" in response.content for response in responses)
    after = snapshot()

    changed = {table for table in after if after[table] != before.get(table)}
    assert changed == {"selfcare_assessmentday", "selfcare_assessmentbandday"}
    days = AssessmentDay.objects.all()
    assert sorted((d.assessment.slug_fi, d.started, d.completed) for d in days) == [
        ("alkoholinkaytto-audit-c", 1, 1),
        ("hyvinvointi-who-5", 1, 1),
        ("yksinaisyys", 1, 1),
    ]
    assert sorted(AssessmentBandDay.objects.values_list("band", "count")) == [
        ("lonely", 1),
        ("reduced", 1),
        ("risk", 1),
    ]
    # The counter rows hold ids, a day and counts: nothing that was answered.
    for table in changed:
        for row in after[table]:
            for answer in ("often", "female", "288", "2-3-week", "5-6"):
                assert answer not in row
    # No cookie but the CSRF one, and no session.
    for response in responses:
        assert set(response.cookies) <= {"csrftoken"}


def test_a_step_counts_as_started_once_and_the_result_as_completed(client):
    assessment = page("viikon-liikunta")
    fields = {"q-moderate": "10", "step": "0"}
    html = client.post(assessment.url, fields).content.decode()
    fields = form_fields(html)
    html = client.post(assessment.url, {**fields, "q-vigorous": "x"}).content.decode()
    fields = form_fields(html)
    html = client.post(assessment.url, {**fields, "q-vigorous": "0"}).content.decode()
    fields = form_fields(html)
    client.post(assessment.url, {**fields, "q-strength": "0"})
    day = AssessmentDay.objects.get(assessment=assessment)
    assert (day.started, day.completed) == (1, 1)
    assert AssessmentBandDay.objects.get(assessment=assessment).band == "neither"


def test_theme_page_and_listing_show_the_assessments(client):
    html = client.get("/fi/teemat/osallisuus/").content.decode()
    assert "Yksinäisyyden arviointi" in html
    assert "Unitottumusten tarkistuslista" not in html
    listing = client.get("/sv/sjalvskattningar/").content.decode()
    for title in (
        "Bedömning av alkoholvanor (AUDIT-C)",
        "Välbefinnandeindex (WHO-5)",
        "Rör du dig tillräckligt? Veckans motion",
        "Bedömning av ensamhet",
        "Checklista för sömnvanor",
    ):
        assert title in listing


def test_statistics_report_in_the_admin(admin_client, client):
    client.post(
        page("yksinaisyys").url,
        {"q-companionship": "1", "q-left-out": "1", "q-isolated": "1"},
    )
    html = admin_client.get("/admin/selfcare/assessments/?days=90").content.decode()
    row = re.search(r"Yksinäisyyden arviointi</a></td>(.*?)</tr>", html, re.S)[1]
    assert re.findall(r"<td>([^<]*)</td>", row)[:3] == ["1", "1", "100 %"]
    assert "Et tunne itseäsi juurikaan yksinäiseksi: 1" in row


def test_numbers_accept_a_decimal_comma_and_spaces():
    instrument = page("viikon-liikunta").instrument()
    answers, errors = instrument.check(
        QueryDict("q-moderate=1%20200&q-vigorous=0&q-strength=2"), None
    )
    assert errors == {} and answers["moderate"] == 1200
    answers, errors = instrument.check(QueryDict("q-moderate=12,5&q-vigorous=0&q-strength=2"))
    assert list(errors) == ["moderate"]  # whole minutes only


def test_editors_get_the_assessment_in_the_admin_with_its_tabs(admin_client):
    assessment = page("alkoholinkaytto-audit-c")
    html = admin_client.get(f"/admin/pages/{assessment.pk}/edit/").content.decode()
    for tab in ("Sisältö", "Kysymykset ja pisteytys", "Tulokset"):
        assert tab in html
    assert "Alkoholinkäytön arviointi (AUDIT-C)" in html
    index = assessment.get_parent()
    response = admin_client.get(f"/admin/pages/add/selfcare/selfassessmentpage/{index.pk}/")
    assert response.status_code == 200
