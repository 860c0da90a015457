"""LibreOffice without a network, for turning letters into PDFs.

A letter is converted on the recruiter's machine, inside their network. A template from outside may point a
picture, a frame or an object at a URL, and LibreOffice would fetch it while converting: a tracking pixel telling
someone when each letter was made, or a request into the recruiter's own network. OfferDesk leaves such links out
of every letter (external_links.py); this is the second wall, for whatever gets past the first:

- the private profile blocks links from documents outside trusted locations (there are none), never updates links,
  runs no macros, and sends every request to a manual proxy on a local port where nothing listens;
- the environment of soffice points http_proxy, https_proxy, ftp_proxy and all_proxy at the same dead port, with
  no_proxy empty, for the libraries that read those instead.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

DEAD_PROXY_HOST = "127.0.0.1"
DEAD_PROXY_PORT = 9
"""The "discard" port: nothing listens on it on a desktop, so a request sent there fails at once."""
DEAD_PROXY = f"http://{DEAD_PROXY_HOST}:{DEAD_PROXY_PORT}"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy")

_SETTINGS: tuple[tuple[str, str, str, str], ...] = (  # path, name, type, value
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "xs:boolean", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "xs:int", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "xs:boolean", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "xs:int", "2"),  # never update links
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "xs:int", "2"),  # a manual proxy
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "xs:string", DEAD_PROXY_HOST),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "xs:int", str(DEAD_PROXY_PORT)),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "xs:string", DEAD_PROXY_HOST),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "xs:int", str(DEAD_PROXY_PORT)),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "xs:string", DEAD_PROXY_HOST),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "xs:int", str(DEAD_PROXY_PORT)),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", "xs:string", ""),
)
_MARK = "BlockUntrustedRefererLinks"


def registry_modifications() -> str:
    """The settings above as LibreOffice's user registry file (registrymodifications.xcu)."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse" oor:type="{kind}">'
        f"<value>{escape(value)}</value></prop></item>\n"
        for path, name, kind, value in _SETTINGS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n"
    )


def prepare_profile(profile: Path) -> None:
    """Give a private profile the offline settings before LibreOffice first starts with it (LibreOffice keeps
    them when it rewrites the file on exit; a file without them is replaced)."""
    registry = profile / "user" / "registrymodifications.xcu"
    try:
        current = registry.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        current = ""
    if all(f'oor:name="{name}"' in current for _path, name, _kind, _value in _SETTINGS) and _MARK in current:
        return
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text(registry_modifications(), encoding="utf-8")


def offline_environment(env: dict[str, str]) -> dict[str, str]:
    """`env` with every proxy variable (both spellings) sent to the dead port and no exceptions to the proxy."""
    offline = {key: value for key, value in env.items() if key.lower() not in (*PROXY_VARIABLES, "no_proxy")}
    for variable in PROXY_VARIABLES:
        offline[variable] = offline[variable.upper()] = DEAD_PROXY
    offline["no_proxy"] = offline["NO_PROXY"] = ""
    return offline
