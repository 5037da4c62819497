/*
 * test_outline.c — the plain-text parser (outline.c, unwrap.c, table.c,
 * meta.c): rejoining hard wraps, numbering levels and sequences,
 * sections and items, annotations, inline enumerations, table reports,
 * diagnostics, limits and metadata.  The lines are given as cleaned
 * lines (no text.c), one per '\n'.
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

/* ---- Helpers ---- */

/* Split src into lines as text_clean would leave clean text. */
static void
make_text(struct doc *doc, const char *src, struct text *t)
{
	const char	*s = src, *e;
	size_t		 n = 1, i;

	for (e = src; *e; e++)
		n += *e == '\n';
	t->v = arena_alloc(&doc->arena, n * sizeof(*t->v));
	t->n = 0;
	t->header = NULL;
	for (i = 0; i < n; i++) {
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		t->v[t->n].s = arena_strndup(&doc->arena, s, (size_t)(e - s));
		t->v[t->n].len = (size_t)(e - s);
		t->v[t->n].no = (int)t->n + 1;
		t->n++;
		if (*e == '\0')
			break;
		s = e + 1;
	}
}

/* Parse src into a new document (diagnostics into d). */
static struct doc *
parse(const char *src, struct diags *d)
{
	struct doc	*doc = doc_new("t.txt");
	struct text	 t;
	char		 err[256];

	make_text(doc, src, &t);
	outline_parse(doc, &t, d);
	meta_infer(doc, &t, NULL);
	assert_int_equal(tree_check(doc, err, sizeof(err)), 0);
	return doc;
}

/* The next node after n in pre-order (NULL at the end). */
static struct node *
next_node(struct node *n)
{
	if (n->first)
		return n->first;
	while (n != NULL && n->next == NULL)
		n = n->parent;
	return n ? n->next : NULL;
}

/* The k-th (0-based) node of type type in pre-order, or NULL. */
static struct node *
nth(struct doc *doc, enum node_type type, int k)
{
	struct node	*n;

	for (n = doc->root->first; n != NULL; n = next_node(n))
		if (n->type == type && k-- == 0)
			return n;
	return NULL;
}

/* How many nodes of type type the tree has. */
static int
count(struct doc *doc, enum node_type type)
{
	struct node	*n;
	int		 c = 0;

	for (n = doc->root->first; n != NULL; n = next_node(n))
		c += n->type == type;
	return c;
}

/* Is there a diagnostic whose message contains s? */
static int
has_diag(const struct diags *d, const char *s)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, s) != NULL)
			return 1;
	return 0;
}

/* ---- Unwrapping ---- */

static void
test_unwrap_cjk(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse(
	    "会议传达了北京市卫生计生\n"
	    "工作会和北京市中医工作会\n"
	    "的会议精神，总结了2017年\n"
	    "全区卫生计生工作呈现的良\n"
	    "好发展态势，部署了2018年\n"
	    "卫生计生重点工作。\n"
	    "\n"
	    "会上，副区长左小兵要求\n"
	    "各单位要认真学习工作报告\n"
	    "精神，围绕自身特点，制定切\n"
	    "实可行的工作措施，推动卫\n"
	    "\n"
	    "生计生事业健康发展。\n", &d);
	assert_int_equal(count(doc, NODE_PARAGRAPH), 2);
	assert_string_equal(nth(doc, NODE_PARAGRAPH, 0)->text,
	    "会议传达了北京市卫生计生工作会和北京市中医工作会的会议精神，"
	    "总结了2017年全区卫生计生工作呈现的良好发展态势，部署了2018年"
	    "卫生计生重点工作。");
	/* The stray blank line inside the second paragraph is bridged. */
	assert_string_equal(nth(doc, NODE_PARAGRAPH, 1)->text,
	    "会上，副区长左小兵要求各单位要认真学习工作报告精神，围绕自身"
	    "特点，制定切实可行的工作措施，推动卫生计生事业健康发展。");
	assert_int_equal(nth(doc, NODE_PARAGRAPH, 1)->line, 8);
	doc_free(doc);
	diags_free(&d);
}

static void
test_unwrap_latin_and_breaks(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse(
	    "购买正版服务器操作系统（Windows\n"
	    "2008 server）和办公软件（Office\n"
	    "2013），提升信息化管理水平。\n"
	    "加快推进社区卫生服务中心的建设，\n"
	    "实现全覆盖。完善基层医疗卫生服务\n"
	    "体系的建设，强化家庭医生签约。\n"
	    "服务。\n"
	    "完善基层医疗卫生服务体系的建设\n"
	    "工作。\n", &d);
	assert_int_equal(count(doc, NODE_PARAGRAPH), 3);
	/* One space between Latin words, none between CJK. */
	assert_string_equal(nth(doc, NODE_PARAGRAPH, 0)->text,
	    "购买正版服务器操作系统（Windows 2008 server）和办公软件"
	    "（Office 2013），提升信息化管理水平。");
	/* A sentence that ends on a full line goes on with the next; a
	 * line clearly shorter ends the paragraph. */
	assert_string_equal(nth(doc, NODE_PARAGRAPH, 1)->text,
	    "加快推进社区卫生服务中心的建设，实现全覆盖。完善基层医疗卫生"
	    "服务体系的建设，强化家庭医生签约。服务。");
	doc_free(doc);
	diags_free(&d);
}

static void
test_unwrap_blank_after_every_line(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse(
	    "卫生健康工作事关群众健康福祉，是\n\n"
	    "人民群众最关心的民生问题。记者在采\n\n"
	    "访中了解到，近年来，昌平区卫生健康\n\n"
	    "委从多方发力，呈现出诸多亮点，守护\n\n"
	    "居民的生命健康安全。\n\n"
	    "亮点一：党建统领，“能力提\n"
	    "升年”成果丰硕\n\n"
	    "蒋玮在接受记者采访时表示，2023\n\n"
	    "年，昌平区卫生健康委把学习贯彻习\n\n"
	    "作为主线。\n\n"
	    "亮点二：多管齐下，推进公共\n"
	    "卫生体系建设\n\n"
	    "在座谈会上，昌平区卫生健康委公共\n\n"
	    "卫生负责人介绍了有关情况。\n", &d);
	assert_string_equal(nth(doc, NODE_PARAGRAPH, 0)->text,
	    "卫生健康工作事关群众健康福祉，是人民群众最关心的民生问题。"
	    "记者在采访中了解到，近年来，昌平区卫生健康委从多方发力，"
	    "呈现出诸多亮点，守护居民的生命健康安全。");
	assert_int_equal(count(doc, NODE_SECTION), 2);
	assert_string_equal(nth(doc, NODE_SECTION, 0)->label, "亮点一：");
	assert_string_equal(nth(doc, NODE_SECTION, 0)->num, "一");
	assert_string_equal(nth(doc, NODE_SECTION, 0)->title,
	    "党建统领，“能力提升年”成果丰硕");
	assert_string_equal(nth(doc, NODE_SECTION, 1)->title,
	    "多管齐下，推进公共卫生体系建设");
	assert_string_equal(nth(doc, NODE_PARAGRAPH, 1)->text,
	    "蒋玮在接受记者采访时表示，2023年，昌平区卫生健康委把学习"
	    "贯彻习作为主线。");
	doc_free(doc);
	diags_free(&d);
}

/* A document cut every N characters gives the tree of the original. */
static void
test_unwrap_fixed_width(void **state)
{
	static const char *const plain =
	    "2015年某区卫生计生工作要点\n"
	    "2015年全区卫生计生工作坚持以人民健康为中心，进一步整合卫生"
	    "计生资源，以深化医药卫生体制改革为主线。\n"
	    "\n"
	    "一、保持新农合参合率，提高新农合医疗保障服务水平\n"
	    "\n"
	    "1.提高筹资标准，继续推广新农合。2015年提高全区人均筹资标准"
	    "为不低于1200元。（办实事项目25）\n"
	    "\n"
	    "2.加强基金监管和规范医疗服务行为。加强与统筹区域外定点医疗"
	    "机构的沟通协调，做好参合人员基础信息与费用核查工作。\n";
	struct diags	 d = DIAGS_INIT;
	struct doc	*a, *b;
	struct buf	 ja = BUF_INIT, jb = BUF_INIT, w = BUF_INIT;
	const char	*s = plain, *e;
	size_t		 n, i, k;
	uint32_t	 cp;

	(void)state;
	/* Cut every line after 13 code points. */
	for (; *s; s = e + (*e == '\n')) {
		e = strchr(s, '\n');
		for (n = 0, i = 0; s + i < e; n++) {
			if (n > 0 && n % 13 == 0)
				buf_putc(&w, '\n');
			k = utf8_decode(s + i, (size_t)(e - s) - i, &cp);
			buf_put(&w, s + i, k);
			i += k;
		}
		buf_putc(&w, '\n');
	}
	a = parse(plain, &d);
	b = parse(buf_cstr(&w), &d);
	/* Same tree but for line numbers. */
	a->root->first->line = b->root->first->line = 0;
	for (struct node *x = a->root; x; x = next_node(x))
		x->line = 0;
	for (struct node *x = b->root; x; x = next_node(x))
		x->line = 0;
	doc_json(a, &ja, 2);
	doc_json(b, &jb, 2);
	assert_string_equal(buf_cstr(&ja), buf_cstr(&jb));
	assert_string_equal(b->title, "2015年某区卫生计生工作要点");
	assert_int_equal(count(b, NODE_ITEM), 2);
	buf_free(&ja);
	buf_free(&jb);
	buf_free(&w);
	doc_free(a);
	doc_free(b);
	diags_free(&d);
}

/* ---- Numbering ---- */

static const char *const gb_standard =
    "2019年海淀区卫生健康委员会工作要点\n"
    "\n"
    "一、总体要求\n"
    "\n"
    "（一）指导思想。坚持以人民为中心的发展思想。\n"
    "\n"
    "（二）主要目标。基本建成覆盖城乡的医疗卫生服务体系。\n"
    "\n"
    "二、重点任务\n"
    "\n"
    "（一）深化医药卫生体制改革\n"
    "\n"
    "1.推进分级诊疗制度建设。完善医联体运行机制。\n"
    "\n"
    "（1）扩大家庭医生签约服务覆盖面。\n"
    "\n"
    "（2）推进远程医疗服务。\n"
    "\n"
    "2.完善药品供应保障。落实药品集中采购政策。\n"
    "\n"
    "（二）加强公共卫生服务\n"
    "\n"
    "3.做好重大传染病防控。\n";

static void
test_levels_gb_standard(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	struct node	*s, *it;

	(void)state;
	doc = parse(gb_standard, &d);
	assert_int_equal(d.n, 0);
	/* 一、 and every （一） are sections; （一）指导思想。坚持… runs on
	 * into its text: its first sentence is the title, the rest a
	 * paragraph of it. */
	assert_int_equal(count(doc, NODE_SECTION), 6);
	s = nth(doc, NODE_SECTION, 0);
	assert_int_equal(s->level, 1);
	assert_string_equal(s->title, "总体要求");
	assert_int_equal(s->first->type, NODE_SECTION);
	it = s->first;
	assert_string_equal(it->label, "（一）");
	assert_string_equal(it->title, "指导思想。");
	assert_int_equal(it->first->type, NODE_PARAGRAPH);
	assert_string_equal(it->first->text, "坚持以人民为中心的发展思想。");
	s = nth(doc, NODE_SECTION, 4);
	assert_int_equal(s->level, 2);
	assert_string_equal(s->num, "一");
	assert_string_equal(s->title, "深化医药卫生体制改革");
	assert_string_equal(s->parent->title, "重点任务");
	/* 1. holds （1） and （2） in a list of its own. */
	it = s->first->first;
	assert_string_equal(it->label, "1.");
	assert_int_equal(it->last->type, NODE_LIST);
	assert_string_equal(it->last->first->label, "（1）");
	assert_string_equal(it->last->last->num, "2");
	assert_string_equal(it->next->num, "2");
	/* 3. continues the items of the section before. */
	it = nth(doc, NODE_SECTION, 5)->first->first;
	assert_string_equal(it->num, "3");
	assert_string_equal(doc->title, "2019年海淀区卫生健康委员会工作要点");
	assert_int_equal(doc->year, 2019);
	assert_string_equal(doc->org, "海淀区卫生健康委员会");
	assert_string_equal(doc->org_place, "海淀区");
	assert_string_equal(doc->kind, "工作要点");
	doc_free(doc);
	diags_free(&d);
}

static void
test_levels_first_style_is_outer(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	/* Here （一） comes first: it is the outer level, 一、 inside. */
	doc = parse(
	    "（一）医疗服务\n"
	    "\n"
	    "一、提升医疗质量\n"
	    "\n"
	    "二、改善就医环境\n"
	    "\n"
	    "（二）公共卫生\n"
	    "\n"
	    "一、加强疾病防控\n", &d);
	assert_int_equal(count(doc, NODE_SECTION), 5);
	assert_int_equal(nth(doc, NODE_SECTION, 0)->level, 1);
	assert_int_equal(nth(doc, NODE_SECTION, 1)->level, 2);
	assert_int_equal(nth(doc, NODE_SECTION, 3)->level, 1);
	assert_string_equal(nth(doc, NODE_SECTION, 3)->label, "（二）");
	assert_int_equal(nth(doc, NODE_SECTION, 4)->level, 2);
	assert_int_equal(d.n, 0);
	doc_free(doc);
	diags_free(&d);
}

static void
test_sequence_rejects_numbers_in_text(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse(
	    "1.提高筹资标准，继续推广新农合。\n"
	    "2015年提高全区人均筹资标准。\n"
	    "2.5倍于去年的投入用于社区卫生。\n"
	    "7.这一行的编号接不上前面的序号。\n"
	    "2\n"
	    "2.加强基金监管和规范医疗服务行为。\n"
	    "3、发挥计划生育协会的作用。\n", &d);
	assert_int_equal(count(doc, NODE_ITEM), 3);
	assert_string_equal(nth(doc, NODE_ITEM, 1)->num, "2");
	assert_string_equal(nth(doc, NODE_ITEM, 2)->label, "3、");
	/* The lines that number nothing stay text, in item 1. */
	assert_int_equal(nth(doc, NODE_ITEM, 0)->first->type,
	    NODE_PARAGRAPH);
	assert_string_equal(nth(doc, NODE_PARAGRAPH, 0)->text,
	    "2015年提高全区人均筹资标准。");
	assert_true(has_diag(&d, "item 3 is written \"3、\"; the other "
	    "items use \"N.\""));
	doc_free(doc);
	diags_free(&d);
}

static void
test_sequence_across_sections(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse(
	    "一、保持新农合参合率\n"
	    "1.提高筹资标准。\n"
	    "2.加强基金监管。\n"
	    "二、健全医疗服务体系\n"
	    "（一）着力提高医疗质量\n"
	    "3.制定医疗机构设置规划。\n"
	    "5.推进区级质控中心建设。\n"
	    "（二）加强社区卫生服务能力建设\n"
	    "6.完善社区卫生服务机构网络。\n", &d);
	assert_int_equal(count(doc, NODE_ITEM), 5);
	assert_string_equal(nth(doc, NODE_ITEM, 1)->num, "2");
	assert_string_equal(nth(doc, NODE_ITEM, 2)->num, "3");
	assert_string_equal(nth(doc, NODE_ITEM, 3)->num, "5");
	assert_string_equal(nth(doc, NODE_ITEM, 4)->num, "6");
	assert_int_equal(nth(doc, NODE_ITEM, 4)->parent->parent->type,
	    NODE_SECTION);
	assert_string_equal(nth(doc, NODE_ITEM, 4)->parent->parent->label,
	    "（二）");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 7);
	assert_int_equal(d.v[0].col, 1);
	assert_string_equal(d.v[0].msg, "item 5 follows 3: 4 is missing");
	doc_free(doc);
	diags_free(&d);
}

static void
test_sequence_duplicate_and_backwards(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse(
	    "1.提高筹资标准。\n"
	    "2.加强基金监管。\n"
	    "2.加强经办服务能力建设。\n"
	    "4.开展共保联办试点。\n"
	    "3.推进付费方式改革。\n", &d);
	assert_int_equal(count(doc, NODE_ITEM), 5);
	assert_true(has_diag(&d, "item 2 is numbered like the one before"));
	assert_true(has_diag(&d, "item 4 follows 2: 3 is missing"));
	assert_true(has_diag(&d, "item 3 follows 4: the numbers go "
	    "backwards"));
	doc_free(doc);
	diags_free(&d);
}

static void
test_chapters_and_circled(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse(
	    "第一章 总则\n"
	    "第一条 为加强医疗机构管理，制定本办法。\n"
	    "第二条 本办法适用于本市的医疗机构。\n"
	    "第二章 附则\n"
	    "第三条 本办法自发布之日起施行。\n"
	    "①开展健康知识进社区活动。\n"
	    "②推广专项行动。\n", &d);
	assert_int_equal(count(doc, NODE_SECTION), 2);
	assert_string_equal(nth(doc, NODE_SECTION, 1)->label, "第二章");
	assert_string_equal(nth(doc, NODE_ITEM, 2)->label, "第三条");
	assert_string_equal(nth(doc, NODE_ITEM, 2)->title,
	    "本办法自发布之日起施行。");
	assert_string_equal(nth(doc, NODE_ITEM, 3)->label, "①");
	assert_string_equal(nth(doc, NODE_ITEM, 3)->num, "1");
	assert_int_equal(d.n, 0);
	doc_free(doc);
	diags_free(&d);
}

/* ---- Items: titles and annotations ---- */

static void
test_annotations(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	struct node	*s, *it;

	(void)state;
	doc = parse(
	    "（一）加强社区卫生服务能力建设（区政府折子工程80）\n"
	    "1.提高筹资标准，继续推广新农合。减轻农民就医负担。（办实事项目25）\n"
	    "2.鼓励引进第三方（保险公司）对新农合进行监管。\n"
	    "3.完善医联体运行机制（牵头单位：医政科）。\n"
	    "4.加强口岸卫生检疫（海关总署、商务部负责）\n"
	    "5.落实年度任务。（办实事项目23）（区政府折子工程77）\n", &d);
	s = nth(doc, NODE_SECTION, 0);
	assert_string_equal(s->title, "加强社区卫生服务能力建设");
	assert_int_equal(s->ntags, 1);
	assert_string_equal(s->tags[0], "区政府折子工程80");
	it = nth(doc, NODE_ITEM, 0);
	assert_string_equal(it->title, "提高筹资标准，继续推广新农合。");
	assert_string_equal(it->text,
	    "提高筹资标准，继续推广新农合。减轻农民就医负担。");
	assert_int_equal(it->ntags, 1);
	assert_string_equal(it->tags[0], "办实事项目25");
	/* Brackets inside a sentence are text. */
	it = nth(doc, NODE_ITEM, 1);
	assert_int_equal(it->ntags, 0);
	assert_string_equal(it->text,
	    "鼓励引进第三方（保险公司）对新农合进行监管。");
	it = nth(doc, NODE_ITEM, 2);
	assert_string_equal(it->text, "完善医联体运行机制。");
	assert_string_equal(it->tags[0], "牵头单位：医政科");
	it = nth(doc, NODE_ITEM, 3);
	assert_string_equal(it->text, "加强口岸卫生检疫");
	assert_string_equal(it->tags[0], "海关总署、商务部负责");
	it = nth(doc, NODE_ITEM, 4);
	assert_int_equal(it->ntags, 2);
	assert_string_equal(it->tags[0], "办实事项目23");
	assert_string_equal(it->tags[1], "区政府折子工程77");
	doc_free(doc);
	diags_free(&d);
}

static void
test_item_titles(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	doc = parse(
	    "1.儿童龋齿预防工作：为8000名适龄中小学生免费提供窝沟封闭。\n"
	    "2.做好“三好一满意”活动。区属医院每个周六安排便民门诊。\n"
	    "3.保持现有献血单位的基础上，动员新的单位加入；做好督导。\n"
	    "4.在中医药领域，开展了以下工作：继续推广。\n"
	    "5.2023年的工作。\n", &d);
	assert_string_equal(nth(doc, NODE_ITEM, 0)->title, "儿童龋齿预防工作");
	assert_string_equal(nth(doc, NODE_ITEM, 1)->title,
	    "做好“三好一满意”活动。");
	assert_string_equal(nth(doc, NODE_ITEM, 2)->title,
	    "保持现有献血单位的基础上，动员新的单位加入；");
	/* A colon after a comma is no short lead-in. */
	assert_string_equal(nth(doc, NODE_ITEM, 3)->title,
	    "在中医药领域，开展了以下工作：继续推广。");
	/* "5.2023" is a decimal, not item 5. */
	assert_int_equal(count(doc, NODE_ITEM), 4);
	doc_free(doc);
	diags_free(&d);
}

/* ---- Inline enumerations ---- */

static void
test_inline_enumerations(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	struct node	*p, *l, *it;

	(void)state;
	doc = parse(
	    "会上提出三点要求：一是肯定成绩，把握形势。二是突出重点，"
	    "精准发力。三是凝心聚力，强化担当。要结合我区实际。\n"
	    "\n"
	    "我区位列全市第一，统一是我们的原则，一是只有一项。\n"
	    "\n"
	    "第一，坚持党的领导；第二，坚持改革创新。\n"
	    "\n"
	    "1.推进区域医联体工作。一是与优质医疗资源签约；二是开展"
	    "双向转诊。（区政府折子工程77）\n", &d);
	p = nth(doc, NODE_PARAGRAPH, 0);
	l = p->first;
	assert_non_null(l);
	assert_int_equal(l->type, NODE_LIST);
	assert_int_equal(l->style, LIST_INLINE);
	it = l->first;
	assert_string_equal(it->num, "一");
	assert_string_equal(it->label, "一是");
	assert_string_equal(it->title, "肯定成绩，把握形势。");
	assert_string_equal(it->text, "肯定成绩，把握形势。");
	assert_string_equal(l->last->label, "三是");
	assert_string_equal(l->last->text,
	    "凝心聚力，强化担当。要结合我区实际。");
	/* The paragraph keeps its whole text. */
	assert_non_null(strstr(p->text, "三是凝心聚力"));
	/* 第一 in a sentence, 统一是, a lone 一是: no list. */
	assert_null(nth(doc, NODE_PARAGRAPH, 1)->first);
	l = nth(doc, NODE_PARAGRAPH, 2)->first;
	assert_non_null(l);
	assert_string_equal(l->first->label, "第一");
	assert_string_equal(l->last->text, "坚持改革创新。");
	/* Inside an item, after its annotation is cut. */
	it = nth(doc, NODE_ITEM, 0);
	while (it != NULL && (it->type != NODE_ITEM ||
	    strcmp(it->label, "1.") != 0))
		it = next_node(it);
	assert_non_null(it);
	assert_string_equal(it->tags[0], "区政府折子工程77");
	assert_int_equal(it->last->type, NODE_LIST);
	assert_string_equal(it->last->last->text, "开展双向转诊。");
	doc_free(doc);
	diags_free(&d);
}

static void
test_enumeration_in_blocks(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	struct node	*l;

	(void)state;
	/* Paragraphs that each start with the next label: a block list. */
	doc = parse(
	    "一是大力规范建设基层公共卫生机构。对社区卫生服务中心进行改建。\n"
	    "二是着力做优家庭医生签约服务。\n"
	    "新增个性化服务包，增强家庭医生签约服务吸引力。\n"
	    "三是扎实做好优质服务基层行创建。\n", &d);
	l = nth(doc, NODE_LIST, 0);
	assert_int_equal(l->style, LIST_BLOCK);
	assert_int_equal(count(doc, NODE_ITEM), 3);
	assert_string_equal(nth(doc, NODE_ITEM, 1)->label, "二是");
	assert_string_equal(nth(doc, NODE_ITEM, 1)->first->text,
	    "新增个性化服务包，增强家庭医生签约服务吸引力。");
	doc_free(doc);
	diags_free(&d);
}

/* ---- Table reports ---- */

static void
test_table_report(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	struct node	*r;
	struct text	 t;

	(void)state;
	doc = doc_new("t.txt");
	make_text(doc,
	    "序号 主要职责 年度任务 年度任务目标 完成情况\n"
	    "\n"
	    "1\n"
	    "促进卫生与健康事业改革\n"
	    "发展。\n"
	    "\n"
	    "印发《关于促进卫生与健康\n"
	    "事业改革发展的意见》。\n"
	    "\n"
	    "2017年1月，市主要领导主持召开了全市卫生与健康大会，深入实施健\n"
	    "康中国战略，部署推进健康北京建设，累计治疗人数17389，在治16074\n"
	    "\n"
	    "人。\n"
	    "\n"
	    "一、政策法规\n"
	    "制定\n"
	    "\n"
	    "市卫生计生委2017年绩效任务完成情况\n"
	    "2 支持中医药振兴发展。\n"
	    "\n"
	    "制定工作计划。\n"
	    "\n"
	    "已报请市政府审定执行。\n"
	    "\n"
	    "3\n"
	    "\n"
	    "六、加强卫生\n"
	    "应急体系建设\n"
	    "\n"
	    "落实院前医疗急救服务条\n"
	    "例。\n"
	    "\n"
	    "建设120分中心3家。\n"
	    "\n"
	    "完成了建设目标。\n", &t);
	t.header = "市卫生计生委2017年绩效任务完成情况";
	outline_parse(doc, &t, &d);
	meta_infer(doc, &t, NULL);
	assert_int_equal(doc->ncolumns, 4);
	assert_string_equal(doc->columns[0], "主要职责");
	assert_string_equal(doc->columns[3], "完成情况");
	assert_int_equal(count(doc, NODE_ITEM), 3);
	assert_int_equal(count(doc, NODE_SECTION), 0);
	r = nth(doc, NODE_ITEM, 0);
	assert_string_equal(r->num, "1");
	assert_int_equal(r->nfields, 4);
	assert_string_equal(r->fields[0].name, "年度任务");
	assert_string_equal(r->fields[0].text, "促进卫生与健康事业改革发展。");
	assert_string_equal(r->fields[1].text,
	    "印发《关于促进卫生与健康事业改革发展的意见》。");
	/* A cell across a page break; the category label after it (a
	 * merged cell's text printed after its rows) is row 1's, and the
	 * page header belongs to no cell. */
	assert_non_null(strstr(r->fields[2].text, "健康中国战略"));
	assert_non_null(strstr(r->fields[2].text, "在治16074人。"));
	assert_string_equal(r->category, "一、政策法规制定");
	assert_string_equal(r->fields[3].name, "主要职责");
	assert_string_equal(r->fields[3].text, "一、政策法规制定");
	assert_int_equal(count(doc, NODE_PARAGRAPH), 0);
	assert_string_equal(doc->category_column, "主要职责");
	r = nth(doc, NODE_ITEM, 1);
	assert_string_equal(r->fields[0].text, "支持中医药振兴发展。");
	assert_string_equal(r->fields[2].text, "已报请市政府审定执行。");
	/* No label after it: the category goes on. */
	assert_string_equal(r->category, "一、政策法规制定");
	r = nth(doc, NODE_ITEM, 2);
	/* A label right after the row's number is the row's. */
	assert_string_equal(r->category, "六、加强卫生应急体系建设");
	assert_string_equal(r->fields[3].name, "主要职责");
	assert_string_equal(r->fields[3].text, "六、加强卫生应急体系建设");
	assert_string_equal(r->fields[0].text, "落实院前医疗急救服务条例。");
	assert_string_equal(r->title, "落实院前医疗急救服务条例。");
	assert_string_equal(doc->title, "市卫生计生委2017年绩效任务完成情况");
	assert_string_equal(doc->org, "市卫生计生委");
	assert_string_equal(doc->kind, "完成情况");
	assert_int_equal(doc->year, 2017);
	doc_free(doc);
	diags_free(&d);
}

/* ---- Limits ---- */

static void
test_depth_cap(void **state)
{
	static const char	*leads = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未"
	    "申酉戌亥春夏秋冬东南西北风云金木水火土";
	struct diags		 d = DIAGS_INIT;
	struct buf		 b = BUF_INIT;
	struct doc		*doc;
	struct text		 t;
	size_t			 i, n = strlen(leads) / 3;
	int			 depth = 0;
	struct node		*x;

	(void)state;
	assert_true(n > OUTLINE_MAX_DEPTH);
	/* Each lead word opens a style of its own, one inside the other. */
	for (i = 0; i < n; i++)
		buf_printf(&b, "%.3s%.3s一：第%zu层的内容。\n", leads + 3 * i,
		    leads + 3 * i, i + 1);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%.3s%.3s二：收尾。\n", leads + 3 * i,
		    leads + 3 * i);
	doc = doc_new("t.txt");
	make_text(doc, buf_cstr(&b), &t);
	assert_int_equal(outline_parse(doc, &t, &d), -1);
	assert_int_equal(diags_count(&d, SEV_ERROR), 1);
	assert_true(has_diag(&d, "nested deeper than 32 levels"));
	for (x = doc->root; x != NULL; x = next_node(x)) {
		int	 k = 0;
		struct node *p;

		for (p = x; p != NULL; p = p->parent)
			k += p->type == NODE_ITEM;
		if (k > depth)
			depth = k;
	}
	assert_int_equal(depth, OUTLINE_MAX_DEPTH);
	buf_free(&b);
	doc_free(doc);
	diags_free(&d);
}

/* ---- Metadata ---- */

static void
test_meta(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;

	(void)state;
	/* A slogan above the title; a place named in the title. */
	doc = parse(
	    "不忘初心 牢记使命\n"
	    "2020年东城区卫生健康工作要点\n"
	    "\n"
	    "1.全面提升应对突发公共卫生事件能力。\n", &d);
	assert_string_equal(doc->title, "2020年东城区卫生健康工作要点");
	assert_int_equal(doc->year, 2020);
	assert_string_equal(doc->org, "东城区");
	assert_string_equal(doc->kind, "工作要点");
	assert_string_equal(nth(doc, NODE_PARAGRAPH, 0)->text,
	    "不忘初心 牢记使命");
	doc_free(doc);
	doc = parse(
	    "以改革创新为动力 打造健康石景山\n"
	    "2018年卫生计生工作会议召开。会议部署了2018年的重点工作，"
	    "总结了2017年的工作。石景山区综合改革示范项目获批。\n", &d);
	assert_string_equal(doc->title, "以改革创新为动力 打造健康石景山");
	assert_int_equal(doc->year, 2018);
	assert_string_equal(doc->org, "石景山区");
	assert_null(doc->kind);
	doc_free(doc);
	/* Markdown: from the title alone; front matter is kept. */
	doc = doc_new("t.md");
	doc->title = "2019年海淀区卫生健康工作计划";
	meta_infer(doc, NULL, NULL);
	assert_int_equal(doc->year, 2019);
	assert_string_equal(doc->org, "海淀区");
	assert_string_equal(doc->kind, "工作计划");
	doc_free(doc);
	doc = doc_new("t.md");
	doc->title = "2019年海淀区卫生健康工作计划";
	doc->year = 2020;
	doc->org = "海淀区卫生健康委";
	doc->kind = "计划";
	meta_infer(doc, NULL, NULL);
	assert_int_equal(doc->year, 2020);
	assert_string_equal(doc->org, "海淀区卫生健康委");
	assert_string_equal(doc->kind, "计划");
	doc_free(doc);
	diags_free(&d);
}

/* A heading that runs on into its text: its first sentence is the title;
 * one that holds no stop at all is all title, with a warning. */
static void
test_run_on_heading(void **state)
{
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	struct node	*s;

	(void)state;
	doc = parse("一、组织实施\n\n"
	    "（一）加强组织领导。各区要建立工作机制（区卫生健康委负责）\n\n"
	    "（二）全面实施信用承诺制。\n\n"
	    "（三）强化监管评价将考核结果与医保支付挂钩并向社会公开接受群众监督"
	    "确保各项任务落到实处对工作不力的单位进行通报批评并限期整改\n",
	    &d);
	s = nth(doc, NODE_SECTION, 1);
	assert_string_equal(s->title, "加强组织领导。");
	assert_int_equal(s->first->type, NODE_PARAGRAPH);
	assert_string_equal(s->first->text, "各区要建立工作机制");
	assert_int_equal(s->ntags, 1);
	s = nth(doc, NODE_SECTION, 2);
	assert_string_equal(s->title, "全面实施信用承诺制。");
	assert_null(s->first);
	s = nth(doc, NODE_SECTION, 3);
	assert_null(s->first);
	assert_int_equal(diags_count(&d, SEV_WARNING), 1);
	assert_int_equal(d.v[0].line, 7);
	assert_string_equal(d.v[0].id, "run-on-heading");
	doc_free(doc);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unwrap_cjk),
		cmocka_unit_test(test_unwrap_latin_and_breaks),
		cmocka_unit_test(test_unwrap_blank_after_every_line),
		cmocka_unit_test(test_unwrap_fixed_width),
		cmocka_unit_test(test_levels_gb_standard),
		cmocka_unit_test(test_run_on_heading),
		cmocka_unit_test(test_levels_first_style_is_outer),
		cmocka_unit_test(test_sequence_rejects_numbers_in_text),
		cmocka_unit_test(test_sequence_across_sections),
		cmocka_unit_test(test_sequence_duplicate_and_backwards),
		cmocka_unit_test(test_chapters_and_circled),
		cmocka_unit_test(test_annotations),
		cmocka_unit_test(test_item_titles),
		cmocka_unit_test(test_inline_enumerations),
		cmocka_unit_test(test_enumeration_in_blocks),
		cmocka_unit_test(test_table_report),
		cmocka_unit_test(test_depth_cap),
		cmocka_unit_test(test_meta),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
