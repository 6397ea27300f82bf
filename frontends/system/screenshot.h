/*
 * frontends/system/screenshot.h — writing XRGB8888 pixels as a PNG file (libpng).
 */
#ifndef RVDBT_FRONTENDS_SCREENSHOT_H
#define RVDBT_FRONTENDS_SCREENSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes width x height pixels (0x00RRGGBB words, `stride` bytes per row)
 * to `path` as an 8-bit RGB PNG.  False with a one-line reason in err. */
bool screenshot_write_png(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t stride,
                          char *err, size_t errlen);
/* Can `path` be written?  (Checked before the guest starts, so a bad path
 * is reported at once rather than after a long run.)  Creates the file. */
bool screenshot_check_path(const char *path, char *err, size_t errlen);

#endif
