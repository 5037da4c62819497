/*
 * test_bin.c — the one writer of the binary form (gen/build/bin.c) that
 * the manifest and packed trees are kept in: its exact bytes, read back
 * by the one reader (bin_*()), and the same bytes whether they stay in
 * the buffer or go to a sink in pieces; a failed sink is reported with
 * its errno and is not called again.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "build/build_int.h"

/* A sink that appends to a buffer and counts its calls (and the
 * largest piece); it fails with ENOSPC from call fail_at on (0: never). */
struct sink {
	struct buf	 got;
	size_t		 calls, largest, fail_at;
};

static int
sink_put(void *arg, const char *p, size_t n)
{
	struct sink	*s = arg;

	s->calls++;
	if (s->fail_at != 0 && s->calls >= s->fail_at) {
		errno = ENOSPC;
		return -1;
	}
	if (n > s->largest)
		s->largest = n;
	buf_put(&s->got, p, n);
	return 0;
}

/* Each field's bytes, written out by hand: native integers, a string
 * as its length, bytes and NUL, BIN_NOSTR for none. */
static void
test_bytes(void **state)
{
	struct buf	 b = BUF_INIT;
	struct binw	 w;
	uint32_t	 u32 = 0x01020304, nostr = BIN_NOSTR, three = 3, two = 2;
	uint64_t	 u64 = 0x1122334455667788ULL;
	char		 want[64];
	size_t		 n = 0;

	(void)state;
	buf_puts(&b, "old");
	binw_init(&w, &b, NULL, NULL);
	binw_u32(&w, u32);
	binw_u64(&w, u64);
	binw_str(&w, "abc");
	binw_str(&w, NULL);
	binw_bytes(&w, "x\0y", 2);
	binw_bytes(&w, NULL, 7);
	binw_put(&w, "END.", 4);

	memcpy(want + n, "old", 3), n += 3;
	memcpy(want + n, &u32, 4), n += 4;
	memcpy(want + n, &u64, 8), n += 8;
	memcpy(want + n, &three, 4), n += 4;
	memcpy(want + n, "abc", 4), n += 4;
	memcpy(want + n, &nostr, 4), n += 4;
	memcpy(want + n, &two, 4), n += 4;
	memcpy(want + n, "x\0", 3), n += 3;
	memcpy(want + n, &nostr, 4), n += 4;
	memcpy(want + n, "END.", 4), n += 4;
	assert_int_equal(b.len, n);
	assert_memory_equal(b.data, want, n);
	/* off counts what this writer put, not what b held before */
	assert_int_equal(w.off, n - 3);
	assert_int_equal(binw_str_size("abc"), 8);
	assert_int_equal(binw_str_size(""), 5);
	assert_int_equal(binw_str_size(NULL), 4);
	assert_int_equal(binw_flush(&w), 0);
	assert_int_equal(b.len, n);	/* no sink: flush keeps the bytes */
	buf_free(&b);
}

/* What the writer puts, the reader gives back. */
static void
test_roundtrip(void **state)
{
	struct buf	 b = BUF_INIT;
	struct binw	 w;
	struct bin	 c;
	const char	*s;
	size_t		 len;

	(void)state;
	binw_init(&w, &b, NULL, NULL);
	binw_u32(&w, 42);
	binw_u64(&w, UINT64_MAX - 1);
	binw_str(&w, "中文");
	binw_str(&w, NULL);
	binw_str(&w, "");
	binw_bytes(&w, "a\0b", 3);
	c.p = b.data;
	c.end = b.data + b.len;
	c.bad = 0;
	assert_int_equal(bin_u32(&c), 42);
	assert_true(bin_u64(&c) == UINT64_MAX - 1);
	assert_string_equal(bin_str(&c), "中文");
	assert_null(bin_str(&c));
	assert_string_equal(bin_str(&c), "");
	s = bin_bytes(&c, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "a\0b", 3);
	assert_false(c.bad);
	assert_ptr_equal(c.p, c.end);
	/* one more read runs past the end */
	assert_int_equal(bin_u32(&c), 0);
	assert_true(c.bad);
	buf_free(&b);
}

/* Write the same fields (small ones and long runs) to w. */
static void
put_many(struct binw *w, const char *big, size_t bigl)
{
	char	 s[40];
	size_t	 i;

	for (i = 0; i < 20000; i++) {
		snprintf(s, sizeof(s), "field %zu", i);
		binw_u32(w, (uint32_t)i);
		binw_str(w, s);
		if (i % 5000 == 0)
			binw_bytes(w, big, bigl);
		if (i % 7000 == 0)
			binw_put(w, big, BINW_PIECE - 1);
	}
}

/* Through a sink the bytes are those of the buffer alone, handed on in
 * pieces no larger than a piece plus one field (a long run straight),
 * the buffer left empty. */
static void
test_sink(void **state)
{
	struct buf	 whole = BUF_INIT, b = BUF_INIT;
	struct sink	 s;
	struct binw	 w;
	size_t		 bigl = 3 * BINW_PIECE + 17;
	char		*big = malloc(bigl);
	size_t		 i;

	(void)state;
	for (i = 0; i < bigl; i++)
		big[i] = (char)(i * 7);
	binw_init(&w, &whole, NULL, NULL);
	put_many(&w, big, bigl);
	assert_int_equal(w.off, whole.len);

	memset(&s, 0, sizeof(s));
	binw_init(&w, &b, sink_put, &s);
	put_many(&w, big, bigl);
	assert_true(b.len < BINW_PIECE);
	assert_int_equal(binw_flush(&w), 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(w.off, whole.len);
	assert_int_equal(s.got.len, whole.len);
	assert_memory_equal(s.got.data, whole.data, whole.len);
	assert_true(s.calls > whole.len / (2 * BINW_PIECE));
	assert_int_equal(s.largest, bigl);
	/* flushing an empty buffer calls no sink */
	i = s.calls;
	assert_int_equal(binw_flush(&w), 0);
	assert_int_equal(s.calls, i);
	buf_free(&s.got);
	buf_free(&whole);
	buf_free(&b);
	free(big);
}

/* A sink that fails: its errno comes back from binw_flush(), it is not
 * called again, and the buffer stays small. */
static void
test_sink_fails(void **state)
{
	struct buf	 b = BUF_INIT;
	struct sink	 s;
	struct binw	 w;
	size_t		 i;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.fail_at = 2;
	binw_init(&w, &b, sink_put, &s);
	for (i = 0; i < 100000; i++)
		binw_str(&w, "some field");
	assert_int_equal(s.calls, 2);
	assert_int_equal(w.failed, ENOSPC);
	assert_true(b.len < BINW_PIECE);
	errno = 0;
	assert_int_equal(binw_flush(&w), -1);
	assert_int_equal(errno, ENOSPC);
	assert_int_equal(s.calls, 2);
	buf_free(&s.got);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_sink),
		cmocka_unit_test(test_sink_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
