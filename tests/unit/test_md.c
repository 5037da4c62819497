/*
 * test_md.c — md_parse: original line numbers and columns, CJK soft
 * breaks, annotations, heading levels and the title, tables, the
 * emphasis warning and the depth cap.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "parse/parse_int.h"

/* Parse md as a document whose Markdown starts on line first_line;
 * check the tree's invariants; return the document (diagnostics in
 * d), and md_parse's status in *rc. */
static struct doc *
parse(const char *md, int first_line, struct diags *d, int *rc)
{
	struct doc	*doc = doc_new("t.md");
	char		 err[256];
	int		 r;

	r = md_parse(doc, md, strlen(md), first_line, d);
	if (rc != NULL)
		*rc = r;
	if (tree_check(doc, err, sizeof(err)) == -1)
		fail_msg("tree_check: %s", err);
	return doc;
}

/* The n-th (0-based) node of type t in document order. */
static const struct node *
find(const struct doc *doc, enum node_type t, int n)
{
	const struct node	*x = doc->root;

	while (x != NULL) {
		if (x->type == t && n-- == 0)
			return x;
		if (x->first)
			x = x->first;
		else {
			while (x != NULL && x->next == NULL)
				x = x->parent;
			if (x != NULL)
				x = x->next;
		}
	}
	fail_msg("no node %d of type %d", n, (int)t);
	return NULL;
}

static void
test_lines_with_offset(void **state)
{
	struct diags		 d = DIAGS_INIT;
	struct doc		*doc;
	const struct node	*n;

	(void)state;
	/* As if front matter took lines 1-4: Markdown starts on line 5. */
	doc = parse("## 一、甲\n\n段落\n第二行\n\n> 1. 引用里的条目\n", 5, &d,
	    NULL);
	n = find(doc, NODE_SECTION, 0);
	assert_int_equal(n->line, 5);
	n = find(doc, NODE_PARAGRAPH, 0);
	assert_int_equal(n->line, 7);
	n = find(doc, NODE_ITEM, 0);
	assert_int_equal(n->line, 10);
	assert_int_equal(n->col, 3);
	assert_int_equal(d.n - diags_count(&d, SEV_NOTE), 0);
	doc_free(doc);
	diags_free(&d);
}

static void
test_soft_breaks(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse("中文\n段落，\n“引号”\n\nEnglish\nwords\n\n共\n2024\n年\n\n"
	    "甲  \n乙\n", 1, &d, NULL);
	assert_string_equal(find(doc, NODE_PARAGRAPH, 0)->text,
	    "中文段落，“引号”");
	assert_string_equal(find(doc, NODE_PARAGRAPH, 1)->text,
	    "English words");
	assert_string_equal(find(doc, NODE_PARAGRAPH, 2)->text, "共2024年");
	assert_string_equal(find(doc, NODE_PARAGRAPH, 3)->text, "甲乙");
	doc_free(doc);
	diags_free(&d);
}

static void
test_inline_flattened(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse("**粗**和*斜*、`码`、[链](http://x)<b>与</b>。\n", 1, &d,
	    NULL);
	assert_string_equal(find(doc, NODE_PARAGRAPH, 0)->text,
	    "粗和斜、码、链与。");
	doc_free(doc);
	diags_free(&d);
}

static void
test_annotations(void **state)
{
	struct diags		 d = DIAGS_INIT;
	struct doc		*doc;
	const struct node	*n;

	(void)state;
	doc = parse("## 二、任务（牵头单位：区卫生健康委）\n\n"
	    "1. 提高标准。继续推广（办实事项目25）。\n"
	    "2. 两项注释（区政府折子工程68）（区财政局负责）\n"
	    "3. 句中括号（含社区站）不是注释\n"
	    "4. 年份（2024年）不是注释\n", 1, &d, NULL);
	n = find(doc, NODE_SECTION, 0);
	assert_string_equal(n->num, "二");
	assert_string_equal(n->label, "二、");
	assert_string_equal(n->title, "任务");
	assert_int_equal(n->ntags, 1);
	assert_string_equal(n->tags[0], "牵头单位：区卫生健康委");
	n = find(doc, NODE_ITEM, 0);
	assert_string_equal(n->text, "提高标准。继续推广。");
	assert_string_equal(n->title, "提高标准。");
	assert_int_equal(n->ntags, 1);
	assert_string_equal(n->tags[0], "办实事项目25");
	n = find(doc, NODE_ITEM, 1);
	assert_string_equal(n->text, "两项注释");
	assert_int_equal(n->ntags, 2);
	assert_string_equal(n->tags[0], "区政府折子工程68");
	assert_string_equal(n->tags[1], "区财政局负责");
	n = find(doc, NODE_ITEM, 2);
	assert_string_equal(n->text, "句中括号（含社区站）不是注释");
	assert_int_equal(n->ntags, 0);
	n = find(doc, NODE_ITEM, 3);
	assert_string_equal(n->text, "年份（2024年）不是注释");
	assert_int_equal(n->ntags, 0);
	doc_free(doc);
	diags_free(&d);
}

static void
test_items(void **state)
{
	struct diags		 d = DIAGS_INIT;
	struct doc		*doc;
	const struct node	*n;

	(void)state;
	doc = parse("7) 加强领导：成立专班。\n8) 第二项\n   - 子项\n", 1, &d,
	    NULL);
	n = find(doc, NODE_ITEM, 0);
	assert_string_equal(n->num, "7");
	assert_string_equal(n->label, "7)");
	assert_string_equal(n->title, "加强领导");
	assert_string_equal(n->text, "加强领导：成立专班。");
	n = find(doc, NODE_ITEM, 1);
	assert_string_equal(n->num, "8");
	n = find(doc, NODE_ITEM, 2);
	assert_null(n->num);
	assert_string_equal(n->label, "-");
	assert_ptr_equal(n->parent->parent, find(doc, NODE_ITEM, 1));
	doc_free(doc);
	diags_free(&d);
}

static void
test_numbered_paragraphs(void **state)
{
	struct diags		 d = DIAGS_INIT;
	struct doc		*doc;
	const struct node	*a, *b, *c;

	(void)state;
	doc = parse("## 一、任务\n\n引言：\n（一）改革。\n1、分级诊疗。\n"
	    "2、集中采购，\n保障供应。\n\n5、跳号是正文。\n\n（二）能力\n", 3, &d,
	    NULL);
	assert_string_equal(find(doc, NODE_PARAGRAPH, 0)->text, "引言：");
	/* （一） numbers a section, as in plain text. */
	a = find(doc, NODE_SECTION, 1);
	assert_string_equal(a->num, "一");
	assert_string_equal(a->label, "（一）");
	assert_string_equal(a->title, "改革。");
	assert_int_equal(a->level, 2);
	assert_int_equal(a->line, 6);
	b = find(doc, NODE_ITEM, 1);
	assert_string_equal(b->label, "2、");
	assert_string_equal(b->text, "集中采购，保障供应。");
	assert_int_equal(b->line, 8);
	assert_ptr_equal(b->parent->parent, a);
	/* A number that does not continue its sequence is text. */
	assert_string_equal(find(doc, NODE_PARAGRAPH, 1)->text,
	    "5、跳号是正文。");
	assert_ptr_equal(find(doc, NODE_PARAGRAPH, 1)->parent, b);
	c = find(doc, NODE_SECTION, 2);
	assert_string_equal(c->num, "二");
	assert_ptr_equal(c->parent, a->parent);
	doc_free(doc);
	diags_free(&d);
}

static void
test_heading_levels(void **state)
{
	struct diags		 d = DIAGS_INIT;
	struct doc		*doc;
	const struct node	*a, *b, *c;

	(void)state;
	doc = parse("# 题目\n\n## 甲\n\n#### 乙\n\n## 丙\n", 1, &d, NULL);
	assert_string_equal(doc->title, "题目");
	a = find(doc, NODE_SECTION, 0);
	b = find(doc, NODE_SECTION, 1);
	c = find(doc, NODE_SECTION, 2);
	assert_int_equal(a->level, 1);
	assert_ptr_equal(a->parent, doc->root);
	assert_int_equal(b->level, 2);
	assert_ptr_equal(b->parent, a);
	assert_int_equal(c->level, 1);
	assert_string_equal(c->title, "丙");
	/* #### under ## skips a level. */
	assert_int_equal(diags_count(&d, SEV_WARNING), 1);
	assert_int_equal(d.v[0].line, 5);
	doc_free(doc);
	diags_free(&d);
}

static void
test_title(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	const char	*md;

	(void)state;
	/* Front matter gave another title: the heading is a section. */
	doc = doc_new("t.md");
	doc->title = "前置标题";
	md = "# 另一个\n\n正文\n";
	assert_int_equal(md_parse(doc, md, strlen(md), 1, &d), 0);
	assert_string_equal(doc->title, "前置标题");
	assert_string_equal(find(doc, NODE_SECTION, 0)->title, "另一个");
	doc_free(doc);
	/* Two level-1 headings: both sections, no title. */
	doc = parse("# 甲\n\n# 乙\n", 1, &d, NULL);
	assert_null(doc->title);
	assert_string_equal(find(doc, NODE_SECTION, 1)->title, "乙");
	doc_free(doc);
	diags_free(&d);
}

static void
test_table(void **state)
{
	struct diags		 d = DIAGS_INIT;
	struct doc		*doc;
	const struct node	*n;

	(void)state;
	doc = parse("| 序号 | 项目 | 单位 |\n|---|:--:|---|\n"
	    "| 1 | 建站（办实事项目3） | 区卫健委 |\n| 2 | a\\|b |\n", 1, &d,
	    NULL);
	assert_int_equal(doc->ncolumns, 2);
	assert_string_equal(doc->columns[0], "项目");
	assert_string_equal(doc->columns[1], "单位");
	n = find(doc, NODE_ITEM, 0);
	assert_int_equal(n->line, 3);
	assert_string_equal(n->num, "1");
	assert_int_equal(n->nfields, 2);
	assert_string_equal(n->fields[0].text, "建站（办实事项目3）");
	assert_string_equal(n->fields[1].text, "区卫健委");
	assert_string_equal(n->title, "建站");
	assert_int_equal(n->ntags, 1);
	n = find(doc, NODE_ITEM, 1);
	assert_string_equal(n->fields[0].text, "a|b");
	assert_string_equal(n->fields[1].text, "");
	doc_free(doc);
	/* No delimiter row: a paragraph. */
	doc = parse("| a | b |\n| 1 | 2 |\n", 1, &d, NULL);
	assert_int_equal(doc->ncolumns, 0);
	assert_non_null(find(doc, NODE_PARAGRAPH, 0));
	doc_free(doc);
	diags_free(&d);
}

static void
test_emphasis_warning(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse("正文\n\n加强**“十四五”规划**，**好**，\\*\\*。\n", 3, &d,
	    NULL);
	assert_string_equal(find(doc, NODE_PARAGRAPH, 1)->text,
	    "加强**“十四五”规划**，好，**。");
	assert_int_equal(d.n - diags_count(&d, SEV_NOTE), 1);
	assert_int_equal(d.v[0].sev, SEV_WARNING);
	assert_int_equal(d.v[0].line, 5);
	assert_int_equal(d.v[0].col, 3);	/* code points, not bytes */
	assert_non_null(strstr(d.v[0].msg, "Chinese punctuation"));
	assert_non_null(strstr(d.v[0].msg, "**“十四五”规划**"));
	doc_free(doc);
	diags_free(&d);
}

static void
test_depth_cap(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct buf	 b = BUF_INIT;
	struct doc	*doc;
	int		 i, j, rc;

	(void)state;
	for (i = 0; i < 100; i++) {
		for (j = 0; j < i; j++)
			buf_puts(&b, "  ");
		buf_printf(&b, "- 第%d层\n", i);
	}
	doc = parse(b.data, 1, &d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(diags_count(&d, SEV_ERROR), 1);
	assert_non_null(strstr(d.v[0].msg, "nested"));
	assert_non_null(find(doc, NODE_ITEM, 0));
	doc_free(doc);
	buf_free(&b);
	diags_free(&d);
}

static void
test_empty(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	int		 rc;

	(void)state;
	doc = parse("", 1, &d, &rc);
	assert_int_equal(rc, 0);
	assert_null(doc->root->first);
	assert_string_equal(doc->format, "markdown");
	doc_free(doc);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_with_offset),
		cmocka_unit_test(test_soft_breaks),
		cmocka_unit_test(test_inline_flattened),
		cmocka_unit_test(test_annotations),
		cmocka_unit_test(test_items),
		cmocka_unit_test(test_numbered_paragraphs),
		cmocka_unit_test(test_heading_levels),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_emphasis_warning),
		cmocka_unit_test(test_depth_cap),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
