"""The timeline page in Chromium: the chart drawn from the list, the keyboard (Tab through the events in
date order, Enter follows, + and - zoom, arrows move), no serious accessibility violation, a phone's width."""

from __future__ import annotations

from .conftest import serious_violations


def _view(page) -> tuple[float, float]:
    chart = page.locator(".tl-chart")
    return float(chart.get_attribute("data-view-start")), float(chart.get_attribute("data-view-end"))


def _list_events(page) -> list[str]:
    """The hrefs of the events of the list (the page without script), in its order: date order."""
    return page.eval_on_selector_all(".timeline-list .tl-event a.tl-link", "links => links.map(a => a.getAttribute('href'))")


def test_tab_moves_through_the_events_in_date_order_and_enter_follows(page, server):
    page.goto(server + "timeline.html")
    expected = _list_events(page)
    assert len(expected) == 12
    chart_events = page.locator(".tl-chart a.tl-chart-event")
    assert chart_events.count() == len(expected)
    page.locator(".tl-reset").focus()
    visited = []
    for _ in expected:
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.getAttribute('href')"))
    assert visited == expected
    # The focused event is in view: its position lies inside the chart's track.
    inside = page.evaluate("""() => { const a = document.activeElement, t = a.parentElement;
        return a.offsetLeft >= 0 && a.offsetLeft <= t.clientWidth; }""")
    assert inside
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/ev-appeal-1947.html")  # the event's own page


def test_plus_zooms_minus_zooms_out_and_arrows_move_the_view(page, server):
    page.goto(server + "timeline.html")
    start, end = _view(page)
    page.locator(".tl-chart a.tl-chart-event").first.focus()
    page.keyboard.press("+")
    zoomed = _view(page)
    assert zoomed[1] - zoomed[0] < (end - start) * 0.6
    page.keyboard.press("ArrowRight")
    moved = _view(page)
    assert moved[0] > zoomed[0] and abs((moved[1] - moved[0]) - (zoomed[1] - zoomed[0])) < 1e-6
    page.keyboard.press("-")
    assert _view(page)[1] - _view(page)[0] > moved[1] - moved[0]
    page.locator(".tl-zoom-in").click()
    page.locator(".tl-zoom-in").click()
    assert _view(page)[1] - _view(page)[0] < moved[1] - moved[0]
    # The axis says which years it shows, with ticks inside them.
    ticks = [int(t) for t in page.locator(".tl-tick").all_inner_texts() if t.isdigit()]
    first, last = _view(page)
    assert all(first <= t <= last for t in ticks)


def test_whole_timeline_shows_every_date_of_the_texts(page, server):
    page.goto(server + "timeline.html")
    page.locator(".tl-reset").click()
    start, end = _view(page)
    firsts = page.eval_on_selector_all(".timeline-list li", "lis => lis.map(li => +li.dataset.start.slice(0, 4))")
    assert start <= min(firsts) and end >= max(firsts) + 1
    assert page.locator(".tl-lane .tl-mark").count() == page.locator(".timeline-list li.tl-date").count()


def test_timeline_has_no_serious_accessibility_violations(page, server, axe_script):
    page.goto(server + "timeline.html")
    page.locator(".tl-chart").wait_for()
    assert serious_violations(page, axe_script) == []
    page.goto(server + "events.html")
    assert serious_violations(page, axe_script) == []


def test_timeline_fits_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "timeline.html")
    page.locator(".tl-chart").wait_for()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    # Every event's name ends inside the chart.
    outside = page.evaluate("""() => [...document.querySelectorAll('.tl-chart-event .tl-name')].filter(n => {
        const r = n.getBoundingClientRect(), v = document.querySelector('.tl-viewport').getBoundingClientRect();
        return r.right > v.right + 1 || r.left < v.left - 1; }).length""")
    assert outside == 0
    context.close()
