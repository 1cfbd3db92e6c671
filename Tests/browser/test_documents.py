"""The contract as a document: the Documents tab of the CLS de Bobigny (axe, on a desktop and a
phone), its Word file printed to PDF by LibreOffice, whose text holds the contract's name, its
signatories, its axes and its fiches actions; pictures of the first pages land in artifacts/."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from conftest import ARTIFACTS, check_accessibility, login

COORDINATOR = "coordination.bobigny@demo.cls-pilot.fr"


def test_the_contract_document_prints_with_its_parties_axes_and_actions(chromium_browser: Browser, server: str):
    for name, viewport in [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})]:
        page = chromium_browser.new_context(locale="fr-FR", viewport=viewport).new_page()
        login(page, server, COORDINATOR)
        page.goto(server + "/contrats?q=bobigny")
        page.get_by_role("link", name="CLS de Bobigny").click()
        contract_url = page.url.split("?")[0].split("#")[0]
        page.get_by_role("link", name="Documents", exact=True).click()
        expect(page.get_by_role("heading", name="Préambule et articles")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the page fits the screen"
        check_accessibility(page, f"documents-{name}")

    soffice, pdftotext, pdftoppm = (shutil.which(tool) for tool in ("soffice", "pdftotext", "pdftoppm"))
    if not (soffice and pdftotext and pdftoppm):
        pytest.skip("LibreOffice or poppler-utils is not installed: the contract is not printed here (CI installs them).")
    document = page.request.get(contract_url + "/documents/contrat.docx")
    assert document.ok, document.status
    programme = page.request.get(contract_url + "/programme/export.csv").text()
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "contrat.docx"
        docx.write_bytes(document.body())
        subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", folder, str(docx)], check=True, capture_output=True, timeout=120)
        pdf = Path(folder) / "contrat.pdf"
        text = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        subprocess.run([pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "3", str(pdf), str(ARTIFACTS / "contrat-bobigny-page")],
                       check=True, timeout=60)
    flat = " ".join(text.replace("\u00a0", " ").split())
    assert "CLS de Bobigny" in flat
    for signatory in ["ARS Île-de-France", "Ville de Bobigny"]:
        assert signatory in flat, f"{signatory} signs the contract"
    # Every fiche action of the programme (its CSV export, column « Titre de l'action »), in annex.
    rows = [line.split(";") for line in programme.splitlines() if line.strip()]
    header = [cell.strip('"\ufeff') for cell in rows[0]]
    title_column, sub_column = header.index("Titre de l'action"), header.index("Titre de la sous-action")
    titles = {row[title_column].strip('"') for row in rows[1:] if len(row) > sub_column and not row[sub_column].strip('"')}
    assert titles, "the programme has fiches actions"
    for title in titles:
        assert " ".join(title.split()) in flat, f"the fiche « {title} » is in the printed contract"
