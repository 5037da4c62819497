/*
 * test_mustache.c — the Mustache engine (mustache.c, mustache_render.c)
 * and JSON input (json.c): Chinese, standalone lines and U+3000, long
 * outputs, nesting caps, every error with its line:col, strict mode, the
 * escape table, numbers, template sets on disk.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/core_int.h"
#include "mustache/mustache_int.h"

/* ---- Helpers ---- */

/* The result of one render: output and diagnostics, one a line. */
struct run {
	struct buf	 out;
	struct buf	 msgs;
	int		 rc;
};

static void
msgs_of(const struct diags *d, struct buf *msgs)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		buf_printf(msgs, "%s:%d:%d: %s\n", d->v[i].file, d->v[i].line,
		    d->v[i].col, d->v[i].msg);
}

/*
 * Render template tmpl (added as "t") against JSON json, with partials
 * given as NULL-terminated name, source pairs.  rc is -2 when the
 * template did not compile, -3 when the JSON did not parse.
 */
static void
run_with(struct run *r, int strict, const char *tmpl, size_t tlen,
    const char *json, const char *const *partials)
{
	struct mustache_set	*set = mustache_new(NULL);
	const struct mustache	*t;
	struct arena		 a = ARENA_INIT;
	struct diags		 d = DIAGS_INIT;
	const struct value	*ctx;
	char			 err[256];

	memset(r, 0, sizeof(*r));
	mustache_strict(set, strict);
	for (; partials != NULL && partials[0] != NULL; partials += 2)
		mustache_add(set, partials[0], partials[1], strlen(partials[1]));
	mustache_add(set, "t", tmpl, tlen);
	ctx = json_parse(&a, json, strlen(json), err, sizeof(err));
	if (ctx == NULL) {
		buf_puts(&r->msgs, err);
		r->rc = -3;
	} else if ((t = mustache_get(set, "t", &d)) == NULL)
		r->rc = -2;
	else
		r->rc = mustache_render(set, t, ctx, &r->out, &d);
	buf_put(&r->out, "", 0);
	buf_put(&r->msgs, "", 0);
	msgs_of(&d, &r->msgs);
	diags_free(&d);
	arena_free(&a);
	mustache_free(set);
}

static void
run_free(struct run *r)
{
	buf_free(&r->out);
	buf_free(&r->msgs);
}

/* Assert that tmpl with json renders want, without any message. */
static void
check(const char *tmpl, const char *json, const char *want)
{
	struct run	 r;

	run_with(&r, 0, tmpl, strlen(tmpl), json, NULL);
	if (r.rc != 0 || strcmp(r.out.data, want) != 0)
		print_error("template %s\nwant [%s]\ngot  [%s]\n%s", tmpl, want,
		    r.out.data, r.msgs.data);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out.data, want);
	assert_string_equal(r.msgs.data, "");
	run_free(&r);
}

/* Assert that tmpl renders want (not strict) with exactly the warnings
 * msgs ("t:LINE:COL: text\n" each). */
static void
check_warn(const char *tmpl, const char *json, const char *want,
    const char *msgs)
{
	struct run	 r;

	run_with(&r, 0, tmpl, strlen(tmpl), json, NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out.data, want);
	assert_string_equal(r.msgs.data, msgs);
	run_free(&r);
}

/* Assert that tmpl fails (compile or render) with exactly message msg
 * (one line, "t:LINE:COL: text"). */
static void
check_error(int strict, const char *tmpl, const char *json,
    const char *const *partials, const char *msg)
{
	struct run	 r;
	struct buf	 want = BUF_INIT;

	run_with(&r, strict, tmpl, strlen(tmpl), json, partials);
	buf_printf(&want, "%s\n", msg);
	if (strcmp(r.msgs.data, want.data) != 0)
		print_error("template %s\n", tmpl);
	assert_true(r.rc < 0);
	assert_string_equal(r.msgs.data, want.data);
	buf_free(&want);
	run_free(&r);
}

/* ---- Escaping ---- */

static void
test_escape_table(void **state)
{
	struct buf	 b = BUF_INIT;
	char		 c;
	int		 i;

	(void)state;
	for (i = 0; i < 256; i++) {
		c = (char)i;
		buf_reset(&b);
		html_escape(&b, &c, 1);
		switch (i) {
		case '&': assert_string_equal(b.data, "&amp;"); break;
		case '<': assert_string_equal(b.data, "&lt;"); break;
		case '>': assert_string_equal(b.data, "&gt;"); break;
		case '"': assert_string_equal(b.data, "&quot;"); break;
		case '\'': assert_string_equal(b.data, "&#39;"); break;
		default:
			if ((i < 0x20 && i != '\t' && i != '\n' &&
			    i != '\r') || i == 0x7F) {
				/* No page may hold it (XML 1.0). */
				assert_int_equal(b.len, 0);
				break;
			}
			assert_int_equal(b.len, 1);
			assert_int_equal((unsigned char)b.data[0], i);
		}
	}
	/* Noncharacters and C1 controls go, in the fast path (CJK runs of
	 * eight bytes and more) and out of it; their neighbours stay. */
	buf_reset(&b);
	html_escape(&b, "a" "\xEF\xBF\xBE" "b" "\xEF\xBF\xBF" "c" "\xC2\x85"
	    "d" "\xEF\xB7\x90" "e" "\xF0\x9F\xBF\xBF" "f" "\xC2\xA0" "g"
	    "\xEF\xBC\x90" "\xEF\xBB\xBF", 30);
	assert_string_equal(b.data, "abcdef" "\xC2\xA0" "g" "\xEF\xBC\x90"
	    "\xEF\xBB\xBF");
	buf_reset(&b);
	html_escape(&b, "昌平区工作要点\xEF\xBF\xBE昌平区工作要点\x01。",
	    strlen("昌平区工作要点\xEF\xBF\xBE昌平区工作要点\x01。"));
	assert_string_equal(b.data, "昌平区工作要点昌平区工作要点。");
	buf_reset(&b);
	html_escape(&b, "昌平区<工作>&\"要点\"'", strlen("昌平区<工作>&\"要点\"'"));
	assert_string_equal(b.data,
	    "昌平区&lt;工作&gt;&amp;&quot;要点&quot;&#39;");
	buf_reset(&b);
	html_escape(&b, "a\0<", 3);	/* NUL dropped, length counts */
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.data, "a&lt;", 5);
	buf_free(&b);
	check("{{s}}|{{{s}}}|{{&s}}", "{\"s\":\"<a href='x'>&\\\"</a>\"}",
	    "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;|"
	    "<a href='x'>&\"</a>|<a href='x'>&\"</a>");
}

/* The escape, one byte at a time, as the oracle of test_escape_runs():
 * & < > " ' replaced; dropped: C0 controls but tab, LF and CR, DEL, C1
 * (C2 80-9F), U+FDD0-FDEF, U+FFFE, U+FFFF and U+xxFFFE, U+xxFFFF. */
static void
escape_ref(struct buf *b, const unsigned char *p, size_t n)
{
	size_t	 i = 0;

	while (i < n) {
		switch (p[i]) {
		case '&': buf_puts(b, "&amp;"); i++; continue;
		case '<': buf_puts(b, "&lt;"); i++; continue;
		case '>': buf_puts(b, "&gt;"); i++; continue;
		case '"': buf_puts(b, "&quot;"); i++; continue;
		case '\'': buf_puts(b, "&#39;"); i++; continue;
		}
		if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r') || p[i] == 0x7F) {
			i++;
			continue;
		}
		if (p[i] == 0xC2 && n - i >= 2 && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9F) {
			i += 2;
			continue;
		}
		if (p[i] == 0xEF && n - i >= 3 && ((p[i + 1] == 0xBF &&
		    (p[i + 2] == 0xBE || p[i + 2] == 0xBF)) ||
		    (p[i + 1] == 0xB7 && p[i + 2] >= 0x90 &&
		    p[i + 2] <= 0xAF))) {
			i += 3;
			continue;
		}
		if (p[i] >= 0xF0 && p[i] <= 0xF4 && n - i >= 4 &&
		    (p[i + 1] & 0x0F) == 0x0F && p[i + 2] == 0xBF &&
		    (p[i + 3] == 0xBE || p[i + 3] == 0xBF)) {
			i += 4;
			continue;
		}
		buf_putc(b, (char)p[i++]);
	}
}

/* html_escape() copies runs of bytes at once (sixteen at a time) and
 * works in chunks: on random text of every kind of piece (CJK, full
 * width punctuation, what it replaces or drops, random bytes), at every
 * length up to past a chunk, it gives what escape_ref() gives. */
static void
test_escape_runs(void **state)
{
	static const char *const piece[] = {
		"a", "工作要点", "，", "（", "\xEF\xBF\xBE", "\xEF\xB7\x90",
		"\xC2\x85", "\xC2\xA0", "\xF0\x9F\xBF\xBF", "\xF0\x9F\x98\x80",
		"&", "<", ">", "\"", "'", "\t", "\n", "\r", "\x01", "\x7F",
		"0123456789", "https://example.org/a?b=c", " ",
	};
	struct buf	 in = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	unsigned int	 seed = 22;
	int		 round, k;

	(void)state;
	for (round = 0; round < 400; round++) {
		buf_reset(&in);
		k = round < 200 ? round % 40 : 100 + rand_r(&seed) % 3000;
		while (k-- > 0) {
			if (rand_r(&seed) % 8 == 0)
				buf_putc(&in, (char)(rand_r(&seed) & 0xFF));
			else
				buf_puts(&in, piece[(size_t)rand_r(&seed) %
				    (sizeof(piece) / sizeof(piece[0]))]);
		}
		buf_reset(&got);
		buf_reset(&want);
		buf_puts(&got, "x");	/* appends */
		buf_puts(&want, "x");
		html_escape(&got, in.data != NULL ? in.data : "", in.len);
		escape_ref(&want, (const unsigned char *)(in.data != NULL ?
		    in.data : ""), in.len);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.data, want.data, want.len);
	}
	buf_free(&in);
	buf_free(&got);
	buf_free(&want);
}

/* ---- Chinese and UTF-8 ---- */

static void
test_chinese(void **state)
{
	(void)state;
	/* keys, data and template text */
	check("{{#列表}}{{序号}}、{{名称}}：{{完成情况.比例}}\n{{/列表}}",
	    "{\"列表\":[{\"序号\":\"一\",\"名称\":\"总体要求\","
	    "\"完成情况\":{\"比例\":\"85%\"}},{\"序号\":\"二\","
	    "\"名称\":\"保障<措施>\",\"完成情况\":{\"比例\":1}}]}",
	    "一、总体要求：85%\n二、保障&lt;措施&gt;：1\n");
	/* Chinese delimiters, several bytes each */
	check("{{=【 】=}}【标题】【#是】是【/是】【={{ }}=】{{标题}}",
	    "{\"标题\":\"要点\",\"是\":true}", "要点是要点");
	/* a dotted name through Chinese keys; misses are empty, with a
	 * warning each */
	check_warn("[{{甲.乙.丙}}][{{甲.乙.丁}}][{{戊}}]",
	    "{\"甲\":{\"乙\":{\"丙\":\"深\"}}}", "[深][][]",
	    "t:1:13: \"甲.乙.丁\" not found\nt:1:24: \"戊\" not found\n");
	/* bytes that are not UTF-8 pass through the template unchanged */
	check("\xff\xfe{{a}}\xc3", "{\"a\":\"中\"}", "\xff\xfe中\xc3");
}

static void
test_fullwidth_space(void **state)
{
	(void)state;
	/* blanks are space and tab: these lines are standalone */
	check("  {{#a}}\n\tx\n \t{{/a}}\n", "{\"a\":true}", "\tx\n");
	/* U+3000 is not a blank: the lines stay, with their line breaks */
	check("\u3000{{#a}}\nx\n\u3000{{/a}}\n", "{\"a\":true}",
	    "\u3000\nx\n\u3000\n");
	check("\u3000{{! 注释 }}\n", "{}", "\u3000\n");
	/* U+00A0 is not one either */
	check("\u00a0{{^a}}\n\u00a0{{/a}}\n", "{}", "\u00a0\n\u00a0\n");
	/* one character before the line break is text, not a blank: the
	 * tag's line is no standalone line (with "\n" and "\r\n") */
	check("{{#a}}x\n{{/a}}\n", "{\"a\":true}", "x\n");
	check("{{! c }}y\r\n", "{}", "y\r\n");
	check("{{#a}}\r\nx\r\n{{/a}}\r\n", "{\"a\":true}", "x\r\n");
	/* a partial after U+3000 is not standalone: not indented */
	{
		static const char *const parts[] = { "p", "一\n二\n", NULL };
		struct run	 r;

		run_with(&r, 0, "\u3000{{>p}}\n  {{>p}}\n",
		    strlen("\u3000{{>p}}\n  {{>p}}\n"), "{}", parts);
		assert_int_equal(r.rc, 0);
		assert_string_equal(r.out.data,
		    "\u3000一\n二\n\n  一\n  二\n");
		run_free(&r);
	}
}

/* ---- Size and depth ---- */

static void
test_long_output(void **state)
{
	struct mustache_set	*set = mustache_new(NULL);
	const struct mustache	*t;
	struct arena		 a = ARENA_INIT;
	struct diags		 d = DIAGS_INIT;
	struct buf		 out = BUF_INIT;
	struct value		*root, *list, *item;
	const char		*line = "第一项：推进<重点>项目 & 民生工程";
	size_t			 i, n = 200000, per;
	int			 round;

	(void)state;
	root = value_obj(&a);
	list = value_set(&a, root, "items", value_arr(&a));
	for (i = 0; i < n; i++) {
		item = value_push(list, value_obj(&a));
		value_set(&a, item, "text", value_cstr(&a, line));
		value_set(&a, item, "n", value_num(&a, (double)(i % 10)));
	}
	mustache_add(set, "t", "{{#items}}<li>{{n}}. {{text}}</li>\n{{/items}}",
	    strlen("{{#items}}<li>{{n}}. {{text}}</li>\n{{/items}}"));
	assert_non_null(t = mustache_get(set, "t", &d));
	/* compiled once, rendered twice into the same buffer */
	for (round = 1; round <= 2; round++)
		assert_int_equal(mustache_render(set, t, root, &out, &d), 0);
	/* < > & become &lt; &gt; &amp;: 3 + 3 + 4 more bytes */
	per = strlen("<li>0. </li>\n") + strlen(line) + 10;
	assert_true(out.len > 10 * 1024 * 1024);
	assert_int_equal(out.len, 2 * n * per);
	assert_int_equal(d.n, 0);
	assert_memory_equal(out.data, "<li>0. 第一项：推进&lt;重点&gt;项目 &amp; "
	    "民生工程</li>\n<li>1. ", strlen("<li>0. 第一项：推进&lt;重点&gt;"
	    "项目 &amp; 民生工程</li>\n<li>1. "));
	assert_memory_equal(out.data + out.len - per, "<li>9. ", 7);
	buf_free(&out);
	diags_free(&d);
	arena_free(&a);
	mustache_free(set);
}

/* A template of n sections nested inside each other. */
static void
nested(struct buf *b, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		buf_puts(b, "{{#a}}");
	buf_puts(b, "x");
	for (i = 0; i < n; i++)
		buf_puts(b, "{{/a}}");
}

static void
test_deep_nesting(void **state)
{
	struct buf	 b = BUF_INIT;
	struct run	 r;
	char		 msg[200];

	(void)state;
	nested(&b, MUSTACHE_MAX_NEST);
	run_with(&r, 0, b.data, b.len, "{\"a\":{\"a\":1}}", NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out.data, "x");
	run_free(&r);

	buf_reset(&b);
	nested(&b, MUSTACHE_MAX_NEST + 1);
	snprintf(msg, sizeof(msg), "t:1:%d: template too deeply nested: more "
	    "than %d sections inside each other", MUSTACHE_MAX_NEST * 6 + 1,
	    MUSTACHE_MAX_NEST);
	check_error(0, b.data, "{}", NULL, msg);

	/* 100,000 nested sections: an error, not a crash */
	buf_reset(&b);
	nested(&b, 100000);
	run_with(&r, 0, b.data, b.len, "{}", NULL);
	assert_int_equal(r.rc, -2);
	run_free(&r);

	/* recursion through partials stops at the cap */
	snprintf(msg, sizeof(msg), "t:1:3: \"t\": partials, parents and "
	    "blocks nested deeper than %d levels (recursion?)",
	    MUSTACHE_MAX_DEPTH);
	check_error(0, "x {{>t}}", "{}", NULL, msg);
	{
		static const char *const parts[] = {
			"p", "{{#a}}{{>q}}{{/a}}", "q", "\n  {{>p}}\n", NULL };

		snprintf(msg, sizeof(msg), "q:2:3: \"p\": partials, parents and "
		    "blocks nested deeper than %d levels (recursion?)",
		    MUSTACHE_MAX_DEPTH);
		check_error(0, "{{>p}}", "{\"a\":1}", parts, msg);
	}
	/* a block whose override expands itself */
	{
		static const char *const parts[] = { "base", "{{$b}}{{/b}}",
			NULL };

		snprintf(msg, sizeof(msg), "t:1:17: \"b\": partials, parents "
		    "and blocks nested deeper than %d levels (recursion?)",
		    MUSTACHE_MAX_DEPTH);
		check_error(0, "{{<base}}{{$b}}[{{$b}}{{/b}}]{{/b}}{{/base}}",
		    "{}", parts, msg);
	}
	/* recursion that ends is fine: the spec's tree walk */
	{
		static const char *const parts[] = { "node",
			"{{v}}({{#kids}}{{>node}}{{/kids}})", NULL };
		struct run	 rr;
		struct buf	 json = BUF_INIT;
		int		 i;

		for (i = 0; i < 60; i++)
			buf_puts(&json, "{\"v\":1,\"kids\":[");
		for (i = 0; i < 60; i++)
			buf_puts(&json, "]}");
		run_with(&rr, 0, "{{>node}}", 9, json.data, parts);
		assert_int_equal(rr.rc, 0);
		assert_int_equal(rr.out.len, 60 * 3);
		run_free(&rr);
		buf_free(&json);
	}
	buf_free(&b);
}

/* ---- Errors ---- */

static void
test_compile_errors(void **state)
{
	(void)state;
	check_error(0, "{{#a}}\n{{/b}}", "{}", NULL,
	    "t:2:1: closing tag \"b\" does not match section \"a\" opened at 1:1");
	check_error(0, "x\n 中{{^a}}{{/a}}{{/a}}", "{}", NULL,
	    "t:2:15: closing tag \"a\" without an open section");
	check_error(0, "中文{{#a}}\n正文\n", "{}", NULL,
	    "t:3:1: unclosed section \"a\" opened at 1:3");
	check_error(0, "{{<p}}\n  {{$b}}x", "{}", NULL,
	    "t:2:10: unclosed block \"b\" opened at 2:3");
	check_error(0, "{{^a}}{{/a}}{{<p}}\n", "{}", NULL,
	    "t:2:1: unclosed parent \"p\" opened at 1:13");
	check_error(0, "{{$b}}{{/c}}", "{}", NULL,
	    "t:1:7: closing tag \"c\" does not match block \"b\" opened at 1:1");
	check_error(0, "ab\n要点 {{name", "{}", NULL,
	    "t:2:4: unclosed tag: no \"}}\" after \"{{\"");
	check_error(0, "{{{x}}", "{}", NULL,
	    "t:1:1: unclosed tag: no \"}}}\" after \"{{\"");
	check_error(0, "{{=<% %>=}}\n<%a}}", "{}", NULL,
	    "t:2:1: unclosed tag: no \"%>\" after \"<%\"");
	check_error(0, "x{{=<% %>}}", "{}", NULL,
	    "t:1:2: unclosed tag: no \"=}}\" after \"{{\"");
	check_error(0, "{{=<%=}}", "{}", NULL,
	    "t:1:1: bad delimiter change \"<%\": want two delimiters without "
	    "'=' or blanks");
	check_error(0, "\n  {{=<% % %>=}}", "{}", NULL,
	    "t:2:3: bad delimiter change \"<% % %>\": want two delimiters");
	check_error(0, "{{=<= =>=}}", "{}", NULL,
	    "t:1:1: bad delimiter change \"<= =>\": want two delimiters "
	    "without '=' or blanks");
	check_error(0, "{{=<%%%%%%%%%%%%%%%%% %>=}}", "{}", NULL,
	    "t:1:1: bad delimiter change: delimiters longer than 16 bytes");
	check_error(0, "a{{}}", "{}", NULL, "t:1:2: empty tag name");
	check_error(0, "a{{# }}{{/ }}", "{}", NULL, "t:1:2: empty tag name");
	check_error(0, "{{a b}}", "{}", NULL,
	    "t:1:1: bad tag name \"a b\": blank inside");
	check_error(0, "{{a..b}}", "{}", NULL,
	    "t:1:1: bad name \"a..b\": empty part");
	check_error(0, "{{#.a}}{{/.a}}", "{}", NULL,
	    "t:1:1: bad name \".a\": empty part");
	check_error(0, "{{>../secret}}", "{}", NULL, "t:1:1: template name "
	    "\"../secret\" is not allowed (absolute, \"..\" or NUL)");
	check_error(0, "{{</etc/passwd}}{{//etc/passwd}}", "{}", NULL,
	    "t:1:1: template name \"/etc/passwd\" is not allowed (absolute, "
	    "\"..\" or NUL)");
	check_error(0, "{{>a/../../b}}", "{}", NULL, "t:1:1: template name "
	    "\"a/../../b\" is not allowed (absolute, \"..\" or NUL)");
	{
		static const char tmpl[] = "{{a\0b}}";
		struct run	 r;

		run_with(&r, 0, tmpl, sizeof(tmpl) - 1, "{}", NULL);
		assert_int_equal(r.rc, -2);
		assert_non_null(strstr(r.msgs.data, "t:1:1: bad tag name"));
		run_free(&r);
	}
	/* a partial that does not compile, rendered from another */
	{
		static const char *const parts[] = { "p", "\n  {{#x}}", NULL };

		check_error(0, "ok {{>p}}", "{}", parts,
		    "p:2:9: unclosed section \"x\" opened at 2:3\n"
		    "t:1:4: partial \"p\" does not compile");
	}
}

static void
test_strict(void **state)
{
	static const char *const parts[] = { "p", "[{{x}}]", NULL };
	struct run	 r;

	(void)state;
	/* normal mode: misses are empty, with a warning each */
	run_with(&r, 0, "a{{nope}}b{{>nope}}c{{<nope}}{{/nope}}d",
	    strlen("a{{nope}}b{{>nope}}c{{<nope}}{{/nope}}d"), "{}", NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out.data, "abcd");
	assert_string_equal(r.msgs.data, "t:1:2: \"nope\" not found\n"
	    "t:1:11: partial \"nope\" not found\n"
	    "t:1:21: parent \"nope\" not found\n");
	run_free(&r);
	/* a section over a missing name is never reported: it asks */
	check("{{#a.b}}x{{/a.b}}{{^nope}}y{{/nope}}", "{\"a\":{}}", "y");

	check_error(1, "a\n {{titel}}", "{\"title\":1}", NULL,
	    "t:2:2: \"titel\" not found");
	run_with(&r, 1, "{{#a.b}}x{{/a.b}}{{^nope}}y{{/nope}}",
	    strlen("{{#a.b}}x{{/a.b}}{{^nope}}y{{/nope}}"), "{\"a\":{}}",
	    NULL);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out.data, "y");
	assert_string_equal(r.msgs.data, "");
	run_free(&r);
	check_error(1, "x {{>nope}}", "{}", NULL,
	    "t:1:3: partial \"nope\" not found");
	check_error(1, "{{<nope}}{{/nope}}", "{}", NULL,
	    "t:1:1: parent \"nope\" not found");
	check_error(1, "{{>*which}}", "{}", NULL,
	    "t:1:1: \"which\" not found: no template name");
	check_error(1, "{{>*which}}", "{\"which\":5}", NULL,
	    "t:1:1: \"which\" is not a string: no template name");
	check_error(1, "{{>*which}}", "{\"which\":\"q\"}", parts,
	    "t:1:1: partial \"q\" not found");
	/* errors inside a partial name the partial */
	check_error(1, "{{>p}}", "{}", parts, "p:1:2: \"x\" not found");
	/* null is there: not missing */
	check("{{a}}|{{#a}}x{{/a}}", "{\"a\":null}", "|");

	/* rendering goes on; each tag is reported once */
	run_with(&r, 1, "{{#l}}<{{a}}{{b}}>{{/l}}", 24,
	    "{\"l\":[1,2,3],\"a\":\"A\"}", NULL);
	assert_int_equal(r.rc, -1);
	assert_string_equal(r.out.data, "<A><A><A>");
	assert_string_equal(r.msgs.data, "t:1:13: \"b\" not found\n");
	run_free(&r);

	/* a name from data leaving the directory is refused in any mode */
	check_error(0, "{{>*p}}", "{\"p\":\"../etc/passwd\"}", NULL,
	    "t:1:1: partial name \"../etc/passwd\" is not allowed (absolute, "
	    "\"..\" or NUL)");
}

/* ---- Values ---- */

static void
test_numbers(void **state)
{
	(void)state;
	check("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}}",
	    "{\"a\":85,\"b\":1.21,\"c\":-0.5,\"d\":0,\"e\":-0,\"f\":1e21,"
	    "\"g\":123456789012,\"h\":0.30000000000000004}",
	    "85 1.21 -0.5 0 0 1e+21 123456789012 0.30000000000000004");
	check("{{t}} {{f}} [{{n}}] {{#z}}no{{/z}}{{^z}}zero{{/z}}",
	    "{\"t\":true,\"f\":false,\"n\":null,\"z\":0}",
	    "true false [] zero");
	check("{{#n}}{{.}}{{/n}} {{#s}}[{{.}}]{{/s}}", "{\"n\":2.5,\"s\":\"0\"}",
	    "2.5 [0]");
	check("{{#l}}{{.}},{{/l}}", "{\"l\":[1,1.5,-3,1000000]}",
	    "1,1.5,-3,1000000,");
}

static void
test_json(void **state)
{
	struct arena		 a = ARENA_INIT;
	const struct value	*v, *m;
	struct buf		 b = BUF_INIT;
	char			 err[128];

#define JSON(s) json_parse(&a, (s), strlen(s), err, sizeof(err))
	(void)state;
	v = JSON("{\"z\":1,\"甲\":[true,null],\"a\":\"x\"}");
	assert_non_null(v);
	m = v->first;
	assert_string_equal(m->key, "z");
	assert_string_equal(m->next->key, "甲");
	assert_string_equal(m->next->next->key, "a");
	value_json(v, &b, 0);
	assert_string_equal(b.data, "{\"z\":1,\"甲\":[true,null],\"a\":\"x\"}");
	assert_null(JSON("{\n  \"a\": [1,\n  }"));
	assert_string_equal(err, "3:3: JSON syntax error at '}'");
	assert_null(JSON("{\"中文\": tru}"));
	assert_string_equal(err, "1:8: JSON syntax error at 't'");
	assert_null(JSON(""));
	assert_string_equal(err, "1:1: unexpected end of JSON");
	assert_null(JSON("{} x"));
	assert_string_equal(err, "1:4: unexpected text after the JSON value");
	assert_null(JSON("\"中\xff\""));
	assert_string_equal(err, "1:3: invalid UTF-8");
	assert_non_null(v = JSON("\xEF\xBB\xBF[1] \n"));
	assert_int_equal(v->type, V_ARR);
	{
		struct buf	 deep = BUF_INIT;
		int		 i;

		for (i = 0; i < 600; i++)
			buf_putc(&deep, '[');
		for (i = 0; i < 600; i++)
			buf_putc(&deep, ']');
		assert_null(json_parse(&a, deep.data, deep.len, err,
		    sizeof(err)));
		assert_string_equal(err, "1:1: JSON nested too deeply");
		buf_free(&deep);
	}
	buf_free(&b);
	arena_free(&a);
#undef JSON
}

/* ---- Sets ---- */

static void
write_file(const char *path, const char *text)
{
	assert_int_equal(file_write(path, text, strlen(text)), 0);
}

static void
test_set_on_disk(void **state)
{
	char			 dir[] = "/tmp/test_mustache.XXXXXX", path[1024];
	struct mustache_set	*set;
	const struct mustache	*t;
	struct diags		 d = DIAGS_INIT;
	struct buf		 out = BUF_INIT, msgs = BUF_INIT;
	struct arena		 a = ARENA_INIT;
	const struct value	*ctx;
	char			 err[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/inc", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/page.mustache", dir);
	write_file(path, "<title>{{title}}</title>\n  {{>inc/head}}\n");
	snprintf(path, sizeof(path), "%s/inc/head.mustache", dir);
	write_file(path, "<meta>\n<b>{{title}}</b>\n");
	snprintf(path, sizeof(path), "%s/bad.mustache", dir);
	write_file(path, "第一行\n  {{#a}}\n");
	ctx = json_parse(&a, "{\"title\":\"要点\"}",
	    strlen("{\"title\":\"要点\"}"), err, sizeof(err));
	assert_non_null(ctx);

	set = mustache_new(dir);
	assert_non_null(t = mustache_get(set, "page", &d));
	assert_int_equal(mustache_render(set, t, ctx, &out, &d), 0);
	assert_string_equal(out.data, "<title>要点</title>\n  <meta>\n"
	    "  <b>要点</b>\n");
	/* errors name the file */
	assert_null(mustache_get(set, "bad", &d));
	assert_null(mustache_get(set, "missing", &d));
	assert_null(mustache_get(set, "../page", &d));
	assert_null(mustache_get(set, "/etc/passwd", &d));
	msgs_of(&d, &msgs);
	snprintf(path, sizeof(path), "%s/bad.mustache:3:1: unclosed section "
	    "\"a\" opened at 2:3\n%s/missing.mustache:0:0: template not "
	    "found: no %s/missing.mustache\n../page:0:0: template name "
	    "\"../page\" is not allowed (absolute, \"..\" or NUL)\n"
	    "/etc/passwd:0:0: template name \"/etc/passwd\" is not allowed "
	    "(absolute, \"..\" or NUL)\n", dir, dir, dir);
	assert_string_equal(msgs.data, path);

	/* an added source wins over the file and replaces a cached one;
	 * the template returned before stays usable */
	mustache_add(set, "inc/head", "[{{title}}]", 11);
	buf_reset(&out);
	assert_int_equal(mustache_render(set, t, ctx, &out, &d), 0);
	assert_string_equal(out.data, "<title>要点</title>\n  [要点]");
	mustache_add(set, "page", "new {{title}}", 13);
	buf_reset(&out);
	assert_int_equal(mustache_render(set, t, ctx, &out, &d), 0);
	assert_string_equal(out.data, "<title>要点</title>\n  [要点]");
	assert_non_null(t = mustache_get(set, "page", &d));
	buf_reset(&out);
	assert_int_equal(mustache_render(set, t, ctx, &out, &d), 0);
	assert_string_equal(out.data, "new 要点");
	mustache_free(set);

	snprintf(path, sizeof(path), "%s/inc/head.mustache", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/inc", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/page.mustache", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bad.mustache", dir);
	unlink(path);
	rmdir(dir);
	buf_free(&out);
	buf_free(&msgs);
	diags_free(&d);
	arena_free(&a);
}

/* ---- Features beyond the spec's own tests ---- */

static void
test_inheritance(void **state)
{
	static const char *const parts[] = {
		"base", "<html>\n  <body>\n    {{$main}}\n    <p>默认</p>\n"
		"    {{/main}}\n  </body>\n</html>\n",
		"box", "<div>{{$title}}标题{{/title}}</div>", NULL };
	struct run	 r;

	(void)state;
	/* the page's block is re-indented to where the parent has it */
	run_with(&r, 0, "{{<base}}\n{{$main}}\n{{#items}}\n<p>{{.}}</p>\n"
	    "{{/items}}\n{{/main}}\n{{/base}}\n", strlen("{{<base}}\n"
	    "{{$main}}\n{{#items}}\n<p>{{.}}</p>\n{{/items}}\n{{/main}}\n"
	    "{{/base}}\n"),
	    "{\"items\":[\"一\",\"二\"]}", parts);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out.data, "<html>\n  <body>\n    <p>一</p>\n"
	    "    <p>二</p>\n  </body>\n</html>\n");
	run_free(&r);
	/* default content, a dynamic parent, text in the parent ignored */
	run_with(&r, 0, "{{<base}}{{/base}}|{{<*which}} 忽略 {{$title}}新"
	    "{{/title}}{{/*which}}", strlen("{{<base}}{{/base}}|{{<*which}} "
	    "忽略 {{$title}}新{{/title}}{{/*which}}"), "{\"which\":\"box\"}",
	    parts);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out.data, "<html>\n  <body>\n    <p>默认</p>\n"
	    "  </body>\n</html>\n|<div>新</div>");
	run_free(&r);
}

/* What a test sink was handed: the pieces joined, their number and the
 * longest; it fails (-1) from the fail_at-th call on (0: never). */
struct pieces {
	struct buf	 all;
	size_t		 n, longest;
	size_t		 fail_at;
};

static int
pieces_flush(void *arg, const char *data, size_t len)
{
	struct pieces	*p = arg;

	p->n++;
	if (p->fail_at != 0 && p->n >= p->fail_at)
		return -1;
	buf_put(&p->all, data, len);
	if (len > p->longest)
		p->longest = len;
	return 0;
}

/* mustache_render_sink(): a page goes out in pieces of about flush_at
 * bytes, whose bytes are those mustache_render() gives; the buffer is
 * left empty.  A failed flush stops it (-2, no message of its own); an
 * error stops it with the rest not flushed; an empty page flushes
 * nothing. */
static void
test_sink(void **state)
{
	static const char tmpl[] = "<ul>\n{{#items}}  <li>{{.}}</li>\n"
	    "{{/items}}</ul>\n";
	struct mustache_set	*set = mustache_new(NULL);
	const struct mustache	*t, *empty;
	struct mustache_sink	 sink = { pieces_flush, NULL, 64 };
	struct pieces		 p;
	struct arena		 a = ARENA_INIT;
	struct diags		 d = DIAGS_INIT;
	struct buf		 whole = BUF_INIT, out = BUF_INIT, json = BUF_INIT;
	const struct value	*ctx;
	char			 err[256];
	size_t			 i;

	(void)state;
	buf_puts(&json, "{\"items\":[");
	for (i = 0; i < 1000; i++)
		buf_printf(&json, "%s\"第%zu项 <&>\"", i ? "," : "", i);
	buf_puts(&json, "]}");
	assert_non_null(ctx = json_parse(&a, json.data, json.len, err,
	    sizeof(err)));
	mustache_add(set, "t", tmpl, strlen(tmpl));
	mustache_add(set, "empty", "{{#none}}x{{/none}}", 19);
	assert_non_null(t = mustache_get(set, "t", &d));
	assert_non_null(empty = mustache_get(set, "empty", &d));
	assert_int_equal(mustache_render(set, t, ctx, &whole, &d), 0);
	assert_true(whole.len > 30000);

	/* in pieces: the same bytes, none much over flush_at */
	memset(&p, 0, sizeof(p));
	sink.arg = &p;
	assert_int_equal(mustache_render_sink(set, t, ctx, &out, &sink, &d),
	    0);
	assert_int_equal(out.len, 0);
	assert_int_equal(p.all.len, whole.len);
	assert_memory_equal(p.all.data, whole.data, whole.len);
	assert_true(p.n > whole.len / 128);
	assert_true(p.longest < 64 + 64);
	/* a large flush_at: all of it in one piece at the end */
	buf_free(&p.all);
	memset(&p, 0, sizeof(p));
	sink.flush_at = (size_t)1 << 30;
	assert_int_equal(mustache_render_sink(set, t, ctx, &out, &sink, &d),
	    0);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.all.len, whole.len);
	/* an empty page: nothing to flush */
	buf_free(&p.all);
	memset(&p, 0, sizeof(p));
	assert_int_equal(mustache_render_sink(set, empty, ctx, &out, &sink,
	    &d), 0);
	assert_int_equal(p.n, 0);
	assert_int_equal(d.n, 0);

	/* a flush that fails stops the page: -2, no message */
	memset(&p, 0, sizeof(p));
	p.fail_at = 3;
	sink.flush_at = 64;
	assert_int_equal(mustache_render_sink(set, t, ctx, &out, &sink, &d),
	    -2);
	assert_int_equal(p.n, 3);
	assert_int_equal(d.n, 0);
	buf_free(&p.all);

	/* the output limit counts what was flushed: an error, the rest
	 * not handed on */
	memset(&p, 0, sizeof(p));
	buf_reset(&out);
	mustache_limit(set, 10000);
	assert_int_equal(mustache_render_sink(set, t, ctx, &out, &sink, &d),
	    -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "output over the limit"));
	assert_true(p.all.len <= 10000);
	assert_true(p.all.len > 10000 - 128);

	buf_free(&p.all);
	buf_free(&whole);
	buf_free(&out);
	buf_free(&json);
	diags_free(&d);
	arena_free(&a);
	mustache_free(set);
}

/* mustache_mentions(): names by their first part, through partials and
 * parents (a cycle ends), dynamic ones and broken templates count as
 * everything, a missing template as nothing. */
static void
test_mentions(void **state)
{
	static const char *const src[][2] = {
		{ "page", "{{title}} {{#site.ndocs}}x{{/site.ndocs}}{{>foot}}" },
		{ "foot", "{{<frame}}{{$b}}{{^nitems}}-{{/nitems}}{{/b}}"
		    "{{/frame}}{{>page}}" },
		{ "frame", "[{{$b}}{{/b}}]{{{raw}}}" },
		{ "dyn", "{{>*which}}" },
		{ "bad", "{{#open}}" },
	};
	static const char *const site[] = { "site" };
	static const char *const nitems[] = { "nitems" };
	static const char *const raw[] = { "raw" };
	static const char *const ndocs[] = { "ndocs", "none" };
	static const char *const none[] = { "none" };
	struct mustache_set	*ms = mustache_new(NULL);
	struct diags		 d = DIAGS_INIT;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(src) / sizeof(src[0]); i++)
		mustache_add(ms, src[i][0], src[i][1], strlen(src[i][1]));
	assert_int_equal(mustache_mentions(ms, "page", site, 1, &d), 1);
	assert_int_equal(mustache_mentions(ms, "page", nitems, 1, &d), 1);
	assert_int_equal(mustache_mentions(ms, "page", raw, 1, &d), 1);
	/* "site.ndocs" mentions site, not ndocs */
	assert_int_equal(mustache_mentions(ms, "page", ndocs, 2, &d), 0);
	assert_int_equal(mustache_mentions(ms, "frame", nitems, 1, &d), 0);
	assert_int_equal(mustache_mentions(ms, "dyn", none, 1, &d), 1);
	assert_int_equal(mustache_mentions(ms, "missing", none, 1, &d), 0);
	assert_int_equal(diags_count(&d, SEV_ERROR), 0);
	assert_int_equal(mustache_mentions(ms, "bad", none, 1, &d), 1);
	assert_true(diags_count(&d, SEV_ERROR) > 0);
	diags_free(&d);
	mustache_free(ms);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_table),
		cmocka_unit_test(test_escape_runs),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_fullwidth_space),
		cmocka_unit_test(test_long_output),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_strict),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_set_on_disk),
		cmocka_unit_test(test_inheritance),
		cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_sink),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
