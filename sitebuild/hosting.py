"""How the built site is hosted: its response headers (``_headers``), precompressed copies of its
larger files and its service worker. Run after every build, once the pages and the runtime are in."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from pathlib import Path

from sitebuild.extra_wheels import EXTRAS_PATH, extra_paths
from sitebuild.runtime import (BROWSER_DIR, CORE_PATH, PYODIDE_FILES, PYODIDE_ROOT, ROOT, SERVICE_WORKER, build_wheel,
                               pyodide_path, stdlib_path)

# The policy every response carries. A <meta> policy would not reach the module worker, which takes
# its policy from its own response, so it is a header for every path. 'wasm-unsafe-eval' lets
# Pyodide compile its WebAssembly; the hashes of Material's inline scripts are added per build.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'"],
    "connect-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
# The browser features the site never uses, switched off for it and for anything it might embed.
UNUSED_FEATURES = ("accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
                   "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
                   "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
                   "xr-spatial-tracking")
# What every page loads (styles, scripts, the search worker and its index, the icon): stored when the
# service worker installs, so that a page opens offline, its search too.
SHELL_FOLDERS = ("assets/stylesheets", "assets/javascripts", "assets/javascripts/workers", "assets/engine",
                 "assets/images", "search")
IMMUTABLE = "public, max-age=31536000, immutable"
# What gets .br and .gz copies: the runtime, the wheel, scripts, styles, pages and the search index.
COMPRESSED = (".wasm", ".zip", ".whl", ".mjs", ".js", ".css", ".json", ".html", ".xml", ".svg")
COMPRESSION_CACHE = ROOT / ".cache" / "compressed"
# Inline scripts the browser runs (not JSON data blocks such as Material's __config).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", re.S)


def inline_script_hashes(site: Path) -> list[str]:
    """The CSP hash of every distinct inline script in the built pages (Material's __md_scope, which
    changes with a page's depth, its palette and tabs scripts)."""
    found = set()
    for page in site.rglob("*.html"):
        for body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            found.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'")
    return sorted(found)


def content_security_policy(site: Path) -> str:
    directives = {**POLICY, "script-src": POLICY["script-src"] + inline_script_hashes(site)}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def headers(site: Path) -> dict[str, dict[str, str]]:
    """Response headers by path pattern (relative to the site's root), in the order they apply."""
    return {
        "/*": {
            "Content-Security-Policy": content_security_policy(site),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Permissions-Policy": ", ".join(f"{feature}=()" for feature in UNUSED_FEATURES),
        },
        # Named by version and by content: a new runtime or core is a new address.
        f"/{pyodide_path()}*": {"Cache-Control": IMMUTABLE},
        f"/{CORE_PATH}*": {"Cache-Control": IMMUTABLE},
        f"/{EXTRAS_PATH}*": {"Cache-Control": IMMUTABLE},
        # Browsers look for a new service worker on every visit; no HTTP cache should get in the way.
        f"/{SERVICE_WORKER}": {"Cache-Control": "no-cache"},
    }


def write_headers(site: Path) -> None:
    """``site/_headers`` in the format of Netlify and Cloudflare Pages (README, Deploying)."""
    lines = []
    for pattern, values in headers(site).items():
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in values.items()]
    (site / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _compressed(data: bytes, kind: str) -> bytes:
    """Brotli at its best quality (slow on the 10 MB WebAssembly), so kept by content hash."""
    import brotli

    key = COMPRESSION_CACHE / f"{hashlib.sha256(data).hexdigest()}.{kind}"
    if key.exists():
        return key.read_bytes()
    packed = brotli.compress(data, quality=11) if kind == "br" else gzip.compress(data, 9, mtime=0)
    COMPRESSION_CACHE.mkdir(parents=True, exist_ok=True)
    key.write_bytes(packed)
    return packed


def precompress(site: Path) -> None:
    """Write .br and .gz copies next to each file a host serves compressed (nginx brotli_static and
    gzip_static), when they are at least 5% smaller."""
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSED:
            continue
        data = path.read_bytes()
        for kind in ("br", "gz"):
            packed = _compressed(data, kind)
            if len(packed) < 0.95 * len(data):
                path.with_name(f"{path.name}.{kind}").write_bytes(packed)


def write_service_worker(site: Path) -> None:
    """The service worker at the site's root, so that its scope covers every page. The build puts in
    front of it the folders whose files never change (named by version or content), this version's
    runtime, wheel and extras' wheels, and the styles and scripts every page loads (so a page opens offline). Any
    change to them changes the file, which is how browsers learn of a new version."""
    shell = sorted(path.relative_to(site).as_posix() for folder in SHELL_FOLDERS
                   for path in (site / folder).glob("*") if path.suffix in (".css", ".js", ".mjs", ".png", ".json"))
    # The extras are cached once a page fetches them, never stored ahead (a first visit downloads none).
    extras = sorted(path for paths in extra_paths().values() for path in paths)
    current = [pyodide_path() + name for name in PYODIDE_FILES] + [stdlib_path(), CORE_PATH + build_wheel().name]
    build = {"immutable": [PYODIDE_ROOT, CORE_PATH, EXTRAS_PATH], "current": [*current, *extras], "shell": shell}
    version = hashlib.sha256(json.dumps(build).encode())
    for path in shell:  # the page script and toolkit.css change without changing their names
        version.update((site / path).read_bytes())
    build["version"] = version.hexdigest()[:12]
    source = (BROWSER_DIR / SERVICE_WORKER).read_text(encoding="utf-8")
    (site / SERVICE_WORKER).write_text(f"const BUILD = {json.dumps(build)};\n{source}", encoding="utf-8")


def prepare_for_hosting(site: Path) -> None:
    write_service_worker(site)
    precompress(site)
    write_headers(site)
