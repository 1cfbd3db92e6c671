"""Browser test of the reference data: an administrator imports territory files and contours from
the administration page (upload, preview, confirmation, progress), then opens the maps. axe-core
on every page. The files are small hand-made extracts in the official formats."""
from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from conftest import check_accessibility, login

ADMIN_EMAIL = "admin@demo.cls-pilot.fr"

COMMUNES = "\r\n".join([
    "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT",
    "COM,93001,11,93,93D,932,0,AUBERVILLIERS,Aubervilliers,Aubervilliers,9301,",
    "COM,93066,11,93,93D,932,0,SAINT DENIS,Saint-Denis,Saint-Denis,9399,",
]) + "\r\n"
POPULATIONS = "\r\n".join([
    "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT",
    "11;Île-de-France;93;2;01;001;93001;Aubervilliers;88 948;700;89 648",
    "11;Île-de-France;93;2;99;066;93066;Saint-Denis;113 942;1 000;114 942",
]) + "\r\n"
QPV = "code_qpv,nom_qpv,insee_communes\r\nQN09301M,Franc-Moisin,93066\r\n"


def square(lon: float, lat: float, size: float) -> list:
    return [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]]


def collection(features: list) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": properties, "geometry": {"type": "Polygon", "coordinates": square(*corner)}}
        for properties, corner in features]})


def test_admin_imports_reference_files_then_views_a_map(browser_page: Page, server: str, tmp_path: Path):
    page = browser_page
    files = {
        "communes-cog-2026.csv": COMMUNES, "populations-legales-2023.csv": POPULATIONS, "qpv-2024.csv": QPV,
        "communes-93-2018.geojson": collection([({"code": "93001", "nom": "Aubervilliers"}, (2.36, 48.90, 0.03)),
                                                ({"code": "93066", "nom": "Saint-Denis"}, (2.33, 48.92, 0.04))]),
        "qpv-2024.geojson": collection([({"code_qp": "QN09301M", "lib_qp": "Franc-Moisin", "insee_com": "93066"}, (2.35, 48.93, 0.01))]),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    login(page, server, ADMIN_EMAIL)
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Référentiel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Référentiel territorial")
    check_accessibility(page, "r-reference")

    # The official files: read and previewed, nothing written yet.
    form = page.locator("form", has=page.get_by_role("heading", name="Référentiel territorial (COG, populations, EPCI, QPV)"))
    form.get_by_label("Communes du COG (obligatoire)").set_input_files(str(tmp_path / "communes-cog-2026.csv"))
    form.get_by_label("Populations légales").set_input_files(str(tmp_path / "populations-legales-2023.csv"))
    form.get_by_label("Quartiers prioritaires").set_input_files(str(tmp_path / "qpv-2024.csv"))
    form.get_by_role("button", name="Lire et prévisualiser").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import : Référentiel territorial")
    expect(page.locator("main")).to_contain_text("aperçu, en attente de confirmation")
    expect(page.locator("main")).to_contain_text("Communes : communes")
    check_accessibility(page, "r-preview")

    # Confirmed: the progress shows while it runs, then the result.
    page.get_by_role("button", name="Confirmer l'import").click()
    expect(page.locator("#import-etat")).to_have_text("terminé", timeout=20_000)
    expect(page.locator("main")).to_contain_text("Résultat")
    check_accessibility(page, "r-done")

    # Contours of communes and QPV, each through its own preview.
    for file_name, level in (("communes-93-2018.geojson", "Communes"), ("qpv-2024.geojson", "Quartiers prioritaires (QPV)")):
        page.goto(server + "/admin/referentiel")
        shapes = page.locator("form", has=page.get_by_role("heading", name="Contours cartographiques (GeoJSON)"))
        shapes.get_by_label("Fichier de contours (obligatoire)").set_input_files(str(tmp_path / file_name))
        shapes.get_by_label("Niveau des contours").select_option(label=level)
        shapes.get_by_role("button", name="Lire et prévisualiser").click()
        expect(page.locator("main")).to_contain_text("Nouveaux contours")
        page.get_by_role("button", name="Confirmer l'import").click()
        expect(page.locator("#import-etat")).to_have_text("terminé", timeout=20_000)

    # The department map: communes coloured, with the QPV drawn over them, and its table.
    page.goto(server + "/territoires/departements/93")
    map_svg = page.locator("figure.map svg")
    expect(map_svg).to_be_visible()
    expect(map_svg).to_have_attribute("role", "img")
    expect(page.locator("figure.map svg title", has_text="Franc-Moisin")).to_have_count(1)
    page.get_by_text("Tableau des données de la carte").click()
    expect(page.get_by_role("table", name="Communes de Seine-Saint-Denis selon le revenu médian")).to_contain_text("Aubervilliers")
    check_accessibility(page, "r-department-map")

    page.get_by_role("link", name="Saint-Denis").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saint-Denis (93066)")
    expect(page.locator("figure.map svg")).to_be_visible()
    check_accessibility(page, "r-commune-map")
