"""The programme import in a browser: an ARS officer exports Belle-Île's programme and sends it to
a contract of their own, twice; the second preview asks whether to add it or replace the
programme, on a desktop and on a phone, and replacing it gives back the same programme."""
from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from conftest import ARS_BRETAGNE_EMAIL, check_accessibility, login

CONTRACT_URL = re.compile(r".*/contrats/(?!nouveau\b)[^/?#]+(\?[^#]*)?$")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _new_contract(page: Page, server: str, name: str) -> str:
    page.goto(server + "/contrats/nouveau")
    page.get_by_label("Nom du contrat", exact=True).fill(name)
    page.get_by_label("Région", exact=True).select_option("53")
    page.get_by_label("Département", exact=True).select_option("56")
    page.get_by_label("Territoire", exact=True).fill("Pays d'import (test)")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(CONTRACT_URL)
    return page.url.split("?")[0].split("#")[0]


def _send(page: Page, contract_url: str, workbook: bytes) -> None:
    page.goto(contract_url + "/programme/import")
    page.set_input_files("#file", files=[{"name": "programme.xlsx", "buffer": workbook, "mimeType": XLSX}])
    page.get_by_role("button", name="Lire le fichier").click()
    expect(page.get_by_role("heading", name="Aperçu de « programme.xlsx »")).to_be_visible()


def test_export_then_replace_the_programme(chromium_browser: Browser, server: str):
    for name, viewport in [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})]:
        page = chromium_browser.new_context(locale="fr-FR", viewport=viewport).new_page()
        login(page, server, ARS_BRETAGNE_EMAIL)
        page.goto(server + "/contrats?q=belle")
        page.get_by_role("link", name="CLS 2 de Belle-Île-en-Mer").click()
        source_url = page.url.split("?")[0].split("#")[0]
        exported = page.request.get(source_url + "/programme/export.xlsx")
        assert exported.ok, exported.status
        workbook = exported.body()
        expected = page.request.get(source_url + "/programme/export.csv").text()

        target_url = _new_contract(page, server, f"CLS import navigateur ({name})")
        # Into an empty programme: nothing to choose.
        _send(page, target_url, workbook)
        expect(page.get_by_label("Remplacer le programme par le fichier", exact=True)).to_have_count(0)
        page.get_by_role("button", name="Confirmer l'import").click()
        expect(page.get_by_text("Programme importé depuis « programme.xlsx »")).to_be_visible(timeout=30_000)

        # Again: the preview asks whether to add the file or replace the programme.
        _send(page, target_url, workbook)
        add = page.get_by_label("L'ajouter au programme", exact=False)
        replace = page.get_by_label("Remplacer le programme par le fichier", exact=True)
        expect(add).to_be_checked()
        expect(replace).to_be_enabled()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the preview fits the screen"
        check_accessibility(page, f"import-preview-{name}")
        replace.check()
        page.get_by_role("button", name="Confirmer l'import").click()
        expect(page.get_by_text("Programme remplacé depuis « programme.xlsx »")).to_be_visible(timeout=30_000)
        check_accessibility(page, f"import-done-{name}")
        assert page.request.get(target_url + "/programme/export.csv").text() == expected, \
            "exported, imported, replaced by itself: the same programme"
        page.context.close()
