"""Browser-test harness for CLS Pilot.

Starts the built executable in demo mode on a free loopback port with a fresh SQLite data
directory, and gives each test a fresh Chromium context. Helpers log in and run axe-core.

Run from the repository root after `swift build --product clspilot`:
    python3 -m pytest -q Tests/browser
Environment:
    CLS_PILOT_EXECUTABLE  path of the executable to test (default .build/debug/clspilot)
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "Tests" / "browser" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
STARTUP_TIMEOUT_SECONDS = 120

DEMO_PASSWORD = "Demo-CLS-2026"
ADMIN_EMAIL = "admin@demo.cls-pilot.fr"
ARS_BRETAGNE_EMAIL = "ars.bretagne@demo.cls-pilot.fr"
READER_BELLE_ILE_EMAIL = "lecture.belle-ile@demo.cls-pilot.fr"

# Impacts that fail a page (the project's bar: no serious or critical axe violation).
BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def _answers_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


@pytest.fixture(scope="session")
def server():
    """Base URL of a running `clspilot demo` server on SQLite (fresh data directory)."""
    executable = Path(os.environ.get("CLS_PILOT_EXECUTABLE", REPO_ROOT / ".build" / "debug" / "clspilot"))
    if not executable.is_file():
        pytest.fail(f"{executable} not found: build it first with `swift build --product clspilot`", pytrace=False)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="clspilot-browser-"))
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = ARTIFACTS / "server.log"

    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # SQLite in CLS_DATA_DIR
    env["CLS_DATA_DIR"] = str(data_dir)

    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(executable), "demo", "--port", str(port), "--hostname", "127.0.0.1"],
            cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not _answers_ok(base_url + "/connexion"):
            if process.poll() is not None:
                pytest.fail(f"clspilot exited with status {process.returncode} before answering.\n"
                            f"Log tail ({log_path}):\n{_log_tail(log_path)}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"{base_url}/connexion did not answer 200 within {STARTUP_TIMEOUT_SECONDS} s.\n"
                            f"Log tail ({log_path}):\n{_log_tail(log_path)}", pytrace=False)
            time.sleep(0.25)  # polling interval while the server starts, not a timing assumption
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium_browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium_browser, server):
    """A fresh context (no cookies) and page for each test."""
    context = chromium_browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "page"


def check_accessibility(page: Page, name: str) -> None:
    """Screenshot the page to artifacts/<name>.png, then fail on serious or critical axe violations."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{_safe_name(name)}.png"), full_page=True)
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        report = []
        for violation in blocking:
            report.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
                          f"  {violation.get('helpUrl', '')}")
            for node in violation.get("nodes", []):
                report.append(f"    target {node.get('target')}: {node.get('failureSummary', '').strip()}"
                              .replace("\n", " "))
        pytest.fail(f"axe-core: {len(blocking)} serious/critical violation(s) on '{name}' ({page.url}):\n"
                    + "\n".join(report), pytrace=False)


def login(page: Page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the form and wait for the page that follows."""
    if not page.url.startswith(base_url + "/connexion"):
        page.goto(base_url + "/connexion")
    page.get_by_label("Adresse électronique", exact=True).fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Se connecter").click()
    if "/connexion" in page.url:
        alerts = page.locator(".alert").all_inner_texts()
        pytest.fail(f"login as {email} failed: still on {page.url}; alerts: {alerts}")
    # On a phone the account links are folded behind the menu: signed in is the button's presence.
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_have_count(1)
