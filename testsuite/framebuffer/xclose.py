#!/usr/bin/env python3
"""testsuite/framebuffer/xclose.py — asks an X window to close, as a window manager would.

Usage: xclose.py WINDOW_ID   (DISPLAY from the environment)

Sends the window the WM_PROTOCOLS / WM_DELETE_WINDOW client message that a window
manager sends when the user clicks the close button (Xvfb runs no window manager,
and xdotool has no command for it), through libX11 with ctypes.
"""
import ctypes
import ctypes.util
import sys


class ClientMessage(ctypes.Structure):
    _fields_ = [('type', ctypes.c_int), ('serial', ctypes.c_ulong), ('send_event', ctypes.c_int),
                ('display', ctypes.c_void_p), ('window', ctypes.c_ulong), ('message_type', ctypes.c_ulong),
                ('format', ctypes.c_int), ('data', ctypes.c_long * 5)]


class XEvent(ctypes.Union):
    _fields_ = [('xclient', ClientMessage), ('pad', ctypes.c_long * 24)]


def main(wid):
    x = ctypes.CDLL(ctypes.util.find_library('X11') or 'libX11.so.6')
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.POINTER(XEvent)]
    x.XFlush.argtypes = [ctypes.c_void_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = x.XOpenDisplay(None)
    if not dpy:
        print('xclose: cannot open the display')
        return 1
    ev = XEvent()
    ev.xclient.type = 33  # ClientMessage
    ev.xclient.window = wid
    ev.xclient.message_type = x.XInternAtom(dpy, b'WM_PROTOCOLS', 0)
    ev.xclient.format = 32
    ev.xclient.data[0] = x.XInternAtom(dpy, b'WM_DELETE_WINDOW', 0)
    ev.xclient.data[1] = 0  # CurrentTime
    x.XSendEvent(dpy, wid, 0, 0, ctypes.byref(ev))
    x.XFlush(dpy)
    x.XCloseDisplay(dpy)
    return 0


if __name__ == '__main__':
    sys.exit(main(int(sys.argv[1], 0)))
