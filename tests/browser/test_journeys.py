"""The user journeys, end to end in headless Chromium, each in Finnish and Swedish, at
375 px (a phone) and 1280 px (a desktop), with JavaScript and without it, and in English at
both widths with JavaScript:

1. resident: home → theme → search with two filters → results map → service → its map;
2. resident: self-assessment → result → the recommended services;
3. resident: programme step 1 → close the browser → resume;
4. professional: log in → build a recommendation list → the client opens the link;
5. professional: liikuntaneuvonta referral → the counsellor marks it contacted;
6. resident in plain language (selkokieli, lättläst): home → theme → programme steps, in
   Finnish and Swedish at both widths (and once without JavaScript).

Every page visited is checked on the way (``Journey.step``): axe-core's WCAG 2.1 A/AA rules
with 0 violations (with JavaScript; axe is a script), no sideways scrolling at either width,
and every button, field and stand-alone link at least 44 px high. Each step leaves a
screenshot in test-artifacts/journeys/. Without JavaScript the maps are not drawn and the
journeys use the list and the addresses instead. Journey 1 is also driven by the keyboard
alone. One site set-up serves every run of a journey (the runs share no state: each has
browser contexts of its own).
"""

import re

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from tests.support.factories.professionals import counsellor, professional

from .conftest import ARTIFACTS, PASSWORD, WCAG_21_AA, admin_log_in, tab_to

RUNS = [
    (language, width, javascript)
    for language in ("fi", "sv")
    for width in (375, 1280)
    for javascript in (True, False)
] + [("en", width, True) for width in (375, 1280)]
# Interactive elements that must be at least 44 px high (links inside running text are not).
TARGETS = """
main button, main select, main textarea, main summary,
main input:not([type=hidden]):not([type=checkbox]):not([type=radio]),
.facet__option, .choice, .site-header a, .main-nav a, .pagination a, .active-filters a,
.result-list__title a, .breadcrumbs a, .link-list a, .view-toggle button,
.leaflet-control-zoom a, .leaflet-popup-close-button, .map-popup__title
"""
LAYOUT_CHECK = """targets => {
  const small = [];
  for (const el of document.querySelectorAll(targets)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest('[hidden]')) continue;  // not shown
    if (box.height < 43.5) small.push(`${Math.round(box.height)}px ${el.outerHTML.slice(0, 90)}`);
  }
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => !el.closest('.leaflet-container'))
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(-3).map(el => el.outerHTML.slice(0, 90));
  return {small, overflow: root.scrollWidth - root.clientWidth, wide};
}"""
FINISH_ANIMATIONS = """() => Promise.race([
  new Promise(done => setTimeout(done, 1500)),
  Promise.all(document.getAnimations()
    .filter(a => a.playState === 'running')
    .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
    .map(a => a.finished.catch(() => null))),
])"""

TEXT = {
    "fi": {
        "theme": "Liikunta ja ulkoilu",
        "services": "Palvelut",
        "apply": "Käytä rajauksia",
        "map": "Kartalla",
        "list": "Listana",
        "locations": "Asiointipaikat",
        "recommended": "Vertaistukea ja yhteistä tekemistä lähelläsi",
        "start": "Aloita ohjelma",
        "done": "Merkitse tehdyksi ja jatka",
        "resume": "Jatka siitä, mihin jäit",
        "client_heading": "Sinulle suositellut palvelut",
        "referral_sent": "Lähete on lähetetty",
    },
    "sv": {
        "theme": "Motion och friluftsliv",
        "services": "Tjänster",
        "apply": "Använd avgränsningarna",
        "map": "På karta",
        "list": "Som lista",
        "locations": "Serviceställen",
        "recommended": "Kamratstöd och gemensam verksamhet nära dig",
        "start": "Börja programmet",
        "done": "Markera som klart och fortsätt",
        "resume": "Fortsätt där du slutade",
        "client_heading": "Tjänster som rekommenderas för dig",
        "referral_sent": "Remissen har skickats",
    },
    "en": {
        "theme": "Exercise and outdoor life",
        "services": "Services",
        "apply": "Apply filters",
        "map": "On a map",
        "list": "As a list",
        "locations": "Service locations",
        # The loneliness assessment has no English version: its texts are shown in Finnish.
        "recommended": "Vertaistukea ja yhteistä tekemistä lähelläsi",
        "start": "Start the programme",
        "done": "Mark as done and go on",
        "resume": "Continue where you left off",
        "client_heading": "Services recommended for you",
        "referral_sent": "The referral was sent",
    },
}
PROGRAMME = {
    "fi": ("/fi/omahoito-ohjelmat/liikkeelle-6-viikkoa/", "vaihe"),
    "sv": ("/sv/egenvardsprogram/kom-i-rorelse-6-veckor/", "steg"),
    "en": ("/en/self-care-programmes/liikkeelle-6-viikkoa/", "step"),
}
ASSESSMENT = {
    "fi": "/fi/itsearvioinnit/yksinaisyys/",
    "sv": "/sv/sjalvskattningar/ensamhet/",
    "en": "/en/self-assessments/yksinaisyys/",
}


def open_filters(page):
    """On a phone the search page's filters come folded (with JavaScript): open them."""
    filters = page.locator("#search-filters")
    if filters.get_attribute("open") is None:
        filters.locator("summary").click()
    assert filters.get_attribute("open") is not None


class Journey:
    """One run of a journey: its own browser contexts, and the checks of every step."""

    def __init__(self, chromium, base_url, number, language, width, javascript):
        self.chromium = chromium
        self.base_url = base_url
        self.language = language
        self.width = width
        self.javascript = javascript
        self.name = f"journey{number}-{language}-{width}{'' if javascript else '-nojs'}"
        self.text = TEXT[language]
        self.steps = 0
        self.problems = []
        self.contexts = []
        self.axe = Axe()
        self.page = self.new_page()

    def new_page(self, **options):
        context = self.chromium.new_context(
            viewport={"width": self.width, "height": 800 if self.width < 600 else 900},
            java_script_enabled=self.javascript,
            locale=f"{self.language}-FI",
            **options,
        )
        self.contexts.append(context)
        return context.new_page()

    def url(self, name, *args, **kwargs):
        with translation.override(self.language):
            return self.base_url + reverse(name, args=args, kwargs=kwargs)

    def step(self, label, page=None):
        """Check the page now shown, and keep a screenshot of it."""
        page = page or self.page
        page.wait_for_load_state()
        self.steps += 1
        name = f"{self.name}-{self.steps:02d}-{label}"
        folder = ARTIFACTS / "journeys"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        layout = page.evaluate(LAYOUT_CHECK, TARGETS)
        if layout["overflow"] > 0:
            self.problems.append(
                f"{name}: scrolls sideways by {layout['overflow']} px: {layout['wide']}"
            )
        wagtail = "/admin/" in page.url and "/admin/components/" not in page.url
        if not wagtail:  # Wagtail's admin has its own design system
            self.problems += [f"{name}: target under 44 px: {item}" for item in layout["small"]]
        if self.javascript:
            page.evaluate(FINISH_ANIMATIONS)  # axe reads colours mid-fade otherwise
            results = self.axe.run(
                page,
                options={
                    "runOnly": {"type": "tag", "values": WCAG_21_AA},
                    "resultTypes": ["violations"],
                },
            )
            for violation in results.response["violations"]:
                nodes = [node["target"] for node in violation["nodes"]]
                self.problems.append(f"{name}: axe {violation['id']} on {nodes}")
            if results.response["violations"]:
                (folder / f"{name}-axe.txt").write_text(results.generate_report())

    def close(self):
        for context in self.contexts:
            context.close()


def run_all(chromium, base_url, number, journey, runs=RUNS):
    """Every run of one journey; the problems of all of them, each named by its run."""
    problems = []
    for language, width, javascript in runs:
        run = Journey(chromium, base_url, number, language, width, javascript)
        try:
            journey(run)
        except Exception as exc:
            raise AssertionError(f"{run.name}, step {run.steps + 1}: {exc}") from exc
        finally:
            run.close()
        problems += run.problems
    return problems


# --- 1. Resident: home → theme → search with two filters → service → map -----------------


def resident_finds_a_service(run):
    page, text = run.page, run.text
    page.goto(f"{run.base_url}/{run.language}/")
    run.step("home")
    page.locator(".theme-card__link", has_text=text["theme"]).click()
    page.wait_for_url(re.compile(r"/(teemat|teman|themes)/"))
    assert page.locator("h1").inner_text() == text["theme"]
    run.step("theme")
    menu = page.locator(".main-nav")
    if run.width < 600:  # the menu is folded behind its button on a phone
        assert not menu.get_by_role("link", name=text["services"], exact=True).is_visible()
        menu.locator("summary").click()
    menu.get_by_role("link", name=text["services"], exact=True).click()
    page.wait_for_url(re.compile(r"/(palvelut|tjanster|services)/"))
    folded = run.javascript and run.width < 600
    assert (page.locator("#search-filters").get_attribute("open") is None) == folded
    open_filters(page)
    page.locator("#search-theme-liikunta").check()
    page.locator("#search-channel-place").check()  # services with a place to go to
    page.get_by_role("button", name=text["apply"]).click()
    page.wait_for_url(re.compile(r"theme=liikunta.*channel=place"))
    results = page.locator("[data-results-list] .result-list__title a")
    # One result per kind of service, each listing the other municipalities that offer it.
    assert results.count() >= 5
    also = page.locator("[data-results-list] .result-list__also")
    assert also.count() >= 5
    also.first.locator("summary").click()  # the other municipalities open (no script needed)
    assert also.first.locator("a").first.is_visible()
    run.step("search")
    if run.javascript:
        page.get_by_role("button", name=text["map"]).click()
        view = page.locator(".results-view")
        view.locator(".leaflet-marker-icon").first.wait_for()
        assert page.locator("[data-results-list]").is_hidden()
        clusters = view.locator(".marker-cluster")
        assert clusters.count() > 0  # this many services cluster at first
        run.step("search-map")
        markers = view.locator(".leaflet-marker-icon:not(.marker-cluster)")
        for _ in range(6):  # a cluster opens into its services as the map zooms in
            if markers.count():
                break
            clusters.first.click()
            page.wait_for_timeout(600)  # the zoom animation
        markers.first.click()
        popup_link = page.locator(".leaflet-popup a.map-popup__title")
        name = popup_link.inner_text()
        popup_link.click()
    else:
        # No map without JavaScript: the list is the whole answer.
        assert page.locator("[data-view-toggle]").is_hidden()
        assert page.locator(".results-view [data-map]").is_hidden()
        name = results.first.inner_text()
        results.first.click()
    page.wait_for_url(re.compile(r"-\d+/$"))
    assert page.locator("h1").inner_text() == name
    run.step("service")
    places = page.locator("section[aria-labelledby=places-heading]")
    assert places.get_by_role("heading", name=text["locations"]).is_visible()
    assert places.locator(".address").first.is_visible()  # the address, map or not
    if run.javascript:
        marker = places.locator(".leaflet-marker-icon").first
        marker.wait_for()
        marker.click()
        assert page.locator(".leaflet-popup").inner_text().startswith(name)
        run.step("service-map")
    else:
        assert places.locator("[data-map]").is_hidden()


def test_journey_1_resident_finds_a_service_and_sees_it_on_the_map(catalogue_site, chromium):
    assert run_all(chromium, catalogue_site.url, 1, resident_finds_a_service) == []


def resident_finds_a_service_by_keyboard(run):
    """Journey 1 with the keyboard alone: no clicks."""
    page, text = run.page, run.text
    page.goto(f"{run.base_url}/{run.language}/")
    tab_to(
        page,
        f"el.classList.contains('theme-card__link') && el.textContent.includes({text['theme']!r})",
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(teemat|teman|themes)/"))
    run.step("theme")
    if run.width < 600:  # open the folded menu with the keyboard
        tab_to(page, "el.tagName === 'SUMMARY' && !!el.closest('.main-nav')")
        page.keyboard.press("Enter")
    tab_to(page, f"el.closest('.main-nav') && el.textContent.trim() === {text['services']!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(palvelut|tjanster|services)/"))
    if page.locator("#search-filters").get_attribute("open") is None:  # folded on a phone
        tab_to(page, "el.tagName === 'SUMMARY' && !!el.closest('#search-filters')")
        page.keyboard.press("Enter")
    tab_to(page, "el.id === 'search-theme-liikunta'")
    page.keyboard.press("Space")
    tab_to(page, "el.id === 'search-municipality'")
    for letter in "Vaasa" if run.language == "fi" else "Vasa":
        page.keyboard.type(letter)
    assert page.locator("#search-municipality").input_value() == "905"
    tab_to(page, f"el.tagName === 'BUTTON' && el.textContent.trim() === {text['apply']!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"municipality=905"))
    assert "theme=liikunta" in page.url
    run.step("search")
    tab_to(page, "el.dataset.view === 'map'")
    page.keyboard.press("Enter")
    page.locator(".results-view .leaflet-marker-icon").first.wait_for()
    tab_to(page, "el.classList.contains('leaflet-marker-icon')")
    page.keyboard.press("Enter")  # opens the popup; its link takes the focus
    page.locator(".leaflet-popup a.map-popup__title").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('map-popup__title')")
    run.step("search-map")
    name = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"-\d+/$"))
    assert page.locator("h1").inner_text() == name
    run.step("service")
    page.locator(".service-page .leaflet-marker-icon").first.wait_for()
    tab_to(page, "el.classList.contains('leaflet-marker-icon')")
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup").wait_for()
    assert page.locator(".leaflet-popup").inner_text().startswith(name)
    run.step("service-map")


def test_journey_1_by_keyboard_alone(catalogue_site, chromium):
    runs = [(language, width, True) for language in ("fi", "sv") for width in (375, 1280)]
    problems = run_all(
        chromium, catalogue_site.url, "1-keyboard", resident_finds_a_service_by_keyboard, runs
    )
    assert problems == []


# --- 2. Resident: self-assessment → result → recommended services --------------------------


def resident_assesses_themselves(run):
    page = run.page
    page.goto(run.base_url + ASSESSMENT[run.language])
    run.step("questions")
    for group in range(3):  # "often" to each: the band recommends company and peer support
        page.locator("fieldset.question").nth(group).locator(".choice label").nth(2).click()
    page.locator("#municipality").select_option("545")  # Närpiö
    page.locator("button[value=next]").click()
    page.locator(".assessment-result").wait_for()
    run.step("result")
    page.get_by_role("link", name=run.text["recommended"]).click()
    page.wait_for_url(re.compile(r"theme=osallisuus&municipality=545"))
    assert page.locator("[data-results-list] .result-list__title a").count() > 0
    run.step("recommended-services")


def test_journey_2_resident_self_assessment_leads_to_services(catalogue_site, chromium):
    assert run_all(chromium, catalogue_site.url, 2, resident_assesses_themselves) == []


# --- 3. Resident: programme step 1 → close → resume ----------------------------------------


def resident_resumes_a_programme(run):
    page, text = run.page, run.text
    path, step = PROGRAMME[run.language]
    page.goto(run.base_url + path)
    run.step("programme")
    page.get_by_role("button", name=text["start"]).click()
    page.wait_for_url(f"**{path}{step}/1/")
    run.step("step-1")
    page.get_by_role("button", name=text["done"]).click()
    page.wait_for_url(f"**{path}{step}/2/")
    jar = page.context.storage_state()
    page.context.close()
    run.contexts.remove(page.context)
    # The browser closed; the next visit (the same cookies) is offered the way back.
    page = run.page = run.new_page(storage_state=jar)
    page.goto(f"{run.base_url}/{run.language}/")
    resume = page.get_by_role("link", name=re.compile(text["resume"]))
    if not resume.count():  # the front page names the programme; its start page resumes
        page.goto(run.base_url + path)
        resume = page.get_by_role("link", name=re.compile("^" + text["resume"]))
    run.step("back")
    resume.first.click()
    page.wait_for_url(f"**{path}{step}/2/")
    run.step("step-2")


def test_journey_3_resident_closes_a_programme_and_resumes_it(catalogue_site, chromium):
    assert run_all(chromium, catalogue_site.url, 3, resident_resumes_a_programme) == []


# --- 4. Professional: log in → build a list → the client opens the link --------------------


def professional_builds_a_list(run, user):
    page = run.page
    page.goto(
        run.url("professionals:login") + "?next=" + run.url("catalogue:search")[len(run.base_url) :]
    )
    run.step("login")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(run.url("catalogue:search"))
    open_filters(page)
    page.locator("#search-theme-liikunta").check()
    page.locator("#search-filters button[type=submit]").click()
    page.wait_for_url(re.compile("theme=liikunta"))
    run.step("search")
    for index in range(2):
        item = page.locator(".result-list > li").nth(index)
        item.locator("button[value=add]").click()
        page.wait_for_load_state()
        page.locator(".result-list > li").nth(index).locator(".add-to-list__done").wait_for()
    run.step("added")
    page.locator(
        ".professional-bar a[href$='{}']".format(
            run.url("professionals:builder")[len(run.base_url) :]
        )
    ).click()
    page.wait_for_url(run.url("professionals:builder"))
    assert page.locator(".builder-item").count() == 2
    run.step("builder")
    page.locator(f"input[name=language][value={run.language}]").check()
    page.locator("button[value=create]").click()
    page.wait_for_url(re.compile(r"/(valmis|klar|ready)/"))
    link = page.locator(".short-link a").get_attribute("href")
    run.step("created")
    phone = run.new_page()  # the client's own phone: no login, nothing shared
    phone.goto(link)
    assert phone.locator("h1").inner_text() == run.text["client_heading"]
    assert phone.locator(".recommended__title a").count() == 2
    run.step("client", phone)


def test_journey_4_professional_builds_a_list_the_client_opens(catalogue_site, chromium):
    user = professional()
    user.set_password(PASSWORD)
    user.save()
    problems = run_all(
        chromium, catalogue_site.url, 4, lambda run: professional_builds_a_list(run, user)
    )
    assert problems == []


# --- 5. Professional: liikuntaneuvonta referral → the counsellor marks it contacted --------


def professional_refers_a_client(run, sender, counsellor_user):
    from wagtail.users.models import UserProfile

    from professionals.models import Referral

    page = run.page
    page.goto(run.url("professionals:login"))
    page.locator("#id_username").fill(sender.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(run.url("professionals:professional"))  # the workspace lists the types
    index = run.url("professionals:counselling-index")[len(run.base_url) :]
    page.locator(f"#own-referrals ~ .link-list a[href$='{index}']").click()
    page.wait_for_url(run.base_url + index)
    run.step("counselling")
    page.locator("#counselling-municipality").select_option("545")
    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_url(run.url("professionals:counselling", "545"))
    run.step("referral-form")
    client = f"Maija {run.name}"
    page.locator("#id_client_name").fill(client)
    page.locator("#id_phone").fill("040 111 2222")
    page.locator("input[name=language]").first.check()
    page.locator("#id_reason_prediabetes").check()
    page.locator("#id_referring_unit").fill("Närpiön terveysasema")
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert run.text["referral_sent"] in page.locator("main").inner_text()
    run.step("referral-sent")
    referral = Referral.objects.get(client_name=client)

    profile = UserProfile.get_for_user(counsellor_user)
    profile.preferred_language = run.language
    profile.save()
    admin = run.new_page()
    admin_log_in(admin, run.base_url, counsellor_user.username, PASSWORD)
    admin.goto(f"{run.base_url}/admin/referrals/")
    run.step("inbox", admin)
    admin.locator(f"table.listing a[href*='/{referral.pk}/']").click()
    admin.wait_for_load_state()
    assert client in admin.locator("main").inner_text()
    run.step("referral", admin)
    admin.locator("select[name=status]").select_option("contacted")
    admin.locator("select[name=status]").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    admin.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.status == "contacted"
    with translation.override(run.language):
        assert str(Referral.Status.CONTACTED.label) in admin.locator("main").inner_text()
    run.step("contacted", admin)


def test_journey_5_referral_reaches_the_counsellor_who_marks_it_contacted(catalogue_site, chromium):
    sender = professional()
    sender.set_password(PASSWORD)
    sender.save()
    narpes = counsellor("545")
    narpes.set_password(PASSWORD)
    narpes.save()
    problems = run_all(
        chromium,
        catalogue_site.url,
        5,
        lambda run: professional_refers_a_client(run, sender, narpes),
    )
    assert problems == []


# --- 6. Resident in plain language: home → plain → theme → programme steps ----------------

# Plain language is written in Finnish and Swedish (selkokieli, lättläst). The switch is a link,
# so it works without JavaScript too.
PLAIN_RUNS = [(language, width, True) for language in ("fi", "sv") for width in (375, 1280)] + [
    ("fi", 375, False)
]
PLAIN_SWITCH = {"fi": "Selkokielellä", "sv": "På lättläst svenska"}
PLAIN_FIRST_LINE = {"fi": "Tämä on Pohjanmaan hyvinvointiopas.", "sv": "Det här är välmåendeguiden"}
PLAIN_STEP_TWO = {"fi": "Pienet liikkeet arjessa ovat tärkeitä.", "sv": "Små rörelser i vardagen"}


def resident_reads_plain_language(run):
    page, text = run.page, run.text
    page.goto(f"{run.base_url}/{run.language}/")
    page.get_by_role("link", name=PLAIN_SWITCH[run.language]).click()
    page.wait_for_url(re.compile(r"\?plain=1$"))
    assert PLAIN_FIRST_LINE[run.language] in page.locator(".plain-text").inner_text()
    run.step("home-plain")
    page.locator(".theme-card__link", has_text=text["theme"]).click()
    page.wait_for_url(re.compile(r"/(teemat|teman)/[^/]+/\?plain=1$"))
    assert page.locator(".plain-switch__badge").is_visible()
    assert page.locator(".plain-text").inner_text().strip()
    run.step("theme-plain")
    path, step = PROGRAMME[run.language]
    page.goto(f"{run.base_url}{path}{step}/1/?plain=1")
    assert page.locator(".plain-text").inner_text().strip()
    run.step("step-1-plain")
    page.get_by_role("button", name=text["done"]).click()
    page.wait_for_url(f"**{path}{step}/2/?plain=1")
    assert PLAIN_STEP_TWO[run.language] in page.locator(".plain-text").inner_text()
    run.step("step-2-plain")
    page.locator(".plain-switch__link").click()  # back to the standard version
    page.wait_for_url(f"**{path}{step}/2/")
    assert page.locator(".plain-text").count() == 0
    run.step("step-2-standard")


def test_journey_6_resident_reads_in_plain_language(site, chromium):
    problems = run_all(chromium, site.url, 6, resident_reads_plain_language, runs=PLAIN_RUNS)
    assert problems == []


# --- The component library passes the same checks --------------------------------------------


def test_the_component_library_passes_the_same_checks(site, chromium):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("pattern", "p@example.fi", PASSWORD)
    problems = []
    for width in (375, 1280):
        run = Journey(chromium, site.url, "components", "fi", width, True)
        try:
            admin_log_in(run.page, site.url, "pattern", PASSWORD, "/admin/components/")
            run.page.wait_for_url("**/admin/components/")
            run.page.locator("#component-map_example .leaflet-marker-icon").first.wait_for()
            run.step("library")
        finally:
            run.close()
        problems += run.problems
    assert problems == []
