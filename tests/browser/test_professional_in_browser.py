"""The professional's tools in headless Chromium: a service recommendation list from login to
the client's phone (its QR code read back with a decoder), the liikuntaneuvonta referral
form and the counsellor's inbox, the sender's workspace (reached from the footer) with the
referral's status, and axe-core on each of those pages."""

import io

import pytest
import zxingcpp
from PIL import Image

from tests.support.factories.professionals import coordinator, counsellor, professional

from .conftest import PASSWORD, admin_as, admin_log_in


def read_qr(locator):
    """The text a phone would read from the QR code on the page."""
    image = Image.open(io.BytesIO(locator.screenshot()))
    found = zxingcpp.read_barcodes(image)
    assert found, "no QR code could be read"
    return found[0].text


def log_in(page, site, user, path="/fi/ammattilaiset/kirjaudu/"):
    page.goto(f"{site.url}{path}")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()
    page.wait_for_load_state()


def test_a_professional_makes_a_list_in_swedish_and_the_client_opens_it(
    catalogue_site, chromium, axe_check
):
    site = catalogue_site
    user = professional()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, site, user, "/fi/ammattilaiset/kirjaudu/?next=/fi/palvelut/")
    page.wait_for_url("**/fi/palvelut/")
    page.get_by_label("Hakusanat").fill("liikunta")
    page.locator(".search-form__main button[type=submit]").click()
    page.wait_for_load_state()
    chosen = []
    for index in range(3):
        item = page.locator(".result-list > li").nth(index)
        chosen.append(item.locator("h2 a").get_attribute("href"))
        item.get_by_role("button", name="Lisää listalle").click()
        page.wait_for_load_state()
    assert page.locator(".result-list > li .add-to-list__done").count() == 3
    page.get_by_role("link", name="Palvelusuositus").click()
    page.wait_for_url("**/fi/ammattilaiset/palvelusuositus/")
    assert page.locator(".builder-item").count() == 3
    assert axe_check(page, "builder-fi") == []
    page.locator("#note-0").fill("Soita ensin, kysy vapaita paikkoja.")
    page.locator("#note-1").fill("Asiakkaan hetu 131052-308T")
    page.get_by_label("Svenska").check()
    page.get_by_role("button", name="Luo lista").click()
    page.wait_for_selector("#error-summary")
    assert "henkilötunnus" in page.locator("#error-summary").inner_text()
    assert page.locator("#note-1").input_value() == "Asiakkaan hetu 131052-308T"
    assert axe_check(page, "builder-error-fi") == []
    page.locator("#note-1").fill("")
    page.get_by_role("button", name="Luo lista").click()
    page.wait_for_url("**/fi/ammattilaiset/palvelusuositus/valmis/**")
    link = page.locator(".short-link a").get_attribute("href")
    assert "/sv/rekommendation/" in link
    assert read_qr(page.locator(".qr-code svg")) == link
    # The workspace lists it, to open, share again or copy.
    page.goto(f"{site.url}/fi/ammattilaiset/")
    assert page.locator("#own-lists ~ .table-scroll tbody tr").count() == 1
    assert "/palvelusuositus/valmis/" in page.get_by_role("link", name="Jaa lista").get_attribute(
        "href"
    )
    assert axe_check(page, "workspace-lists-fi") == []
    context.close()

    # The client's phone: a fresh context, no login.
    client = chromium.new_context(viewport={"width": 375, "height": 800})
    phone = client.new_page()
    phone.goto(link)
    assert phone.locator("html").get_attribute("lang") == "sv"
    assert phone.locator("h1").inner_text() == "Tjänster som rekommenderas för dig"
    titles = phone.locator(".recommended__title a")
    assert titles.count() == 3
    hrefs = [titles.nth(i).get_attribute("href") for i in range(3)]
    assert [href.split("-")[-1] for href in hrefs] == [href.split("-")[-1] for href in chosen]
    assert all(href.startswith("/sv/tjanster/") for href in hrefs)
    assert "Soita ensin, kysy vapaita paikkoja." in phone.locator(".recommended").first.inner_text()
    assert axe_check(phone, "recommendation-client-sv") == []
    phone.get_by_role("link", name="Utskrift med stor text").click()
    phone.wait_for_url("**/skriv-ut/")
    assert phone.locator(".recommended").count() == 3
    assert read_qr(phone.locator(".qr-code svg")) == link
    assert axe_check(phone, "recommendation-print-sv") == []
    pdf = phone.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    client.close()


def test_a_referral_reaches_the_counsellor_who_marks_it_contacted(site, chromium, axe_check):
    narpes = counsellor("545", email="neuvoja@narpio.example.fi")
    narpes.set_password(PASSWORD)
    narpes.save()
    sender = professional()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, site, sender)
    page.goto(f"{site.url}/fi/liikuntaneuvonta/")
    assert axe_check(page, "referral-index-fi") == []
    page.get_by_role("link", name="Närpiö").first.click()
    page.wait_for_url("**/fi/liikuntaneuvonta/545/")
    assert "OAB77" in page.locator("main").inner_text()
    assert axe_check(page, "referral-form-fi") == []
    page.get_by_role("button", name="Lähetä lähete").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert axe_check(page, "referral-form-errors-fi") == []
    page.get_by_label("Nimi").fill("Maija Meikäläinen")
    page.get_by_label("Puhelinnumero").fill("040 111 2222")
    page.locator("#id_language_0").check()
    page.get_by_label("Esidiabetes").check()
    page.get_by_label("Lähettävä yksikkö").fill("Närpiön terveysasema")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Lähetä lähete").click()
    page.wait_for_url("**/fi/liikuntaneuvonta/545/lahetetty/")
    context.close()

    # A Finnish counsellor's browser: the admin follows its language (there is no preference).
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    page = context.new_page()
    admin_log_in(page, site.url, narpes.username, PASSWORD)
    page.goto(f"{site.url}/admin/referrals/")
    assert axe_check(page, "referral-inbox") == []
    assert "Maija" not in page.locator("main").inner_text()
    page.locator("table.listing a").first.click()
    page.wait_for_load_state()
    assert "Maija Meikäläinen" in page.locator("main").inner_text()
    assert axe_check(page, "referral-detail") == []
    page.locator("select[name=status]").select_option("contacted")
    page.get_by_role("button", name="Tallenna tila").click()
    page.wait_for_load_state()
    assert "Yhteys saatu" in page.locator("main").inner_text()
    context.close()

    # The sender comes back through the footer, lands in the workspace and sees the status.
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site.url}/fi/liikuntaneuvonta/")
    page.locator("footer").get_by_role("link", name="Ammattilaisille: kirjaudu").click()
    page.get_by_label("Käyttäjätunnus").fill(sender.username)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()
    page.wait_for_url("**/fi/ammattilaiset/")
    assert page.locator(".referral-status").all_inner_texts() == ["Yhteys saatu"]
    assert "Maija" not in page.locator("main").inner_text()
    assert axe_check(page, "workspace-fi") == []
    page.goto(f"{site.url}/sv/yrkespersoner/")
    assert page.locator(".referral-status").all_inner_texts() == ["Kontakt fås"]
    assert axe_check(page, "workspace-sv") == []
    context.close()


def test_login_and_no_counselling_pages_have_no_axe_violations(site, browser_page, axe_pages):
    paths = ["/sv/yrkespersoner/logga-in/", "/fi/liikuntaneuvonta/905/"]
    found = axe_pages(browser_page, site.url, "professional", paths)
    assert found == {path: [] for path in paths}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_catalogue_check_passes_axe(catalogue_site, browser_page, axe_check, language):
    page = browser_page
    admin_as(page, catalogue_site.url, coordinator(), language, "/admin/")
    page.goto(f"{catalogue_site.url}/admin/")
    assert page.locator("#professionals_catalogue_check-heading").count() == 1
    page.goto(f"{catalogue_site.url}/admin/referrals/catalogue-check/")
    vaasa = {"fi": "Liikuntaneuvonta – Vaasa", "sv": "Motionsrådgivning – Vasa"}[language]
    assert vaasa in page.locator("main").inner_text()
    assert axe_check(page, f"catalogue-check-{language}") == []


# --- The referral loop to an NGO's group, with self-care in the list (issue 24) ---------------

LOOP = {
    "fi": {
        "home": "/fi/",
        "footer": "Ammattilaisille: kirjaudu",
        "username": "Käyttäjätunnus",
        "password": "Salasana",
        "log_in": "Kirjaudu",
        "workspace": "**/fi/ammattilaiset/",
        "add": "Lisää listalle",
        "builder": "Palvelusuositus",
        "create": "Luo lista",
        "refer": "Tee lähete",
        "name": "Nimi",
        "phone": "Puhelinnumero",
        "unit": "Lähettävä yksikkö",
        "send": "Lähetä lähete",
        "contacted": "Yhteys saatu",
        "save_status": "Tallenna tila",
        "type_path": "lahete",
        "next": "Mitä tehdä seuraavaksi",
        "weekday": "keskiviikko",
        "time": "13–15",
    },
    "sv": {
        "home": "/sv/",
        "footer": "För yrkespersoner: logga in",
        "username": "Användarnamn",
        "password": "Lösenord",
        "log_in": "Logga in",
        "workspace": "**/sv/yrkespersoner/",
        "add": "Lägg till i listan",
        "builder": "Servicerekommendation",
        "create": "Skapa listan",
        "refer": "Gör en remiss",
        "name": "Namn",
        "phone": "Telefonnummer",
        "unit": "Remitterande enhet",
        "send": "Skicka remissen",
        "contacted": "Kontakt fås",
        "save_status": "Spara statusen",
        "type_path": "remiss",
        "next": "Vad du gör härnäst",
        "weekday": "onsdag",
        "time": "13–15",
    },
}


def footer_log_in(page, site, words, user):
    """From the home page's footer to the login, and on into the workspace."""
    page.goto(f"{site.url}{words['home']}")
    page.locator("footer").get_by_role("link", name=words["footer"]).click()
    page.get_by_label(words["username"]).fill(user.username)
    page.get_by_label(words["password"]).fill(PASSWORD)
    page.get_by_role("button", name=words["log_in"]).click()
    page.wait_for_url(words["workspace"])


@pytest.fixture
def peer_group(catalogue_site):
    """The Lähellä.fi demo activities; the omaishoitajat's peer support group in Närpiö made a
    referral unit of a peer-group type, received by the association's editor."""
    from django.contrib.auth.models import Group

    from catalogue.models import Service
    from core.roles import NGO_EDITOR, RECEIVER
    from ptv_sync.demo_catalogue import DEMO_DIR, lahella_key
    from ptv_sync.runner import run_sync
    from tests.support.factories.professionals import organisation_unit, peer_group_type

    run = run_sync("lahella", from_dir=DEMO_DIR / "lahella", full=True)
    assert run.status == "succeeded", run.errors
    group = Service.objects.get(source="lahella", external_id=lahella_key("omaishoitajat", "545"))
    walking = Service.objects.get(source="lahella", external_id=lahella_key("kavelyryhma", "545"))
    unit = organisation_unit(
        peer_group_type(), group.responsible_organisation, service=group.duplicate_of or group
    )
    editor = professional(username="yhdistyksen-toimittaja")  # no professional tools needed
    editor.groups.set(Group.objects.filter(name__in=[NGO_EDITOR, RECEIVER]))
    unit.receivers.add(editor)
    return {
        "unit": unit,
        "group": group.duplicate_of or group,
        "walking": walking,
        "editor": editor,
    }


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_referral_to_an_ngo_group_comes_back_contacted_and_the_list_holds_self_care(
    catalogue_site, peer_group, chromium, axe_check, language
):
    from django.utils import translation

    from professionals.models import NationalService
    from selfcare.models import SelfCareProgrammePage

    site, words = catalogue_site, LOOP[language]
    sender = professional()
    programme = SelfCareProgrammePage.objects.live().first()
    national = NationalService.objects.get(name_fi="Mielenterveystalo")
    with translation.override(language):
        group_url = peer_group["group"].get_absolute_url()
        walking_url = peer_group["walking"].get_absolute_url()

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    footer_log_in(page, site, words, sender)  # from the footer, on into the workspace

    # Two services, one programme (with a prepared code) and one national service.
    for url in (group_url, walking_url):
        page.goto(f"{site.url}{url}")
        page.locator(".add-to-list").get_by_role("button", name=words["add"]).click()
        page.wait_for_load_state()
    page.get_by_role("link", name=words["builder"]).first.click()
    page.wait_for_load_state()
    for value, code in ((f"programme:{programme.pk}", True), (f"national:{national.pk}", False)):
        page.locator("#selfcare").select_option(value)
        if code:
            page.locator("#prepare-code").check()
        page.locator("button[value=add-selfcare]").click()
        page.wait_for_load_state()
    assert page.locator(".builder-item").count() == 4
    assert axe_check(page, f"builder-selfcare-{language}") == []
    page.get_by_role("button", name=words["create"]).click()
    page.wait_for_load_state()
    link = page.locator(".short-link a").get_attribute("href")
    sms = page.locator("a[href^='sms:']").get_attribute("href")
    assert link.split("//", 1)[1] in sms.replace("%3A", ":").replace("%2F", "/")
    assert axe_check(page, f"list-created-{language}") == []

    # The referral, from the group's page.
    page.goto(f"{site.url}{group_url}")
    page.get_by_role("link", name=words["refer"]).click()
    page.wait_for_load_state()
    assert axe_check(page, f"peer-referral-form-{language}") == []
    page.get_by_label(words["name"], exact=True).fill("Maija Meikäläinen")
    page.get_by_label(words["phone"]).fill("040 111 2222")
    page.locator(f"#id_language_{0 if language == 'fi' else 1}").check()
    page.get_by_label(words["unit"]).fill("Närpiön terveysasema")
    page.locator("#id_consent").check()
    page.get_by_role("button", name=words["send"]).click()
    page.wait_for_load_state()
    assert page.locator(".notice--success").count() == 1
    context.close()

    # The association's editor: the referral in their inbox; marked contacted.
    editor = chromium.new_context(viewport={"width": 1280, "height": 900})
    admin = editor.new_page()
    admin_as(admin, site.url, peer_group["editor"], language)
    admin.goto(f"{site.url}/admin/referrals/")
    assert admin.locator("table.listing tbody tr").count() == 1
    assert "Maija" not in admin.locator("main").inner_text()
    assert axe_check(admin, f"ngo-inbox-{language}") == []
    admin.locator("table.listing a").first.click()
    admin.wait_for_load_state()
    assert "Maija Meikäläinen" in admin.locator("main").inner_text()
    assert axe_check(admin, f"ngo-referral-{language}") == []
    admin.locator("select[name=status]").select_option("contacted")
    admin.get_by_role("button", name=words["save_status"]).click()
    admin.wait_for_load_state()
    assert words["contacted"] in admin.locator("main").inner_text()
    editor.close()

    # Back in the workspace: "contacted".
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    footer_log_in(page, site, words, sender)
    assert page.locator(".referral-status").all_inner_texts() == [words["contacted"]]
    assert "Maija" not in page.locator("main").inner_text()
    assert axe_check(page, f"workspace-loop-{language}") == []
    page.locator("#own-referrals ~ .table-scroll tbody a").first.click()
    page.wait_for_load_state()
    assert page.locator(".referral-status").inner_text() == words["contacted"]
    assert page.locator(".status-history li").count() == 2
    assert axe_check(page, f"referral-status-{language}") == []
    page.goto(f"{site.url}/{language}/{words['type_path']}/vertaistukiryhma/")
    assert page.locator(".link-list a").count() == 1
    assert axe_check(page, f"referral-type-{language}") == []
    context.close()

    # The client's phone: when the group meets, and what to do with the self-care items.
    phone = chromium.new_context(viewport={"width": 375, "height": 800})
    client = phone.new_page()
    client.goto(link)
    text = client.locator("main").inner_text()
    rule = client.locator(".recommended .schedule__rule").first.inner_text()
    assert words["weekday"] in rule.lower() and words["time"] in rule
    assert client.locator(".recommended--selfcare").count() == 2
    assert text.count(words["next"]) == 2
    assert client.locator(".continuation-code").count() == 1
    assert axe_check(client, f"client-selfcare-{language}") == []
    client.locator(".recommendation a.button-secondary").click()
    client.wait_for_load_state()
    assert words["time"] in client.locator("main").inner_text()
    assert axe_check(client, f"client-slip-{language}") == []
    phone.close()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_referral_type_admin_passes_axe(site, browser_page, axe_check, language):
    from professionals.models import NationalService, ReferralType, ReferralUnit

    page = browser_page
    edit = f"/admin/referral_types/edit/{ReferralType.objects.get(slug='liikuntaneuvonta').pk}/"
    unit = f"/admin/referral_units/edit/{ReferralUnit.objects.first().pk}/"
    national = (
        f"/admin/snippets/professionals/nationalservice/edit/{NationalService.objects.first().pk}/"
    )
    admin_as(page, site.url, coordinator(), language, "/admin/")
    for path in ("/admin/referral_types/", edit, "/admin/referral_units/", unit, national):
        page.goto(f"{site.url}{path}")
        assert page.locator("main").count() == 1
        assert axe_check(page, f"type-admin-{language}-{path.strip('/').replace('/', '-')}") == []
    page.goto(f"{site.url}{edit}")
    assert page.locator("input[name=fields_asked]:checked").count() == 3
