"""Self-assessments in headless Chromium: the urgent-help notice, keyboard-only answering,
the error summary taking focus, and axe-core on the question and result pages."""

import pytest

from .conftest import tab_to

WHO5_FI = "/fi/itsearvioinnit/hyvinvointi-who-5/"
WHO5_SV = "/sv/sjalvskattningar/valbefinnande-who-5/"
LONELINESS_FI = "/fi/itsearvioinnit/yksinaisyys/"
LONELINESS_SV = "/sv/sjalvskattningar/ensamhet/"
ACTIVITY_FI = "/fi/itsearvioinnit/viikon-liikunta/"


def answer_who5(page, thoughts_label):
    for group in range(5):
        page.locator("fieldset.question").nth(group).locator("label").nth(2).click()
    page.get_by_label(thoughts_label, exact=True).check()
    page.locator("button[value=next]").click()
    page.wait_for_selector(".assessment-result")


@pytest.mark.parametrize(
    ("path", "thoughts", "heading", "own_line"),
    [
        # The crisis lines in the national format, dialled in E.164 (core.phones).
        (WHO5_FI, "Kyllä, joskus", "Tarvitsetko apua heti?", "09 25250111"),
        (WHO5_SV, "Ja, ibland", "Behöver du hjälp genast?", "09 25250112"),
    ],
)
def test_urgent_help_notice_for_the_configured_answer(
    site, browser_page, axe_check, path, thoughts, heading, own_line
):
    page = browser_page
    page.goto(f"{site.url}{path}")
    answer_who5(page, thoughts)
    notice = page.locator(".urgent-help")
    assert notice.is_visible()
    assert notice.get_by_role("heading").inner_text() == heading
    assert notice.get_by_role("link", name="112", exact=True).get_attribute("href") == "tel:112"
    assert own_line in notice.inner_text()
    dialled = notice.get_by_role("link", name=own_line, exact=True).get_attribute("href")
    assert dialled == "tel:+3589" + own_line[3:].replace(" ", "")
    # The notice comes before the result itself.
    assert page.evaluate(
        "document.querySelector('.urgent-help').compareDocumentPosition("
        "document.querySelector('.assessment-result')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    name = "who5-result-" + path.split("/")[1]
    assert axe_check(page, name) == []


def test_no_urgent_notice_when_the_answer_is_no(site, browser_page):
    page = browser_page
    page.goto(f"{site.url}{WHO5_FI}")
    answer_who5(page, "Ei")
    assert page.locator(".urgent-help").count() == 0
    assert "Hyvinvointisi on hyvä" in page.locator(".assessment-result").inner_text()


def test_a_whole_assessment_by_keyboard_alone(site, browser_page):
    page = browser_page
    page.goto(f"{site.url}{LONELINESS_FI}")
    tab_to(page, "el.name === 'q-companionship'")
    page.keyboard.press("Space")  # the first option
    page.keyboard.press("ArrowRight")  # the second
    page.keyboard.press("ArrowRight")  # the third: Usein
    tab_to(page, "el.name === 'q-left-out'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    tab_to(page, "el.name === 'q-isolated'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    tab_to(page, "el.id === 'municipality'")
    page.keyboard.type("Närpiö")
    tab_to(page, "el.tagName === 'BUTTON'")
    page.keyboard.press("Enter")
    page.wait_for_selector(".assessment-result")
    assert "Tunnet itsesi yksinäiseksi" in page.locator(".assessment-result").inner_text()
    assert "7 / 9" in page.locator(".assessment-result").inner_text()
    link = page.get_by_role("link", name="Vertaistukea ja yhteistä tekemistä lähelläsi")
    assert link.get_attribute("href") == "/fi/palvelut/?theme=osallisuus&municipality=545"


def test_steps_by_keyboard_and_focus_on_each_new_step(site, browser_page):
    page = browser_page
    page.goto(f"{site.url}{ACTIVITY_FI}")
    tab_to(page, "el.name === 'q-moderate'")
    page.keyboard.type("100")
    page.keyboard.press("Enter")
    page.wait_for_selector("input[name=q-vigorous]")
    assert page.evaluate("document.activeElement.id") == "step-heading"
    assert page.locator("#step-heading").inner_text() == "Kysymys 2/3"
    tab_to(page, "el.name === 'q-vigorous'")
    page.keyboard.type("30")
    page.keyboard.press("Enter")
    page.wait_for_selector("input[name=q-strength]")
    tab_to(page, "el.name === 'q-strength'")
    page.keyboard.type("9")
    page.keyboard.press("Enter")
    # Out of range: the summary takes focus and leads to the field.
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "Anna luku väliltä 0–7." in page.locator("#error-summary").inner_text()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "q-strength"
    assert page.input_value("input[name=q-strength]") == "9"
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    page.wait_for_selector(".assessment-result")
    assert "Liikut suosituksen mukaisesti" in page.locator(".assessment-result").inner_text()
    assert "160 min/vko" in page.locator(".assessment-result").inner_text()


def test_question_pages_have_no_axe_violations(site, browser_page, axe_pages):
    paths = [WHO5_FI, WHO5_SV, LONELINESS_SV, ACTIVITY_FI]
    found = axe_pages(browser_page, site.url, "assessment", paths)
    assert found == {path: [] for path in paths}


@pytest.mark.parametrize("path", [LONELINESS_FI, LONELINESS_SV])
def test_error_and_result_pages_have_no_axe_violations(site, browser_page, axe_check, path):
    page = browser_page
    page.goto(f"{site.url}{path}")
    page.locator("button[value=next]").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert axe_check(page, "assessment-errors" + path.replace("/", "-").rstrip("-")) == []
    for group in range(3):
        page.locator("fieldset.question").nth(group).locator("label").nth(1).click()
    page.locator("button[value=next]").click()
    page.wait_for_selector(".assessment-result")
    assert page.locator("[data-print]").is_visible()  # offered when JavaScript runs
    assert axe_check(page, "assessment-result" + path.replace("/", "-").rstrip("-")) == []
