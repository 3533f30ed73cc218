"""The Word draft's PNG of a chart, rasterised from the page's own SVG (issue 25).

matplotlib cannot raster an SVG it drew, so the PNG twin used to be a second full draw
of the figure on the Agg canvas: every text laid out again at the second resolution and
rendered glyph by glyph, about half of a kecamatan report's chart time. librsvg (the
SVG renderer of GNOME, a C library that Debian installs with LibreOffice and Chromium's
dependencies) rasterises the SVG the page shows instead, through :mod:`ctypes`: the
figure is drawn once, the picture in Word is the page's chart to the pixel grid (same
layout, same box), and it costs a third to a half of the Agg draw.

Where librsvg or cairo cannot be loaded (another system), :func:`png_dari_svg` returns
``None`` and the caller draws the PNG with Agg as before.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging

log = logging.getLogger(__name__)

_CAIRO_FORMAT_RGB24 = 1
_CAIRO_STATUS_SUCCESS = 0


class _Rect(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_double),
        ("y", ctypes.c_double),
        ("width", ctypes.c_double),
        ("height", ctypes.c_double),
    ]


class _GError(ctypes.Structure):
    _fields_ = [("domain", ctypes.c_uint32), ("code", ctypes.c_int), ("message", ctypes.c_char_p)]


_WRITE = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_ubyte), ctypes.c_uint
)

_LIBRARIES = {
    "rsvg": ("rsvg-2", "librsvg-2.so.2"),
    "cairo": ("cairo", "libcairo.so.2"),
    "gobject": ("gobject-2.0", "libgobject-2.0.so.0"),
    "glib": ("glib-2.0", "libglib-2.0.so.0"),
}


def _load(name: str) -> ctypes.CDLL:
    short, soname = _LIBRARIES[name]
    return ctypes.CDLL(ctypes.util.find_library(short) or soname)


@functools.cache
def _libs() -> tuple[ctypes.CDLL, ...] | None:
    """librsvg, cairo, gobject, glib with their signatures; None when one is missing."""
    try:
        rsvg, cairo, gobject, glib = (_load(n) for n in ("rsvg", "cairo", "gobject", "glib"))
        rsvg.rsvg_handle_new_from_data.restype = ctypes.c_void_p
        rsvg.rsvg_handle_new_from_data.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.POINTER(ctypes.POINTER(_GError)),
        ]
        rsvg.rsvg_handle_set_dpi.argtypes = [ctypes.c_void_p, ctypes.c_double]
        rsvg.rsvg_handle_get_intrinsic_size_in_pixels.restype = ctypes.c_int
        rsvg.rsvg_handle_get_intrinsic_size_in_pixels.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_double),
            ctypes.POINTER(ctypes.c_double),
        ]
        rsvg.rsvg_handle_render_document.restype = ctypes.c_int
        rsvg.rsvg_handle_render_document.argtypes = [
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.POINTER(_Rect),
            ctypes.POINTER(ctypes.POINTER(_GError)),
        ]
        cairo.cairo_image_surface_create.restype = ctypes.c_void_p
        cairo.cairo_image_surface_create.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        cairo.cairo_surface_status.restype = ctypes.c_int
        cairo.cairo_surface_status.argtypes = [ctypes.c_void_p]
        cairo.cairo_create.restype = ctypes.c_void_p
        cairo.cairo_create.argtypes = [ctypes.c_void_p]
        cairo.cairo_set_source_rgb.argtypes = [ctypes.c_void_p, *[ctypes.c_double] * 3]
        cairo.cairo_paint.argtypes = [ctypes.c_void_p]
        cairo.cairo_surface_write_to_png_stream.restype = ctypes.c_int
        cairo.cairo_surface_write_to_png_stream.argtypes = [
            ctypes.c_void_p,
            _WRITE,
            ctypes.c_void_p,
        ]
        cairo.cairo_destroy.argtypes = [ctypes.c_void_p]
        cairo.cairo_surface_destroy.argtypes = [ctypes.c_void_p]
        gobject.g_object_unref.argtypes = [ctypes.c_void_p]
        glib.g_error_free.argtypes = [ctypes.POINTER(_GError)]
    except (OSError, AttributeError) as error:  # not installed, or too old (< 2.52)
        log.debug("librsvg/cairo not usable (%s): charts' PNG drawn with Agg", error)
        return None
    return rsvg, cairo, gobject, glib


def tersedia() -> bool:
    """True when SVGs can be rasterised here (librsvg >= 2.52 and cairo load)."""
    return _libs() is not None


def _raise_gerror(glib, error, what: str) -> None:
    message = error.contents.message.decode("utf-8", "replace") if error else "unknown"
    if error:
        glib.g_error_free(error)
    raise ValueError(f"librsvg could not {what} the chart's SVG: {message}")


def png_dari_svg(svg: str | bytes, dpi: float) -> bytes | None:
    """The SVG (matplotlib's, sized in points) as an opaque PNG at ``dpi`` on white;
    None when librsvg is not available here.

    The pixel size is the one matplotlib's Agg canvas gives the same box (points x dpi /
    72, truncated), so the Word draft's picture keeps its size and proportions.
    """
    libs = _libs()
    if libs is None:
        return None
    rsvg, cairo, gobject, glib = libs
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    error = ctypes.POINTER(_GError)()
    handle = rsvg.rsvg_handle_new_from_data(data, len(data), ctypes.byref(error))
    if not handle:
        _raise_gerror(glib, error, "read")
    surface = cr = None
    try:
        rsvg.rsvg_handle_set_dpi(handle, 72.0)  # 1 pt = 1 px: sizes in points
        width, height = ctypes.c_double(), ctypes.c_double()
        if not rsvg.rsvg_handle_get_intrinsic_size_in_pixels(
            handle, ctypes.byref(width), ctypes.byref(height)
        ):
            raise ValueError("the chart's SVG has no width and height to raster at")
        pixels_w, pixels_h = int(width.value * dpi / 72), int(height.value * dpi / 72)
        surface = cairo.cairo_image_surface_create(_CAIRO_FORMAT_RGB24, pixels_w, pixels_h)
        if cairo.cairo_surface_status(surface) != _CAIRO_STATUS_SUCCESS:
            raise MemoryError(f"cairo could not make a {pixels_w} x {pixels_h} px image")
        cr = cairo.cairo_create(surface)
        cairo.cairo_set_source_rgb(cr, 1.0, 1.0, 1.0)
        cairo.cairo_paint(cr)
        viewport = _Rect(0.0, 0.0, width.value * dpi / 72, height.value * dpi / 72)
        if not rsvg.rsvg_handle_render_document(
            handle, cr, ctypes.byref(viewport), ctypes.byref(error)
        ):
            _raise_gerror(glib, error, "draw")
        chunks: list[bytes] = []

        def write(_closure, buffer, length) -> int:
            chunks.append(ctypes.string_at(buffer, length))
            return _CAIRO_STATUS_SUCCESS

        status = cairo.cairo_surface_write_to_png_stream(surface, _WRITE(write), None)
        if status != _CAIRO_STATUS_SUCCESS:
            raise OSError(f"cairo could not write the chart's PNG (status {status})")
        return b"".join(chunks)
    finally:
        if cr:
            cairo.cairo_destroy(cr)
        if surface:
            cairo.cairo_surface_destroy(surface)
        gobject.g_object_unref(handle)
