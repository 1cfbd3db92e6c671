"""Browser test of governance: the coordinator schedules a COPIL, records attendance and a
decision; a yearly review goes from the pilot's submission to the ARS's approval; the dashboard
is read. axe-core on every page visited."""
from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from conftest import check_accessibility, login

COORDINATOR = "coordination.belle-ile@demo.cls-pilot.fr"
PILOT = "pilote.belle-ile@demo.cls-pilot.fr"
ARS = "ars.bretagne@demo.cls-pilot.fr"
YEAR = "2025"


def open_contract(page: Page, server: str) -> str:
    page.goto(server + "/contrats?q=CLS+2")
    page.get_by_role("link", name="CLS 2 de Belle-Île-en-Mer").click()
    return page.url


def new_page(browser: Browser) -> Page:
    return browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}).new_page()


def test_copil_review_and_dashboard(browser_page: Page, chromium_browser: Browser, server: str):
    page = browser_page
    login(page, server, COORDINATOR)
    contract = open_contract(page, server)

    # A COPIL with a member, then a meeting of it.
    page.get_by_role("navigation", name="Rubriques du contrat").get_by_role("link", name="Gouvernance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gouvernance")
    check_accessibility(page, "g5-governance")
    page.locator("summary", has_text="Créer une instance").click()
    page.get_by_label("Type", exact=True).select_option("copil")
    page.get_by_label("Présidence").fill("Maire du Palais, délégation départementale de l'ARS")
    page.get_by_role("button", name="Créer l'instance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comité de pilotage (COPIL)")
    page.locator("summary", has_text="Ajouter un membre").click()
    page.get_by_label("Personne", exact=True).fill("Yvonne Le Gall")
    page.get_by_label("Habitant (participation citoyenne)").check()
    page.get_by_role("button", name="Ajouter le membre").click()
    expect(page.locator(".alert--success")).to_contain_text("Membre ajouté")
    check_accessibility(page, "g5-body")

    page.goto(contract + "/gouvernance")
    page.locator("summary", has_text="Programmer une réunion").click()
    page.get_by_label("Date", exact=True).fill("2026-03-12")
    page.get_by_label("Heure de début").fill("14:00")
    page.get_by_label("Lieu").fill("Mairie du Palais")
    page.get_by_label("Ordre du jour").fill("Lancement du CLS 2 ; calendrier des groupes de travail")
    page.get_by_role("button", name="Programmer la réunion").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Comité de pilotage (COPIL) du 12 mars 2026")

    # Attendance and a decision.
    page.get_by_label("Yvonne Le Gall  présent").check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.locator(".alert--success")).to_contain_text("1 personne présente")
    page.get_by_label("Décision", exact=True).fill("Constituer le groupe de travail santé mentale avant l'été")
    page.get_by_label("Responsable").fill("Coordinatrice du CLS")
    page.get_by_label("Échéance").fill("2026-06-30")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_role("table", name="Décisions prises")).to_contain_text("Constituer le groupe de travail santé mentale")
    check_accessibility(page, "g5-meeting")
    page.get_by_role("link", name="Relevé de décisions (version imprimable)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Relevé de décisions")
    check_accessibility(page, "g5-record")

    # The coordination opens the yearly review.
    page.goto(contract + "/bilans")
    check_accessibility(page, "g5-reviews")
    page.get_by_label("Année du bilan").fill(YEAR)
    page.get_by_role("button", name="Ouvrir le bilan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bilan {YEAR}")

    # The pilot reports on their action and submits it.
    pilot = new_page(chromium_browser)
    login(pilot, server, PILOT)
    pilot.goto(contract + f"/bilans/{YEAR}")
    pilot.get_by_role("link", name="Coordonner le parcours de santé des personnes âgées").click()
    pilot.get_by_label("Statut de l'action en fin d'année").select_option("en_cours")
    pilot.get_by_label("Commentaire du pilote").fill("Parcours lancé, premières personnes suivies.")
    pilot.get_by_role("button", name="Enregistrer le bilan de la fiche").click()
    expect(pilot.locator(".alert--success")).to_contain_text("enregistré")
    check_accessibility(pilot, "g5-review-entry")
    pilot.get_by_role("button", name="Transmettre à la coordination").click()
    expect(pilot.locator(".alert--success")).to_contain_text("transmis à la coordination")
    pilot.context.close()

    # Consolidation, COTECH check.
    page.goto(contract + f"/bilans/{YEAR}")
    expect(page.get_by_role("table", name=f"Bilan {YEAR} de chaque fiche action")).to_contain_text("Transmis")
    page.get_by_label("Commentaire de la coordination").fill("Une année de lancement.")
    page.get_by_role("button", name="Enregistrer le commentaire").click()
    page.get_by_label("Consolider même si des fiches n'ont pas été transmises").check()
    page.get_by_role("button", name="Consolider le bilan").click()
    expect(page.locator(".alert--success")).to_contain_text("Bilan consolidé")
    page.get_by_role("button", name="Marquer vérifié en COTECH").click()
    expect(page.locator(".alert--success")).to_contain_text("vérifié en COTECH")
    check_accessibility(page, "g5-review-checked")

    # The ARS approves in COPIL: the year is locked.
    ars = new_page(chromium_browser)
    login(ars, server, ARS)
    ars.goto(contract + f"/bilans/{YEAR}")
    # Entries left in draft are named, and approving them as they are is confirmed explicitly.
    expect(ars.locator("main")).to_contain_text("Fiches actions encore en brouillon")
    ars.get_by_label("Approuver malgré les fiches en brouillon").check()
    ars.get_by_role("button", name="Approuver en COPIL").click()
    expect(ars.locator(".alert--success")).to_contain_text("approuvé")
    expect(ars.locator("main")).to_contain_text("année verrouillée")
    check_accessibility(ars, "g5-review-approved")
    ars.get_by_role("link", name="Rapport consolidé (imprimable)").click()
    expect(ars.get_by_role("heading", level=1)).to_have_text(f"Rapport annuel consolidé {YEAR}")
    expect(ars.locator("main")).to_contain_text("Parcours lancé, premières personnes suivies.")
    check_accessibility(ars, "g5-report")
    ars.context.close()

    # The dashboard.
    page.goto(contract)
    page.get_by_role("navigation", name="Rubriques du contrat").get_by_role("link", name="Tableau de bord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")
    expect(page.get_by_role("table", name="Fiches actions par axe")).to_be_visible()
    expect(page.locator("figure.chart svg").first).to_have_attribute("role", "img")
    check_accessibility(page, "g5-dashboard")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Alertes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alertes")
    check_accessibility(page, "g5-alerts")

    # From the dashboard, the contract's ISTS profile compared with its region.
    page.goto(contract + "/tableau-de-bord")
    page.get_by_role("link", name="Profil ISTS du contrat comparé à sa région").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CLS 2 de Belle-Île-en-Mer")
    expect(page.get_by_role("table", name="Nombre d'actions par classe de déterminants et de stratégies (une action compte une fois par classe)")).to_be_visible()
    check_accessibility(page, "g5-ists")
