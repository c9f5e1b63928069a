"""Text normalisation shared by every adapter: PTV Markdown and Lähellä.fi HTML both end up
as the same small, sanitised HTML subset."""

import html
import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# PTV's Markdown has paragraphs, line breaks, lists, emphasis and ### headers, nothing else
# (no HTML, links or images): only those rules are on.
_markdown = MarkdownIt("zero", {"breaks": True}).enable(
    ["heading", "list", "emphasis", "newline", "escape", "entity"]
)
# Anything that could start Markdown syntax; text without it is plain paragraphs.
_MARKDOWN_SYNTAX = re.compile(r"[*_#\\&<>`\[\]]|^\s*(?:[-+]|\d+[.)])(?:\s|$)", re.MULTILINE)


def sanitise_html(html):
    """Keep only the safe subset: no scripts, event handlers, styles or javascript: links."""
    if not html or not isinstance(html, str):
        return ""
    cleaned = nh3.clean(
        without_control_characters(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned.strip()


def _paragraphs(text):
    """The sanitised HTML markdown-it and nh3 make of text without any Markdown syntax (and
    without & < >), built directly: paragraphs at blank lines, <br> at single line ends."""
    paragraphs, lines = [], []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            lines.append(line)
        elif lines:
            paragraphs.append(lines)
            lines = []
    if lines:
        paragraphs.append(lines)
    return "\n".join("<p>" + "<br>\n".join(lines) + "</p>" for lines in paragraphs)


def markdown_to_html(text):
    """Render PTV Markdown and sanitise the result."""
    if not isinstance(text, str) or not text.strip():
        return ""
    text = without_control_characters(text)
    text = text.replace("\r\n", "\n")
    if _MARKDOWN_SYNTAX.search(text):
        return sanitise_html(_markdown.render(text))
    return _paragraphs(text)


# Control characters (NUL and the like) mean nothing in a text and break some consumers; so
# does half of a surrogate pair, which a JSON escape (\ud800) can give and UTF-8 (the
# database, every page) cannot hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def without_control_characters(text):
    return _CONTROL.sub("", text)


def plain(text):
    """A plain-text field: tags removed, whitespace collapsed, no control characters."""
    if not text or not isinstance(text, str):
        return ""
    text = without_control_characters(text)
    # Strip tags; nh3 returns HTML, so entities come back as characters for plain text. An
    # escaped tag (&lt;b&gt;) becomes a tag on unescaping: repeat until nothing changes.
    for _ in range(4):
        if "<" not in text and "&" not in text:
            break
        cleaned = html.unescape(nh3.clean(text, tags=set()))
        if cleaned == text:
            break
        text = cleaned
    if re.search(r"<\s*[a-zA-Z!/?]", text):  # still markup after four rounds: drop the signs
        text = text.replace("<", "")
    return " ".join(text.split())
