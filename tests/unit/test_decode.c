/*
 * test_decode.c — text_decode(): byte-order marks, UTF-16 with and
 * without a BOM, GB18030, invalid bytes with their line:col, encodings
 * asked for, binary files, empty input.  The test makes its non-UTF-8
 * bytes with iconv.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <iconv.h>
#include <cmocka.h>

#include "parse/parse.h"

#define TEXT	"2015年昌平区卫生计生工作要点\n\n一、保持新农合参合率\r\n" \
		"1.提高筹资标准（办实事项目25）\n𠀀€ end\n"

/* Convert the UTF-8 string s to encoding to; the bytes go to out. */
static void
encode(const char *to, const char *s, struct buf *out)
{
	iconv_t	 cd = iconv_open(to, "UTF-8");
	char	*in = (char *)s, *o;
	size_t	 inleft = strlen(s), oleft, r;

	assert_true(cd != (iconv_t)-1);
	buf_reset(out);
	buf_grow(out, inleft * 4 + 8);
	o = out->data;
	oleft = out->cap - 1;
	r = iconv(cd, &in, &inleft, &o, &oleft);
	assert_true(r != (size_t)-1);
	out->len = (size_t)(o - out->data);
	iconv_close(cd);
}

/* Decode data; on success check the text came back as want. */
static int
decode(const char *data, size_t len, const char *asked, const char **enc,
    struct buf *out, struct diags *d)
{
	buf_reset(out);
	return text_decode("t.txt", data, len, asked, out, enc, d);
}

/* The only diagnostic of d is an error at line:col saying msg. */
static void
assert_error(const struct diags *d, int line, int col, const char *msg)
{
	assert_int_equal(d->n, 1);
	assert_int_equal(d->v[0].sev, SEV_ERROR);
	assert_string_equal(d->v[0].file, "t.txt");
	assert_string_equal(d->v[0].msg, msg);
	assert_int_equal(d->v[0].line, line);
	assert_int_equal(d->v[0].col, col);
}

static void
test_empty(void **state)
{
	struct buf	 out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc = NULL;

	(void)state;
	assert_int_equal(decode("", 0, NULL, &enc, &out, &d), 0);
	assert_string_equal(enc, "UTF-8");
	assert_non_null(out.data);
	assert_int_equal(out.len, 0);
	assert_int_equal(d.n, 0);
	/* A BOM alone is empty text too. */
	assert_int_equal(decode("\xEF\xBB\xBF", 3, NULL, &enc, &out, &d), 0);
	assert_int_equal(out.len, 0);
	buf_free(&out);
}

static void
test_utf8(void **state)
{
	struct buf	 out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc = NULL;
	char		 bom[256];

	(void)state;
	assert_int_equal(decode(TEXT, strlen(TEXT), NULL, &enc, &out, &d), 0);
	assert_string_equal(enc, "UTF-8");
	assert_string_equal(out.data, TEXT);
	snprintf(bom, sizeof(bom), "\xEF\xBB\xBF%s", TEXT);
	assert_int_equal(decode(bom, strlen(bom), NULL, &enc, &out, &d), 0);
	assert_string_equal(enc, "UTF-8");
	assert_string_equal(out.data, TEXT);	/* BOM not copied */
	assert_int_equal(d.n, 0);
	buf_free(&out);
}

/* UTF-16 and UTF-32 with a BOM, UTF-16 without one. */
static void
test_utf16(void **state)
{
	static const struct {
		const char	*iconv_name;
		const char	*bom;
		size_t		 bomlen;
		const char	*enc;
	} cases[] = {
		{ "UTF-16LE", "\xFF\xFE", 2, "UTF-16LE" },
		{ "UTF-16BE", "\xFE\xFF", 2, "UTF-16BE" },
		{ "UTF-16LE", "", 0, "UTF-16LE" },
		{ "UTF-16BE", "", 0, "UTF-16BE" },
		{ "UTF-32LE", "\xFF\xFE\0\0", 4, "UTF-32LE" },
		{ "UTF-32BE", "\0\0\xFE\xFF", 4, "UTF-32BE" },
	};
	struct buf	 bytes = BUF_INIT, data = BUF_INIT, out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		encode(cases[i].iconv_name, TEXT, &bytes);
		buf_reset(&data);
		buf_put(&data, cases[i].bom, cases[i].bomlen);
		buf_put(&data, bytes.data, bytes.len);
		enc = NULL;
		assert_int_equal(decode(data.data, data.len, NULL, &enc, &out,
		    &d), 0);
		assert_string_equal(enc, cases[i].enc);
		assert_string_equal(out.data, TEXT);
		assert_int_equal(d.n, 0);
	}
	buf_free(&bytes);
	buf_free(&data);
	buf_free(&out);
}

static void
test_utf16_bad(void **state)
{
	struct buf	 out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc;
	/* "ab\nc" then an unpaired high surrogate, little-endian. */
	static const char lone[] = "\xFF\xFE" "a\0b\0\n\0c\0\x00\xD8x\0";
	static const char odd[] = "\xFF\xFE" "a\0\n\0b";

	(void)state;
	assert_int_equal(decode(lone, sizeof(lone) - 1, NULL, &enc, &out,
	    &d), -1);
	assert_error(&d, 2, 2,
	    "invalid UTF-16LE unit 0xD800 (unpaired surrogate)");
	diags_free(&d);
	assert_int_equal(decode(odd, sizeof(odd) - 1, NULL, &enc, &out, &d),
	    -1);
	assert_error(&d, 2, 1, "odd number of bytes in UTF-16LE text");
	diags_free(&d);
	buf_free(&out);
}

static void
test_gb18030(void **state)
{
	struct buf	 bytes = BUF_INIT, out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc = NULL;

	(void)state;
	encode("GB18030", TEXT, &bytes);
	assert_int_not_equal(bytes.len, strlen(TEXT));
	assert_int_equal(decode(bytes.data, bytes.len, NULL, &enc, &out, &d),
	    0);
	assert_string_equal(enc, "GB18030");
	assert_string_equal(out.data, TEXT);	/* CRLF kept as it was */
	assert_int_equal(d.n, 0);
	buf_free(&bytes);
	buf_free(&out);
}

/* The error names the first bad byte of the decoding that got
 * further, at its line and column in characters. */
static void
test_invalid(void **state)
{
	struct buf	 bytes = BUF_INIT, out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc;
	size_t		 i;
	static const char bad8[] = "第一行\n一二三\xFF后";

	(void)state;
	/* UTF-8 that breaks on line 2 after three characters. */
	assert_int_equal(decode(bad8, strlen(bad8), NULL, &enc, &out, &d),
	    -1);
	assert_error(&d, 2, 4, "invalid byte 0xFF (tried UTF-8, GB18030)");
	diags_free(&d);
	/* GB18030 that breaks at the start of line 3. */
	encode("GB18030", "第一行\n第二行，abc\n", &bytes);
	buf_put(&bytes, "\x80x", 2);
	assert_int_equal(decode(bytes.data, bytes.len, NULL, &enc, &out, &d),
	    -1);
	assert_error(&d, 3, 1, "invalid byte 0x80 (tried UTF-8, GB18030)");
	diags_free(&d);
	/* UTF-8 that GB18030 would read (as nonsense) but that fails as
	 * UTF-8 only after many characters is broken UTF-8. */
	buf_reset(&bytes);
	for (i = 0; i < 20; i++)
		buf_puts(&bytes, "é");
	buf_puts(&bytes, "\n\xC3\x41\n");
	assert_int_equal(decode(bytes.data, bytes.len, NULL, &enc, &out, &d),
	    -1);
	assert_error(&d, 2, 1, "invalid byte 0xC3 (tried UTF-8, GB18030)");
	diags_free(&d);
	/* After a lone CR: that is a line break too. */
	assert_int_equal(decode("a\rbc\xC0", 5, NULL, &enc, &out, &d), -1);
	assert_error(&d, 2, 3, "invalid byte 0xC0 (tried UTF-8, GB18030)");
	diags_free(&d);
	/* A UTF-8 BOM with bad bytes is not tried as GB18030. */
	assert_int_equal(decode("\xEF\xBB\xBFok\xE4\xB8", 7, NULL, &enc, &out,
	    &d), -1);
	assert_error(&d, 1, 3,
	    "invalid byte 0xE4 (not UTF-8, by its byte-order mark)");
	diags_free(&d);
	buf_free(&bytes);
	buf_free(&out);
}

/* An encoding asked for by --input-encoding or front matter. */
static void
test_wanted(void **state)
{
	static const struct {
		const char	*want;
		const char	*iconv_name;
		const char	*text;
		const char	*enc;
	} cases[] = {
		{ "GBK", "GBK", "卫生计生工作要点\n", "GBK" },
		{ "gb2312", "GB2312", "卫生计生工作要点\n", "GB2312" },
		{ "cp936", "GBK", "卫生\n", "GBK" },
		{ "gb18030", "GB18030", TEXT, "GB18030" },
		{ "utf-16le", "UTF-16LE", TEXT, "UTF-16LE" },
		{ "UTF16BE", "UTF-16BE", TEXT, "UTF-16BE" },
		{ "big5", "BIG5", "衛生計生工作要點\n", "BIG5" },
		{ "utf8", "UTF-8", TEXT, "UTF-8" },
		{ "\"GB18030\"", "GB18030", TEXT, "GB18030" },
		{ "sjis", "SHIFT_JIS", "日本語\n", "SHIFT_JIS" },
	};
	struct buf	 bytes = BUF_INIT, out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		encode(cases[i].iconv_name, cases[i].text, &bytes);
		enc = NULL;
		assert_int_equal(decode(bytes.data, bytes.len, cases[i].want,
		    &enc, &out, &d), 0);
		assert_string_equal(enc, cases[i].enc);
		assert_string_equal(out.data, cases[i].text);
		assert_int_equal(d.n, 0);
	}
	/* A name iconv knows that gen's table does not: a static name. */
	encode("KOI8-R", "привет\n", &bytes);
	assert_int_equal(decode(bytes.data, bytes.len, "koi8-r", &enc, &out,
	    &d), 0);
	assert_string_equal(enc, "KOI8-R");
	assert_string_equal(out.data, "привет\n");
	/* A BOM wins over the name asked for. */
	assert_int_equal(decode("\xEF\xBB\xBF卫生", 9, "GB18030", &enc, &out,
	    &d), 0);
	assert_string_equal(enc, "UTF-8");
	assert_string_equal(out.data, "卫生");
	buf_free(&bytes);
	buf_free(&out);
}

static void
test_wanted_errors(void **state)
{
	struct buf	 bytes = BUF_INIT, out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc;

	(void)state;
	assert_int_equal(decode("abc", 3, "no-such-code", &enc, &out, &d),
	    -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "unknown encoding \"no-such-code\""));
	diags_free(&d);
	/* A name iconv would take by its known prefix, with bytes no name
	 * has after it (found by the md fuzzer: the name, not UTF-8, was
	 * kept as the document's encoding): refused, and the message does
	 * not echo those bytes. */
	assert_int_equal(decode("abc", 3, "UTF-16LE\x01\xFF`\x01", &enc, &out,
	    &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "unknown encoding (its name has "
	    "characters other than letters, digits and -_.:+())"));
	assert_int_equal(utf8_valid(d.v[0].msg, strlen(d.v[0].msg)),
	    strlen(d.v[0].msg));
	diags_free(&d);
	/* GB18030 bytes asked to be UTF-8. */
	encode("GB18030", "ab\n卫生", &bytes);
	assert_int_equal(decode(bytes.data, bytes.len, "UTF-8", &enc, &out,
	    &d), -1);
	assert_error(&d, 2, 1,
	    "invalid byte 0xCE (not UTF-8, the encoding asked for)");
	diags_free(&d);
	/* UTF-8 bytes asked to be GB2312 (read as GB18030, its superset):
	 * E5 8D is one character, AB 0A is no character. */
	assert_int_equal(decode("x\n\n卫\n", 7, "GB2312", &enc, &out, &d),
	    -1);
	assert_error(&d, 3, 2,
	    "invalid byte 0xAB (not GB2312, the encoding asked for)");
	diags_free(&d);
	/* GBK characters in a file said to be GB2312 are read. */
	encode("GBK", "镕\n", &bytes);
	assert_int_equal(decode(bytes.data, bytes.len, "GB2312", &enc, &out,
	    &d), 0);
	assert_string_equal(out.data, "镕\n");
	assert_string_equal(enc, "GB2312");
	buf_free(&bytes);
	buf_free(&out);
}

static void
test_binary(void **state)
{
	struct buf	 out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc;
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const char nul[] = "第一行\n二\0三";

	(void)state;
	assert_int_equal(decode(png, sizeof(png) - 1, NULL, &enc, &out, &d),
	    -1);
	assert_error(&d, 0, 0, "not a text file (looks like a PNG image)");
	diags_free(&d);
	assert_int_equal(decode(png, sizeof(png) - 1, "GB18030", &enc, &out,
	    &d), -1);
	assert_error(&d, 0, 0, "not a text file (looks like a PNG image)");
	diags_free(&d);
	assert_int_equal(decode(nul, sizeof(nul) - 1, NULL, &enc, &out, &d),
	    -1);
	assert_error(&d, 0, 0, "not a text file (NUL byte at offset 13)");
	diags_free(&d);
	assert_int_equal(decode("%PDF-1.4\n", 9, NULL, &enc, &out, &d), -1);
	assert_error(&d, 0, 0, "not a text file (looks like a PDF document)");
	diags_free(&d);
	/* A NUL inside UTF-16 text. */
	assert_int_equal(decode("\xFF\xFE" "a\0\0\0", 6, NULL, &enc, &out,
	    &d), -1);
	assert_error(&d, 0, 0, "not a text file (NUL byte at offset 4)");
	diags_free(&d);
	buf_free(&out);
}

/* Line breaks come out one for one whatever the encoding. */
static void
test_line_breaks(void **state)
{
	static const char *const encs[] = { "UTF-8", "GB18030", "UTF-16LE",
	    "UTF-16BE" };
	static const char text[] = "一\r\n\r\n二\r三\n\n四\n";
	struct buf	 bytes = BUF_INIT, out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(encs) / sizeof(encs[0]); i++) {
		encode(encs[i], text, &bytes);
		assert_int_equal(decode(bytes.data, bytes.len, NULL, &enc,
		    &out, &d), 0);
		assert_string_equal(enc, encs[i]);
		assert_string_equal(out.data, text);
	}
	buf_free(&bytes);
	buf_free(&out);
}

/* A large file decodes whole (and the ASCII fast path agrees with the
 * slow one at every alignment). */
static void
test_large(void **state)
{
	struct buf	 in = BUF_INIT, out = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	const char	*enc;
	size_t		 i;

	(void)state;
	for (i = 0; i < 20000; i++)
		buf_printf(&in, "%zu. abcdefg卫生%s\n", i, i % 7 ? "" : "é");
	assert_int_equal(decode(in.data, in.len, NULL, &enc, &out, &d), 0);
	assert_string_equal(enc, "UTF-8");
	assert_int_equal(out.len, in.len);
	assert_memory_equal(out.data, in.data, in.len);
	for (i = 0; i < 9; i++) {
		in.data[in.len - 1 - i] = '\xFE';
		assert_int_equal(decode(in.data, in.len, "UTF-8", &enc, &out,
		    &d), -1);
		assert_int_equal(d.v[0].line, 20000);
		diags_free(&d);
		in.data[in.len - 1 - i] = 'x';
	}
	buf_free(&in);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_utf16_bad),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_wanted),
		cmocka_unit_test(test_wanted_errors),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_line_breaks),
		cmocka_unit_test(test_large),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
