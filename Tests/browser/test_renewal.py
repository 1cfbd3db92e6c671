"""The end of the cycle in a browser: the CLS de Bobigny's amendments and signed versions, its
final evaluation (a question with its recommendations), then its renewal by the ARS into the
CLS 2 de Bobigny, carrying chosen fiches actions that keep their link to their predecessor.
axe on every new page, on a desktop and on a phone."""
from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from conftest import check_accessibility, login

ARS = "ars.idf@demo.cls-pilot.fr"


def test_amend_evaluate_and_renew_bobigny(chromium_browser: Browser, server: str):
    page = chromium_browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}).new_page()
    login(page, server, ARS)
    page.goto(server + "/contrats?q=bobigny")
    page.get_by_role("link", name="CLS de Bobigny").click()
    contract_url = page.url.split("?")[0].split("#")[0]

    # The Diagnostic tab (its empty state without a perimeter or imported indicators).
    page.get_by_role("link", name="Diagnostic", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Diagnostic local de santé")
    check_accessibility(page, "diagnostic")

    # Amendments and signed versions: the demo's amendment n° 1 and what it changed.
    page.goto(contract_url + "/avenants")
    expect(page.get_by_role("heading", level=1)).to_have_text("Avenants et versions signées")
    check_accessibility(page, "avenants")
    page.get_by_role("link", name=re.compile("Avenant n° 1")).click()
    expect(page.get_by_text("Ajout de la fiche action « Médiation en santé dans les quartiers prioritaires »")).to_be_visible()
    check_accessibility(page, "avenant")
    page.goto(contract_url + "/versions/0")
    expect(page.get_by_role("heading", name="Programme d'actions tel que signé")).to_be_visible()
    assert "Médiation en santé dans les quartiers prioritaires" not in page.locator("main").inner_text()
    check_accessibility(page, "version-signee")

    # The final evaluation: a question, its findings and recommendations.
    page.goto(contract_url)
    page.get_by_role("link", name="Évaluation", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Évaluation finale")
    page.get_by_label("Évaluateur").fill("Observatoire régional de santé d'Île-de-France")
    page.get_by_role("button", name="Enregistrer le cadre").click()
    expect(page.get_by_text("Cadre de l'évaluation enregistré.")).to_be_visible()
    page.get_by_label("Finalité", exact=True).select_option("democratique")
    page.get_by_label("Question évaluative").fill("Quelle place les habitants ont-ils eue dans les instances ?")
    page.get_by_role("button", name="Ajouter la question").click()
    question = page.locator("form.question").first
    question.get_by_label("Constats").fill("Des habitants au comité de pilotage depuis 2016.")
    question.get_by_label("Recommandations").fill("Ouvrir le comité technique aux habitants")
    question.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Question, constats et recommandations enregistrés.")).to_be_visible()
    page.get_by_role("button", name="Arrêter les données").click()
    expect(page.get_by_text(re.compile("arrêtées au"))).to_be_visible()
    check_accessibility(page, "evaluation")

    # To the evaluation stage, then the renewal, with the recommendations beside the choice.
    page.goto(contract_url)
    page.get_by_label("Nouvel état").select_option("evaluation")
    page.get_by_role("button", name="Changer l'état").click()
    page.get_by_role("link", name="Renouveler le contrat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Renouveler le contrat")
    expect(page.get_by_text("Démocratique — Ouvrir le comité technique aux habitants")).to_be_visible()
    check_accessibility(page, "renouvellement")
    expect(page.get_by_label("Nom du nouveau contrat")).to_have_value("CLS 2 de Bobigny")
    boxes = page.locator("input[name='actions[]']")
    assert boxes.count() > 1
    checked = [boxes.nth(index) for index in range(boxes.count()) if boxes.nth(index).is_checked()]
    assert checked, "ongoing and recurring actions are proposed"
    carried_title = page.locator(f"label[for='{checked[0].get_attribute('id')}']").inner_text().split(" (")[0].strip()
    page.get_by_role("button", name="Créer le contrat renouvelé").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("CLS 2 de Bobigny")
    expect(page.get_by_role("link", name="CLS de Bobigny")).to_be_visible()
    page.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name=carried_title).first.click()
    expect(page.get_by_text(re.compile("Reconduite de la fiche"))).to_be_visible()

    # On a phone, the renewed contract's evaluation and amendments pages fit the screen.
    phone = chromium_browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844}).new_page()
    login(phone, server, ARS)
    for path, name in [("/avenants", "avenants-telephone"), ("/evaluation", "evaluation-telephone")]:
        phone.goto(contract_url + path)
        assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, f"{path} fits the screen"
        check_accessibility(phone, name)
