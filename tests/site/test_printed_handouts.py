"""Training handouts in print (issue 28): each exercise's link to a pre-filled calculator prints with a
QR code beside it, made at build time, that opens the same calculation. zbarimg (Debian's zbar-tools,
which `make test` installs) reads the printed code back."""

from __future__ import annotations

import shutil
import subprocess
from urllib.parse import urljoin

import pytest

from conftest import SITE_URL

# Each exercise link, with the QR code printed beside it (the element just before the link).
LINKS_AND_CODES = """() => [...document.querySelectorAll('article a[href*="#inputs="]')].map(link => ({
    href: link.getAttribute('href'),
    code: !!link.previousElementSibling && link.previousElementSibling.matches('.sv-handout-qr'),
}))"""


def decoded(png) -> str:
    zbarimg = shutil.which("zbarimg")
    if not zbarimg:
        pytest.fail("No zbarimg found: run 'make test', which installs Debian's zbar-tools")
    done = subprocess.run([zbarimg, "--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", str(png)],
                          capture_output=True, text=True)
    assert done.returncode == 0, f"zbarimg read no QR code: {done.stderr}"
    return done.stdout.strip()


@pytest.mark.parametrize("version", ["exercises", "exercises-with-answers"])
def test_each_exercise_link_prints_with_a_qr_code_that_opens_it(browser, server, tmp_path, version):
    # A printer's resolution, roughly: three device pixels to each CSS pixel.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=3,
                                  service_workers="block")
    page = context.new_page()
    page.goto(f"{server}toolkit/training/{version}/")
    links = page.evaluate(LINKS_AND_CODES)
    assert len(links) == 9 and all(link["code"] for link in links), links
    codes = page.locator("article .sv-handout-qr")
    # On screen the link is enough; the codes are for paper, and hidden from screen readers, since the
    # link's own words are printed beside them.
    assert not any(code.is_visible() for code in codes.all())
    assert all(code.locator("svg").get_attribute("aria-hidden") == "true" for code in codes.all())
    page.emulate_media(media="print")
    shown_at = f"{server}toolkit/training/{version}/"
    for index, (link, code) in enumerate(zip(links, codes.all())):
        assert code.is_visible()
        box = code.bounding_box()
        assert box["width"] >= 110, f"code {index + 1} is too small to scan: {box['width']}px"
        # Beside its link: level with the link's line, to the right of the text column's start.
        anchor = page.locator(f'article a[href="{link["href"]}"]').first.bounding_box()
        assert box["y"] <= anchor["y"] + anchor["height"] and box["y"] + box["height"] >= anchor["y"]
        png = tmp_path / f"code-{index}.png"
        code.screenshot(path=png)
        # The code holds the public address (SITE_URL), not the test server's, which Material may put in.
        address = urljoin(shown_at, link["href"])
        assert address.startswith(server)
        assert decoded(png) == SITE_URL + address[len(server):]
    context.close()
