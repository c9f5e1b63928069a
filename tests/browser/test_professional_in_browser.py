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

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
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
