"""The timeline picture in a real browser (issue 20): the applicant on 2026-12-20 whose stages run
into 2027's Spring Festival, at phone and desktop width."""
from __future__ import annotations

import pytest

from .conftest import ARTEFACTS, shoot

pytestmark = pytest.mark.browser

URL = "/timelines?procedure=internet-cafe-licence&start=2026-12-20"

# The rendered size of every visible text in the shown picture: its computed font size (viewBox
# units) times the picture's scale on screen.
SIZES = """() => {
  const svg = [...document.querySelectorAll('figure.timeline svg')].find(s => s.getBoundingClientRect().width > 0);
  const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const out = [];
  for (const t of svg.querySelectorAll('text, tspan')) {
    if (!t.textContent.trim()) continue;
    out.push([t.textContent, parseFloat(getComputedStyle(t).fontSize) * k]);
  }
  return {cls: svg.getAttribute('class'), width: svg.getBoundingClientRect().width,
          column: svg.parentElement.parentElement.clientWidth, sizes: out};
}"""


@pytest.mark.parametrize("who", ["phone", "page"])
def test_picture_readable_full_width_and_shows_the_spring_festival(who, request):
    p = request.getfixturevalue(who)
    p.goto(URL)
    p.wait_for_load_state()
    p.locator("figure.timeline").scroll_into_view_if_needed()
    seen = p.evaluate(SIZES)
    assert seen["cls"].endswith("narrow" if who == "phone" else "wide")
    small = [(w, round(s, 1)) for w, s in seen["sizes"] if s < 12]
    assert not small, small
    # the full width of the content column (the answer box less its padding)
    assert seen["width"] >= seen["column"] - 40, seen
    shown = p.locator("figure.timeline svg:visible")
    assert shown.count() == 1
    words = shown.text_content()
    # 2027 by the 放假办法 (no notice yet): 除夕 2027-02-05 … 初三 02-08, weekend days made up 02-09/10
    # 预计, not 预计最迟 (issue 28): the real day can fall as late as 2027-03-18
    assert "春节" in words and "预计 2027-03-12" in words and "预计最迟" not in words
    assert shown.locator("g.stage.provisional").count() == 3
    fig = p.locator("figure.timeline")
    ARTEFACTS.mkdir(exist_ok=True)
    fig.screenshot(path=str(ARTEFACTS / f"timeline-picture-{p.viewport_size['width']}.png"))
    shoot(p, "timeline-picture-page")
