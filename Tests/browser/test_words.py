"""Every page of the demo, walked as each role, reads in words: no UUID, no snake_case code, no
English vocabulary word, no e-mail address where a name belongs; axe-clean; and, walked on a
390 px screen, no page wider than it.

The walk follows the links of each page (GET, same site, no downloads), at most two pages of each
kind (two fiches actions, two meetings…) and a bounded number of pages per role. axe runs once per
kind of page across the roles.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Browser

from conftest import ADMIN_EMAIL, check_accessibility, login

PHONE = {"width": 390, "height": 844}

ROLES = [
    ADMIN_EMAIL,
    "ars.idf@demo.cls-pilot.fr",
    "dt93@demo.cls-pilot.fr",
    "coordination.bobigny@demo.cls-pilot.fr",
    "pilote.bobigny@demo.cls-pilot.fr",
    "redaction.belle-ile@demo.cls-pilot.fr",
    "lecture.belle-ile@demo.cls-pilot.fr",
]

UUID = re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# Vocabulary words of the code that must never reach a reader in English.
ENGLISH = re.compile(r"\b(?:pending|draft|submitted|approved|planned|in progress|done|dropped|true|false|null|"
                     r"undefined|higher is better|lower is better|none|kept|failed|sent)\b")
# Pages about accounts, where an address is shown in its own column next to the name: the
# administration (accounts, journal, e-mails) and a contract's team.
ADDRESS_PAGES = ("/admin/", "/connexion")
ADDRESS_PAGE_ENDINGS = ("/membres",)
DOWNLOADS = re.compile(r"\.(?:csv|xlsx|ics|json|pdf|docx|geojson)$|/pieces-jointes/|/compte-rendu/fichier|/export")
MAX_PAGES_PER_ROLE = 90
MAX_PER_KIND = 2


def kind(path: str) -> str:
    """The kind of page: ids and numbers replaced ("/contrats/:/actions/:")."""
    parts = [":" if UUID.fullmatch(p) or p.isdigit() or re.fullmatch(r"\d[\dAB]\w*", p) else p for p in path.split("/")]
    return "/".join(parts)


def visible_text(page) -> str:
    """What a reader sees, without the `<code>` elements: a code shown beside its label, in a
    column of its own, is there for machines (spreadsheets, the API) and allowed."""
    return page.evaluate("""() => {
        const codes = [...document.querySelectorAll('code')];
        const shown = codes.map(code => code.style.display);
        codes.forEach(code => code.style.setProperty('display', 'none'));
        const text = document.body.innerText;
        codes.forEach((code, index) => code.style.display = shown[index]);
        return text;
    }""")


def problems(path: str, text: str) -> list[str]:
    found = []
    found += [f"identifier « {m} »" for m in UUID.findall(text)]
    found += [f"code « {m} »" for m in SNAKE.findall(text)]
    found += [f"English « {m} »" for m in ENGLISH.findall(text)]
    if not path.startswith(ADDRESS_PAGES) and not path.endswith(ADDRESS_PAGE_ENDINGS):
        found += [f"address « {m} »" for m in EMAIL.findall(text)]
    return found


def walk(page, server: str) -> list[str]:
    seen_paths: set[str] = set()
    per_kind: dict[str, int] = {}
    queue = ["/"]
    visited = []
    while queue and len(visited) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen_paths:
            continue
        seen_paths.add(path)
        k = kind(path)
        if per_kind.get(k, 0) >= MAX_PER_KIND:
            continue
        per_kind[k] = per_kind.get(k, 0) + 1
        response = page.goto(server + path)
        if response is None or response.status >= 400 or not page.url.startswith(server):
            continue
        visited.append(path)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            target = urlsplit(urljoin(server + path, href))
            if f"{target.scheme}://{target.netloc}" != server or DOWNLOADS.search(target.path):
                continue
            if target.path.startswith("/public/") or target.path.startswith("/api/"):
                continue
            if target.path not in seen_paths:
                queue.append(target.path)
    return visited


def test_every_page_reads_in_words_for_every_role(chromium_browser: Browser, server: str):
    failures: list[str] = []
    checked_kinds: set[str] = set()
    for email in ROLES:
        context = chromium_browser.new_context(locale="fr-FR", viewport=PHONE)
        page = context.new_page()
        login(page, server, email)
        for path in walk(page, server):
            page.goto(server + path)
            for problem in problems(path, visible_text(page)):
                failures.append(f"{email} {path}: {problem}")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 1:
                failures.append(f"{email} {path}: {overflow} px wider than a 390 px screen")
            k = kind(path)
            if k not in checked_kinds:
                checked_kinds.add(k)
                try:
                    check_accessibility(page, "w-" + k.replace("/", "-").replace(":", "x"))
                except BaseException as error:  # pytest.fail: gathered, so that one run lists everything
                    failures.append(f"{email} {path}: " + " ".join(str(error).splitlines()[:3]))
        context.close()
    assert failures == [], f"{len(failures)} problem(s):\n" + "\n".join(dict.fromkeys(failures))
