/*
 * frontends/system/screenshot.c — PNG output through libpng's simplified write API.
 *
 * The framebuffer's 0x00RRGGBB little-endian words are B, G, R, X bytes in
 * memory; they are converted row by row to R, G, B, so the PNG is plain
 * 24-bit RGB that any viewer (and the tests' own decoder) reads.
 */
#include "frontends/system/screenshot.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool screenshot_check_path(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "cannot write screenshot '%s': %s", path, strerror(errno));
        return false;
    }
    fclose(f);
    return true;
}

bool screenshot_write_png(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t stride,
                          char *err, size_t errlen)
{
    uint8_t *rgb = malloc((size_t)width * height * 3);
    if (!rgb) {
        snprintf(err, errlen, "cannot write screenshot '%s': out of memory", path);
        return false;
    }
    for (uint32_t y = 0; y < height; y++) {
        const uint8_t *src = pixels + (size_t)y * stride;
        uint8_t *dst = rgb + (size_t)y * width * 3;
        for (uint32_t x = 0; x < width; x++) {
            dst[3 * x] = src[4 * x + 2];
            dst[3 * x + 1] = src[4 * x + 1];
            dst[3 * x + 2] = src[4 * x];
        }
    }
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = width;
    img.height = height;
    img.format = PNG_FORMAT_RGB;
    errno = 0;
    int ok = png_image_write_to_file(&img, path, 0, rgb, (png_int_32)(width * 3), NULL);
    free(rgb);
    if (!ok) {
        snprintf(err, errlen, "cannot write screenshot '%s': %s", path, errno ? strerror(errno) : img.message);
        png_image_free(&img);
        return false;
    }
    return true;
}
