/*
 * test_site.c — slugs, percent-encoding, unique names, natural order,
 * numbers and anchors, node views, charts, the atomic publish, and a
 * whole build with colliding file names.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "parse/parse.h"
#include "site/site_int.h"
#include "build/build_int.h"

/* ---- slug.c ---- */

static void
assert_slug(const char *in, const char *want)
{
	char	*s = slug_make(in, "doc");

	assert_string_equal(s, want);
	free(s);
}

static void
test_slug_examples(void **state)
{
	(void)state;
	assert_slug("2015-changping-weisheng-jisheng-gongzuo-yaodian",
	    "2015-changping-weisheng-jisheng-gongzuo-yaodian");
	assert_slug("2015 Changping Plan", "2015-changping-plan");
	assert_slug("办实事项目25", "办实事项目25");
	assert_slug("办实事项目（25）", "办实事项目-25");
	assert_slug("海关总署、商务部负责", "海关总署-商务部负责");
	assert_slug("牵头单位：区卫生健康委；配合单位：区医保局",
	    "牵头单位-区卫生健康委-配合单位-区医保局");
	assert_slug("ＡＢ１２　报告", "ab12-报告");	/* full width folded */
	assert_slug("../../etc/passwd", "etc-passwd");
	assert_slug("a/b\\c", "a-b-c");
	assert_slug("plan.v2.txt", "plan-v2-txt");
	assert_slug("--x--", "x");
	assert_slug("tab\there\x01\x7f", "tab-here");
	assert_slug("<script>alert(1)</script>", "script-alert-1-script");
	assert_slug("snake_case", "snake_case");
	assert_slug("二〇一五年", "二〇一五年");
	/* Never empty: the fallback. */
	assert_slug("", "doc");
	assert_slug("   ", "doc");
	assert_slug("。。、", "doc");
	assert_slug("\xff\xfe", "doc");
	assert_slug(NULL, "doc");
}

static void
test_slug_bounded(void **state)
{
	struct buf	 in = BUF_INIT;
	char		*s;
	int		 i;

	(void)state;
	for (i = 0; i < 200; i++)
		buf_puts(&in, "卫");
	s = slug_make(in.data, "doc");
	assert_true(strlen(s) <= SLUG_MAX);
	assert_true(strlen(s) >= SLUG_MAX - 3);
	assert_int_equal(utf8_valid(s, strlen(s)), strlen(s));
	free(s);
	buf_reset(&in);
	for (i = 0; i < 200; i++)
		buf_puts(&in, "ab ");
	s = slug_make(in.data, "doc");
	assert_true(strlen(s) <= SLUG_MAX);
	assert_true(s[strlen(s) - 1] != '-');
	free(s);
	buf_free(&in);
}

/* Any bytes make a safe name: no '/', '.', blank or control, no
 * leading, trailing or doubled '-', valid UTF-8, bounded. */
static void
test_slug_safe(void **state)
{
	uint32_t	 seed = 12345;
	char		 in[64], *s;
	size_t		 i, k, len;
	int		 iter;

	(void)state;
	for (iter = 0; iter < 3000; iter++) {
		len = (size_t)(iter % 63);
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (char)(seed >> 16);
		}
		in[len] = '\0';
		s = slug_make(in, "x");
		k = strlen(s);
		assert_true(k > 0 && k <= SLUG_MAX);
		assert_int_equal(utf8_valid(s, k), k);
		assert_true(s[0] != '-' && s[k - 1] != '-');
		assert_null(strstr(s, "--"));
		for (i = 0; i < k; i++) {
			assert_true(s[i] != '/' && s[i] != '.' && s[i] != ' ');
			assert_true((unsigned char)s[i] >= 0x20 &&
			    s[i] != 0x7f);
		}
		free(s);
	}
}

static void
test_url_encode(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	url_encode(&b, "tag/办实事项目25.html");
	assert_string_equal(b.data,
	    "tag/%E5%8A%9E%E5%AE%9E%E4%BA%8B%E9%A1%B9%E7%9B%AE25.html");
	buf_reset(&b);
	url_encode(&b, "a b&c?d#e%f\"<'>");
	assert_string_equal(b.data, "a%20b%26c%3Fd%23e%25f%22%3C%27%3E");
	buf_reset(&b);
	url_encode(&b, "AZaz09-._~/");
	assert_string_equal(b.data, "AZaz09-._~/");
	buf_reset(&b);
	url_encode(&b, "");
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

static void
test_slugset(void **state)
{
	struct slugset	 set = SLUGSET_INIT;
	char		 name[32];
	const char	*s;
	int		 renamed, i;

	(void)state;
	s = slugset_claim(&set, "a", '-', &renamed);
	assert_string_equal(s, "a");
	assert_false(renamed);
	s = slugset_claim(&set, "a", '-', &renamed);
	assert_string_equal(s, "a-2");
	assert_true(renamed);
	assert_string_equal(slugset_claim(&set, "a", '-', NULL), "a-3");
	/* A natural "a-2" comes after: it is renamed too, never shared. */
	assert_string_equal(slugset_claim(&set, "a-2", '-', NULL), "a-2-2");
	assert_string_equal(slugset_claim(&set, "i5", '_', NULL), "i5");
	assert_string_equal(slugset_claim(&set, "i5", '_', NULL), "i5_2");
	assert_true(slugset_has(&set, "a-3"));
	assert_false(slugset_has(&set, "a-4"));
	/* The next suffix a base resumes from skips names taken since
	 * (b-3, b-5 claimed as themselves) and is kept per separator. */
	assert_string_equal(slugset_claim(&set, "b", '-', NULL), "b");
	assert_string_equal(slugset_claim(&set, "b-3", '-', NULL), "b-3");
	assert_string_equal(slugset_claim(&set, "b", '-', NULL), "b-2");
	assert_string_equal(slugset_claim(&set, "b-5", '-', NULL), "b-5");
	assert_string_equal(slugset_claim(&set, "b", '-', NULL), "b-4");
	assert_string_equal(slugset_claim(&set, "b", '-', NULL), "b-6");
	assert_string_equal(slugset_claim(&set, "b", '_', NULL), "b_2");
	assert_string_equal(slugset_claim(&set, "b", '-', NULL), "b-7");
	assert_int_equal(set.n, 14);
	for (i = 0; i < 2000; i++) {
		snprintf(name, sizeof(name), "n%d", i % 500);
		slugset_claim(&set, name, '-', NULL);
	}
	assert_int_equal(set.n, 2014);
	assert_true(slugset_has(&set, "n499-4"));
	assert_false(slugset_has(&set, "n499-5"));
	slugset_free(&set);
	assert_int_equal(set.n, 0);
}

/* slugset_claim_in(): the names are the caller's, in its arena, and
 * outlive the set; a set made room for (slugset_reserve()) takes that
 * many without growing, and claims as one that grows. */
static void
test_slugset_in(void **state)
{
	struct slugset	 set = SLUGSET_INIT, grown = SLUGSET_INIT;
	struct arena	 a = ARENA_INIT;
	const char	*s, *t, *u;
	char		 name[32];
	size_t		 cap;
	int		 i, renamed;

	(void)state;
	slugset_reserve(&set, 1000);
	cap = set.cap;
	assert_true(cap >= 1000);
	s = slugset_claim_in(&set, &a, "s1-i1", '_', &renamed);
	assert_false(renamed);
	t = slugset_claim_in(&set, &a, "s1-i1", '_', &renamed);
	assert_true(renamed);
	assert_string_equal(t, "s1-i1_2");
	for (i = 0; i < 998; i++) {
		snprintf(name, sizeof(name), "i%d", i % 100);
		u = slugset_claim_in(&set, &a, name, '_', NULL);
		snprintf(name, sizeof(name), "i%d", i % 100);
		assert_string_equal(u, slugset_claim(&grown, name, '_',
		    NULL));
	}
	assert_int_equal(set.n, 1000);
	assert_int_equal(set.cap, cap);
	/* 998 claims of i0 … i99: ten of i97, nine of i99. */
	assert_true(slugset_has(&set, "i97_10"));
	assert_true(slugset_has(&set, "i99_9"));
	assert_false(slugset_has(&set, "i99_10"));
	slugset_free(&set);
	slugset_free(&grown);
	/* The names are in a, not the set's. */
	assert_string_equal(s, "s1-i1");
	assert_string_equal(t, "s1-i1_2");
	arena_free(&a);
}

static int
natcmp_qsort(const void *a, const void *b)
{
	return natcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_natcmp(void **state)
{
	const char	*v[] = { "项目10", "项目9", "项目", "b", "a2", "a10",
	    "a02", "项目1", "A" };
	const char	*want[] = { "A", "a02", "a2", "a10", "b", "项目",
	    "项目1", "项目9", "项目10" };
	size_t		 i, j, n = sizeof(v) / sizeof(v[0]);

	(void)state;
	assert_true(natcmp("项目9", "项目10") < 0);
	assert_true(natcmp("项目10", "项目9") > 0);
	assert_int_equal(natcmp("x", "x"), 0);
	assert_true(natcmp("a2", "a02") != 0);	/* a total order */
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			assert_true((natcmp(v[i], v[j]) < 0) ==
			    (natcmp(v[j], v[i]) > 0));
	qsort(v, n, sizeof(v[0]), natcmp_qsort);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);
}

/* ---- summary.c: the counts in words ---- */

/* Sections and subsections in Chinese numerals (one is 一, ten 十,
 * thirteen 十三, 105 一百零五), the rest in digits, zeros left out,
 * written by hand from the site's own wording. */
static void
test_counts_text(void **state)
{
	static const struct {
		struct counts	 c;
		const char	*want;
	} cases[] = {
		{ { .sections = 1 }, "一个部分" },
		{ { .subsections = 1, .items = 1 }, "一个小节、1项" },
		{ { .sections = 10, .subsections = 13 }, "十个部分、十三个小节" },
		{ { .sections = 21, .points = 2 }, "二十一个部分、2个分项" },
		{ { .sections = 105, .entries = 3 }, "一百零五个部分、3条" },
		{ { .subsections = 2000, .rows = 4 }, "二千个小节、表格4行" },
		{ { .sections = 10000 }, "10000个部分" },
		{ { .items = 0 }, "" },
	};
	struct arena	 a = ARENA_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(counts_text(&a, &cases[i].c),
		    cases[i].want);
	arena_free(&a);
}

/* ---- view.c: anchors (num_value: test_numeral) ---- */

static struct node *
add(struct doc *doc, struct node *parent, enum node_type t, const char *num,
    const char *label, const char *title, const char *text)
{
	struct node	*n = node_append(parent, node_new(doc, t, 1));

	n->num = num;
	n->label = label;
	n->title = title;
	n->text = text;
	if (t == NODE_SECTION)
		n->level = parent->type == NODE_SECTION ? parent->level + 1 : 1;
	return n;
}

static void
test_anchors(void **state)
{
	struct doc	*doc = doc_new("t.txt");
	struct anchors	 an = ANCHORS_INIT;
	struct node	*s1, *s12, *l, *i1, *i2, *il, *e1, *e2, *p, *pl, *pe,
			*s1b, *s3, *ll, *i57a, *i57b;

	(void)state;
	p = add(doc, doc->root, NODE_PARAGRAPH, NULL, NULL, NULL, "引言");
	pl = add(doc, p, NODE_LIST, NULL, NULL, NULL, NULL);
	pl->style = LIST_INLINE;
	pe = add(doc, pl, NODE_ITEM, "二", "二是", NULL, "x");
	s1 = add(doc, doc->root, NODE_SECTION, "一", "一、", "总", NULL);
	s12 = add(doc, s1, NODE_SECTION, "二", "（二）", "分", NULL);
	l = add(doc, s12, NODE_LIST, NULL, NULL, NULL, NULL);
	i1 = add(doc, l, NODE_ITEM, "1", "1.", "a", "a");
	i2 = add(doc, l, NODE_ITEM, "2", "2.", "b", "b");
	il = add(doc, i1, NODE_LIST, NULL, NULL, NULL, NULL);
	il->style = LIST_INLINE;
	e1 = add(doc, il, NODE_ITEM, "一", "一是", NULL, "c");
	e2 = add(doc, il, NODE_ITEM, "二", "二是", NULL, "d");
	s1b = add(doc, doc->root, NODE_SECTION, "一", "一、", "重复", NULL);
	s3 = add(doc, doc->root, NODE_SECTION, NULL, NULL, "无号", NULL);
	ll = add(doc, s3, NODE_LIST, NULL, NULL, NULL, NULL);
	i57a = add(doc, ll, NODE_ITEM, "57", "57、", "x", "x");
	i57b = add(doc, ll, NODE_ITEM, "58", "58.", "y", "y");
	anchors_build(&an, doc);
	assert_string_equal(anchor_of(&an, p), "p1");
	assert_string_equal(anchor_of(&an, pe), "p1-2");
	assert_string_equal(anchor_of(&an, s1), "s1");
	assert_string_equal(anchor_of(&an, s12), "s1-2");
	assert_string_equal(anchor_of(&an, l), "");
	assert_string_equal(anchor_of(&an, i1), "s1-2-i1");
	assert_string_equal(anchor_of(&an, i2), "s1-2-i2");
	assert_string_equal(anchor_of(&an, e1), "s1-2-i1-1");
	assert_string_equal(anchor_of(&an, e2), "s1-2-i1-2");
	assert_string_equal(anchor_of(&an, s1b), "s1_2");	/* repeat */
	assert_string_equal(anchor_of(&an, s3), "s3");	/* position */
	assert_string_equal(anchor_of(&an, i57a), "s3-i57");
	assert_string_equal(anchor_of(&an, i57b), "s3-i58");
	anchors_free(&an);

	/* A repeated item number elsewhere changes no other id. */
	i57b->num = "57";
	anchors_build(&an, doc);
	assert_string_equal(anchor_of(&an, i1), "s1-2-i1");
	assert_string_equal(anchor_of(&an, i2), "s1-2-i2");
	assert_string_equal(anchor_of(&an, e2), "s1-2-i1-2");
	assert_string_equal(anchor_of(&an, i57a), "s3-i57");
	assert_string_equal(anchor_of(&an, i57b), "s3-i57_2");
	anchors_free(&an);
	doc_free(doc);
}

/* ---- view.c: node views ---- */

static const char *
test_tag_href(const void *arg, const char *tag)
{
	(void)arg;
	return strcmp(tag, "办实事项目25") == 0 ? "tag/x.html" : "";
}

static const struct value *
get(const struct value *o, const char *key)
{
	const struct value	*v = value_get(o, key, strlen(key));

	assert_non_null(v);
	return v;
}

static const char *
gets(const struct value *o, const char *key)
{
	const struct value	*v = get(o, key);

	assert_int_equal(v->type, V_STR);
	return v->str;
}

static void
view_init(struct view *v, struct arena *a, struct doc *doc,
    struct anchors *an, struct diags *d)
{
	memset(v, 0, sizeof(*v));
	anchors_build(an, doc);
	v->a = a;
	v->doc = doc;
	v->anchors = an;
	v->tag_href = test_tag_href;
	v->maxdepth = 40;
	v->d = d;
}

static void
test_view_inline(void **state)
{
	struct doc		*doc = doc_new("t.txt");
	struct anchors		 an = ANCHORS_INIT;
	struct arena		 a = ARENA_INIT;
	struct diags		 d = DIAGS_INIT;
	struct view		 v;
	struct node		*l, *it, *il, *e, *it2, *il2;
	const struct value	*body, *list, *item, *seg, *keys;

	(void)state;
	l = add(doc, doc->root, NODE_LIST, NULL, NULL, NULL, NULL);
	it = add(doc, l, NODE_ITEM, "3", "3.", "提出三点要求：",
	    "提出三点要求：一是肯定成绩。二是突出重点。要落实。");
	node_add_tag(doc, it, "办实事项目25", strlen("办实事项目25"));
	il = add(doc, it, NODE_LIST, NULL, NULL, NULL, NULL);
	il->style = LIST_INLINE;
	add(doc, il, NODE_ITEM, "一", "一是", NULL, "肯定成绩。");
	e = add(doc, il, NODE_ITEM, "二", "二是", NULL, "突出重点。");
	node_add_tag(doc, e, "办实事项目25", strlen("办实事项目25"));
	/* An inline list whose items are not in the text: shown after. */
	it2 = add(doc, l, NODE_ITEM, "4", "4.", "别的。", "别的。");
	il2 = add(doc, it2, NODE_LIST, NULL, NULL, NULL, NULL);
	il2->style = LIST_INLINE;
	add(doc, il2, NODE_ITEM, "一", "一是", NULL, "不在文中。");
	view_init(&v, &a, doc, &an, &d);
	body = view_body(&v);
	assert_int_equal(body->len, 1);
	/* The body's members are made as they are reached (value_gen):
	 * read through value_first()/value_next(). */
	list = value_first(body);
	assert_true(get(list, "is_list")->b);
	item = value_first(get(list, "body"));
	assert_true(get(item, "is_item")->b);
	assert_string_equal(gets(item, "anchor"), "i3");
	assert_string_equal(gets(item, "lead"), "提出三点要求：");
	assert_string_equal(get(get(item, "tags")->first, "href")->str,
	    "tag/x.html");
	seg = get(item, "segments")->first;
	assert_true(get(seg, "is_enum")->b);
	assert_string_equal(gets(seg, "label"), "一是");
	assert_string_equal(gets(seg, "text"), "肯定成绩。");
	assert_string_equal(gets(seg, "anchor"), "i3-1");
	seg = seg->next;
	assert_string_equal(gets(seg, "anchor"), "i3-2");
	assert_int_equal(get(seg, "tags")->len, 1);
	seg = seg->next;
	assert_false(get(seg, "is_enum")->b);
	assert_string_equal(gets(seg, "text"), "要落实。");
	assert_null(seg->next);
	assert_int_equal(get(item, "body")->len, 0);	/* embedded */
	item = value_next(get(list, "body"), item);
	/* One sentence and nothing after it: no bold lead. */
	assert_string_equal(gets(item, "lead"), "");
	assert_int_equal(get(item, "segments")->len, 1);
	assert_string_equal(gets(get(item, "segments")->first, "text"),
	    "别的。");
	assert_int_equal(get(item, "body")->len, 1);	/* not embedded */
	assert_true(get(value_first(get(item, "body")), "is_enum")->b);
	/* Every node view has every member: no lookup falls through. */
	list = value_first(body);
	for (keys = value_first(get(list, "body")); keys;
	    keys = value_next(get(list, "body"), keys))
		assert_int_equal(get(keys, "cells")->type, V_ARR);
	assert_non_null(value_get(list, "lead", 4));
	assert_non_null(value_get(list, "segments", 8));
	assert_int_equal(d.n, 0);
	anchors_free(&an);
	arena_free(&a);
	doc_free(doc);
}

static void
test_view_table(void **state)
{
	struct doc		*doc = doc_new("t.txt");
	struct anchors		 an = ANCHORS_INIT;
	struct arena		 a = ARENA_INIT;
	struct diags		 d = DIAGS_INIT;
	struct view		 v;
	struct node		*s, *l, *r;
	const struct value	*list, *row, *cell, *toc;

	(void)state;
	doc_add_column(doc, "年度任务目标", strlen("年度任务目标"));
	doc_add_column(doc, "完成情况", strlen("完成情况"));
	doc_add_column(doc, "空列", strlen("空列"));	/* no cell: hidden */
	s = add(doc, doc->root, NODE_SECTION, "一", "一、", "任务", NULL);
	l = add(doc, s, NODE_LIST, NULL, NULL, NULL, NULL);
	r = add(doc, l, NODE_ITEM, "1", "1", "目标甲", NULL);
	node_set_field(doc, r, "完成情况", "已完成", strlen("已完成"));
	node_set_field(doc, r, "年度任务目标", "目标甲", strlen("目标甲"));
	view_init(&v, &a, doc, &an, &d);
	list = value_first(get(value_first(view_body(&v)), "body"));
	assert_true(get(list, "is_table")->b);
	assert_false(get(list, "is_enum")->b);
	assert_false(get(list, "show_title")->b);	/* title is a field */
	assert_int_equal(get(list, "columns")->len, 2);
	row = value_first(get(list, "body"));
	assert_int_equal(get(row, "cells")->len, 2);
	assert_true(get(row, "is_row")->b);
	cell = get(row, "cells")->first;
	assert_string_equal(gets(cell, "text"), "目标甲");	/* column order */
	assert_string_equal(gets(cell->next, "text"), "已完成");
	assert_int_equal(get(row, "span")->num, 3);
	toc = view_toc(&v);
	assert_int_equal(toc->len, 1);
	assert_string_equal(gets(value_first(toc), "anchor"), "s1");
	assert_int_equal(get(value_first(toc), "count")->num, 1);
	{
		struct counts	 c;

		doc_counts(doc, &c);
		assert_int_equal(c.items, 1);
		assert_int_equal(c.sections, 1);
	}
	anchors_free(&an);
	arena_free(&a);
	doc_free(doc);
}

/* node_place(): a section's and an item's place as the document
 * numbers them; a table row's says it is a row (issue 21: a bare "21"
 * read as an item's number or a count). */
static void
test_node_place(void **state)
{
	struct doc	*doc = doc_new("t.txt");
	struct node	*s, *s2, *l, *i, *r, *b;
	struct buf	 p = BUF_INIT;

	(void)state;
	doc_add_column(doc, "年度任务", strlen("年度任务"));
	s = add(doc, doc->root, NODE_SECTION, "二", "二、", "服务", NULL);
	s2 = add(doc, s, NODE_SECTION, "三", "（三）", "基层", NULL);
	l = add(doc, s2, NODE_LIST, NULL, NULL, NULL, NULL);
	i = add(doc, l, NODE_ITEM, "12", "12.", "建站", NULL);
	b = add(doc, l, NODE_ITEM, NULL, "-", "要点", NULL);
	node_place(&p, s);
	assert_string_equal(buf_cstr(&p), "二");
	node_place(&p, i);
	assert_string_equal(buf_cstr(&p), "二（三）12.");
	node_place(&p, b);		/* a bullet: its parent's place */
	assert_string_equal(buf_cstr(&p), "二（三）");
	l = add(doc, doc->root, NODE_LIST, NULL, NULL, NULL, NULL);
	r = add(doc, l, NODE_ITEM, "21", "21", "任务", NULL);
	node_set_field(doc, r, "年度任务", "任务", strlen("任务"));
	node_place(&p, r);
	assert_string_equal(buf_cstr(&p), "第21行");
	/* A row under a numbered section keeps the section's place. */
	l = add(doc, s, NODE_LIST, NULL, NULL, NULL, NULL);
	r = add(doc, l, NODE_ITEM, "3", "3、", "任务", NULL);
	node_set_field(doc, r, "年度任务", "任务", strlen("任务"));
	node_place(&p, r);
	assert_string_equal(buf_cstr(&p), "二、第3行");
	buf_free(&p);
	doc_free(doc);
}

static void
test_view_depth(void **state)
{
	struct doc	*doc = doc_new("deep.txt");
	struct anchors	 an = ANCHORS_INIT;
	struct arena	 a = ARENA_INIT;
	struct diags	 d = DIAGS_INIT;
	struct view	 v;
	struct node	*n = doc->root;
	struct buf	 out = BUF_INIT;
	int		 i;

	(void)state;
	for (i = 0; i < 5000; i++)
		n = add(doc, n, NODE_SECTION, "1", "1.", "x", NULL);
	view_init(&v, &a, doc, &an, &d);
	/* The body is made as a page reads it: the warning comes then. */
	value_json(view_body(&v), &out, 0);
	assert_int_equal(diags_count(&d, SEV_WARNING), 1);
	buf_free(&out);
	assert_int_equal(view_toc(&v)->len, 5000);
	diags_free(&d);
	anchors_free(&an);
	arena_free(&a);
	doc_free(doc);
}

/* The n-th member (0-based) of array v. */
static const struct value *
nth(const struct value *v, size_t n)
{
	const struct value	*e = v->first;

	while (n-- > 0 && e != NULL)
		e = e->next;
	assert_non_null(e);
	return e;
}

/* The one chart view in the web's geometry: two panels side by side,
 * each on its own scale; the values computed by hand from chart_web
 * (640 wide, 13px labels, 24 above, rows of 26, 48 for the number). */
static void
test_chart(void **state)
{
	struct arena		 a = ARENA_INIT;
	const char *const	 series[2] = { "文件", "事项" };
	struct chart_row	 rows[3] = {
		{ "2015", "2015年", { 2, 100 }, { NULL, NULL }, NULL, 0 },
		{ "2016", "2016年", { 1, 50 }, { NULL, "五十" }, "y.html", 1 },
		{ "2017", "2017年", { 0, 0 }, { NULL, NULL }, NULL, 0 },
	};
	const struct value	*c, *r, *cell;

	(void)state;
	c = view_chart(&a, "t", series, 2, rows, 3);
	assert_int_equal(get(c, "width")->num, 640);
	assert_int_equal(get(c, "height")->num, 24 + 3 * 26 + 4);
	/* Labels of 4 ASCII digits at 13px: 4 * 7 + 12; two panels of
	 * (640 - 40) / 2 = 300, bars up to 300 - 48 = 252. */
	assert_int_equal(get(c, "lx")->num, 40 - 8);
	assert_int_equal(get(c, "bw")->num, 252);
	assert_int_equal(get(c, "panels")->len, 2);
	assert_int_equal(get(nth(get(c, "panels"), 1), "x")->num, 340);
	r = nth(get(c, "rows"), 0);
	assert_int_equal(get(r, "y")->num, 24 + 5);
	cell = nth(get(r, "cells"), 0);
	assert_int_equal(get(cell, "x")->num, 40);
	assert_int_equal(get(cell, "w")->num, 252);
	assert_string_equal(get(cell, "text")->str, "2");
	cell = nth(get(r, "cells"), 1);
	assert_int_equal(get(cell, "x")->num, 340);
	assert_int_equal(get(cell, "w")->num, 252);
	assert_int_equal(get(cell, "vx")->num, 340 + 252 + 6);
	/* Half the maximum: half the room; the number as written. */
	r = nth(get(c, "rows"), 1);
	assert_int_equal(get(nth(get(r, "cells"), 0), "w")->num, 126);
	cell = nth(get(r, "cells"), 1);
	assert_int_equal(get(cell, "w")->num, 126);
	assert_int_equal(get(cell, "value")->num, 50);
	assert_string_equal(get(cell, "text")->str, "五十");
	assert_string_equal(get(r, "href")->str, "y.html");
	assert_true(get(r, "mark")->b);
	/* Zero: no bar, no number (no page prints a zero count). */
	r = nth(get(c, "rows"), 2);
	cell = nth(get(r, "cells"), 0);
	assert_int_equal(get(cell, "w")->num, 0);
	assert_string_equal(get(cell, "text")->str, "");
	assert_false(get(r, "mark")->b);
	/* Shares: a bar's full length is 100%, not the largest share (a
	 * plan 7% done drew a bar across the chart). One panel: labels
	 * 40, bars up to 640 - 40 - 48 = 552. */
	rows[0].v[0] = 7;
	rows[1].v[0] = 50;
	c = view_share_chart(&a, "t", series, 1, rows, 2);
	assert_int_equal(get(c, "bw")->num, 552);
	assert_int_equal(get(nth(get(nth(get(c, "rows"), 0), "cells"), 0),
	    "w")->num, 39);
	assert_int_equal(get(nth(get(nth(get(c, "rows"), 1), "cells"), 0),
	    "w")->num, 276);
	arena_free(&a);
}

/* The same view in the print geometry: the second series drawn over
 * the first on the first's scale, one number a row after the longer
 * bar, a legend; values by hand from chart_print (600 wide, 14px
 * labels, 34 above, rows of 34 with bars of 18, 48 for the number). */
static void
test_chart_print(void **state)
{
	struct arena		 a = ARENA_INIT;
	const char *const	 series[2] = { "条目", "带标注条目" };
	struct chart_row	 rows[3] = {
		{ "海淀区卫生健康工作计划", "", { 36, 12 }, { NULL, NULL },
		    NULL, 0 },
		{ "省政府十方面民生实事", "", { 6, 0 }, { NULL, NULL }, NULL,
		    0 },
		{ "x", "", { 0, 0 }, { NULL, NULL }, NULL, 0 },
	};
	const struct value	*c, *r, *cell, *p;

	(void)state;
	c = chart_view(&a, &chart_print, "t", series, 2, rows, 3, 0);
	assert_true(get(c, "overlay")->b);
	assert_int_equal(get(c, "height")->num, 34 + 3 * 34 + 4);
	/* 11 CJK labels at 14px: 154 + 12; one panel: 600 - 166 - 48. */
	assert_int_equal(get(c, "lx")->num, 166 - 8);
	assert_int_equal(get(c, "bw")->num, 386);
	assert_int_equal(get(c, "bh")->num, 18);
	p = get(c, "panels");
	assert_int_equal(get(nth(p, 0), "x")->num, 166);
	assert_int_equal(get(nth(p, 0), "tx")->num, 166 + 14 + 6);
	assert_int_equal(get(nth(p, 1), "x")->num, 166 + 14 + 6 + 28 + 24);
	r = nth(get(c, "rows"), 0);
	assert_int_equal(get(r, "y")->num, 34 + 8);
	assert_int_equal(get(r, "ty")->num, 34 + 24 - 1);
	cell = nth(get(r, "cells"), 0);
	assert_int_equal(get(cell, "x")->num, 166);
	assert_int_equal(get(cell, "w")->num, 386);
	assert_string_equal(get(cell, "text")->str, "36");
	cell = nth(get(r, "cells"), 1);
	assert_int_equal(get(cell, "x")->num, 166);
	assert_int_equal(get(cell, "w")->num, 129);	/* 12/36 of 386 */
	assert_int_equal(get(cell, "vx")->num, 166 + 386 + 6);
	assert_string_equal(get(cell, "text")->str, "");
	r = nth(get(c, "rows"), 1);
	assert_int_equal(get(nth(get(r, "cells"), 0), "w")->num, 64);
	assert_int_equal(get(nth(get(r, "cells"), 1), "w")->num, 0);
	r = nth(get(c, "rows"), 2);
	assert_int_equal(get(nth(get(r, "cells"), 0), "w")->num, 0);
	assert_string_equal(get(nth(get(r, "cells"), 0), "text")->str, "");
	/* A bar is never shorter than 2 for a value, never longer than
	 * its room, nothing for nothing. */
	assert_int_equal(chart_bar(1, 1000, 100), 2);
	assert_int_equal(chart_bar(0, 10, 100), 0);
	assert_int_equal(chart_bar(5, 0, 100), 0);
	assert_int_equal(chart_bar(200, 100, 50), 50);
	assert_int_equal(chart_bar(1, 3, 100), 33);
	arena_free(&a);
}

static void	write_file(const char *, const char *);

/* A summary (in a) of a document of text written to top/name. */
static void
sum_of(struct summary *sum, struct arena *a, const char *top,
    const char *name, const char *text)
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct anchors	 an = ANCHORS_INIT;
	struct doc	*doc;
	char		 p[512];

	config_defaults(&cfg);
	snprintf(p, sizeof(p), "%s/%s", top, name);
	write_file(p, text);
	assert_non_null(doc = doc_load(p, &cfg, &d));
	anchors_build(&an, doc);
	summary_make(sum, a, doc, &an);
	anchors_free(&an);
	doc_free(doc);
	diags_free(&d);
	config_free(&cfg);
}

/* Key figures over the years (docs/figures.md): one office's indicator
 * in one unit in two years makes a series; another office's, another
 * unit's or one year's does not; a document keeps its first figure of
 * an indicator; the chart is the one chart view, a row a year. */
static void
test_figseries(void **state)
{
	struct arena		 a = ARENA_INIT;
	struct summary		 sum[4];
	struct site_doc		 docs[4];
	struct figseries	*fs;
	struct hasher		 h1 = { 1 }, h2 = { 1 };
	const struct value	*v, *c, *r;
	char			 top[] = "/tmp/gen-test-figs-XXXXXX";
	size_t			 i;

	(void)state;
	assert_non_null(mkdtemp(top));
	sum_of(&sum[0], &a, top, "a.txt", "---\ntitle: 2023年甲区卫生健康"
	    "工作总结\nyear: 2023\norg: 甲区卫生健康委员会\n---\n"
	    "一、基层\n1.家庭医生签约率达到78.6%。招录全科医生26名。\n"
	    "2.家庭医生签约率达到70%。\n");
	sum_of(&sum[1], &a, top, "b.txt", "---\ntitle: 2024年甲区卫生健康"
	    "工作计划\nyear: 2024\norg: 甲区卫生健康委员会\n---\n"
	    "一、基层\n1.家庭医生签约率达到80%。招录全科医生不少于30人。\n");
	sum_of(&sum[2], &a, top, "c.txt", "---\ntitle: 2024年乙区卫生健康"
	    "工作计划\nyear: 2024\norg: 乙区卫生健康委员会\n---\n"
	    "一、基层\n1.家庭医生签约率达到85%。\n");
	sum_of(&sum[3], &a, top, "d.txt", "---\ntitle: 2025年甲区卫生健康"
	    "工作计划\nyear: 2025\norg: 甲区卫生健康委员会\n---\n"
	    "一、基层\n1.家庭医生签约率达到82%。\n");
	/* The first of an indicator only: 78.6, not 70; the other. */
	assert_non_null(sum[0].figs);
	assert_non_null(strstr(sum[0].figs, "78.6%"));
	assert_null(strstr(sum[0].figs, "70%"));
	assert_non_null(strstr(sum[0].figs, "26名"));
	memset(docs, 0, sizeof(docs));
	for (i = 0; i < 4; i++) {
		docs[i].sum = &sum[i];
		docs[i].slug = arena_printf(&a, "%c", (char)('a' + i));
	}
	fs = figseries_new(docs, 4);
	/* a: one series (签约率, % in 2023, 2024, 2025); 全科医生 is 名
	 * in 2023 and 人 in 2024: two indicators, no series. */
	v = figseries_view(fs, &a, 0, "");
	assert_int_equal(v->len, 1);
	assert_string_equal(get(v->first, "key")->str, "家庭医生签约率");
	assert_string_equal(get(v->first, "unit")->str, "%");
	assert_string_equal(get(v->first, "id")->str, "fig-series-1");
	c = get(v->first, "chart");
	assert_string_equal(get(c, "title")->str, "家庭医生签约率（%）");
	assert_int_equal(get(c, "rows")->len, 3);
	r = nth(get(c, "rows"), 0);
	assert_string_equal(get(r, "label")->str, "2023年");
	assert_true(get(r, "mark")->b);
	assert_string_equal(get(nth(get(r, "cells"), 0), "text")->str,
	    "78.6%");
	assert_true(get(nth(get(r, "cells"), 0), "value")->num == 78.6);
	assert_string_equal(get(r, "href")->str, "a.html#s1-i1");
	r = nth(get(c, "rows"), 2);
	assert_string_equal(get(r, "label")->str, "2025年");
	assert_false(get(r, "mark")->b);
	/* The longest bar is 2025's 82: all the room. */
	assert_int_equal(get(nth(get(r, "cells"), 0), "w")->num,
	    get(c, "bw")->num);
	/* b's page marks its own row; c (another office) is in none. */
	v = figseries_view(fs, &a, 1, "../");
	assert_int_equal(v->len, 1);
	r = nth(get(get(v->first, "chart"), "rows"), 1);
	assert_true(get(r, "mark")->b);
	assert_string_equal(get(nth(get(get(v->first, "chart"), "rows"), 0),
	    "href")->str, "../a.html#s1-i1");
	assert_int_equal(figseries_view(fs, &a, 2, "")->len, 0);
	/* The key of a page changes with a figure of another document of
	 * its series, not with one outside it. */
	figseries_key(fs, 0, &h1);
	figseries_free(fs);
	sum[3].figs = arena_printf(&a, "%s", sum[3].figs);
	((char *)sum[3].figs)[strlen("家庭医生签约率\x1f%\x1f") + 1] = '3';
	fs = figseries_new(docs, 4);
	figseries_key(fs, 0, &h2);
	assert_true(h1.h != h2.h);
	h1.h = h2.h = 1;
	figseries_key(fs, 2, &h1);
	assert_true(h1.h == 1);
	figseries_free(fs);
	for (i = 0; i < 4; i++) {
		char p[512];

		snprintf(p, sizeof(p), "%s/%c.txt", top, (char)('a' + i));
		unlink(p);
	}
	rmdir(top);
	arena_free(&a);
}

/* A series of one office's indicator in 20 years: each page's chart
 * shows the 12 rows around its own (SERIES_ROWS in figures_view.c), so
 * that the site grows with its documents, not their square; a page's
 * key follows the rows it shows. */
static void
test_figseries_window(void **state)
{
	struct arena		 a = ARENA_INIT;
	struct summary		 sum[20];
	struct site_doc		 docs[20];
	struct figseries	*fs;
	struct hasher		 h1 = { 1 }, h2 = { 1 };
	const struct value	*rows;
	char			 top[] = "/tmp/gen-test-figw-XXXXXX", p[512];
	size_t			 i;

	(void)state;
	assert_non_null(mkdtemp(top));
	memset(docs, 0, sizeof(docs));
	for (i = 0; i < 20; i++) {
		snprintf(p, sizeof(p), "%02zu.txt", i);
		sum_of(&sum[i], &a, top, p, arena_printf(&a, "---\ntitle: "
		    "%zu年甲区卫生健康工作计划\nyear: %zu\norg: 甲区卫生健康委"
		    "员会\n---\n一、基层\n1.家庭医生签约率达到%zu%%。\n",
		    2000 + i, 2000 + i, 50 + i));
		docs[i].sum = &sum[i];
		docs[i].slug = arena_printf(&a, "d%02zu", i);
	}
	fs = figseries_new(docs, 20);
	/* The first page: the first 12 years, its own first. */
	rows = get(get(figseries_view(fs, &a, 0, "")->first, "chart"),
	    "rows");
	assert_int_equal(rows->len, 12);
	assert_string_equal(get(nth(rows, 0), "label")->str, "2000年");
	assert_true(get(nth(rows, 0), "mark")->b);
	assert_string_equal(get(nth(rows, 11), "label")->str, "2011年");
	/* The middle: 6 years before its own, 5 after. */
	rows = get(get(figseries_view(fs, &a, 10, "")->first, "chart"),
	    "rows");
	assert_int_equal(rows->len, 12);
	assert_string_equal(get(nth(rows, 0), "label")->str, "2004年");
	assert_true(get(nth(rows, 6), "mark")->b);
	assert_string_equal(get(nth(rows, 11), "label")->str, "2015年");
	/* The last: the last 12 years. */
	rows = get(get(figseries_view(fs, &a, 19, "")->first, "chart"),
	    "rows");
	assert_int_equal(rows->len, 12);
	assert_string_equal(get(nth(rows, 0), "label")->str, "2008年");
	assert_true(get(nth(rows, 11), "mark")->b);
	/* 2019's figure is outside the first page's rows: its key stays;
	 * the last page's changes. */
	figseries_key(fs, 0, &h1);
	figseries_key(fs, 19, &h2);
	figseries_free(fs);
	sum[19].figs = arena_printf(&a, "%s", sum[19].figs);
	((char *)sum[19].figs)[strlen("家庭医生签约率\x1f%\x1f")] = '7';
	fs = figseries_new(docs, 20);
	{
		struct hasher	 g1 = { 1 }, g2 = { 1 };

		figseries_key(fs, 0, &g1);
		figseries_key(fs, 19, &g2);
		assert_true(g1.h == h1.h);
		assert_true(g2.h != h2.h);
	}
	figseries_free(fs);
	for (i = 0; i < 20; i++) {
		snprintf(p, sizeof(p), "%s/%02zu.txt", top, i);
		unlink(p);
	}
	rmdir(top);
	arena_free(&a);
}

/* ---- publish.c ---- */

static void
write_file(const char *path, const char *s)
{
	assert_int_equal(file_write(path, s, strlen(s)), 0);
}

static void
test_publish(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct buf	 b = BUF_INIT;
	char		 top[] = "/tmp/gen-test-site-XXXXXX", p[512], q[512];

	(void)state;
	assert_non_null(mkdtemp(top));
	snprintf(p, sizeof(p), "%s/new", top);
	snprintf(q, sizeof(q), "%s/out", top);
	/* Absent out: the new folder moves in. */
	assert_int_equal(mkdir_p(p), 0);
	write_file(strcat(strcpy(q, p), "/a.html"), "one");
	snprintf(q, sizeof(q), "%s/out", top);
	assert_int_equal(tree_swap(p, q, &d), 0);
	assert_int_equal(access(p, F_OK), -1);
	/* Out without the marker and not empty: refused, left alone. */
	assert_int_equal(mkdir_p(p), 0);
	assert_int_equal(tree_swap(p, q, &d), -1);
	assert_int_equal(diags_count(&d, SEV_ERROR), 1);
	snprintf(p, sizeof(p), "%s/out/a.html", top);
	assert_int_equal(file_read(p, &b), 0);
	assert_string_equal(b.data, "one");
	/* With the marker: replaced whole, nothing left beside it. */
	snprintf(p, sizeof(p), "%s/out/" SITE_MARKER, top);
	write_file(p, "gen\n");
	snprintf(p, sizeof(p), "%s/new", top);
	snprintf(q, sizeof(q), "%s/new/sub/deeper", top);
	assert_int_equal(mkdir_p(q), 0);
	write_file(strcat(q, "/b.html"), "two");
	snprintf(q, sizeof(q), "%s/out", top);
	assert_int_equal(tree_swap(p, q, &d), 0);
	snprintf(p, sizeof(p), "%s/out/a.html", top);
	assert_int_equal(access(p, F_OK), -1);
	snprintf(p, sizeof(p), "%s/out/sub/deeper/b.html", top);
	assert_int_equal(access(p, F_OK), 0);
	/* tree_copy skips dot files; tree_remove takes everything. */
	snprintf(p, sizeof(p), "%s/out/.hidden", top);
	write_file(p, "h");
	snprintf(p, sizeof(p), "%s/copy", top);
	assert_int_equal(tree_copy(q, p, &d), 0);
	snprintf(p, sizeof(p), "%s/copy/sub/deeper/b.html", top);
	assert_int_equal(access(p, F_OK), 0);
	snprintf(p, sizeof(p), "%s/copy/.hidden", top);
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(tree_remove(top, &d), 0);
	assert_int_equal(access(top, F_OK), -1);
	assert_int_equal(tree_remove(top, &d), 0);	/* absent: fine */
	assert_int_equal(diags_count(&d, SEV_ERROR), 1);
	buf_free(&b);
	diags_free(&d);
}

/* ---- site.c: a whole build ---- */

static const char *const minimal[][2] = {
	{ "index", "{{#years}}{{#docs}}<a href=\"{{href}}\">{{title}}</a>\n"
	    "{{/docs}}{{/years}}" },
	{ "doc", "{{doc.title}}|{{#body}}{{anchor}} {{/body}}" },
	{ "src", "{{doc.title}}|{{#lines}}{{n}}:{{text}}\n{{/lines}}" },
	{ "group", "{{page_title}}" },
	{ "groups", "{{kind}}" },
	{ "tag", "{{tag.name}}" },
	{ "tags", "{{ntags}}" },
	{ "search", "s" },
	{ "404", "{{root}}" },
	{ "sitemap", "{{#urls}}{{.}}\n{{/urls}}" },
	{ "feed", "{{#updated}}{{updated}}{{/updated}}" },
	{ "robots", "r" },
	{ "track", "{{page_title}}" },
	{ "compare", "{{page_title}}" },
};

/* A site in a new folder top (a mkdtemp() template): cfg's defaults,
 * with templates top/tpl holding the minimal set and out/ top/out/. */
static void
minimal_site(struct config *cfg, char *top)
{
	char	 p[512];
	size_t	 i;

	assert_non_null(mkdtemp(top));
	config_defaults(cfg);
	free(cfg->templates_dir);
	free(cfg->out_dir);
	snprintf(p, sizeof(p), "%s/tpl", top);
	cfg->templates_dir = xstrdup(p);
	snprintf(p, sizeof(p), "%s/out/", top);
	cfg->out_dir = xstrdup(p);
	assert_int_equal(mkdir_p(cfg->templates_dir), 0);
	for (i = 0; i < sizeof(minimal) / sizeof(minimal[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s.mustache", cfg->templates_dir,
		    minimal[i][0]);
		write_file(p, minimal[i][1]);
	}
}

static void
test_site_build(void **state)
{
	static const char *const files[] = { "A b.txt", "a-b.txt", "index.txt",
	    "规划.md" };
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct doc	*docs[4];
	struct buf	 b = BUF_INIT;
	char		 top[] = "/tmp/gen-test-build-XXXXXX", p[512];
	size_t		 i;

	(void)state;
	minimal_site(&cfg, top);
	/* In reverse order: build_docs sorts. */
	for (i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "%s/%s", top, files[3 - i]);
		write_file(p, "---\ntitle: 标题\nyear: 2020\n---\n一、总则\n");
		docs[i] = doc_load(p, &cfg, &d);
		assert_non_null(docs[i]);
	}
	diags_free(&d);
	assert_int_equal(build_docs(&cfg, docs, 4, &d), 0);
	/* "A b" and "a-b" slugify alike: sorted, the second gets -2 and a
	 * warning; "index" is taken by the home page. */
	assert_int_equal(diags_count(&d, SEV_ERROR), 0);
	assert_int_equal(diags_count(&d, SEV_WARNING), 2);
	snprintf(p, sizeof(p), "%s/out/index.html", top);
	assert_int_equal(file_read(p, &b), 0);
	assert_non_null(strstr(b.data, "href=\"a-b.html\""));
	assert_non_null(strstr(b.data, "href=\"a-b-2.html\""));
	assert_non_null(strstr(b.data, "href=\"index-2.html\""));
	assert_non_null(strstr(b.data,
	    "href=\"%E8%A7%84%E5%88%92.html\""));
	snprintf(p, sizeof(p), "%s/out/规划.html", top);
	assert_int_equal(access(p, F_OK), 0);
	snprintf(p, sizeof(p), "%s/out/src/规划.md", top);
	assert_int_equal(access(p, F_OK), 0);
	/* Its source page: every line of the file, front matter too,
	 * numbered as gen check numbers them. */
	snprintf(p, sizeof(p), "%s/out/src/规划.html", top);
	buf_reset(&b);
	assert_int_equal(file_read(p, &b), 0);
	assert_string_equal(b.data, "标题|1:---\n2:title: 标题\n3:year: 2020\n"
	    "4:---\n5:一、总则\n");
	snprintf(p, sizeof(p), "%s/out/year/2020.html", top);
	assert_int_equal(access(p, F_OK), 0);
	snprintf(p, sizeof(p), "%s/out/" SITE_MARKER, top);
	assert_int_equal(access(p, F_OK), 0);
	/* A broken template: -1, the error names it, out/ stays. */
	snprintf(p, sizeof(p), "%s/doc.mustache", cfg.templates_dir);
	write_file(p, "{{#open}}");
	diags_free(&d);
	assert_int_equal(build_docs(&cfg, docs, 4, &d), -1);
	assert_true(diags_count(&d, SEV_ERROR) >= 1);
	for (i = 0; i < d.n; i++)
		if (d.v[i].sev == SEV_ERROR)
			assert_non_null(strstr(d.v[i].file, "doc"));
	snprintf(p, sizeof(p), "%s/out/a-b-2.html", top);
	assert_int_equal(access(p, F_OK), 0);
	for (i = 0; i < 4; i++)
		doc_free(docs[i]);
	diags_free(&d);
	assert_int_equal(tree_remove(top, &d), 0);
	buf_free(&b);
	config_free(&cfg);
}

/* The page's view stops 4 × [limits] depth + 8 levels down (16 for
 * depth 2), with one warning naming the bound: the parser never makes
 * a tree that deep, so the tree here is grafted by hand, as one read
 * back from elsewhere could be. */
static void
test_site_depth_bound(void **state)
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	struct node	*n;
	struct buf	 b = BUF_INIT;
	char		 top[] = "/tmp/gen-test-depth-XXXXXX", p[512];
	size_t		 i, open = 0, warned = 0;

	(void)state;
	minimal_site(&cfg, top);
	/* Every level of the body, recursively: one "[" a node. */
	snprintf(p, sizeof(p), "%s/doc.mustache", cfg.templates_dir);
	write_file(p, "{{#body}}{{>n}}{{/body}}");
	snprintf(p, sizeof(p), "%s/n.mustache", cfg.templates_dir);
	write_file(p, "[{{#body}}{{>n}}{{/body}}]");
	snprintf(p, sizeof(p), "%s/d.txt", top);
	write_file(p, "---\ntitle: 深\nyear: 2020\n---\n一、总则\n");
	doc = doc_load(p, &cfg, &d);
	assert_non_null(doc);
	diags_free(&d);
	for (n = doc->root, i = 0; i < 40; i++)
		n = add(doc, n, NODE_SECTION, "1", "1.", "x", NULL);
	cfg.max_depth = 2;
	assert_int_equal(build_docs(&cfg, &doc, 1, &d), 0);
	for (i = 0; i < d.n; i++)
		if (d.v[i].id != NULL && strcmp(d.v[i].id, "deep-nesting") == 0) {
			warned++;
			assert_string_equal(d.v[i].msg, "nesting deeper than 16 "
			    "levels is not shown on the site");
		}
	assert_int_equal(warned, 1);
	snprintf(p, sizeof(p), "%s/out/d.html", top);
	assert_int_equal(file_read(p, &b), 0);
	for (i = 0; i < b.len; i++)
		open += b.data[i] == '[';
	/* 一、总则, then the chain's levels 0 to 16. */
	assert_int_equal(open, 1 + 17);
	doc_free(doc);
	diags_free(&d);
	assert_int_equal(tree_remove(top, &d), 0);
	buf_free(&b);
	config_free(&cfg);
}

/* A print edition is named as its document's page, never as a year's
 * summary (print.c). */
static void
test_print_doc_name(void **state)
{
	struct arena	 a = ARENA_INIT;

	(void)state;
	assert_string_equal(print_doc_name(&a, "2017"), "2017-doc");
	assert_string_equal(print_doc_name(&a, "2017-plan"), "2017-plan");
	assert_string_equal(print_doc_name(&a, "工作要点"), "工作要点");
	assert_string_equal(print_doc_name(&a, "index-2"), "index-2");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_doc_name),
		cmocka_unit_test(test_slug_examples),
		cmocka_unit_test(test_slug_bounded),
		cmocka_unit_test(test_slug_safe),
		cmocka_unit_test(test_url_encode),
		cmocka_unit_test(test_slugset),
		cmocka_unit_test(test_slugset_in),
		cmocka_unit_test(test_natcmp),
		cmocka_unit_test(test_counts_text),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_view_inline),
		cmocka_unit_test(test_view_table),
		cmocka_unit_test(test_view_depth),
		cmocka_unit_test(test_chart),
		cmocka_unit_test(test_node_place),
		cmocka_unit_test(test_chart_print),
		cmocka_unit_test(test_figseries),
		cmocka_unit_test(test_figseries_window),
		cmocka_unit_test(test_publish),
		cmocka_unit_test(test_site_build),
		cmocka_unit_test(test_site_depth_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
