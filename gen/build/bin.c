/*
 * bin.c — the one writer of the binary form that pack.c's trees and
 * manifest.c's manifest are kept in (pack.c's bin_*() read it): native
 * integers; a string is its 32-bit length (BIN_NOSTR for NULL), its
 * bytes and a NUL.  Fields go into a buffer; with a sink, the buffer is
 * handed on in pieces as it fills, and a long run of bytes goes to the
 * sink straight, so that a big file is never in memory whole.
 */
#include <errno.h>
#include <string.h>

#include "build/build_int.h"

/* Start w writing into b (appended to what b holds); sink, when not
 * NULL, takes b's bytes whenever it holds BINW_PIECE and at
 * binw_flush(). */
void
binw_init(struct binw *w, struct buf *b,
    int (*sink)(void *, const char *, size_t), void *arg)
{
	w->b = b;
	w->sink = sink;
	w->arg = arg;
	w->off = 0;
	w->failed = 0;
}

/* Hand p[0..n) to w's sink, keeping the errno of a failure in w. */
static void
binw_sink(struct binw *w, const char *p, size_t n)
{
	if (w->failed == 0 && n > 0 && w->sink(w->arg, p, n) == -1)
		w->failed = errno != 0 ? errno : EIO;
}

/* binw_put() of a run the buffer does not take: with a sink, what the
 * buffer holds and then p[0..n) go to it; without one, the buffer
 * grows. */
void
binw_put_long(struct binw *w, const void *p, size_t n)
{
	if (w->sink == NULL) {
		buf_put(w->b, p, n);
		return;
	}
	binw_flush(w);
	binw_sink(w, p, n);
}

/* Hand what w's buffer holds to its sink (the buffer emptied).  Return
 * 0, or -1 with errno when the sink failed, now or before. */
int
binw_flush(struct binw *w)
{
	if (w->sink != NULL) {
		binw_sink(w, w->b->data, w->b->len);
		buf_reset(w->b);
	}
	if (w->failed != 0) {
		errno = w->failed;
		return -1;
	}
	return 0;
}

/* Put s as a string: its length (BIN_NOSTR for NULL), bytes and NUL. */
void
binw_str(struct binw *w, const char *s)
{
	if (s == NULL)
		binw_u32(w, BIN_NOSTR);
	else
		binw_bytes(w, s, strlen(s));
}

/* Put s[0..n) (any bytes, NUL too) as binw_str() puts a string; NULL:
 * none. */
void
binw_bytes(struct binw *w, const char *s, size_t n)
{
	if (s == NULL) {
		binw_u32(w, BIN_NOSTR);
		return;
	}
	binw_u32(w, (uint32_t)n);
	binw_put(w, s, n);
	binw_put(w, "", 1);
}

/* The number of bytes binw_str() puts for s. */
uint64_t
binw_str_size(const char *s)
{
	return s == NULL ? 4 : 4 + (uint64_t)strlen(s) + 1;
}
