"""Editors' work and residents' feedback in headless Chromium. A local service through the
moderation workflow (acceptance 3):
a municipal editor writes a draft and submits it, a coordinator asks for changes with a
comment, the editor changes it and submits again, the coordinator approves, and it is live.
Before the approval the public site does not show it; after, it is found and shown in both
languages."""

import re

from django.urls import reverse

from catalogue.models import Service
from editors.models import LocalService, ServiceFeedback
from tests.support.factories.catalogue import ServiceFactory
from tests.support.factories.editors import municipal_editor
from tests.support.factories.professionals import coordinator

from .conftest import PASSWORD, admin_log_in

NAME_FI = "Vaasan puistojumppa"
NAME_SV = "Parkgympa i Vasa"
COMMENT = "Lisää kokoontumisaika ja ruotsinkielinen kuvaus."


def admin_login(context, site, user):
    page = context.new_page()
    admin_log_in(page, site.url, user.username, PASSWORD)
    page.wait_for_url(f"{site.url}/admin/")
    return page


def footer_action(page, name):
    """Click an action of the edit view's footer menu (the dropdown holds all but the first)."""
    button = page.locator(f"footer button[name='{name}']")
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        button.click()


def publicly_found(page, site):
    page.goto(f"{site.url}/fi/palvelut/?q=puistojumppa")
    return NAME_FI in page.locator("main").inner_text()


def test_a_local_service_is_approved_before_anyone_sees_it(site, chromium, axe_check):
    editor = municipal_editor("905", email="toimittaja@vaasa.example.fi")
    boss = coordinator(email="koordinaattori@ovph.example.fi")
    public = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()

    # The editor writes a draft and submits it.
    editor_context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = admin_login(editor_context, site, editor)
    page.goto(f"{site.url}/admin/snippets/editors/localservice/add/")
    page.locator("#id_name_fi").fill(NAME_FI)
    page.locator("#id_summary_fi").fill("Ulkojumppa kaikenikäisille Hietalahden puistossa.")
    page.locator("[role=tab]").nth(1).click()
    page.locator("#id_municipality").select_option(label="Vaasa")
    page.locator("#id_address_fi").fill("Hietalahdenkatu 1")
    footer_action(page, "action-submit")
    local = LocalService.objects.get(name_fi=NAME_FI)
    assert local.workflow_in_progress and not local.live
    assert not publicly_found(public, site)
    edit_url = f"{site.url}/admin/snippets/editors/localservice/edit/{local.pk}/"

    # The coordinator asks for changes, with a comment.
    boss_context = chromium.new_context(viewport={"width": 1280, "height": 900})
    review = admin_login(boss_context, site, boss)
    assert NAME_FI in review.locator("main").inner_text()  # "awaiting your review"
    review.goto(edit_url)
    review.locator("footer [data-w-dropdown-target='toggle']").first.click()
    review.locator("footer button[data-workflow-action-name='reject']").click()
    review.locator("textarea[name=comment]").fill(COMMENT)
    with review.expect_navigation():
        review.locator(".modal form button[type=submit]").click()
    local.refresh_from_db()
    state = local.current_workflow_state
    assert state.status == "needs_changes"
    assert state.current_task_state.comment == COMMENT
    assert not local.live and not publicly_found(public, site)

    # The editor sees the comment, changes the service and submits it again.
    page.goto(edit_url)
    page.reload()
    assert COMMENT in page.content()
    page.locator("#id_name_sv").fill(NAME_SV)
    page.locator("#id_summary_sv").fill("Utomhusgympa för alla åldrar i Sandviksparken.")
    page.locator("[role=tab]").nth(1).click()
    page.locator("#id_schedule_fi").fill("tiistaisin klo 10–11")
    page.locator("#id_schedule_sv").fill("tisdagar kl. 10–11")
    footer_action(page, "action-submit")
    local.refresh_from_db()
    assert local.current_workflow_state.status == "in_progress"
    assert not local.live and not publicly_found(public, site)

    # The coordinator approves: it is published.
    review.goto(edit_url)
    review.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with review.expect_navigation():
        review.locator(
            "footer button[data-workflow-action-name='approve']"
            ":not([data-workflow-action-modal-url])"
        ).click()
    local.refresh_from_db()
    assert local.live and not local.workflow_in_progress
    service = Service.objects.get(source="local", external_id=str(local.pk))
    assert service.is_active and service.name_sv == NAME_SV
    assert local.last_reviewed_at is not None

    assert publicly_found(public, site)
    public.goto(f"{site.url}{service.get_absolute_url('sv')}")
    main = public.locator("main").inner_text()
    assert NAME_SV in main and "Tisdagar kl. 10–11" in main
    assert axe_check(public, "local-service-sv") == []
    public.goto(f"{site.url}{reverse('editors:feedback-report', args=[service.pk])}")
    assert re.search("Ilmoita virheestä|Rapportera ett fel", public.locator("h1").inner_text())
    for context in (editor_context, boss_context, public.context):
        context.close()


def test_feedback_on_a_service_in_both_languages(site, browser_page, axe_check):
    """The "was this helpful" answer and the error report, without a mouse: the report form's
    errors are listed first and take the focus; the typed text stays."""
    service = ServiceFactory(name_fi="Uimahalli", name_sv="Simhallen")
    page = browser_page
    for language, yes, report, send, thanks in (
        ("fi", "Kyllä", "Ilmoita virheestä", "Lähetä ilmoitus", "Kiitos ilmoituksesta"),
        ("sv", "Ja", "Rapportera ett fel", "Skicka rapporten", "Tack för rapporten"),
    ):
        page.goto(f"{site.url}{service.get_absolute_url(language)}")
        page.get_by_role("button", name=yes, exact=True).click()
        page.wait_for_url("**feedback=thanks**")
        assert page.locator("#feedback [role=status]").is_visible()
        assert axe_check(page, f"feedback-thanks-{language}") == []
        page.get_by_role("link", name=report).click()
        page.wait_for_load_state()
        assert axe_check(page, f"feedback-form-{language}") == []
        page.locator("#id_contact_email").fill("asukas@")
        page.get_by_role("button", name=send).click()
        page.wait_for_selector("#error-summary")
        assert page.evaluate("document.activeElement.id") == "error-summary"
        assert page.locator("#id_contact_email").input_value() == "asukas@"
        assert axe_check(page, f"feedback-errors-{language}") == []
        page.locator("#id_message").fill("Puhelinnumero on vanha.")
        page.locator("#id_contact_email").fill("asukas@example.fi")
        page.locator("#id_contact_email").press("Enter")
        page.wait_for_load_state()
        assert thanks in page.locator("h1").inner_text()
        assert axe_check(page, f"feedback-sent-{language}") == []
    assert ServiceFeedback.objects.filter(service=service).count() == 2
