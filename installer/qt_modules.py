"""What the bundle leaves out: the Qt modules and plugins OfferDesk never uses, and Python packages it never needs.

A bare PySide6 window bundles at 160–181 MB because PyInstaller takes whatever a module might load. OfferDesk uses
QtCore, QtGui, QtWidgets, QtSvg (icons) and QtPdf/QtPdfWidgets (the letter preview); everything else goes.
"""

from __future__ import annotations

import re

_UNUSED_QT = [
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCanvasPainter",
    "QtCharts",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPositioning",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
]

# Only parsing and formatting of phone numbers are used: its geocoder, carrier and time-zone data are 24 MB.
_UNUSED_PHONE_DATA = ["phonenumbers.geodata", "phonenumbers.carrierdata", "phonenumbers.tzdata",
                      "phonenumbers.geocoder", "phonenumbers.carrier", "phonenumbers.timezone"]  # fmt: skip

# lxml.etree is all the letters use; pygments only colours Mako's error pages; the rest never run in the app.
_UNUSED_OTHER = ["lxml.objectify", "lxml.html", "lxml.isoschematron", "pygments", "PyQt5", "PyQt6", "PySide2",
                 "tkinter", "_tkinter", "pytest", "hypothesis", "mypy", "ruff", "setuptools", "pip"]  # fmt: skip

EXCLUDED_MODULES = [*(f"PySide6.{name}" for name in _UNUSED_QT), *_UNUSED_PHONE_DATA,
                    *_UNUSED_OTHER]  # fmt: skip

_EXCLUDED_FILES = re.compile(
    r"|".join(
        (
            r"Qt6(WebEngine|Qml|Quick|3D|Multimedia|Designer|Labs|Lottie|Test|Sql|Help|VirtualKeyboard|Location"
            r"|Positioning|Charts|DataVis|Graphs|Sensors|Serial|Bluetooth|Nfc|RemoteObjects|Scxml|StateMachine"
            r"|TextToSpeech|WebChannel|WebSockets|WebView|ShaderTools|SpatialAudio|UiTools|OpenGLWidgets"
            r"|HttpServer|Wayland|WlShell|EglFS|EglFs|CanvasPainter)",
            r"/qml/",
            r"/translations/",  # OfferDesk speaks English and installs no Qt translator
            r"/plugins/(qmltooling|designer|sqldrivers|multimedia|position|sensors|texttospeech|webview"
            r"|geometryloaders|renderers|sceneparsers|assetimporters|wayland-[a-z-]+|egldeviceintegrations|canbus"
            r"|networkinformation|tls|generic|vectorimageformats)/",  # offline: no network status or TLS
            r"/plugins/platformthemes/libqgtk3",  # would bring GTK, cairo and pango; Qt's own dialogs serve
            r"(^|/)lib(gtk-3|gdk-3|gdk_pixbuf-2|cairo|cairo-gobject|pango-1|pangocairo-1|pangoft2-1|atk-1|atk-bridge"
            r"|atspi|pixman-1|epoxy|fribidi|thai|datrie|graphite2|harfbuzz|Xrender|Xcomposite|Xdamage|Xfixes|Xi"
            r"|Xinerama|Xrandr|Xcursor|wayland-cursor|wayland-egl)\.so",  # only that theme plugin needs them
            r"/plugins/platforms/libq(eglfs|linuxfb|minimalegl|vkkhrdisplay|vnc|wayland)",  # xcb/offscreen stay
            r"/plugins/imageformats/(lib)?q(tiff|webp|tga|wbmp|pdf)",
        )
    )
)


def excluded_binary(destination: str) -> bool:
    """True for a collected file (by its place in the bundle) that belongs to a Qt part OfferDesk does not use."""
    return _EXCLUDED_FILES.search(destination.replace("\\", "/")) is not None
