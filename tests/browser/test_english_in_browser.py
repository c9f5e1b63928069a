"""The English site passes the same checks as Finnish and Swedish: axe-core finds no WCAG 2.1
A/AA violation on any page type in /en/, whether the page is written in English or shown in
Finnish with a notice; the AUDIT-C can be answered in English."""


def test_every_page_type_in_english_has_no_axe_violations(catalogue_site, browser_page, axe_pages):
    from catalogue.models import Service

    english = Service.objects.filter(name_en__startswith="Exercise counselling").first()
    finnish_only = Service.objects.filter(name_fi__startswith="Kävelyryhmä").first()  # no English
    paths = [
        "/en/",
        "/en/themes/",
        "/en/themes/exercise-and-outdoor-life/",
        "/en/themes/exercise-and-outdoor-life/?municipality=545",
        "/en/about/",
        "/en/accessibility-statement/",
        "/en/services/?q=dental",
        "/en/services/?q=exercise&theme=liikunta&municipality=905&free=1",
        "/en/services/?q=zzzz&age=abc",
        "/en/services/?kaikukortti=1",
        "/en/services/kaikukortti/",
        english.get_absolute_url("en"),
        finnish_only.get_absolute_url("en"),
        "/en/municipalities/",
        "/en/municipalities/narpes/",  # PTV's English name of Närpiö
        "/en/self-assessments/",
        "/en/self-assessments/alcohol-use-audit-c/",
        "/en/self-assessments/yksinaisyys/",  # no English version: the notice
        "/en/self-care-programmes/",
        "/en/self-care-programmes/liikkeelle-6-viikkoa/",
        "/en/self-care-programmes/liikkeelle-6-viikkoa/step/1/",
        "/en/professionals/login/",
        "/en/privacy/",
        "/en/?untranslated=1",
    ]
    found = axe_pages(browser_page, catalogue_site.url, "axe-en", paths)
    found.update(axe_pages(browser_page, catalogue_site.url, "axe-en", ["/en/no-such/"], 404))
    assert found == {path: [] for path in [*paths, "/en/no-such/"]}


def test_the_audit_c_is_answered_in_english(site, browser_page, axe_check):
    page = browser_page
    page.goto(f"{site.url}/en/self-assessments/alcohol-use-audit-c/")
    assert page.locator("h1").inner_text() == "Alcohol use (AUDIT-C)"
    page.get_by_label("Female").check()
    page.get_by_label("2 to 3 times a week").check()
    page.get_by_label("5 or 6").check()
    page.get_by_label("Weekly", exact=True).check()
    page.locator("button[value=next]").click()
    result = page.locator(".assessment-result")
    result.wait_for()
    assert "Your drinking is above the risk limit" in result.inner_text()
    assert axe_check(page, "axe-en-audit-c-result") == []
