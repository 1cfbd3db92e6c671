"""The programme import in a browser: a coordinator exports Belle-Île's programme and sends it
back; the preview asks whether to add it or replace the programme, on a desktop and on a phone,
and replacing it gives back the same programme."""
from __future__ import annotations

from playwright.sync_api import Browser, expect

from conftest import check_accessibility, login

COORDINATOR = "coordination.belle-ile@demo.cls-pilot.fr"


def test_export_then_replace_the_programme(chromium_browser: Browser, server: str):
    for name, viewport in [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})]:
        page = chromium_browser.new_context(locale="fr-FR", viewport=viewport).new_page()
        login(page, server, COORDINATOR)
        page.goto(server + "/contrats?q=belle")
        page.get_by_role("link", name="CLS 2 de Belle-Île-en-Mer").click()
        contract_url = page.url.split("?")[0].split("#")[0]
        exported = page.request.get(contract_url + "/programme/export.xlsx")
        assert exported.ok, exported.status
        workbook = exported.body()

        page.goto(contract_url + "/programme/import")
        page.set_input_files("#file", files=[{"name": "programme.xlsx", "buffer": workbook,
                                             "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
        page.get_by_role("button", name="Lire le fichier").click()
        expect(page.get_by_role("heading", name="Aperçu de « programme.xlsx »")).to_be_visible()
        add = page.get_by_label("L'ajouter au programme", exact=False)
        replace = page.get_by_label("Remplacer le programme par le fichier", exact=True)
        expect(add).to_be_checked()
        expect(replace).to_be_enabled()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the preview fits the screen"
        check_accessibility(page, f"import-preview-{name}")

        titles_before = page.request.get(contract_url + "/programme/export.csv").text()
        replace.check()
        page.get_by_role("button", name="Confirmer l'import").click()
        expect(page.get_by_text("Programme remplacé depuis « programme.xlsx »")).to_be_visible(timeout=30_000)
        check_accessibility(page, f"import-done-{name}")
        assert page.request.get(contract_url + "/programme/export.csv").text() == titles_before, \
            "replaced by its own export, the programme is the same"
        page.context.close()
