"""From a file to the text that extraction reads, and the document's language.

HTML is reduced to its main text with trafilatura (menus, cookie notices and
comment forms dropped); plain text is read as it is. Evidence offsets point
into the text returned here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..errors import BadInput

# the languages of the region and of its twinning partners (Hungarian pages were taken
# for Slovak while the list lacked them)
LANGUAGES = (
    *("pl", "uk", "cs", "sk", "en", "de", "ru", "lt", "be"),
    *("hu", "ro", "lv", "et", "sl", "hr", "bg", "it", "fr"),
)


def looks_like_html(data: str) -> bool:
    head = data[:2000].lower()
    return (
        "<html" in head
        or "<!doctype html" in head
        or bool(re.search(r"<(body|div|p|article)\b", head))
    )


def html_to_text(html: str) -> str:
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    if not text:
        # a page trafilatura finds no main text in: fall back to all visible text
        from lxml import html as lxml_html

        try:
            tree = lxml_html.fromstring(html)
        except (ValueError, lxml_html.etree.ParserError):
            raise BadInput("the HTML could not be parsed") from None
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        text = tree.text_content()
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def fetch_url(url: str, timeout: float = 20.0) -> tuple[str, str]:
    """Download a page and return (file name, main text)."""
    import urllib.error
    import urllib.request
    from urllib.parse import urlparse

    request = urllib.request.Request(url, headers={"User-Agent": "coopkg-extract"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(10_000_000)
            charset = response.headers.get_content_charset() or "utf-8"
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise BadInput(f"{url}: cannot fetch ({getattr(e, 'reason', e)})") from None
    data = raw.decode(charset, errors="replace")
    name = Path(urlparse(url).path).name or "page.html"
    return name, html_to_text(data) if looks_like_html(data) else data


def read_document(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise BadInput(f"{path}: cannot read ({e.strerror})") from None
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data = raw.decode("cp1250")
        except UnicodeDecodeError:
            raise BadInput(f"{path}: not a text file in UTF-8 or Windows-1250") from None
    if "\x00" in data:
        raise BadInput(f"{path}: binary file, not text or HTML")
    if path.suffix.lower() in (".html", ".htm") or looks_like_html(data):
        return html_to_text(data)
    return data


@cache
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the main language (py3langid, restricted to the region's languages)."""
    sample = re.sub(r"\s+", " ", text[:3000])[:2000]
    if len(re.findall(r"\w", sample)) < 20:
        return None
    lang, _ = _identifier().classify(sample)  # type: ignore[attr-defined]
    return str(lang)
