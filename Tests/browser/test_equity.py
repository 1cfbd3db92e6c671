"""Browser test of the equity lens: an ARS officer opens the region's portfolio, runs the ISTS
report of the region, searches the library of actions and opens an action; the coordination
records a RÉFLEX-ISS session; an anonymous visitor opens a published contract's public page.
axe-core on every page visited."""
from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from conftest import check_accessibility, login

ARS = "ars.bretagne@demo.cls-pilot.fr"
COORDINATOR = "coordination.belle-ile@demo.cls-pilot.fr"


def test_ars_portfolio_ists_report_library_and_public_page(browser_page: Page, chromium_browser: Browser, server: str):
    page = browser_page
    login(page, server, ARS)

    # The region's portfolio, from the navigation.
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Portefeuille").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bretagne")
    expect(page.get_by_role("table", name="Contrats du territoire (2)")).to_be_visible()
    expect(page.get_by_role("link", name="CLS 2 de Belle-Île-en-Mer", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Contrats par état")).to_be_visible()
    check_accessibility(page, "i6-portfolio")

    # The ISTS report of the same contracts.
    page.get_by_role("link", name="Profil ISTS de ces contrats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bretagne")
    expect(page.get_by_text("4 fiches actions", exact=False).first).to_be_visible()
    expect(page.get_by_role("table", name="Actions par thème (pourcentage du nombre d'actions)")).to_be_visible()
    check_accessibility(page, "i6-ists-region")

    # The library: a French query, plural and without accents, finds the action first.
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Bibliothèque").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bibliothèque d'actions")
    page.get_by_label("Rechercher", exact=True).fill("ateliers nutrition ecoles")
    page.get_by_role("button", name="Rechercher").click()
    first = page.locator(".result").first
    expect(first.get_by_role("heading", level=3)).to_have_text("Ateliers nutrition et activité physique dans les écoles")
    check_accessibility(page, "i6-library")
    first.get_by_role("link", name="Ateliers nutrition et activité physique dans les écoles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ateliers nutrition et activité physique dans les écoles")

    # An anonymous visitor: the published contract's public page.
    visitor = chromium_browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(server + "/")
    visitor.get_by_role("link", name="CLS de Belle-Île-en-Mer").first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("CLS de Belle-Île-en-Mer")
    expect(visitor.get_by_role("button", name="Se déconnecter")).to_have_count(0)
    check_accessibility(visitor, "i6-public-contract")
    visitor.context.close()


def test_coordination_records_a_reflex_iss_session(browser_page: Page, server: str):
    page = browser_page
    login(page, server, COORDINATOR)
    page.goto(server + "/contrats?q=CLS+2")
    page.get_by_role("link", name="CLS 2 de Belle-Île-en-Mer").click()
    page.get_by_role("navigation", name="Rubriques du contrat").get_by_role("link", name="RÉFLEX-ISS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Auto-évaluation RÉFLEX-ISS")
    check_accessibility(page, "i6-reflex-empty")
    page.get_by_role("link", name="Nouvelle séance").click()
    check_accessibility(page, "i6-reflex-form")
    page.get_by_label("Date de la séance").fill("2026-03-10")
    page.get_by_label("Participants").fill("COTECH, deux habitantes du Palais")
    page.get_by_role("group", name="P1 Connaissance des inégalités sur le territoire").get_by_label("Note").select_option("2")
    page.get_by_role("group", name="P1 Connaissance des inégalités sur le territoire").get_by_label("Commentaire").fill("Pas de données par quartier")
    page.get_by_role("group", name="M2 Adaptation aux publics").get_by_label("Note").select_option("3")
    page.get_by_role("button", name="Enregistrer la séance").click()
    expect(page.locator(".alert--success")).to_contain_text("Séance RÉFLEX-ISS du 10 mars 2026 enregistrée")
    expect(page.get_by_role("heading", name="Planification : 2 sur 4")).to_be_visible()
    check_accessibility(page, "i6-reflex-session")
    page.get_by_role("link", name="Toutes les séances").click()
    expect(page.get_by_role("table", name="Séances d'auto-évaluation, la plus récente d'abord (moyennes des éléments notés, de 0 à 4)")).to_be_visible()
    check_accessibility(page, "i6-reflex-overview")
