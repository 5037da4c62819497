/*
 * test_bad.c — bad input at the library's edges: files over the size
 * limit and FIFOs, JSON of strings that are not UTF-8, control
 * characters in front matter and Markdown, the [limits] depth of the
 * Markdown front end, utf8_clean(), a huge indent, NUL bytes and
 * overflowing sizes in config.ini, and the inputs the fuzzers found
 * (tests/fuzz/corpus/regress/, each must load without a report).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "core/core_int.h"
#include "parse/parse_int.h"
#include "unit.h"

/* A fresh temporary folder (removed by the caller with rm_dir). */
static char *
tmp_dir(void)
{
	char	*d = xstrdup("/tmp/test_bad.XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

static char *
path_in(const char *dir, const char *name)
{
	char	*p = xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

static void
write_file(const char *path, const char *s, size_t len)
{
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Does some diagnostic of d hold text? */
static int
has_diag(const struct diags *d, const char *text)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, text) != NULL)
			return 1;
	return 0;
}

/* ---- buf.c: file_read_max ---- */

static void
test_file_read_max(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*dir = tmp_dir(), *f = path_in(dir, "f.txt");

	(void)state;
	write_file(f, "0123456789", 10);
	assert_int_equal(file_read_max(f, 10, &b), 0);
	assert_int_equal(b.len, 10);
	buf_reset(&b);
	errno = 0;
	assert_int_equal(file_read_max(f, 9, &b), -1);
	assert_int_equal(errno, EFBIG);
	buf_reset(&b);
	assert_int_equal(file_read(f, &b), 0);
	assert_string_equal(b.data, "0123456789");
	errno = 0;
	assert_int_equal(file_read_max(dir, 100, &b), -1);
	assert_int_equal(errno, EISDIR);
	unlink(f);
	errno = 0;
	assert_int_equal(file_read_max(f, 100, &b), -1);
	assert_int_equal(errno, ENOENT);
	rmdir(dir);
	buf_free(&b);
	free(f);
	free(dir);
}

/* A FIFO with no writer reads as empty (a build never hangs on it);
 * a pipe's bytes past the limit are refused. */
static void
test_file_read_fifo(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*dir = tmp_dir(), *f = path_in(dir, "fifo.txt");

	(void)state;
	if (mkfifo(f, 0600) == -1)
		skip();
	assert_int_equal(file_read_max(f, 100, &b), 0);
	assert_int_equal(b.len, 0);
	unlink(f);
	rmdir(dir);
	buf_free(&b);
	free(f);
	free(dir);
}

/* doc_load refuses a file over [limits] file_size without reading it:
 * a sparse file of 1 TB answers at once. */
static void
test_doc_load_limit(void **state)
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	char		*dir = tmp_dir(), *f = path_in(dir, "huge.txt");
	FILE		*fp;

	(void)state;
	config_defaults(&cfg);
	fp = fopen(f, "w");
	assert_non_null(fp);
	fclose(fp);
	if (truncate(f, 1LL << 40) == -1 && truncate(f, 1LL << 30) == -1)
		skip();
	assert_null(doc_load(f, &cfg, &d));
	assert_int_equal(d.n, 1);
	assert_true(has_diag(&d, "over the limit of 67108864 bytes "
	    "([limits] file_size)"));
	unlink(f);
	rmdir(dir);
	diags_free(&d);
	config_free(&cfg);
	free(f);
	free(dir);
}

/* ---- value.c: JSON strings are valid UTF-8 whatever the bytes ---- */

static void
test_json_invalid_utf8(void **state)
{
	struct arena	 a = ARENA_INIT;
	struct buf	 b = BUF_INIT;
	struct value	*o = value_obj(&a);

	(void)state;
	value_set(&a, o, "s", value_str(&a, "a\xC0\x80" "b\xFF\xE4\xB8" "c"
	    "\xE4\xB8\x80\xE2\x80\xA8\x01", 15));
	value_json(o, &b, 0);
	assert_string_equal(b.data, "{\"s\":\"a\\ufffd\\ufffdb\\ufffd\\ufffd"
	    "\\ufffdc\xE4\xB8\x80\\u2028\\u0001\"}");
	assert_int_equal(utf8_valid(b.data, b.len), b.len);
	buf_free(&b);
	arena_free(&a);
}

/* ---- utf8.c: utf8_clean ---- */

static void
test_utf8_clean(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	utf8_clean(&b, "bad\xC0\x80\xFF.\x01\x7F\xC2\x85\tok\xE4\xB8\x80", 17);
	assert_string_equal(b.data, "bad\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD."
	    "\tok\xE4\xB8\x80");
	buf_reset(&b);
	utf8_clean(&b, "\xE4\xB8", 2);
	assert_string_equal(b.data, "\xEF\xBF\xBD\xEF\xBF\xBD");
	buf_free(&b);
}

/* ---- load.c: front matter without control characters ---- */

static void
test_frontmatter_controls(void **state)
{
	static const char src[] = "---\ntitle: a\x01" "b\x7F" "c\xC2\x85"
	    "d\te\nzz\x1B: v\x02\n---\n一、标题\n";
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	config_defaults(&cfg);
	doc = doc_parse("fm.txt", src, sizeof(src) - 1, &cfg, &d);
	assert_non_null(doc);
	assert_string_equal(doc->title, "abcd e");
	assert_int_equal(doc->nextra, 1);
	assert_string_equal(doc->extra[0].key, "zz");
	assert_string_equal(doc->extra[0].value, "v");
	doc_free(doc);
	diags_free(&d);
	config_free(&cfg);
}

/* ---- md.c: control characters and the depth limit ---- */

static void
test_md_controls(void **state)
{
	static const char src[] = "# 标题\x01\x7F\n\n1. 条目\x02\xC2\x85文本"
	    "\x1B[31m\n\n段落\x0B\x0C文字\n";
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 json = BUF_INIT;
	struct doc	*doc;

	(void)state;
	config_defaults(&cfg);
	doc = doc_parse("ctl.md", src, sizeof(src) - 1, &cfg, &d);
	assert_non_null(doc);
	doc_json(doc, &json, 2);
	assert_null(strstr(json.data, "\\u00"));
	assert_non_null(strstr(json.data, "\"title\": \"标题\""));
	assert_non_null(strstr(json.data, "条目文本[31m"));
	assert_non_null(strstr(json.data, "段落文字"));
	buf_free(&json);
	doc_free(doc);
	diags_free(&d);
	config_free(&cfg);
}

/* Deepest nesting of doc's tree below the root. */
static int
tree_depth(const struct node *n)
{
	const struct node	*c;
	int			 best = 0, k;

	for (c = n->first; c != NULL; c = c->next)
		if ((k = tree_depth(c)) > best)
			best = k;
	return best + (n->type != NODE_ROOT);
}

static void
test_md_depth(void **state)
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 src = BUF_INIT;
	struct doc	*doc;
	int		 i;

	(void)state;
	config_defaults(&cfg);
	buf_puts(&src, "# 深度\n\n");
	for (i = 0; i < 10000; i++)
		buf_puts(&src, "- ");
	buf_puts(&src, "x\n\n结尾\n");
	/* The default: 32 levels. */
	doc = doc_parse("deep.md", src.data, src.len, &cfg, &d);
	assert_non_null(doc);
	assert_true(has_diag(&d, "limited to 32 levels, [limits] depth"));
	assert_true(tree_depth(doc->root) <= 32);
	assert_true(tree_depth(doc->root) >= 30);
	doc_free(doc);
	diags_free(&d);
	/* [limits] depth = 8. */
	cfg.max_depth = 8;
	doc = doc_parse("deep.md", src.data, src.len, &cfg, &d);
	assert_non_null(doc);
	assert_int_equal(d.n - diags_count(&d, SEV_NOTE), 1);
	assert_int_equal(d.v[0].line, 3);
	assert_true(has_diag(&d, "limited to 8 levels, [limits] depth"));
	assert_true(tree_depth(doc->root) <= 8);
	assert_int_equal(tree_check(doc, NULL, 0), 0);
	doc_free(doc);
	diags_free(&d);
	/* A larger limit keeps more. */
	cfg.max_depth = 200;
	doc = doc_parse("deep.md", src.data, src.len, &cfg, &d);
	assert_non_null(doc);
	assert_true(tree_depth(doc->root) > 32);
	doc_free(doc);
	diags_free(&d);
	buf_free(&src);
	config_free(&cfg);
}

/* ---- text.c: an indent of two million blanks is capped, not an
 * overflow, and adds no space before the text ---- */

static void
test_huge_indent(void **state)
{
	struct doc	*doc = doc_new("indent.txt");
	struct diags	 d = DIAGS_INIT;
	struct buf	 src = BUF_INIT;
	struct text	 t;
	size_t		 i;

	(void)state;
	for (i = 0; i < 2000000; i++)
		buf_putc(&src, '\t');
	buf_puts(&src, "正文\n");
	assert_int_equal(text_clean(doc, src.data, src.len, 1, &t, &d), 0);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.v[0].s, "正文");
	assert_int_equal(t.v[0].indent, 1 << 20);
	buf_free(&src);
	diags_free(&d);
	doc_free(doc);
}

/* ---- config.c: a NUL byte in config.ini is an error, not a value
 * cut short (fuzz_config: base_url "https://x\0…" lost its '/') ---- */

static void
test_config_nul(void **state)
{
	static const char src[] = "[site]\ntitle = t\nbase_url = https://x"
	    "\0\0.org/a\n";
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	char		*dir = tmp_dir(), *f = path_in(dir, "config.ini");

	(void)state;
	write_file(f, src, sizeof(src) - 1);
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, f, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 3);
	assert_true(has_diag(&d, "NUL byte"));
	assert_string_equal(cfg.base_url, "/");
	unlink(f);
	rmdir(dir);
	diags_free(&d);
	config_free(&cfg);
	free(f);
	free(dir);
}

/* Sizes that do not fit a size_t are refused, not wrapped. */
static void
test_config_overflow(void **state)
{
	static const char src[] = "[limits]\nfile_size = 17179869185G\n"
	    "line_length = 18446744073709551615\nlines = 99999999999999999999\n";
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	char		*dir = tmp_dir(), *f = path_in(dir, "config.ini");

	(void)state;
	write_file(f, src, sizeof(src) - 1);
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, f, &d), -1);
	assert_int_equal(d.n, 3);
	assert_int_equal(cfg.max_file_size, 64u * 1024 * 1024);
	assert_int_equal(cfg.max_line_length, 1024u * 1024);
	assert_int_equal(cfg.max_lines, 1024u * 1024);
	unlink(f);
	rmdir(dir);
	diags_free(&d);
	config_free(&cfg);
	free(f);
	free(dir);
}

/* ---- Inputs the fuzzers found: each loads as .txt and .md ---- */

/* each_file()'s fn: data loads as .txt and as .md, to a tree that
 * keeps its invariants and writes as JSON. */
static void
regress_one(const char *path, const struct buf *data, void *arg)
{
	struct config	*cfg = arg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 json = BUF_INIT;
	struct doc	*doc;
	char		 err[256];
	int		 md;

	(void)path;
	for (md = 0; md < 2; md++) {
		doc = doc_parse(md ? "regress.md" : "regress.txt",
		    buf_cstr(data), data->len, cfg, &d);
		if (doc != NULL) {
			assert_int_equal(tree_check(doc, err, sizeof(err)), 0);
			buf_reset(&json);
			doc_json(doc, &json, 2);
			doc_free(doc);
		}
		diags_free(&d);
	}
	buf_free(&json);
}

static void
test_fuzz_regressions(void **state)
{
	struct config	 cfg;

	(void)state;
	config_defaults(&cfg);
	if (each_file("tests/fuzz/corpus/regress", regress_one, &cfg) == -1) {
		config_free(&cfg);
		skip();
	}
	config_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_read_max),
		cmocka_unit_test(test_file_read_fifo),
		cmocka_unit_test(test_doc_load_limit),
		cmocka_unit_test(test_json_invalid_utf8),
		cmocka_unit_test(test_utf8_clean),
		cmocka_unit_test(test_frontmatter_controls),
		cmocka_unit_test(test_md_controls),
		cmocka_unit_test(test_md_depth),
		cmocka_unit_test(test_huge_indent),
		cmocka_unit_test(test_config_nul),
		cmocka_unit_test(test_config_overflow),
		cmocka_unit_test(test_fuzz_regressions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
