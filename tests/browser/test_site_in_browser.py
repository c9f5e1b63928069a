"""The site in headless Chromium: the language switcher and axe-core (WCAG 2.1 A and AA)."""


def test_language_switcher_leads_to_the_same_theme(site, browser_page):
    page = browser_page
    page.goto(f"{site.url}/fi/teemat/liikunta/")
    assert page.locator("h1").inner_text() == "Liikunta ja ulkoilu"
    assert page.locator("html").get_attribute("lang") == "fi"

    page.get_by_role("navigation", name="Kieli").get_by_role("link", name="Svenska").click()
    page.wait_for_url(f"{site.url}/sv/teman/motion-och-friluftsliv/")
    assert page.locator("h1").inner_text() == "Motion och friluftsliv"
    assert page.locator("html").get_attribute("lang") == "sv"

    page.get_by_role("navigation", name="Språk").get_by_role("link", name="Suomi").click()
    page.wait_for_url(f"{site.url}/fi/teemat/liikunta/")
    assert page.locator("h1").inner_text() == "Liikunta ja ulkoilu"


def test_root_redirects_a_swedish_browser_to_the_swedish_site(site, chromium):
    context = chromium.new_context(locale="sv-FI")
    try:
        page = context.new_page()
        page.goto(f"{site.url}/")
        assert page.url == f"{site.url}/sv/"
        assert page.locator("html").get_attribute("lang") == "sv"
    finally:
        context.close()


def test_skip_link_moves_focus_to_the_main_content(site, browser_page):
    page = browser_page
    page.goto(f"{site.url}/fi/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Siirry pääsisältöön")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


PAGES = [
    "/fi/",
    "/sv/",
    "/fi/teemat/",
    "/sv/teman/munhalsa/",
    "/fi/teemat/liikunta/",
    "/sv/om-tjansten/",
    "/fi/palvelut/?q=uinti",
    "/sv/?untranslated=1",
    "/fi/kunnat/",
    "/sv/kommuner/vasa/",
    "/fi/palvelut/kaikukortti/",
    "/sv/tjanster/?kaikukortti=1",
]


def test_pages_have_no_axe_violations(site, browser_page, axe_pages):
    found = axe_pages(browser_page, site.url, "axe", PAGES)
    found.update(axe_pages(browser_page, site.url, "axe", ["/fi/ei-ole/"], status=404))
    assert found == {path: [] for path in [*PAGES, "/fi/ei-ole/"]}


def test_theme_and_service_pages_with_services_have_no_axe_violations(
    catalogue_site, browser_page, axe_pages
):
    from catalogue.models import Service

    service = Service.objects.filter(name_fi__startswith="Liikuntaneuvonta").first()
    paths = [
        "/fi/teemat/liikunta/",
        "/sv/teman/motion-och-friluftsliv/?municipality=545",
        "/fi/teemat/uni/?page=2",
        service.get_absolute_url("fi"),
        service.get_absolute_url("sv"),
    ]
    found = axe_pages(browser_page, catalogue_site.url, "axe", paths)
    # The theme page really lists services and links them to their service pages.
    browser_page.goto(f"{catalogue_site.url}/fi/teemat/liikunta/")
    assert browser_page.locator(".result-list__title").count() == 20
    browser_page.select_option("#theme-municipality", "545")
    browser_page.get_by_role("button", name="Näytä").click()
    browser_page.wait_for_url("**municipality=545**")
    assert "Närpiö" in browser_page.locator(".result-list").inner_text()
    assert found == {path: [] for path in paths}


def test_search_works_without_javascript_and_passes_axe_with_filters(
    catalogue_site, chromium, axe_check
):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(f"{catalogue_site.url}/fi/palvelut/")
        page.fill("#search-q", "liikuntaa")
        page.check("#search-theme-liikunta")
        page.get_by_role("button", name="Käytä rajauksia").click()
        page.wait_for_url("**theme=liikunta**")
        assert page.locator(".result-list__title").count() > 0
        assert page.locator("mark").count() > 0
        page.get_by_role("link", name="Poista rajaus: Liikunta ja ulkoilu").click()
        page.wait_for_load_state()
        assert "theme=liikunta" not in page.url and "q=liikuntaa" in page.url
    finally:
        context.close()
    # axe needs script: a normal page with filters applied, in both languages.
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        found = {}
        for path in (
            "/fi/palvelut/?q=liikuntaa&theme=liikunta&municipality=905&free=1",
            "/sv/tjanster/?q=motion&location=Vasa&channel=place",
            "/fi/palvelut/?q=zzzz&age=abc",
        ):
            page.goto(f"{catalogue_site.url}{path}")
            name = "axe" + path.replace("/", "_").replace("?", "_").replace("&", "_")
            found[path] = [(v["id"], v["help"], len(v["nodes"])) for v in axe_check(page, name)]
        assert found == {path: [] for path in found}
    finally:
        context.close()


def test_use_my_location_searches_near_the_browsers_position(catalogue_site, chromium):
    # The browser is in Vaasa and the user allows the location.
    context = chromium.new_context(
        geolocation={"latitude": 63.0960, "longitude": 21.6158},
        permissions=["geolocation"],
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    try:
        page.goto(f"{catalogue_site.url}/fi/palvelut/?theme=liikunta")
        page.get_by_role("button", name="Käytä sijaintiani").click()
        page.wait_for_url("**near=63.096%2C21.616**")
        assert "theme=liikunta" in page.url  # the other filters stay
        first = page.locator(".result-list li").first.inner_text()
        km = float(first.split(" km päässä")[0].split()[-1].replace(",", "."))
        assert km < 5
        assert page.get_by_role("link", name="Poista rajaus: Sijaintisi lähellä").is_visible()
    finally:
        context.close()
    # Declined: the page says so and the postal code field still works.
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{catalogue_site.url}/fi/palvelut/")
        page.get_by_role("button", name="Käytä sijaintiani").click()
        status = page.locator("#location-status")
        status.filter(has_text="Sijaintiasi ei saatu").wait_for()
        assert "near=" not in page.url
    finally:
        context.close()


def test_the_menu_folds_on_a_phone_without_javascript_and_breadcrumbs_align(site, chromium):
    """At 375 px with JavaScript off the menu is one button and the page's content starts
    high; the button opens it. At 1280 px the menu is open, with no button. The current
    page's name in the breadcrumb sits on the same line as the links before it."""
    phone = chromium.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    try:
        page = phone.new_page()
        page.goto(f"{site.url}/fi/teemat/liikunta/")
        menu = page.get_by_role("navigation", name="Päävalikko")
        button = menu.locator("summary")
        assert button.is_visible() and button.inner_text().strip().endswith("Valikko")
        assert not menu.get_by_role("link", name="Teemat").is_visible()
        assert page.locator("main").bounding_box()["y"] < 200
        button.click()
        assert menu.get_by_role("link", name="Teemat").is_visible()
    finally:
        phone.close()
    wide = chromium.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page = wide.new_page()
        page.goto(f"{site.url}/fi/teemat/liikunta/")
        menu = page.get_by_role("navigation", name="Päävalikko")
        assert menu.get_by_role("link", name="Teemat").is_visible()
        assert not menu.locator("summary").is_visible()
        crumbs = page.locator(".breadcrumbs li > *")
        boxes = [crumbs.nth(i).bounding_box() for i in range(crumbs.count())]
        assert len(boxes) >= 2
        assert all(abs(box["y"] - boxes[0]["y"]) < 1 for box in boxes), boxes
        assert all(abs(box["height"] - boxes[0]["height"]) < 1 for box in boxes), boxes
    finally:
        wide.close()
