"""The Info.plist keys of OfferDesk.app, passed by the PyInstaller spec to BUNDLE(info_plist=...).

Loaded by file path from the spec (no package around it), so it imports only the standard library.
"""

from __future__ import annotations

APP_NAME = "OfferDesk"
BUNDLE_IDENTIFIER = "com.offerdesk.OfferDesk"

# Qt 6.10 and later (PySide6 6.12 here) run on macOS 13 Ventura or later. Saying so in the bundle lets Finder
# refuse an older Mac with a clear "needs a newer macOS" message instead of a crash at start-up.
MINIMUM_MACOS = "13.0"


def info_plist(version: str) -> dict[str, object]:
    """The keys for one release; PyInstaller fills in the executable, icon and package type itself.

    - CFBundleShortVersionString is the version people see; CFBundleVersion is the build number macOS compares
      when it decides which of two copies is newer. Both carry the package version, so they never disagree.
    - NSHighResolutionCapable: without it a Retina screen shows the window blurred, drawn at half resolution.
    - NSRequiresAquaSystemAppearance False: follow the system's dark mode instead of forcing the light look.
    - LSMinimumSystemVersion: the oldest macOS the bundled Qt supports (see MINIMUM_MACOS).
    - LSApplicationCategoryType: where Finder and Launchpad file the app (Business).
    """
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_IDENTIFIER,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHumanReadableCopyright": "Copyright © OfferDesk. Released under the MIT License.",
    }
