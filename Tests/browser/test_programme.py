"""Browser test of the programme: a coordinator builds a small programme, codes an action with
the ISTS trees, records a budget line and an indicator value. axe-core on every page."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from conftest import check_accessibility, login

COORDINATOR_EMAIL = "coordination.belle-ile@demo.cls-pilot.fr"


def test_coordinator_builds_and_codes_a_programme(browser_page: Page, server: str):
    page = browser_page
    login(page, server, COORDINATOR_EMAIL)
    page.goto(server + "/contrats?q=CLS+2")
    page.get_by_role("link", name="CLS 2 de Belle-Île-en-Mer").click()
    page.get_by_role("navigation", name="Rubriques du contrat").get_by_role("link", name="Programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme")
    check_accessibility(page, "g-programme")

    # A new axis, then a fiche action in it.
    page.get_by_label("Intitulé du nouvel axe", exact=True).fill("Santé mentale des jeunes")
    page.get_by_role("button", name="Ajouter l'axe").click()
    expect(page.locator(".alert--success")).to_contain_text("Axe ajouté")
    axis = page.locator("section", has=page.get_by_role("heading", name="Santé mentale des jeunes")).last
    axis.locator("summary", has_text="Ajouter une fiche action").click()
    axis.get_by_label("Titre de la fiche action").fill("Former des sentinelles en prévention du suicide")
    axis.get_by_role("button", name="Créer la fiche action dans « Santé mentale des jeunes »").click()

    # The edit form opens: code the action with the ISTS trees.
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier la fiche action")
    check_accessibility(page, "g-action-form")
    page.get_by_label("Statut", exact=True).select_option("en_cours")
    page.get_by_label("Problème visé", exact=True).fill("Taux de passages aux urgences pour gestes suicidaires élevé chez les 15-24 ans")
    page.get_by_label("Santé mentale", exact=True).check()
    page.get_by_label("D4.2.2 Compétences psychosociales", exact=True).check()
    page.get_by_label("D3.1 Intégration sociale", exact=True).check()
    page.get_by_label("S2.2 Formation (pairs, relais, leaders, membres)", exact=True).check()
    page.get_by_label("Approche", exact=True).select_option("universalisme_proportionne")
    page.get_by_role("button", name="Enregistrer la fiche").click()
    expect(page.locator(".alert--success")).to_contain_text("Fiche action enregistrée")
    expect(page.get_by_role("heading", level=1)).to_have_text("Former des sentinelles en prévention du suicide")
    expect(page.get_by_text("D4.2.2 Compétences psychosociales")).to_be_visible()

    # A budget line.
    page.get_by_label("Nom du financeur", exact=True).fill("ARS Bretagne")
    page.get_by_label("Montant prévu", exact=True).fill("4 500")
    page.get_by_role("button", name="Ajouter la ligne").click()
    expect(page.locator(".alert--success")).to_contain_text("Ligne budgétaire ajoutée")
    expect(page.locator("#budget")).to_contain_text("4\u202f500")

    # A refused amount: the same page, the message next to the field, what was typed kept.
    page.get_by_label("Nom du financeur", exact=True).fill("CAF du Morbihan")
    page.get_by_label("Montant prévu", exact=True).fill("12 personnes")
    page.get_by_role("button", name="Ajouter la ligne").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary")).to_contain_text("montant prévu")
    expect(page.get_by_label("Nom du financeur", exact=True)).to_have_value("CAF du Morbihan")
    planned = page.get_by_label("Montant prévu", exact=True)
    expect(planned).to_have_value("12 personnes")
    expect(planned).to_have_attribute("aria-invalid", "true")
    check_accessibility(page, "g-refused-budget-line")
    page.locator(".error-summary a").first.click()
    expect(planned).to_be_focused()
    planned.fill("1 000")
    page.get_by_role("button", name="Ajouter la ligne").click()
    expect(page.locator(".alert--success")).to_contain_text("Ligne budgétaire ajoutée")

    # Removing a line asks first.
    line = page.locator("#budget tr", has_text="CAF du Morbihan")
    line.locator("summary", has_text="Supprimer").click()
    expect(line.locator(".confirm__form")).to_contain_text("Supprimer la ligne CAF du Morbihan, 2026 ?")
    line.get_by_role("button", name="Oui, supprimer").click()
    expect(page.locator(".alert--success")).to_be_visible()
    expect(page.locator("#budget")).not_to_contain_text("CAF du Morbihan")

    # An indicator and its value for 2026.
    page.get_by_label("Intitulé de l'indicateur", exact=True).fill("Sentinelles formées")
    page.get_by_role("button", name="Ajouter l'indicateur").click()
    expect(page.locator(".alert--success")).to_contain_text("Indicateur ajouté")
    values = page.locator("fieldset", has_text="Saisir une valeur").last
    values.get_by_label("Année").fill("2026")
    values.get_by_label("Cible").fill("20")
    values.get_by_label("Valeur réalisée").fill("12")
    values.get_by_role("button", name="Enregistrer la valeur").click()
    expect(page.locator(".alert--success")).to_contain_text("Valeur 2026")
    expect(page.locator("#indicateurs")).to_contain_text("12")
    check_accessibility(page, "g-action-sheet")

    # The table view finds it by determinant class.
    page.goto(page.url.split("/actions/")[0] + "/programme/tableau?determinant=D4")
    expect(page.get_by_role("link", name="Former des sentinelles en prévention du suicide")).to_be_visible()
    check_accessibility(page, "g-programme-table")


def test_uploads_through_the_real_server(browser_page: Page, server: str, tmp_path):
    """Uploads stream through the real HTTP server (unlike in-process tests): an attachment,
    then a programme import with its preview and confirmation."""
    import pathlib
    import pytest

    page = browser_page
    login(page, server, COORDINATOR_EMAIL)
    page.goto(server + "/contrats?q=CLS+2")
    page.get_by_role("link", name="CLS 2 de Belle-Île-en-Mer").click()
    contract_url = page.url.split("?")[0].split("#")[0]

    page.goto(contract_url + "/programme")
    page.get_by_role("link", name="Coordonner le parcours de santé des personnes âgées").click()
    report = tmp_path / "compte-rendu-copil.txt"
    report.write_text("Compte rendu du COPIL du 20 novembre 2026\n" * 2000, encoding="utf-8")
    page.set_input_files("#attachment-file", str(report))
    page.get_by_role("button", name="Joindre le fichier").click()
    expect(page.locator(".alert--success")).to_contain_text("Pièce jointe ajoutée")
    expect(page.locator("#documents")).to_contain_text("compte-rendu-copil.txt")

    sample = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "import-plan" / "exemple-plan-sous-actions.xlsx"
    if not sample.exists():
        pytest.skip("../shared/data is absent: the import upload needs the example workbook (CI provides it).")
    page.goto(contract_url + "/programme/import")
    check_accessibility(page, "h-import-form")
    page.set_input_files("#file", str(sample))
    page.get_by_role("button", name="Lire le fichier").click()
    expect(page.get_by_role("heading", name="Aperçu de « exemple-plan-sous-actions.xlsx »")).to_be_visible()
    check_accessibility(page, "h-import-preview")
    page.get_by_role("button", name="Confirmer l'import").click()
    # The import runs in the background; its page follows it and shows the outcome.
    expect(page.locator(".alert--success")).to_contain_text("4 fiches actions, 3 sous-actions", timeout=20_000)
    check_accessibility(page, "h-import-done")
    page.get_by_role("link", name="Voir le programme").click()
    expect(page.get_by_role("link", name="Action normale")).to_be_visible()
