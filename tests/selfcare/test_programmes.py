"""Self-care programmes: the seeded programmes, progress in a signed cookie without an
account, continuation codes (what is stored, expiry, the rate limit on guessing), the print
view, what is counted, and the editors' side."""

import copy
import json
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from core.counters import totals
from selfcare import progress as store
from selfcare.models import ContinuationCode, SelfCareProgrammePage

pytestmark = pytest.mark.django_db

MOVE = "liikkeelle-6-viikkoa"
MOVE_FI = "/fi/omahoito-ohjelmat/liikkeelle-6-viikkoa/"
MOVE_SV = "/sv/egenvardsprogram/kom-i-rorelse-6-veckor/"
RESUME_FI = "/fi/omahoito-ohjelmat/jatka/"
CODE_FI = "/fi/omahoito-ohjelmat/koodi/"


def programme(slug=MOVE):
    return SelfCareProgrammePage.objects.get(slug_fi=slug)


def step(number, base=MOVE_FI):
    word = "steg" if base.startswith("/sv/") else "vaihe"
    return f"{base}{word}/{number}/"


def done(client, number, base=MOVE_FI):
    return client.post(step(number, base), {"action": "done"})


def state(client, page=None):
    """The progress the client's cookie holds, read as the site reads it."""
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return store.read(request).get((page or programme()).pk)


def test_three_programmes_are_seeded_in_both_languages_with_steps_services_and_sources(client):
    slugs = ["liikkeelle-6-viikkoa", "parempaa-unta-4-viikkoa", "vahemman-alkoholia-4-viikkoa"]
    for slug in slugs:
        page = programme(slug)
        assert page.title_fi and page.title_sv and page.sources_fi and page.sources_sv
        steps = list(page.steps)
        assert len(steps) >= 4
        for block in steps:
            value = block.value
            assert value["title_fi"] and value["title_sv"] and value["minutes"]
            for item in value["content"]:
                texts = {k: v for k, v in item.value.items() if k.endswith(("_fi", "_sv"))}
                for key in texts:
                    if key.endswith("_fi") and texts[key]:
                        assert texts[key.replace("_fi", "_sv")], (slug, item.block_type, key)
        kinds = {item.block_type for block in steps for item in block.value["content"]}
        assert {"text", "exercise", "reflection", "checklist", "services", "tip"} <= kinds
    assert programme("liikkeelle-6-viikkoa").steps.__len__() == 6
    html = client.get(MOVE_SV).content.decode()
    assert "<h1>Kom i rörelse – 6 veckor</h1>" in html
    assert "UKK-institutet" in html
    listing = client.get("/sv/egenvardsprogram/").content.decode()
    assert "Bättre sömn – 4 veckor" in listing and "Mindre alkohol – 4 veckor" in listing


def test_steps_link_to_local_services_as_a_prepared_catalogue_search(client):
    html = client.get(step(3)).content.decode()
    match = re.search(r'<a href="(/fi/palvelut/\?[^"]+)">Kävely- ja ulkoiluryhmät', html)
    assert match, html
    url = match.group(1).replace("&amp;", "&")
    assert "theme=liikunta" in url and "q=k%C3%A4vely" in url
    assert client.get(url).status_code == 200


def test_progress_without_an_account_resumes_at_the_next_step(client):
    response = client.post(MOVE_FI, {"action": "start"})
    assert response.status_code == 302 and response["Location"] == step(1)
    assert done(client, 1)["Location"] == step(2)
    assert done(client, 2)["Location"] == step(3)
    assert state(client).done == [store.step_key(block.id) for block in list(programme().steps)[:2]]
    cookie = client.cookies[store.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"

    html = client.get(MOVE_FI).content.decode()
    assert "2/6 vaihetta tehty." in html
    assert f'href="{step(3)}">Jatka siitä, mihin jäit' in html
    home = client.get("/fi/").content.decode()
    assert "Jatka siitä, mihin jäit" in home and f'href="{step(3)}"' in home
    # Back on a done step, the user may read it again; the next visit continues from there.
    assert "Olet merkinnyt tämän vaiheen tehdyksi." in client.get(step(1)).content.decode()
    assert f'href="{step(1)}">Jatka siitä, mihin jäit' in client.get(MOVE_FI).content.decode()


def test_the_same_progress_in_swedish(client):
    client.post(MOVE_SV, {"action": "start"})
    done(client, 1, MOVE_SV)
    html = client.get(MOVE_SV).content.decode()
    assert f'href="{step(2, MOVE_SV)}">Fortsätt där du slutade' in html
    assert "Vecka 1" in html and "Klar" in html


def test_a_step_address_kept_from_the_other_language_still_works(client):
    # The routes' words come from the translations of every site language (core.i18n).
    swedish_page_finnish_word = f"{MOVE_SV}vaihe/2/"
    response = client.get(swedish_page_finnish_word)
    assert response.status_code == 200
    assert "Vecka 2" in response.content.decode()
    assert client.get(f"{MOVE_SV}etappi/2/").status_code == 404


def test_finishing_the_last_step_completes_the_programme_once(client):
    page = programme("parempaa-unta-4-viikkoa")
    base = "/fi/omahoito-ohjelmat/parempaa-unta-4-viikkoa/"
    for number in range(1, 5):
        response = done(client, number, base)
    assert response["Location"] == f"{base}#programme-completed"
    html = client.get(base).content.decode()
    assert "Olet suorittanut ohjelman loppuun" in html
    done(client, 4, base)  # again: not a second completion
    assert totals("programme.started") == {str(page.pk): 1}
    assert totals("programme.completed") == {str(page.pk): 1}
    keys = [store.step_key(block.id) for block in page.steps]
    assert totals("programme.step") == {f"{page.pk}:{key}": 1 for key in keys}


def _flip(text, index):
    return text[:index] + ("A" if text[index] != "A" else "B") + text[index + 1 :]


@pytest.mark.parametrize(
    "forge",
    [
        lambda value: _flip(value, len(value) - 2),  # the signature
        lambda value: _flip(value, 5),  # the signed content
        lambda value: "garbage",
        # Signed with the right key, but not of the right shape.
        lambda value: signing.dumps(
            {"p": {"1": "not a state", "x": [], "2": {"done": "x"}}, "k": 5}, salt=store.SALT
        ),
        lambda value: signing.dumps(["a", "list"], salt=store.SALT),
    ],
)
def test_a_changed_or_malformed_cookie_is_ignored_and_progress_restarts(client, forge):
    done(client, 1)
    done(client, 2)
    client.cookies[store.COOKIE] = forge(client.cookies[store.COOKIE].value)
    response = client.get(MOVE_FI)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aloita ohjelma" in html and "Jatka siitä, mihin jäit" not in html
    assert client.get(step(3)).status_code == 200
    assert client.get("/fi/").status_code == 200
    assert done(client, 3)["Location"] == step(4)  # a new, valid cookie replaces it
    assert state(client).done == [store.step_key(list(programme().steps)[2].id)]


def set_steps(page, raw):
    """Publish the programme with these steps (raw StreamField data, block ids kept)."""
    page.steps = json.dumps(raw)
    page.save_revision().publish()


def test_reordering_steps_keeps_progress_and_a_deleted_step_is_forgotten(client):
    done(client, 1)
    done(client, 2)
    page = programme()
    first, second, *rest = copy.deepcopy(list(page.steps.raw_data))
    set_steps(page, [second, first, *rest])
    html = client.get(MOVE_FI).content.decode()
    assert html.count("Tehty</span>") == 2  # both still done, in their new places
    assert re.search(r"Viikko 1: <span>Arjen liike.*?Tehty</span>", html, re.S)

    set_steps(programme(), [first, *rest])
    assert client.get(MOVE_FI).content.decode().count("Tehty</span>") == 1


def test_a_step_out_of_range_is_not_found(client):
    assert client.get(step(7)).status_code == 404
    assert client.get(step(0)).status_code == 404
    assert client.post(step(99), {"action": "done"}).status_code == 404


def test_reflection_answers_and_ticks_have_no_field_names_so_no_form_can_send_them(client):
    html = client.get(step(1)).content.decode()
    textareas = re.findall(r"<textarea[^>]*>", html)
    checkboxes = re.findall(r'<input type="checkbox"[^>]*>', html)
    assert textareas and checkboxes
    assert not any(" name=" in tag for tag in textareas + checkboxes)
    assert "Vastauksiasi ei tallenneta" in html  # what the page says without JavaScript


def test_the_printable_version_holds_every_step(client):
    html = client.get(f"{MOVE_FI}tulosta/").content.decode()
    for block in programme().steps:
        assert block.value["title_fi"] in html
    assert html.count('class="print-step"') == 6
    assert 'name="robots" content="noindex"' in html
    sv = client.get(f"{MOVE_SV}utskrift/").content.decode()
    assert "Vecka 6" in sv and "Gör det till en vana" in sv


def test_making_a_continuation_code_stores_only_a_digest_the_steps_and_a_day(client):
    assert client.post(CODE_FI).status_code == 200  # nothing started: no code
    assert not ContinuationCode.objects.exists()
    done(client, 1)
    done(client, 2)
    response = client.post(CODE_FI, {"next": step(3)})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    code = re.search(r'continuation-code--large">([A-Z0-9-]+)<', html).group(1)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert "<svg" in html and 'role="img"' in html
    assert f"/fi/omahoito-ohjelmat/jatka/?koodi={code}" in html
    assert f'href="{step(3)}"' in html  # back where the user came from

    stored = ContinuationCode.objects.get()
    row = {f.name: getattr(stored, f.name) for f in ContinuationCode._meta.fields}
    assert set(row) == {"id", "digest", "progress", "last_used"}
    assert code.replace("-", "") not in json.dumps(row, default=str)
    assert row["digest"] == store.digest(code.replace("-", ""))
    assert row["last_used"] == timezone.localdate()
    assert row["progress"][str(programme().pk)]["done"] == state(client).done

    # Progress made later is kept under the code too.
    done(client, 3)
    stored.refresh_from_db()
    assert len(stored.progress[str(programme().pk)]["done"]) == 3


def test_another_device_continues_with_the_code(client):
    from django.test import Client

    done(client, 1)
    done(client, 2)
    client.post(CODE_FI)
    code = store.display_code(state_code(client))

    other = Client()
    form = other.get(f"{RESUME_FI}?koodi={code}").content.decode()
    assert f'value="{code}"' in form  # the QR code's link fills in the form, nothing more
    assert state(other) is None
    response = other.post(RESUME_FI, {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302 and response["Location"] == step(3)
    assert len(state(other).done) == 2
    assert "Jatka siitä, mihin jäit" in other.get("/fi/").content.decode()


def state_code(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return store.read(request).code


@pytest.mark.parametrize("typed", ["ABCD-EFGH-JKMN", "nonsense", "ABCD-EFGH-JKM0"])
def test_an_unknown_code_gives_a_clear_message(client, typed):
    response = client.post(RESUME_FI, {"code": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Koodilla ei löytynyt edistymistä" in html and 'id="error-summary"' in html
    assert f'value="{typed}"' in html  # what was typed is kept
    assert store.COOKIE not in response.cookies


def test_an_empty_code_asks_for_one(client):
    html = client.post(RESUME_FI, {"code": "  "}).content.decode()
    assert "Kirjoita jatkokoodisi." in html


def test_an_expired_code_is_refused_and_purged(client):
    done(client, 1)
    client.post(CODE_FI)
    code = state_code(client)
    old = timezone.localdate() - timedelta(days=store.CODE_LIFETIME_DAYS + 1)
    ContinuationCode.objects.update(last_used=old)
    response = client.post(RESUME_FI, {"code": code})
    assert "Koodilla ei löytynyt edistymistä" in response.content.decode()
    call_command("purge_continuation_codes", verbosity=0)
    assert not ContinuationCode.objects.exists()


def test_the_purge_keeps_codes_used_within_the_lifetime(client):
    done(client, 1)
    client.post(CODE_FI)
    recent = timezone.localdate() - timedelta(days=store.CODE_LIFETIME_DAYS - 1)
    ContinuationCode.objects.update(last_used=recent)
    assert store.purge_expired_codes() == 0
    assert ContinuationCode.objects.count() == 1


def test_more_than_ten_wrong_codes_in_the_window_from_one_client_are_refused(client, settings):
    from django.test import Client

    # django-ratelimit counts in fixed windows; an hour's window with the same count keeps
    # the eleven requests inside one window (a minute's could close between two of them).
    settings.RATELIMIT_CONTINUATION_CODE = "10/h"
    done(client, 1)
    client.post(CODE_FI)
    code = state_code(client)
    guesser = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(10):
        response = guesser.post(RESUME_FI, {"code": store.new_code()})
        assert response.status_code == 200
    refused = guesser.post(RESUME_FI, {"code": code})  # even the right code, now
    assert refused.status_code == 429
    assert "Liian monta väärää koodia" in refused.content.decode()
    assert store.COOKIE not in refused.cookies
    # Another client is not affected.
    other = Client(REMOTE_ADDR="192.0.2.11")
    assert other.post(RESUME_FI, {"code": code}).status_code == 302


def test_right_codes_do_not_count_towards_the_limit(client):
    from django.test import Client

    done(client, 1)
    client.post(CODE_FI)
    code = state_code(client)
    user = Client(REMOTE_ADDR="192.0.2.20")
    for _ in range(12):
        assert user.post(RESUME_FI, {"code": code}).status_code == 302


def test_saved_progress_from_the_browser_can_be_restored(client):
    page = programme()
    keys = [store.step_key(block.id) for block in page.steps]
    saved = json.dumps({"done": keys[:3], "current": keys[3]})
    response = client.post(MOVE_FI, {"action": "restore", "saved": saved})
    assert response.status_code == 302
    assert state(client).done == keys[:3]
    assert f'href="{step(4)}">Jatka siitä, mihin jäit' in client.get(MOVE_FI).content.decode()
    # Junk is dropped, not trusted.
    other = client.__class__()
    other.post(MOVE_FI, {"action": "restore", "saved": '{"done": ["<script>"], "current": 5}'})
    assert state(other).done == [] and state(other).current is None


def snapshot():
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - introspected names
            tables[table] = sorted(repr(row) for row in cursor.fetchall())
    return tables


def test_following_a_programme_writes_only_counters(client):
    before = snapshot()
    client.post(MOVE_FI, {"action": "start"})
    done(client, 1)
    done(client, 2)
    after = snapshot()
    changed = {table for table in after if after[table] != before.get(table)}
    assert changed == {"portal_dailycount"}  # anonymous counters, nothing else
    page = programme()
    assert totals("programme.started") == {str(page.pk): 1}
    assert totals("programme.completed") == {}
    assert len(totals("programme.step")) == 3  # steps 1, 2 and 3 reached
    assert set(client.cookies) <= {store.COOKIE, "csrftoken"}


def test_theme_pages_list_their_programmes(client):
    html = client.get("/fi/teemat/uni/").content.decode()
    assert "Parempaa unta – 4 viikkoa" in html
    assert "Vähemmän alkoholia" not in html


def test_assessment_results_recommend_the_programme(client):
    html = client.post(
        "/fi/itsearvioinnit/alkoholinkaytto-audit-c/",
        {
            "q-sex": "female",
            "q-frequency": "2-3-week",
            "q-amount": "5-6",
            "q-six-or-more": "monthly",
        },
    ).content.decode()
    assert 'href="/fi/omahoito-ohjelmat/vahemman-alkoholia-4-viikkoa/">Vähemmän alkoholia' in html


def test_a_video_is_loaded_only_on_request_and_always_has_its_transcript(client):
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    Embed.objects.create(
        url=url,
        max_width=None,
        hash=get_embed_hash(url, None, None),
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/x" title="Venyttely"></iframe>',
        provider_name="YouTube",
    )
    page = programme()
    raw = copy.deepcopy(list(page.steps.raw_data))
    raw[0]["value"]["content"].append(
        {
            "type": "video",
            "value": {
                "video": url,
                "title_fi": "Venyttelyvideo",
                "title_sv": "Stretchvideo",
                "transcript_fi": "<p>Nosta kädet ylös ja venytä.</p>",
                "transcript_sv": "<p>Lyft armarna och sträck på dig.</p>",
            },
        }
    )
    set_steps(page, raw)

    html = client.get(step(1)).content.decode()
    # The player is only in a <template>, which the page's script copies in on request.
    outside = re.sub(r"<template.*?</template>", "", html, flags=re.S)
    assert "<iframe" not in outside
    assert re.search(
        r"<template data-video-template=[^>]*>.*<iframe[^>]*youtube-nocookie", html, re.S
    )
    assert "Näytä video tässä" in html
    assert "Nosta kädet ylös ja venytä." in html
    assert "Katso video palvelussa www.youtube.com" in html
    sv = client.get(step(1, MOVE_SV)).content.decode()
    assert "Lyft armarna och sträck på dig." in sv


def test_editors_get_the_programme_in_the_admin_with_its_tabs_and_the_report(admin_client, client):
    page = programme()
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for tab in ("Sisältö", "Vaiheet"):
        assert tab in html
    index = page.get_parent()
    response = admin_client.get(f"/admin/pages/add/selfcare/selfcareprogrammepage/{index.pk}/")
    assert response.status_code == 200
    client.post(MOVE_FI, {"action": "start"})
    done(client, 1)
    report = admin_client.get("/admin/selfcare/programmes/").content.decode()
    assert "Liikkeelle – 6 viikkoa" in report
    assert (
        "Lähtötilanne ja oma tavoite: 1" in report
        and "Arjen liike ja istumisen tauotus: 1" in report
    )


def test_starting_over_forgets_the_programme_and_sets_no_cookie_for_nothing(client):
    assert store.COOKIE not in client.post(MOVE_FI, {"action": "nonsense"}).cookies
    done(client, 1)
    response = client.post(MOVE_FI, {"action": "restart"})
    assert response.cookies[store.COOKIE].value == ""  # deleted: nothing left to remember
    assert "Aloita ohjelma" in client.get(MOVE_FI).content.decode()


def test_the_cookie_stays_under_the_browsers_limit_forgetting_the_oldest_programme_first():
    import secrets

    progress = store.Progress()
    for pk in range(1, 61):  # far more programmes than a county has
        keys = [secrets.token_hex(4) for _ in range(12)]
        store.mark_done(progress, pk, keys, keys[0])
    value = store.encode(progress)
    assert len(value) <= store.COOKIE_BYTES < 4096
    kept = list(progress.programmes)
    assert kept == list(range(61 - len(kept), 61)) and len(kept) >= 20  # the newest kept


def test_making_codes_beyond_the_rate_limit_is_refused(settings):
    from django.test import Client

    settings.RATELIMIT_CONTINUATION_CODE_CREATE = "2/h"
    for _ in range(2):
        resident = Client(REMOTE_ADDR="192.0.2.30")
        done(resident, 1)
        assert resident.post(CODE_FI).status_code == 302
    resident = Client(REMOTE_ADDR="192.0.2.30")
    done(resident, 1)
    refused = resident.post(CODE_FI)
    assert refused.status_code == 429
    assert "Yhteydestäsi on tehty liian monta koodia." in refused.content.decode()
    assert ContinuationCode.objects.count() == 2
    # The progress itself is kept: the step done is still done.
    assert state(resident).done
    other = Client(REMOTE_ADDR="192.0.2.31")
    done(other, 1)
    assert other.post(CODE_FI).status_code == 302
