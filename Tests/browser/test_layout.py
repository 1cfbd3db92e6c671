"""Layout on a phone (390 px wide): the navigation folds into a menu and no page is wider than
the screen; wide tables scroll inside their own box."""
from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from conftest import ADMIN_EMAIL, check_accessibility, login

PHONE = {"width": 390, "height": 844}


def _overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_no_page_scrolls_sideways_on_a_phone(chromium_browser: Browser, server: str):
    context = chromium_browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    login(page, server, "coordination.bobigny@demo.cls-pilot.fr")
    page.goto(server + "/contrats")
    page.get_by_role("link", name="CLS de Bobigny").first.click()
    contract = page.url.split("?")[0].split("#")[0]
    paths = ["/", "/contrats", "/territoires", "/bibliotheque", "/alertes", "/rapports/ists"]
    paths += [contract + suffix for suffix in ["", "/programme", "/programme/tableau", "/gouvernance", "/bilans", "/bilans/2026",
                                               "/tableau-de-bord", "/indicateurs", "/historique", "/reflex-iss", "/perimetre"]]
    wide = []
    for path in paths:
        page.goto(path if path.startswith("http") else server + path)
        if _overflow(page) > 1:
            wide.append(f"{path} ({_overflow(page)} px)")
    assert wide == [], "pages wider than a 390 px screen: " + ", ".join(wide)
    context.close()


def test_the_navigation_folds_into_a_menu_on_a_phone(chromium_browser: Browser, server: str):
    context = chromium_browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    login(page, server, ADMIN_EMAIL)
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Contrats")).to_be_hidden()
    menu.click()
    expect(page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Contrats")).to_be_visible()
    check_accessibility(page, "l-phone-menu")
    context.close()


def test_chart_labels_keep_one_readable_size_on_every_screen(chromium_browser: Browser, server: str):
    """A bar chart's labels are 14 px on a phone as on a desktop: the chart keeps its width and
    its box scrolls on a small screen, reachable by keyboard and named after the chart."""
    sizes = {}
    for name, viewport in [("phone", PHONE), ("desktop", {"width": 1366, "height": 900})]:
        context = chromium_browser.new_context(locale="fr-FR", viewport=viewport)
        page = context.new_page()
        login(page, server, "coordination.bobigny@demo.cls-pilot.fr")
        page.goto(server + "/contrats")
        page.get_by_role("link", name="CLS de Bobigny").first.click()
        page.goto(page.url.split("?")[0].split("#")[0] + "/tableau-de-bord")
        label = page.locator(".chart svg.bar-chart text").first
        expect(label).to_be_attached()
        sizes[name] = label.evaluate("text => text.getBoundingClientRect().height")
        if name == "phone":
            box = page.locator(".chart").first
            expect(box).to_have_attribute("tabindex", "0")
            expect(box).to_have_attribute("role", "region")
            assert _overflow(page) <= 1, "the page itself does not scroll sideways"
        context.close()
    assert abs(sizes["phone"] - sizes["desktop"]) < 0.5, f"label heights differ: {sizes}"
    assert sizes["phone"] >= 14, f"labels too small on a phone: {sizes}"
