"""The shared diagnosis in a browser: on the CLS de Stains (a contract of its own, so that no other
test depends on it), a finding, a priority proposed from it and retained, made an axis in one
step, a fiche action written in that axis — the fiche says which priority and finding it
answers, the diagnosis lists the fiche under its finding; the diagnosis dated, its version kept.
axe on the Diagnostic tab and on the version."""
from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from conftest import check_accessibility, login

ARS = "ars.idf@demo.cls-pilot.fr"


def test_finding_priority_axis_action(chromium_browser: Browser, server: str):
    page = chromium_browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}).new_page()
    login(page, server, ARS)
    page.goto(server + "/contrats?q=stains")
    page.get_by_role("link", name="CLS de Stains").click()
    page.get_by_role("navigation", name="Rubriques du contrat").get_by_role("link", name="Diagnostic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Diagnostic local de santé")
    diagnosis_url = page.url.split("?")[0].split("#")[0]

    page.get_by_label("Réalisé par").fill("Observatoire régional de santé d'Île-de-France")
    page.get_by_role("button", name="Enregistrer le diagnostic").click()
    expect(page.get_by_text("Diagnostic enregistré.")).to_be_visible()

    page.get_by_label("Constat", exact=True).fill("Un renoncement aux soins dentaires deux fois plus fréquent qu'en Île-de-France.")
    page.get_by_role("button", name="Ajouter le constat").click()
    expect(page.get_by_text("Constat ajouté.")).to_be_visible()

    page.get_by_label("Intitulé", exact=True).fill("Accès aux soins dentaires")
    page.get_by_label("Constat d'où elle naît").select_option(label="Un renoncement aux soins dentaires deux fois plus fréquent qu'en Île-de-France.")
    page.get_by_label("Référence au projet régional de santé").fill("PRS Île-de-France, parcours de soins")
    page.get_by_role("button", name="Proposer la priorité").click()
    expect(page.get_by_text("Priorité proposée.")).to_be_visible()

    priority = page.locator("article.priority", has_text="Accès aux soins dentaires")
    priority.get_by_label("Décision").select_option("retenue")
    priority.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text(re.compile("priorité « Accès aux soins dentaires » retenue"))).to_be_visible()
    check_accessibility(page, "diagnostic-partage")
    page.locator("article.priority", has_text="Accès aux soins dentaires").get_by_role("button", name="En faire un axe du programme").click()

    # The programme, with the new axis: a fiche action in it.
    expect(page.locator(".alert--success")).to_contain_text("Axe « Accès aux soins dentaires » créé")
    axis = page.locator("section", has=page.get_by_role("heading", name="Accès aux soins dentaires")).last
    axis.locator("summary", has_text="Ajouter une fiche action").click()
    axis.get_by_label("Titre de la fiche action").fill("Bus dentaire dans les quartiers")
    axis.get_by_role("button", name="Créer la fiche action dans « Accès aux soins dentaires »").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier la fiche action")
    page.get_by_role("button", name="Enregistrer la fiche").click()
    expect(page.get_by_text(re.compile("Répond à la priorité"))).to_be_visible()
    expect(page.get_by_text(re.compile("constat : « Un renoncement aux soins dentaires"))).to_be_visible()

    # Back on the diagnosis, the finding lists the fiche that answers it.
    page.goto(diagnosis_url)
    finding = page.locator("article.finding", has_text="Un renoncement aux soins dentaires")
    expect(finding.get_by_role("link", name="Bus dentaire dans les quartiers")).to_be_visible()

    # Dated: the version keeps what the diagnosis says today.
    page.get_by_label("Intitulé de la version").fill("Diagnostic initial")
    page.get_by_role("button", name="Dater le diagnostic tel qu'il est").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Version 1 du diagnostic : Diagnostic initial")
    expect(page.get_by_text("Un renoncement aux soins dentaires deux fois plus fréquent qu'en Île-de-France.").first).to_be_visible()
    expect(page.get_by_text("Axe du programme : Accès aux soins dentaires")).to_be_visible()
    check_accessibility(page, "diagnostic-version")
