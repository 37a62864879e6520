"""The web page in real Chromium (Debian's ``chromium``, launched by path through Playwright).

Skipped when Chromium or Playwright is missing, except under CI (``CI`` set), where that fails:
CI must not pass by skipping. Screenshots of the main views go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest

import sinew
from sinew.schema import ActorRef, Document, Evidence, Record, What
from sinew.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
HOSTILE_TEXT = ('Breaking: <script>window.__pwned = "script"</script> North Korea shipped '
                'shells to Russia. <img src=x onerror="window.__pwned = \'img\'"> Ends here.')


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    try:
        import uvicorn  # noqa: F401
    except ImportError:
        _missing("uvicorn is not installed (pip install -e '.[web]')")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=30_000)
        yield launched
        launched.close()


@contextmanager
def _serve(db_path: Path):
    """uvicorn on a free port of 127.0.0.1 in a thread, up within 10 s, stopped after."""
    import uvicorn

    from sinew.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def demo_url(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    with Store(path) as store:
        sinew.ingest([str(resources.files("sinew") / "data" / "demo")], store)
    with _serve(path) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(browser, tmp_path_factory):
    """A store whose one document, title, actor name and evidence are markup."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    start = HOSTILE_TEXT.index("North Korea")
    end = HOSTILE_TEXT.index("Ends here.")
    sentence = HOSTILE_TEXT[start:end].strip()
    evidence = Evidence(sentence, start, start + len(sentence))
    actor = ActorRef("PRK", '<img src=x onerror="window.__pwned=\'actor\'">', "North Korea",
                     "PRK")
    record = Record("r1", "evil", "event", "AID", "military", actor,
                    ActorRef("RUS", "Russia", "Russia", "RUS"),
                    What("artillery_ammunition", "shells"), None, "asserted", None, None,
                    evidence, "shipped")
    with Store(path) as store:
        store.add_document(Document("evil", HOSTILE_TEXT, title="<b onmouseover=alert(1)>Evil</b>",
                                    date="2024-06-01", source="<script>x()</script>"), [record])
    with _serve(path) as url:
        yield url


@pytest.fixture(scope="module")
def report_url(browser, tmp_path_factory):
    """A store holding one three-page PDF report."""
    from pdfs import report_pdf

    folder = tmp_path_factory.mktemp("report")
    with Store(folder / "report.duckdb") as store:
        sinew.ingest([str(report_pdf(3).write(folder / "report.pdf"))], store,
                     default_date="2024-06-01")
        pages = {r.evidence.page for r in store.events(sinew.EventFilter(actor="PRK"))}
    assert pages == {1, 2, 3}
    with _serve(folder / "report.duckdb") as url:
        yield url


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.errors = errors
    yield opened
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _open(page, url: str, ready: str = "body[data-ready=yes]") -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.wait_for_selector(ready)
    origin = "/".join(url.split("/")[:3]) + "/"
    outside = [u for u in requests if not u.startswith(origin) and not u.startswith("data:")]
    assert not outside, f"the page asked for something outside the server: {outside}"


def _nodes(page) -> set[str]:
    return set(page.eval_on_selector_all("#graph .node", "ns => ns.map(n => n.dataset.id)"))


def _edges(page) -> set[tuple[str, str, str]]:
    return {tuple(e) for e in page.eval_on_selector_all(
        "#graph .edge", "es => es.map(e => [e.dataset.source, e.dataset.target, e.dataset.type])")}


def test_web_browser_page_draws_the_demo_network(page, demo_url):
    _open(page, demo_url + "/")
    assert {"PRK", "RUS", "IRN", "USA"} <= _nodes(page)
    assert ("PRK", "RUS", "AID") in _edges(page)
    assert "20 documents" in page.text_content("#store-info")
    assert page.locator("#timeline .dot").count() > 20
    _shot(page, "network")
    assert not page.errors


def test_web_browser_filter_changes_the_graph_and_keeps_the_layout(page, demo_url):
    _open(page, demo_url + "/")
    before = _edges(page)
    where = page.get_attribute('#graph .node[data-id="PRK"]', "transform")
    page.select_option("#f-commodity", "artillery_ammunition")
    page.wait_for_function("n => document.querySelectorAll('#graph .edge').length < n",
                           arg=len(before))
    page.wait_for_selector("body[data-ready=yes]")
    after = _edges(page)
    assert ("PRK", "RUS", "AID") in after and after < before
    assert page.get_attribute('#graph .node[data-id="PRK"]', "transform") == where
    _shot(page, "filtered")


def test_web_browser_edge_shows_its_evidence_and_what_if(page, demo_url):
    _open(page, demo_url + "/")
    edge = page.locator('#graph .edge[data-source="PRK"][data-target="RUS"][data-type="AID"]')
    edge.focus()
    edge.press("Enter")
    page.wait_for_selector("#detail .claim mark")
    assert "North Korea" in page.text_content("#detail h2")
    marks = page.eval_on_selector_all("#detail .claim mark", "ms => ms.map(m => m.textContent)")
    assert any("shell" in m or "round" in m or "munition" in m for m in marks)
    page.wait_for_selector("#detail .figure-card")
    assert page.locator("#detail .claim .attribution").count() == len(marks)
    index = page.eval_on_selector_all("#detail .figure-card", "cs => cs.findIndex("
                                      "c => c.querySelector('.more-sources'))")
    card = page.locator("#detail .figure-card").nth(index)
    assert card.locator(".sources li").count() == 0  # the answer carries no sentences
    card.locator(".more-sources").click()
    card.locator(".sources li").first.wait_for()
    assert card.locator(".sources q").count() >= 1 and card.locator(".more-sources").count() == 0
    _shot(page, "edge-evidence")
    page.locator("#detail .whatif-button").first.click()
    page.wait_for_selector("#wi-result .balance")
    assert "Change in supply" in page.text_content("#wi-result")
    assert page.input_value("#wi-changes [name=supplier]") == "PRK"
    _shot(page, "whatif")
    assert not page.errors


def test_web_browser_node_click_and_dependence(page, demo_url):
    _open(page, demo_url + "/")
    page.locator('#graph .node[data-id="IRN"] circle').click()
    page.wait_for_selector("#detail .claim")
    assert "Iran" in page.text_content("#detail h2")
    page.click("[role=tab][data-tab=dependence]")
    page.click("#dep-form button[type=submit]")
    page.wait_for_selector("#dep-result table")
    assert "imports from North Korea" in page.text_content("#dep-result")
    assert "derived, rate scaled" in page.text_content("#dep-result .chip.derived")
    assert "Central figures: median" in page.text_content("#dep-result .central-rule")
    _shot(page, "dependence")


def test_web_browser_dependence_counts_every_claim_of_a_paged_term(page, demo_url):
    def paged(route):  # the answer of a term with more claims than its page lists
        response = route.fetch()
        body = response.json()
        for term in body["imports"]:
            term["claims"], term["claim_count"] = term["claims"][:1], 57
        route.fulfill(response=response, json=body)
    page.route("**/api/dependence?*", paged)
    _open(page, demo_url + "/")
    page.click("[role=tab][data-tab=dependence]")
    page.click("#dep-form button[type=submit]")
    page.wait_for_selector("#dep-result table")
    assert "57 claim(s)" in page.text_content("#dep-result")
    assert not page.errors


PYONGYANG = 1871859


def test_web_browser_map_clusters_places_and_a_click_lists_their_claims(page, demo_url):
    _open(page, demo_url + "/")
    page.click("[data-tab=map]")
    page.wait_for_selector("body[data-map=yes]")
    places = page.evaluate("fetch('/api/places').then(r => r.json())")["items"]
    assert len(places) > 5 and PYONGYANG in {p["geonames_id"] for p in places}
    page.wait_for_selector(".marker-cluster")
    shapes = page.locator(".leaflet-overlay-pane path:not(.place)").count()
    assert shapes > 100  # the bundled Natural Earth countries
    counts = "ns => ns.map(n => n.textContent.trim()).filter(t => /^\\d+$/.test(t))"
    clusters = [int(n) for n in page.eval_on_selector_all(".marker-cluster span", counts)]
    assert clusters, "nearby places should be clustered at the first zoom"
    assert sum(clusters) + page.locator("path.place").count() == len(places)
    _shot(page, "map")
    page.evaluate("MAP.map.setView([39.03, 125.75], 9, {animate: false})")
    page.click(f'path.place[data-place="{PYONGYANG}"]', force=True)
    page.wait_for_selector("#detail .claim")
    assert page.text_content("#detail h2") == "Pyongyang"
    assert "GeoNames 1871859" in page.text_content("#detail")
    claims = page.eval_on_selector_all("#detail .claim mark", "ms => ms.map(m => m.textContent)")
    assert claims and all("Pyongyang" in c for c in claims)
    assert not page.errors


def test_web_browser_api_docs_render_locally(page, demo_url):
    _open(page, demo_url + "/docs", ready=".op")
    assert page.locator(".op").count() >= 10
    assert "/api/events" in page.text_content("#api")


def test_web_browser_hostile_document_renders_as_text(page, hostile_url):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _open(page, hostile_url + "/")
    assert 'onerror="window.__pwned' in page.text_content("#graph")
    page.click("[role=tab][data-tab=documents]")
    page.locator("#doc-list button").first.click()
    page.wait_for_selector("#detail .doc-text mark")
    text = page.text_content("#detail .doc-text")
    assert '<script>window.__pwned = "script"</script>' in text and "onerror=" in text
    assert "<b onmouseover=alert(1)>Evil</b>" in page.text_content("#detail h3")
    page.locator('#graph .edge[data-source="PRK"]').first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#detail .claim")
    page.hover("#detail .claim")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#detail script, #detail img, #graph img, #detail b").count() == 0
    assert not dialogs and not page.errors
    _shot(page, "hostile")


def test_web_browser_claims_from_a_pdf_say_their_page(page, report_url):
    _open(page, report_url + "/")
    edge = page.locator('#graph .edge[data-source="PRK"][data-target="RUS"][data-type="AID"]')
    edge.focus()
    edge.press("Enter")
    page.wait_for_selector("#detail .claim .page")
    shown = page.eval_on_selector_all("#detail .claim .page", "ps => ps.map(p => p.textContent)")
    assert {" · page 1", " · page 2", " · page 3"} <= set(shown)
    _shot(page, "pdf-pages")
    assert not page.errors


def test_web_browser_missing_chromium_fails_under_ci_instead_of_skipping(monkeypatch):
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="cannot run under CI"):
        _missing("chromium is missing")


@pytest.fixture(scope="module")
def crowded_url(browser, tmp_path_factory):
    """A store where North Korea makes 120 claims, more than a page, among 230 relations:
    more than the graph draws."""
    path = tmp_path_factory.mktemp("crowded") / "crowded.duckdb"
    text = " ".join(f"North Korea sent shells {i}." for i in range(120))
    records = [Record(f"r{i:03d}", "many", "event", "AID", "military",
                      ActorRef("PRK", "North Korea", "North Korea", "PRK"),
                      ActorRef("RUS", "Russia", "Russia", "RUS"),
                      What("artillery_ammunition", "shells"), None, "asserted", None, None,
                      Evidence(f"North Korea sent shells {i}.", text.index(f"shells {i}.") - 17,
                               text.index(f"shells {i}.") + len(f"shells {i}.")), "sent")
               for i in range(120)]
    records += [Record(f"x{i:03d}", "many", "event", "CONSULT", None,
                       ActorRef(f"C{i:03d}", f"Country {i}", f"Country {i}", f"C{i:03d}"),
                       ActorRef(f"D{i:03d}", f"Land {i}", f"Land {i}", f"D{i:03d}"), None,
                       None, "asserted", None, None, records[0].evidence, "met")
                for i in range(229)]
    with Store(path) as store:
        store.add_document(Document("many", text, title="Many shipments", date="2024-06-01"),
                           records)
    with _serve(path) as url:
        yield url


def test_web_browser_long_claim_lists_page_by_cursor_and_the_graph_is_bounded(page,
                                                                              crowded_url):
    _open(page, crowded_url + "/")
    assert page.locator("#graph .edge").count() == 200
    assert "of 230 relations" in page.text_content("#graph-status")
    node = page.locator('#graph .node[data-id="PRK"]')
    node.focus()
    node.press("Enter")  # a click may land on a node drawn over it
    claims = page.locator("#detail section").first
    claims.locator(".claim").nth(49).wait_for()
    for shown in (100, 120):
        claims.locator(".more-claims").click()
        claims.locator(".claim").nth(shown - 1).wait_for()
    ids = claims.locator(".claim").evaluate_all("cs => cs.map(c => c.dataset.record)")
    assert ids == [f"r{i:03d}" for i in range(120)]
    assert claims.locator(".more-claims").count() == 0
    assert not page.errors
