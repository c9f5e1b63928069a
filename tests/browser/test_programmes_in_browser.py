"""Self-care programmes in headless Chromium: progress that survives closing the browser,
the continuation code on another device, progress without JavaScript, reflection answers
kept in the browser only, and axe-core on every programme page type in fi and sv."""

import re

import pytest

MOVE_FI = "/fi/omahoito-ohjelmat/liikkeelle-6-viikkoa/"
MOVE_SV = "/sv/egenvardsprogram/kom-i-rorelse-6-veckor/"
SLEEP_SV = "/sv/egenvardsprogram/battre-somn-4-veckor/"


def new_page(chromium, **options):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, **options)
    return context, context.new_page()


def test_progress_survives_closing_the_browser_and_moves_to_another_device_with_the_code(
    site, chromium
):
    context, page = new_page(chromium)
    page.goto(f"{site.url}{MOVE_FI}")
    page.get_by_role("button", name="Aloita ohjelma").click()
    page.wait_for_url(f"**{MOVE_FI}vaihe/1/")
    page.get_by_role("button", name="Merkitse tehdyksi ja jatka").click()
    page.wait_for_url(f"**{MOVE_FI}vaihe/2/")
    page.get_by_role("button", name="Merkitse tehdyksi ja jatka").click()
    page.wait_for_url(f"**{MOVE_FI}vaihe/3/")
    jar = context.storage_state()
    context.close()

    # The same cookie jar, a new browser context: the programme resumes at step 3.
    context, page = new_page(chromium, storage_state=jar)
    page.goto(f"{site.url}/fi/")
    page.get_by_role("link", name=re.compile("Liikkeelle – 6 viikkoa: Viikko 3")).click()
    page.wait_for_url(f"**{MOVE_FI}vaihe/3/")
    page.goto(f"{site.url}{MOVE_FI}")
    assert "2/6 vaihetta tehty." in page.locator(".programme-start").inner_text()
    page.get_by_role("link", name=re.compile("^Jatka siitä, mihin jäit")).click()
    page.wait_for_url(f"**{MOVE_FI}vaihe/3/")
    page.get_by_role("button", name="Tee jatkokoodi").click()
    page.wait_for_url("**/fi/omahoito-ohjelmat/koodi/**")
    code = page.locator(".continuation-code--large").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert page.get_by_role("img", name="QR-koodi").is_visible()
    context.close()

    # A new, empty context on "another device": the code brings the progress.
    context, page = new_page(chromium)
    page.goto(f"{site.url}/fi/omahoito-ohjelmat/")
    page.get_by_role("link", name="Minulla on jatkokoodi").click()
    page.get_by_label("Jatkokoodi").fill(code.lower())
    page.get_by_role("button", name="Jatka").click()
    page.wait_for_url(f"**{MOVE_FI}vaihe/3/")
    page.goto(f"{site.url}{MOVE_FI}")
    assert "2/6 vaihetta tehty." in page.locator(".programme-start").inner_text()
    context.close()


def test_progress_works_with_javascript_disabled(site, chromium):
    context, page = new_page(chromium, java_script_enabled=False)
    page.goto(f"{site.url}{SLEEP_SV}")
    page.get_by_role("button", name="Börja programmet").click()
    page.wait_for_url(f"**{SLEEP_SV}steg/1/")
    note = page.locator(".reflection__note").first.inner_text()
    assert note.startswith("Dina svar sparas inte")
    page.get_by_role("button", name="Markera som klart och fortsätt").click()
    page.wait_for_url(f"**{SLEEP_SV}steg/2/")
    page.get_by_role("button", name="Markera som klart och fortsätt").click()
    page.wait_for_url(f"**{SLEEP_SV}steg/3/")
    page.goto(f"{site.url}{SLEEP_SV}")
    assert "2 av 4 steg klara." in page.locator(".programme-start").inner_text()
    page.get_by_role("link", name=re.compile("^Fortsätt där du slutade")).click()
    page.wait_for_url(f"**{SLEEP_SV}steg/3/")
    for _ in range(2):
        page.get_by_role("button", name=re.compile("Markera som klart")).click()
        page.wait_for_load_state()
    assert page.url.endswith(f"{SLEEP_SV}#programme-completed")
    assert "Du har slutfört programmet" in page.locator("#programme-completed").inner_text()
    context.close()


def test_reflection_answers_stay_in_the_browser_and_are_never_sent(site, browser_page):
    page = browser_page
    sent = []
    page.on("request", lambda request: sent.append((request.url, request.post_data or "")))
    page.goto(f"{site.url}{MOVE_FI}vaihe/1/")
    note = page.locator(".reflection__note").first
    assert note.inner_text().startswith("Vastauksesi säilyvät vain tässä selaimessa")
    answer = "Haluan jaksaa leikkiä lasten kanssa"
    page.get_by_label("Miksi haluat liikkua enemmän?", exact=False).fill(answer)
    page.get_by_label("Kirjasin liikkumiseni neljänä päivänä").check()
    page.get_by_role("button", name="Merkitse tehdyksi ja jatka").click()
    page.wait_for_url(f"**{MOVE_FI}vaihe/2/")
    page.goto(f"{site.url}{MOVE_FI}vaihe/1/")
    assert page.get_by_label("Miksi haluat liikkua enemmän?", exact=False).input_value() == answer
    assert page.get_by_label("Kirjasin liikkumiseni neljänä päivänä").is_checked()
    assert sent and not any("leikkiä" in url or "leikki" in data for url, data in sent)


def test_progress_mirrored_in_the_browser_is_offered_back_when_the_cookie_is_gone(
    site, browser_page
):
    page = browser_page
    page.goto(f"{site.url}{MOVE_SV}")
    page.get_by_role("button", name="Börja programmet").click()
    page.get_by_role("button", name="Markera som klart och fortsätt").click()
    page.wait_for_url(f"**{MOVE_SV}steg/2/")
    page.context.clear_cookies()
    page.goto(f"{site.url}{MOVE_SV}")
    restore = page.get_by_role("button", name="Fortsätt från de sparade framstegen")
    assert restore.is_visible()
    restore.click()
    page.wait_for_url(f"**{MOVE_SV}")
    assert "1 av 6 steg klara." in page.locator(".programme-start").inner_text()


PROGRAMME_PAGES = [
    "/fi/omahoito-ohjelmat/",
    MOVE_FI,
    f"{MOVE_FI}vaihe/1/",
    f"{MOVE_FI}tulosta/",
    "/fi/omahoito-ohjelmat/jatka/",
    "/sv/egenvardsprogram/",
    MOVE_SV,
    f"{SLEEP_SV}steg/3/",
    f"{MOVE_SV}utskrift/",
]


def test_programme_pages_have_no_axe_violations(site, browser_page, axe_pages):
    found = axe_pages(browser_page, site.url, "programme", PROGRAMME_PAGES)
    assert found == {path: [] for path in PROGRAMME_PAGES}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_started_programme_code_and_error_pages_have_no_axe_violations(
    site, browser_page, axe_check, language
):
    page = browser_page
    base = MOVE_FI if language == "fi" else MOVE_SV
    page.goto(f"{site.url}{base}")
    page.locator("button[value=start]").click()
    page.locator("button[value=done]").click()
    page.goto(f"{site.url}{base}")
    assert axe_check(page, f"programme-started-{language}") == []
    page.locator(".code-box button").click()
    page.wait_for_selector(".continuation-code--large")
    assert axe_check(page, f"programme-code-{language}") == []
    page.goto(f"{site.url}/{language}/")
    assert page.locator(".continue-box").is_visible()
    assert axe_check(page, f"home-continue-{language}") == []
    resume = (
        "/fi/omahoito-ohjelmat/jatka/" if language == "fi" else "/sv/egenvardsprogram/fortsatt/"
    )
    page.goto(f"{site.url}{resume}")
    page.locator("#continuation-code").fill("WRONG-CODE")
    page.locator(".code-form button").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert axe_check(page, f"programme-code-error-{language}") == []
