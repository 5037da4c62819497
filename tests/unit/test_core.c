/*
 * test_core.c — buffers, arenas, UTF-8, values and JSON, diagnostics,
 * config.ini, the tree and front matter.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/core_int.h"
#include "parse/parse_int.h"

/* ---- buf.c ---- */

static void
test_buf_invariants(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	size_t		 len, i;

	(void)state;
	assert_null(b.data);
	assert_string_equal(buf_cstr(&b), "");
	buf_puts(&b, "卫生");
	buf_putc(&b, '/');
	buf_printf(&b, "%d项", 85);
	assert_string_equal(b.data, "卫生/85项");
	assert_int_equal(b.len, strlen("卫生/85项"));
	assert_true(b.len < b.cap);
	for (i = 0; i < 100000; i++)
		buf_putc(&b, 'x');
	assert_int_equal(b.data[b.len], '\0');
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	buf_puts(&b, "abc");
	s = buf_detach(&b, &len);
	assert_string_equal(s, "abc");
	assert_int_equal(len, 3);
	assert_null(b.data);
	assert_int_equal(b.cap, 0);
	free(s);
	s = buf_detach(&b, &len);	/* empty buffer: "" not NULL */
	assert_string_equal(s, "");
	free(s);
	buf_free(&b);
}

static void
test_arena(void **state)
{
	struct arena	 a = ARENA_INIT;
	char		*p, *big;
	size_t		 i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		p = arena_alloc(&a, 24);
		assert_true(((uintptr_t)p & 15) == 0);
		assert_int_equal(p[0], 0);
		memset(p, 0xAB, 24);
	}
	big = arena_alloc(&a, 1 << 20);	/* bigger than a block */
	assert_int_equal(big[(1 << 20) - 1], 0);
	assert_string_equal(arena_strndup(&a, "一二三", 6), "一二");
	assert_string_equal(arena_printf(&a, "%s%d", "第", 3), "第3");
	arena_free(&a);
	assert_null(a.head);
}

/* value_gen for test_value_gen: members 1..3, each in the arena above
 * a mark, the one before freed. */
struct count_gen {
	struct value_gen	 g;
	struct arena		*a;
	struct arena_mark	 mark;
	int			 i;
};

static const struct value *
count_next(struct value_gen *g0, const struct value *prev)
{
	struct count_gen	*g = (struct count_gen *)g0;
	struct value		*o;

	if (prev == NULL) {
		arena_mark(g->a, &g->mark);
		g->i = 0;
	} else
		arena_release(g->a, &g->mark);
	if (++g->i > 3)
		return NULL;
	o = value_obj(g->a);
	value_set_ref(o, "n", value_num(g->a, g->i));
	/* bigger than a block: linked behind the head, freed too */
	value_set_ref(o, "s", value_str(g->a, memset(arena_alloc(g->a,
	    100000), 'x', 99999), g->i));
	return o;
}

static void
test_value_gen(void **state)
{
	struct arena		 a = ARENA_INIT;
	struct buf		 b = BUF_INIT;
	struct count_gen	 g = { { count_next }, &a, { NULL, NULL, 0 },
				   0 };
	struct value		*arr;
	struct arena_block	*head;
	size_t			 used;

	(void)state;
	arr = value_arr(&a);
	value_arr_gen(arr, &g.g, 3);
	head = a.head;
	used = head->used;
	value_json(arr, &b, 0);
	assert_string_equal(buf_cstr(&b),
	    "[{\"n\":1,\"s\":\"x\"},{\"n\":2,\"s\":\"xx\"},"
	    "{\"n\":3,\"s\":\"xxx\"}]");
	/* Each member was freed when the next was made, the last at the
	 * end: the arena is where it was. */
	assert_ptr_equal(a.head, head);
	assert_int_equal(a.head->used, used);
	assert_null(a.head->next);
	/* A second pass makes them again. */
	buf_reset(&b);
	value_json(arr, &b, 2);
	assert_non_null(strstr(buf_cstr(&b), "\"s\": \"xxx\""));
	assert_true(value_truthy(arr));
	assert_int_equal(value_get(value_first(arr), "n", 1)->num, 1);
	buf_free(&b);
	arena_free(&a);
}

static void
test_file_io(void **state)
{
	struct buf	 b = BUF_INIT;
	char		 dir[] = "/tmp/gen-test-XXXXXX", path[256];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a/b/c", dir);
	assert_int_equal(mkdir_p(path), 0);
	assert_int_equal(mkdir_p(path), 0);	/* exists: fine */
	snprintf(path, sizeof(path), "%s/a/b/c/f.txt", dir);
	assert_int_equal(file_write(path, "昌平\n", 7), 0);
	assert_int_equal(file_read(path, &b), 0);
	assert_string_equal(b.data, "昌平\n");
	unlink(path);
	assert_int_equal(file_read(path, &b), -1);
	buf_free(&b);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

/* ---- utf8.c ---- */

static void
test_utf8(void **state)
{
	uint32_t	 cp;
	char		 out[4];

	(void)state;
	assert_int_equal(utf8_decode("中", 3, &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* Overlong, surrogate, truncated, stray continuation, > U+10FFFF. */
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 0);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xE4\xB8", 2, &cp), 0);
	assert_int_equal(utf8_decode("\x80", 1, &cp), 0);
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_encode(0x3000, out), 3);
	assert_memory_equal(out, "\xE3\x80\x80", 3);
	assert_int_equal(utf8_encode(0xD800, out), 3);	/* → U+FFFD */
	assert_memory_equal(out, "\xEF\xBF\xBD", 3);
	assert_int_equal(utf8_valid("ab中\xFFz", 7), 5);
	assert_int_equal(utf8_count("a中文", 7), 3);
	assert_true(cp_is_han(0x4E00));
	assert_true(cp_is_han(0x3007));		/* 〇 */
	assert_false(cp_is_han(0xFF0C));	/* ， */
	assert_true(cp_is_cjk(0xFF0C));
	assert_true(cp_is_cjk(0x2460));		/* ① */
	assert_false(cp_is_cjk('a'));
	assert_true(cp_is_space(0x3000));
	assert_true(cp_is_space(0xA0));
	assert_false(cp_is_space(0x4E00));
	assert_true(ascii_isdigit('7'));
	assert_false(ascii_isdigit(0xE4));
	assert_false(ascii_isalpha((char)0xC3));
	/* code points are not cut to their low byte: 制 (U+5236) is no 6,
	 * 之 (U+4E4B) no K */
	assert_false(ascii_isdigit((uint32_t)0x5236));
	assert_false(ascii_isalpha((uint32_t)0x4E4B));
	assert_true(ascii_isdigit((uint32_t)0x36));
	assert_int_equal(ascii_tolower((uint32_t)0x5241), 0x5241);
}

/* ---- value.c ---- */

/* The escape JSON strings get, one byte or character at a time: the
 * reference the eight-byte scan of value.c must agree with. */
static void
json_reference(const char *s, size_t len, struct buf *out)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i;

	buf_putc(out, '"');
	for (i = 0; i < len; i++) {
		if (p[i] == '"' || p[i] == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)p[i]);
		} else if (p[i] == '\n')
			buf_puts(out, "\\n");
		else if (p[i] == '\t')
			buf_puts(out, "\\t");
		else if (p[i] == '\r')
			buf_puts(out, "\\r");
		else if (p[i] < 0x20) {
			buf_puts(out, "\\u00");
			buf_putc(out, hex[p[i] >> 4]);
			buf_putc(out, hex[p[i] & 15]);
		} else if (len - i >= 3 && p[i] == 0xE2 && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
			buf_puts(out, p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
			i += 2;
		} else
			buf_putc(out, (char)p[i]);
	}
	buf_putc(out, '"');
}

/* Every character that needs a look, at every offset in and across the
 * eight-byte windows, between ASCII and CJK. */
static void
test_value_json_windows(void **state)
{
	static const char *const specials[] = {
		"\"", "\\", "\n", "\t", "\r", "\x01", "\x1F", "\x7F",
		"\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\x9C", "\xE2\x80\xA6",
		"\xE2\x80\xA8\xE2\x80\xA9", "\"\"\\",
	};
	static const char *const fill[] = { "a", "中", "，" };
	struct arena	 a = ARENA_INIT;
	struct buf	 s = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	size_t		 k, f, pre, post;

	(void)state;
	for (k = 0; k < sizeof(specials) / sizeof(*specials); k++)
		for (f = 0; f < 3; f++)
			for (pre = 0; pre < 11; pre++)
				for (post = 0; post < 11; post += 5) {
					buf_reset(&s);
					buf_reset(&got);
					buf_reset(&want);
					for (size_t i = 0; i < pre; i++)
						buf_puts(&s, fill[(f + i) % 3]);
					buf_puts(&s, specials[k]);
					for (size_t i = 0; i < post; i++)
						buf_puts(&s, fill[f]);
					value_json(value_str(&a, s.data, s.len),
					    &got, 0);
					json_reference(s.data, s.len, &want);
					assert_string_equal(got.data, want.data);
				}
	buf_free(&s);
	buf_free(&got);
	buf_free(&want);
	arena_free(&a);
}

static void
test_value_json(void **state)
{
	struct arena	 a = ARENA_INIT;
	struct buf	 b = BUF_INIT;
	struct value	*o, *arr;

	(void)state;
	o = value_obj(&a);
	value_set(&a, o, "title", value_cstr(&a, "卫生\"计生\"\n\\"));
	value_set(&a, o, "year", value_num(&a, 2015));
	value_set(&a, o, "ratio", value_num(&a, 1.21));
	value_set(&a, o, "org", value_null(&a));
	arr = value_set(&a, o, "tags", value_arr(&a));
	value_push(arr, value_cstr(&a, "办实事项目25"));
	value_push(arr, value_bool(&a, 1));
	value_set(&a, o, "empty", value_arr(&a));
	value_set(&a, o, "ctl", value_str(&a, "\x01\xE2\x80\xA8", 4));
	value_json(o, &b, 0);
	assert_string_equal(b.data, "{\"title\":\"卫生\\\"计生\\\"\\n\\\\\","
	    "\"year\":2015,\"ratio\":1.21,\"org\":null,"
	    "\"tags\":[\"办实事项目25\",true],\"empty\":[],"
	    "\"ctl\":\"\\u0001\\u2028\"}");
	buf_reset(&b);
	value_json(arr, &b, 2);
	assert_string_equal(b.data, "[\n  \"办实事项目25\",\n  true\n]");
	assert_non_null(value_get(o, "year", 4));
	assert_null(value_get(o, "yea", 3));
	assert_null(value_get(arr, "year", 4));
	buf_free(&b);
	arena_free(&a);
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Members are found by the hash of their key, then by its text: two
 * keys of one hash (found among the four-letter keys) are told apart,
 * and a key prepared once (value_key) finds what value_get() finds. */
static void
test_value_get_key(void **state)
{
	struct arena		 a = ARENA_INIT;
	struct value		*o;
	struct value_key	 k;
	uint64_t		*h;
	size_t			 i, n = 26 * 26 * 26 * 26;
	char			 k1[5] = "", k2[5] = "", *w;

	(void)state;
	h = xcalloc(n, sizeof(*h));
	for (i = 0; i < n; i++) {
		char	 t[4] = { (char)('a' + i % 26),
		    (char)('a' + i / 26 % 26), (char)('a' + i / 676 % 26),
		    (char)('a' + i / 17576) };

		h[i] = (uint64_t)value_key_hash(t, 4) << 32 | i;
	}
	qsort(h, n, sizeof(*h), u64_cmp);
	for (i = 1; i < n && k1[0] == '\0'; i++)
		if (h[i] >> 32 == h[i - 1] >> 32) {
			size_t	 x = (uint32_t)h[i - 1], y = (uint32_t)h[i];

			for (w = k1; w < k1 + 4; w++, x /= 26)
				*w = (char)('a' + x % 26);
			for (w = k2; w < k2 + 4; w++, y /= 26)
				*w = (char)('a' + y % 26);
		}
	free(h);
	assert_true(k1[0] != '\0');	/* 457,000 keys, 2^32 hashes */
	assert_string_not_equal(k1, k2);
	assert_int_equal(value_key_hash(k1, 4), value_key_hash(k2, 4));
	o = value_obj(&a);
	value_set(&a, o, k1, value_num(&a, 1));
	value_set(&a, o, k2, value_num(&a, 2));
	value_set(&a, o, "卫生", value_num(&a, 3));
	value_set_ref(o, "src_page_href", value_num(&a, 4));
	assert_int_equal(value_get(o, k2, 4)->num, 2);
	assert_int_equal(value_get(o, k1, 4)->num, 1);
	assert_int_equal(value_get(o, "src_page_href", 13)->num, 4);
	assert_null(value_get(o, "src_page_hre", 12));
	k.name = "卫生.x";
	k.len = (uint32_t)strlen("卫生");
	k.hash = value_key_hash(k.name, k.len);
	assert_int_equal(value_get_key(o, &k)->num, 3);
	k.len = (uint32_t)strlen("卫生.x");
	k.hash = value_key_hash(k.name, k.len);
	assert_null(value_get_key(o, &k));
	k.name = k1;
	k.len = 3;
	k.hash = value_key_hash(k1, 4);	/* a prefix, its hash lying */
	assert_null(value_get_key(o, &k));
	assert_null(value_get_key(value_arr(&a), &k));
	assert_null(value_get_key(NULL, &k));
	arena_free(&a);
}

static void
test_value_text_truthy(void **state)
{
	struct arena	 a = ARENA_INIT;
	struct buf	 b = BUF_INIT;

	(void)state;
	value_text(value_num(&a, 85), &b);
	buf_putc(&b, ' ');
	value_text(value_num(&a, -0.0), &b);
	buf_putc(&b, ' ');
	value_text(value_num(&a, 0.1), &b);
	buf_putc(&b, ' ');
	value_text(value_null(&a), &b);
	value_text(value_bool(&a, 0), &b);
	assert_string_equal(b.data, "85 0 0.1 false");
	assert_false(value_truthy(NULL));
	assert_false(value_truthy(value_null(&a)));
	assert_false(value_truthy(value_cstr(&a, "")));
	assert_false(value_truthy(value_num(&a, 0)));
	assert_false(value_truthy(value_arr(&a)));
	assert_true(value_truthy(value_obj(&a)));
	assert_true(value_truthy(value_cstr(&a, "〇")));
	buf_free(&b);
	arena_free(&a);
}

/* ---- diag.c ---- */

static void
test_diags(void **state)
{
	struct diags	 d = DIAGS_INIT, e = DIAGS_INIT;
	char		*text = NULL;
	size_t		 len = 0;
	FILE		*f;

	(void)state;
	diag_add(&d, "b.txt", 3, 1, SEV_WARNING, "w%d", 1);
	diag_add(&d, "a.txt", 9, 2, SEV_ERROR, "bad byte 0x%02X", 0xFF);
	diag_add(&e, "a.txt", 2, 0, SEV_WARNING, "no column");
	diag_add(&e, "a.txt", 0, 0, SEV_ERROR, "no line");
	diags_move(&d, &e);
	assert_int_equal(e.n, 0);
	assert_int_equal(diags_count(&d, SEV_ERROR), 2);
	diags_sort(&d);
	f = open_memstream(&text, &len);
	diags_print(&d, f);
	fclose(f);
	assert_string_equal(text,
	    "a.txt: error: no line\n"
	    "a.txt:2: warning: no column\n"
	    "a.txt:9:2: error: bad byte 0xFF\n"
	    "b.txt:3:1: warning: w1\n");
	free(text);
	diags_free(&d);
	diags_free(&e);
}

/* ---- config.c ---- */

static void
write_tmp(char *path, const char *text)
{
	int	 fd;

	strcpy(path, "/tmp/gen-config-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void
test_config(void **state)
{
	struct config	 c;
	struct diags	 d = DIAGS_INIT;
	struct buf	 ini = BUF_INIT, title = BUF_INIT;
	char		 path[64];
	int		 i;

	(void)state;
	/* A Chinese title far longer than libinih's 200-byte lines. */
	for (i = 0; i < 40; i++)
		buf_puts(&title, "北京市昌平区卫生健康委员会");
	buf_printf(&ini, "; comment\n[site]\ntitle = %s\nbase_url = "
	    "https://example.org/plans\n\n[build]\nstrict = yes\n"
	    "[limits]\nfile_size = 2M\n", title.data);
	write_tmp(path, ini.data);
	config_defaults(&c);
	assert_string_equal(c.out_dir, "out");
	assert_int_equal(config_load(&c, path, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(c.title, title.data);
	assert_string_equal(c.base_url, "https://example.org/plans/");
	assert_int_equal(c.strict, 1);
	assert_int_equal(c.max_file_size, 2 * 1024 * 1024);
	assert_string_equal(c.content_dir, "content");	/* default kept */
	config_free(&c);
	unlink(path);

	write_tmp(path, "[site]\ntitel = x\nnonsense\n[build]\nstrict = "
	    "maybe\n[paths\n");
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, &d), -1);
	assert_int_equal(d.n, 4);
	assert_int_equal(d.v[0].line, 2);
	assert_string_equal(d.v[0].msg, "unknown key [site] titel");
	assert_int_equal(d.v[1].line, 3);
	assert_int_equal(d.v[2].line, 5);
	assert_int_equal(d.v[3].line, 6);
	config_free(&c);
	diags_free(&d);
	unlink(path);
	buf_free(&ini);
	buf_free(&title);
}

/* [print] keys: strings as written, pdf a boolean, unset ones NULL. */
static void
test_config_print(void **state)
{
	struct config	 c;
	struct diags	 d = DIAGS_INIT;
	char		 path[64];

	(void)state;
	write_tmp(path, "[print]\nissuer = 示范区人民政府\ndate = 2024年1月2日\n"
	    "pdf = yes\nfont_body = 仿宋_GB2312\nfont_title = 方正小标宋简体\n");
	config_defaults(&c);
	assert_int_equal(c.print_pdf, 0);
	assert_null(c.print_issuer);
	assert_int_equal(config_load(&c, path, &d), 0);
	assert_string_equal(c.print_issuer, "示范区人民政府");
	assert_string_equal(c.print_date, "2024年1月2日");
	assert_int_equal(c.print_pdf, 1);
	assert_string_equal(c.font_body, "仿宋_GB2312");
	assert_string_equal(c.font_title, "方正小标宋简体");
	assert_null(c.font_heading1);
	assert_null(c.print_masthead);
	config_free(&c);
	unlink(path);
	write_tmp(path, "[print]\npdf = sometimes\nfont = x\n");
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, &d), -1);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[1].msg, "unknown key [print] font");
	config_free(&c);
	diags_free(&d);
	unlink(path);
}

/* ---- tree.c and front matter ---- */

/* doc_json() on one line is JSON in its shortest form: json_parse()
 * reads it, and the value read, written again by value_json(), gives
 * the same bytes; indented (gen dump) it is that value indented. */
static void
assert_json_roundtrip(const struct doc *doc)
{
	struct arena	 a = ARENA_INIT;
	struct buf	 line = BUF_INIT, ref = BUF_INIT;
	struct value	*v;
	char		 err[128] = "";

	doc_json(doc, &line, 0);
	v = json_parse(&a, line.data, line.len, err, sizeof(err));
	if (v == NULL)
		fail_msg("doc_json is not JSON: %s", err);
	value_json(v, &ref, 0);
	buf_putc(&ref, '\n');
	assert_string_equal(buf_cstr(&line), buf_cstr(&ref));
	buf_reset(&line);
	buf_reset(&ref);
	doc_json(doc, &line, 2);
	value_json(v, &ref, 2);
	buf_putc(&ref, '\n');
	assert_string_equal(buf_cstr(&line), buf_cstr(&ref));
	buf_free(&line);
	buf_free(&ref);
	arena_free(&a);
}

static void
test_doc_json_roundtrip(void **state)
{
	static const char *const srcs[] = {
		"2019年某区卫生健康工作要点\n\n总体要求：坚持。\n\n"
		"一、总体要求\n\n（一）指导思想。坚持以人民为中心。（办实事项目1）"
		"（区政府折子工程2）\n\n1.推进分级诊疗。完善机制。\n\n"
		"（1）细化。内容。\n\n二、重点任务\n\n一是加强。二是完善。\n",
		"---\ntitle: 标题\nyear: 2020\nbody: 前置\nfoo: 1\nfoo: 2\n"
		"columns: x\n---\n# 一、章\n\n段落\\\"引号\n\n1. 项目一\n"
		"   1. 子项\n2. 项目二（办实事项目3）\n\n> 引文\n",
		"",
		"只有一行\n",
		"序号\t任务\t年度任务\n1\t甲\t乙\n2\t丙\t丁\n",
	};
	static const char *const names[] = { "a.txt", "b.md", "c.txt",
	    "d.txt", "e.txt" };
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	struct node	*n, *p, *l, *it;
	size_t		 i;

	(void)state;
	config_defaults(&cfg);
	for (i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
		doc = doc_parse(names[i], srcs[i], strlen(srcs[i]), &cfg, &d);
		assert_non_null(doc);
		assert_json_roundtrip(doc);
		doc_free(doc);
	}
	/* By hand: what no parser makes yet the form allows: NULL strings,
	 * a paragraph with children, an inline list, fields, several
	 * tags, and a chain of sections as deep as json_parse() reads. */
	doc = doc_new("h.txt");
	n = node_append(doc->root, node_new(doc, NODE_SECTION, 1));
	p = node_append(n, node_new(doc, NODE_PARAGRAPH, 2));
	node_append(node_append(p, node_new(doc, NODE_LIST, 3)),
	    node_new(doc, NODE_ITEM, 3))->text = "内\"层";
	l = node_append(n, node_new(doc, NODE_LIST, 4));
	l->style = LIST_INLINE;
	it = node_append(l, node_new(doc, NODE_ITEM, 4));
	node_add_tag(doc, it, "甲", strlen("甲"));
	node_add_tag(doc, it, "乙", strlen("乙"));
	node_set_field(doc, it, "列", "值\n", 4);
	node_append(l, node_new(doc, NODE_ITEM, 5));
	for (i = 0; i < 200; i++)
		n = node_append(n, node_new(doc, NODE_SECTION, 6 + (int)i));
	node_append(doc->root, node_new(doc, NODE_PARAGRAPH, 400));
	assert_json_roundtrip(doc);
	doc_free(doc);
	/* Long enough to be passed on in pieces (64 KB) at every kind of
	 * place: in strings, after backslashes, between brackets. */
	doc = doc_new("long.txt");
	for (i = 0; i < 6000; i++) {
		n = node_append(doc->root, node_new(doc, NODE_SECTION,
		    (int)i + 1));
		n->title = i % 3 ? "标题\\\"{[,:]}\"" : NULL;
		if (i % 2)
			node_append(n, node_new(doc, NODE_LIST, (int)i + 1));
	}
	assert_json_roundtrip(doc);
	doc_free(doc);
	diags_free(&d);
	config_free(&cfg);
}

static void
test_tree(void **state)
{
	struct doc	*doc = doc_new("t.txt");
	struct node	*s, *l, *i1, *i2;
	struct figure	 figs[2];
	struct buf	 b = BUF_INIT;
	char		 err[128];

	(void)state;
	s = node_append(doc->root, node_new(doc, NODE_SECTION, 3));
	s->level = 1;
	s->num = "一";
	s->label = "一、";
	s->title = "总体要求";
	l = node_append(s, node_new(doc, NODE_LIST, 5));
	i1 = node_append(l, node_new(doc, NODE_ITEM, 5));
	i1->num = "1";
	i1->title = "第一项。";
	i1->text = "第一项。共3个。";
	node_add_tag(doc, i1, "办实事项目25", strlen("办实事项目25"));
	i2 = node_append(l, node_new(doc, NODE_ITEM, 7));
	i2->num = "2";
	node_set_field(doc, i2, "年度任务", "甲", 3);
	node_set_field(doc, i2, "年度任务", "乙", 3);
	assert_int_equal(i2->nfields, 1);
	assert_int_equal(doc_add_column(doc, "年度任务", 12), 0);
	assert_int_equal(doc_add_column(doc, "年度任务", 12), 0);
	assert_int_equal(tree_check(doc, err, sizeof(err)), 0);
	doc_json(doc, &b, 2);
	assert_non_null(strstr(b.data, "\"tags\": [\n"
	    "                \"办实事项目25\"\n"));
	assert_non_null(strstr(b.data, "\"fields\": {\n"
	    "                \"年度任务\": \"乙\"\n"));
	assert_non_null(strstr(b.data, "\"columns\": [\n    \"年度任务\"\n  ]"));
	/* On one line, as written by hand (README.md, "The document tree",
	 * schema 2): no empty tags or body, no block style, the title not
	 * again in the text, a figure's sentence by where it is in the
	 * whole text (characters), or copied when it is not in it; num2
	 * and cmp only when they are not num and "=". */
	memset(figs, 0, sizeof(figs));
	figs[0] = (struct figure){ .node = i1, .value = "3个", .unit = "个",
	    .cmp = "=", .subject = "", .sentence = "共3个。", .num = 3,
	    .num2 = 3 };
	figs[1] = (struct figure){ .node = i1, .value = "3-5个", .unit = "个",
	    .cmp = "range", .subject = "数", .sentence = "不在文中", .num = 3,
	    .num2 = 5 };
	doc->figs = figs;
	doc->nfigs = 2;
	buf_reset(&b);
	doc_json(doc, &b, 0);
	assert_string_equal(b.data, "{\"schema\":2,\"source\":\"t.txt\","
	    "\"encoding\":\"UTF-8\",\"format\":\"text\",\"title\":null,"
	    "\"year\":null,\"org\":null,\"kind\":null,"
	    "\"columns\":[\"年度任务\"],"
	    "\"body\":[{\"type\":\"section\",\"line\":3,\"level\":1,"
	    "\"num\":\"一\",\"label\":\"一、\",\"title\":\"总体要求\","
	    "\"body\":[{\"type\":\"list\",\"body\":["
	    "{\"type\":\"item\",\"line\":5,\"num\":\"1\",\"label\":null,"
	    "\"title\":\"第一项。\",\"text\":\"共3个。\","
	    "\"tags\":[\"办实事项目25\"],"
	    "\"figures\":[{\"value\":\"3个\",\"num\":3,\"unit\":\"个\","
	    "\"subject\":\"\",\"at\":[4,8]},"
	    "{\"value\":\"3-5个\",\"num\":3,\"num2\":5,\"unit\":\"个\","
	    "\"cmp\":\"range\",\"subject\":\"数\","
	    "\"sentence\":\"不在文中\"}]},"
	    "{\"type\":\"item\",\"line\":7,\"num\":\"2\",\"label\":null,"
	    "\"title\":null,\"fields\":{\"年度任务\":\"乙\"}}]}]}]}\n");
	doc->figs = NULL;
	doc->nfigs = 0;
	/* An item directly under a section breaks the invariants:
	 * node_append refuses it (an assertion), so link it by hand. */
	node_unlink(i2);
	assert_ptr_equal(l->last, i1);
	assert_false(node_may_hold(NODE_SECTION, NODE_ITEM));
	i2->parent = s;
	i2->prev = s->last;
	s->last->next = i2;
	s->last = i2;
	assert_int_equal(tree_check(doc, err, sizeof(err)), -1);
	buf_free(&b);
	doc_free(doc);
}

/* The one walk (tree_iter): every node entered before its children and
 * left after them, in document order; a subtree's walk stays in it;
 * tree_iter_reset skips children or resumes from a node. */
static void
test_tree_iter(void **state)
{
	struct doc		*doc = doc_new("i.txt");
	struct node		*s1, *s2, *l, *it1, *p;
	struct tree_iter	 it;
	enum tree_event		 ev;
	char			 got[64];
	size_t			 k = 0;

	(void)state;
	s1 = node_append(doc->root, node_new(doc, NODE_SECTION, 1));
	l = node_append(s1, node_new(doc, NODE_LIST, 2));
	it1 = node_append(l, node_new(doc, NODE_ITEM, 2));
	node_append(l, node_new(doc, NODE_ITEM, 3));
	s2 = node_append(doc->root, node_new(doc, NODE_SECTION, 4));
	p = node_append(s2, node_new(doc, NODE_PARAGRAPH, 5));
	/* R S L I I S P: upper case on enter, lower on exit */
	tree_iter_init(&it, doc->root);
	while ((ev = tree_iter_next(&it)) != TREE_DONE && k < 60)
		got[k++] = "?RSLIP"[it.node->type + 1] +
		    (ev == TREE_EXIT ? 'a' - 'A' : 0);
	got[k] = '\0';
	assert_string_equal(got, "RSLIiIilsSPpsr");
	assert_int_equal(tree_iter_next(&it), TREE_DONE);
	/* A subtree: l and its items only. */
	tree_iter_init(&it, l);
	assert_ptr_equal(tree_next(&it), l);
	assert_ptr_equal(tree_next(&it), it1);
	assert_ptr_equal(tree_next(&it), it1->next);
	assert_null(tree_next(&it));
	/* Skip s1's children, then resume after s2. */
	tree_iter_init(&it, doc->root);
	tree_iter_reset(&it, s1, TREE_EXIT);
	assert_ptr_equal(tree_next(&it), s2);
	tree_iter_reset(&it, s2, TREE_ENTER);
	assert_ptr_equal(tree_next(&it), p);
	assert_null(tree_next(&it));
	/* A leaf and no tree at all. */
	tree_iter_init(&it, p);
	assert_int_equal(tree_iter_next(&it), TREE_ENTER);
	assert_int_equal(tree_iter_next(&it), TREE_EXIT);
	assert_int_equal(tree_iter_next(&it), TREE_DONE);
	tree_iter_init(&it, NULL);
	assert_int_equal(tree_iter_next(&it), TREE_DONE);
	assert_null(tree_next(&it));
	/* The shape rule node_append checks. */
	assert_true(node_may_hold(NODE_ROOT, NODE_SECTION));
	assert_true(node_may_hold(NODE_LIST, NODE_ITEM));
	assert_true(node_may_hold(NODE_PARAGRAPH, NODE_LIST));
	assert_false(node_may_hold(NODE_LIST, NODE_PARAGRAPH));
	assert_false(node_may_hold(NODE_ITEM, NODE_SECTION));
	doc_free(doc);
}

static void
test_deep_tree_json(void **state)
{
	struct doc	*doc = doc_new("deep.txt");
	struct node	*n = doc->root, *s;
	struct buf	 b = BUF_INIT;
	const char	*p;
	char		 err[128];
	int		 i, depth = 0, most = 0;

	(void)state;
	/* 100,000 nested sections: tree_check and the JSON writer walk
	 * the tree without recursion, so neither can overflow the stack;
	 * each section opens an object and its body, but the last,
	 * which has none. */
	for (i = 0; i < 100000; i++) {
		s = node_append(n, node_new(doc, NODE_SECTION, i + 1));
		s->level = i + 1;
		n = s;
	}
	assert_int_equal(tree_check(doc, err, sizeof(err)), 0);
	doc_json(doc, &b, 0);
	for (p = b.data; *p != '\0'; p++) {
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		if (depth > most)
			most = depth;
	}
	assert_int_equal(depth, 0);
	assert_int_equal(most, 2 + 2 * 99999 + 1);
	buf_free(&b);
	doc_free(doc);
}

static void
test_frontmatter(void **state)
{
	struct doc	*doc = doc_new("f.md");
	struct diags	 d = DIAGS_INIT;
	const char	*enc = NULL;
	const char	*t = "---\ntitle: \"2024年海淀区卫生健康工作计划\"\n"
	    "year: 2024\norg: 海淀区\nkind: 工作计划\nencoding: GB18030\n"
	    "author: 办公室\n---\n正文";
	size_t		 off;
	int		 lines;

	(void)state;
	off = frontmatter_parse(doc, t, strlen(t), &lines, &enc, &d);
	assert_string_equal(t + off, "正文");
	assert_int_equal(lines, 8);
	assert_string_equal(doc->title, "2024年海淀区卫生健康工作计划");
	assert_int_equal(doc->year, 2024);
	assert_string_equal(doc->org, "海淀区");
	assert_string_equal(doc->kind, "工作计划");
	assert_string_equal(enc, "GB18030");
	assert_int_equal(doc->nextra, 1);
	assert_string_equal(doc->extra[0].key, "author");
	assert_int_equal(d.n, 0);
	/* Unclosed front matter is an error; no front matter is none. */
	off = frontmatter_parse(doc, "---\ntitle: x\n", 13, &lines, &enc, &d);
	assert_int_equal(off, 0);
	assert_int_equal(diags_count(&d, SEV_ERROR), 1);
	assert_int_equal(frontmatter_parse(doc, "一、总则\n", 13, &lines,
	    &enc, &d), 0);
	diags_free(&d);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_invariants),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_file_io),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_value_json),
		cmocka_unit_test(test_value_get_key),
		cmocka_unit_test(test_value_json_windows),
		cmocka_unit_test(test_value_text_truthy),
		cmocka_unit_test(test_value_gen),
		cmocka_unit_test(test_diags),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_config_print),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_doc_json_roundtrip),
		cmocka_unit_test(test_tree_iter),
		cmocka_unit_test(test_deep_tree_json),
		cmocka_unit_test(test_frontmatter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
