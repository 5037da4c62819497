/*
 * test_scan.c — the fast scanning helpers of the plain-text front end
 * (parse_int.h, core.h: utf8_step, utf8_prev, utf8_han, utf8_han_run, enum_start,
 * cp_label_boundary, cp_width): each must give exactly what the plain
 * decoding it replaces gives, on any bytes, since the parser's output
 * may not change.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "parse/parse_int.h"

/* The reference: the code point at s[*i] by utf8_decode(), advancing
 * *i by its length, or by one over an invalid byte. */
static uint32_t
ref_step(const char *s, size_t len, size_t *i)
{
	uint32_t	 cp;
	size_t		 n;

	n = utf8_decode(s + *i, len - *i, &cp);
	*i += n ? n : 1;
	return cp;
}

/* The reference: the code point that ends at s[end] (0 when end is 0),
 * decoded from the last byte before end that is not a continuation. */
static uint32_t
ref_prev(const char *s, size_t end, size_t *start)
{
	size_t	 i = end;

	if (end == 0) {
		*start = 0;
		return 0;
	}
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	*start = i = i > 0 ? i - 1 : 0;
	return ref_step(s, end, &i);
}

/* A small deterministic generator (xorshift). */
static uint32_t
rnd(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Random bytes, mostly pieces of UTF-8 (Han, CJK punctuation, ASCII),
 * some broken: n of them into s. */
static void
random_text(char *s, size_t n, uint32_t *x)
{
	static const char *const pieces[] = { "一", "是", "中", "第", "十",
	    "，", "。", "（", "）", "、", " ", "a", "1", "\xE4\xB8",
	    "\x80", "\xED\xA0\x80", "\xE0\x80\x80", "\xF0\x9F\x98\x80",
	    "\xE4\xB7\x80", "\xE9\xBF\xBF", "\xEA\x80\x80", "\xC2\xA0",
	    "\xFF" };
	size_t	 i = 0, k;

	while (i < n) {
		const char	*p = pieces[rnd(x) % (sizeof(pieces) /
				    sizeof(pieces[0]))];

		for (k = 0; p[k] != '\0' && i < n; k++)
			s[i++] = p[k];
	}
}

/* utf8_step() on every sequence of up to three bytes, whole and cut. */
static void
test_step_all(void **state)
{
	unsigned char	 b[4];
	size_t		 len, i, j;
	uint32_t	 a, c, v;

	(void)state;
	for (v = 0; v < 1u << 24; v++) {
		b[0] = (unsigned char)(v >> 16);
		b[1] = (unsigned char)(v >> 8);
		b[2] = (unsigned char)v;
		for (len = 1; len <= 3; len++) {
			/* Cut ones once for each prefix. */
			if ((len == 1 && (v & 0xFFFF) != 0) ||
			    (len == 2 && (v & 0xFF) != 0))
				continue;
			i = j = 0;
			a = utf8_step((const char *)b, len, &i);
			c = ref_step((const char *)b, len, &j);
			if (a != c || i != j)
				fail_msg("%02X %02X %02X len %zu: %X/%zu, "
				    "want %X/%zu", b[0], b[1], b[2], len, a, i,
				    c, j);
		}
	}
	/* At the end: U+FFFD, one byte on. */
	i = 1;
	assert_int_equal(utf8_step("a", 1, &i), 0xFFFD);
	assert_int_equal(i, 2);
}

/* utf8_prev() and utf8_step() on random text, everywhere. */
static void
test_prev_random(void **state)
{
	char		 s[256];
	size_t		 n, end, a, c, i, j;
	uint32_t	 x = 2463534242u, u, v;
	int		 round;

	(void)state;
	for (round = 0; round < 2000; round++) {
		n = 1 + rnd(&x) % sizeof(s);
		random_text(s, n, &x);
		for (end = 0; end <= n; end++) {
			u = utf8_prev(s, end, &a);
			v = ref_prev(s, end, &c);
			assert_int_equal(u, v);
			assert_int_equal(a, c);
			assert_int_equal(utf8_prev(s, end, NULL), v);
		}
		for (i = j = 0; i < n; ) {
			assert_int_equal(utf8_step(s, n, &i),
			    ref_step(s, n, &j));
			assert_int_equal(i, j);
		}
	}
}

/* utf8_han() is "a valid character of U+4E00-U+9FFF starts here", and
 * utf8_han_run() the end of a run of them. */
static void
test_han(void **state)
{
	char		 s[256];
	unsigned char	 b[3];
	size_t		 n, i, j, k;
	uint32_t	 v, cp, x = 88172645u;
	int		 round;

	(void)state;
	for (v = 0; v < 1u << 24; v++) {
		b[0] = (unsigned char)(v >> 16);
		b[1] = (unsigned char)(v >> 8);
		b[2] = (unsigned char)v;
		i = 0;
		cp = ref_step((const char *)b, 3, &i);
		if ((utf8_han((const char *)b, 3, 0) != 0) !=
		    (i == 3 && cp >= 0x4E00 && cp <= 0x9FFF))
			fail_msg("%02X %02X %02X", b[0], b[1], b[2]);
		if (utf8_han((const char *)b, 2, 0) != 0)
			fail_msg("cut: %02X %02X", b[0], b[1]);
	}
	for (round = 0; round < 2000; round++) {
		n = 1 + rnd(&x) % sizeof(s);
		random_text(s, n, &x);
		for (i = 0; i <= n; i++) {
			for (j = i; j < n && utf8_han(s, n, j); j += 3)
				continue;
			k = utf8_han_run(s, n, i);
			assert_int_equal(k, j);
		}
	}
}

/* Where enum_parse() finds a label, enum_start() holds of its first
 * character. */
static void
test_enum_start(void **state)
{
	struct marker	 m;
	char		 s[16];
	size_t		 n;
	uint32_t	 cp;

	(void)state;
	for (cp = 1; cp < 0x110000; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = utf8_encode(cp, s);
		memcpy(s + n, "是", 3);
		if (enum_parse(s, n + 3, &m) != 0 && !enum_start(cp))
			fail_msg("U+%04X是", cp);
		memcpy(s + n, "一，", 6);
		if (enum_parse(s, n + 6, &m) != 0 && !enum_start(cp))
			fail_msg("U+%04X一，", cp);
	}
	assert_true(enum_start(0x4E00));	/* 一 */
	assert_true(enum_start(0x7B2C));	/* 第 */
	assert_false(enum_start(0x4E24));	/* 两 */
}

/* The character classes against their plain definitions. */
static void
test_classes(void **state)
{
	uint32_t	 cp;
	int		 want;

	(void)state;
	for (cp = 0; cp < 0x110000; cp++) {
		want = cp_is_stop(cp) || cp == 0xFF1B || cp == 0xFF1A ||
		    cp == 0xFF0C || cp == ';' || cp == ':' || cp == ',' ||
		    cp == 0x3001 || cp_is_closer(cp) || cp == ' ' ||
		    cp == '\t' || cp == 0x3000 || cp == 0xA0;
		if (cp_label_boundary(cp) != want)
			fail_msg("cp_label_boundary U+%04X", cp);
		if (cp_width(cp) != (cp_is_cjk(cp) ? 2 : 1))
			fail_msg("cp_width U+%04X", cp);
	}
	assert_true(cp_is_closer(0xFF09) && cp_is_closer(')'));
	assert_true(cp_is_opener(0xFF08) && cp_is_opener('('));
	assert_true(cp_is_stop(0x3002) && !cp_is_stop(0xFF0C));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_all),
		cmocka_unit_test(test_prev_random),
		cmocka_unit_test(test_han),
		cmocka_unit_test(test_enum_start),
		cmocka_unit_test(test_classes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
