"""The maps when things fail: without tiles or without the points the map goes away and the
list stays, saying why; printed, a service page leaves the map out."""

from catalogue.models import Service


def test_the_map_gives_way_to_the_list_when_tiles_or_points_fail(
    catalogue_site, browser_page, settings
):
    settings.MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # nothing listens there
    page = browser_page
    page.goto(f"{catalogue_site.url}/fi/palvelut/?theme=liikunta")
    page.get_by_role("button", name="Kartalla").click()
    status = page.locator(".results-view [data-map-status]")
    status.filter(has_text="Karttaa ei voitu näyttää").wait_for()
    assert page.locator("[data-results-list]").is_visible()
    assert page.locator(".results-view [data-map]").is_hidden()
    assert page.locator("[data-view-toggle]").is_hidden()  # no way back to a broken map
    # A service page: its addresses stay, the map goes.
    service = Service.objects.filter(
        is_active=True, channel_links__channel__latitude__isnull=False
    ).first()
    page.goto(catalogue_site.url + service.get_absolute_url("sv"))
    page.locator("[data-map-status]").filter(has_text="Kartan kunde inte visas").wait_for()
    assert page.locator(".address").first.is_visible()
    assert page.locator("[data-map]").is_hidden()

    # Tiles work, but the points cannot be fetched (the server is gone, say). Another query:
    # the page above is in the page cache with the unreachable tile address.
    settings.MAP_TILE_URL = "/static/test-map-tile.png"
    page.route("**/palvelut/map/**", lambda route: route.fulfill(status=503, body="down"))
    page.goto(f"{catalogue_site.url}/fi/palvelut/?theme=liikunta&channel=place")
    assert "test-map-tile.png" in page.content()
    page.get_by_role("button", name="Kartalla").click()
    status.filter(has_text="Karttaa ei voitu näyttää").wait_for()
    assert page.locator("[data-results-list]").is_visible()


def test_a_printed_service_page_has_its_addresses_but_no_map(catalogue_site, browser_page):
    service = Service.objects.filter(
        is_active=True, channel_links__channel__latitude__isnull=False
    ).first()
    page = browser_page
    page.goto(catalogue_site.url + service.get_absolute_url("fi"))
    page.locator(".leaflet-marker-icon").first.wait_for()
    page.emulate_media(media="print")
    assert page.locator(".map").is_hidden()
    assert page.locator(".main-nav").is_hidden() and page.locator(".language-switcher").is_hidden()
    assert page.locator(".address").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
