/*
 * test_text.c — text_clean(): line breaks and numbers, full-width
 * forms, blanks, export artifacts (bookmarks, form feeds, page numbers,
 * repeated page headers), and the repair of doubled glyphs with the
 * cases it must leave alone.
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

/* One cleaning, kept alive for the assertions. */
struct run {
	struct doc	*doc;
	struct text	 t;
	struct diags	 d;
};

static void
clean_from(struct run *r, const char *s, int first_line)
{
	r->doc = doc_new("t.txt");
	memset(&r->d, 0, sizeof(r->d));
	assert_int_equal(text_clean(r->doc, s, strlen(s), first_line, &r->t,
	    &r->d), 0);
	assert_int_equal(r->d.n, 0);
}

static void
clean(struct run *r, const char *s)
{
	clean_from(r, s, 1);
}

static void
done(struct run *r)
{
	doc_free(r->doc);
	diags_free(&r->d);
}

/* Line i is s, from original line no. */
static void
assert_line(const struct run *r, size_t i, const char *s, int no)
{
	assert_true(i < r->t.n);
	assert_int_equal(r->t.v[i].len, strlen(s));
	assert_memory_equal(r->t.v[i].s, s, strlen(s));
	assert_int_equal(r->t.v[i].s[r->t.v[i].len], '\0');
	assert_int_equal(r->t.v[i].no, no);
}

/* The whole text, lines joined by '\n', into out (static). */
static const char *
joined(const struct run *r)
{
	static struct buf	 b;
	size_t			 i;

	buf_reset(&b);
	for (i = 0; i < r->t.n; i++) {
		if (i)
			buf_putc(&b, '\n');
		buf_put(&b, r->t.v[i].s, r->t.v[i].len);
	}
	buf_put(&b, "", 0);
	return b.data;
}

/* ---- Lines ---- */

static void
test_line_breaks(void **state)
{
	struct run	 r;

	(void)state;
	clean(&r, "一\r\n二\r三\n\n四");
	assert_int_equal(r.t.n, 5);
	assert_line(&r, 0, "一", 1);
	assert_line(&r, 1, "二", 2);
	assert_line(&r, 2, "三", 3);
	assert_line(&r, 3, "", 4);
	assert_line(&r, 4, "四", 5);
	assert_null(r.t.header);
	done(&r);
	/* A final newline does not make a line; numbers start at
	 * first_line (after front matter). */
	clean_from(&r, "甲\n\n\n乙\n", 7);
	assert_int_equal(r.t.n, 4);
	assert_line(&r, 0, "甲", 7);
	assert_line(&r, 1, "", 8);
	assert_line(&r, 2, "", 9);
	assert_line(&r, 3, "乙", 10);
	done(&r);
	clean(&r, "");
	assert_int_equal(r.t.n, 0);
	done(&r);
}

static void
test_fullwidth(void **state)
{
	struct run	 r;

	(void)state;
	clean(&r, "１２３ＡＢＺａｂｚ，。、：；（）！？１．办实事项目２５");
	assert_line(&r, 0, "123ABZabz，。、：；（）！？1．办实事项目25", 1);
	done(&r);
}

static void
test_blanks(void **state)
{
	struct run	 r;

	(void)state;
	clean(&r, "\xE3\x80\x80\xE3\x80\x80第一段  正文   \n"
	    "  a \t b\xC2\xA0" "c\n"
	    "条， 开展\xE3\x80\x80讲座。 （李 恒）\n"
	    "\xEF\xBB\xBF" "文\xE2\x80\x8B字\xC2\xAD\n"
	    "序号 主要职责 年度任务\n"
	    "\t\n");
	assert_int_equal(r.t.n, 6);
	assert_line(&r, 0, "第一段 正文", 1);
	assert_int_equal(r.t.v[0].indent, 4);
	assert_line(&r, 1, "a b c", 2);
	assert_int_equal(r.t.v[1].indent, 2);
	assert_line(&r, 2, "条，开展 讲座。（李 恒）", 3);
	assert_int_equal(r.t.v[2].indent, 0);
	assert_line(&r, 3, "文字", 4);
	assert_line(&r, 4, "序号 主要职责 年度任务", 5);
	assert_line(&r, 5, "", 6);
	done(&r);
}

/* ---- Export artifacts ---- */

static void
test_bookmark(void **state)
{
	struct run	 r;

	(void)state;
	clean(&r, "7. 深化家庭医生签约服务。\n"
	    "[bookmark: _GoBack]8. 依法行政。\n"
	    "前文[bookmark: OLE_LINK1]后文 [bookmark: x] 完\n"
	    "[]{#_GoBack .anchor}9. 加快推进\n"
	    "[不是书签] [bookmark: no end\n");
	assert_line(&r, 0, "7. 深化家庭医生签约服务。", 1);
	assert_line(&r, 1, "8. 依法行政。", 2);
	assert_line(&r, 2, "前文后文 完", 3);
	assert_line(&r, 3, "9. 加快推进", 4);
	assert_line(&r, 4, "[不是书签] [bookmark: no end", 5);
	assert_null(strstr(joined(&r), "bookmark: _GoBack"));
	done(&r);
}

static void
test_page_numbers(void **state)
{
	static const char *const pages[] = { "— 3 —", "-3-", "- 3 -",
	    "—12—", "－ ３ －", "第 3 页", "第3页", "第三页", "第3页 共12页",
	    "第 3 页，共 12 页", "共12页 第3页", "3/12", "3 / 12", "Page 3",
	    "page 3 of 12", "  - 7 -  " };
	static const char *const kept[] = { "3", "12/3", "第3页内容",
	    "- 3 - 条", "2015年", "—", "第一章", "3/", "第3条" };
	struct run	 r;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		buf_reset(&b);
		buf_printf(&b, "上一页的\n%s\n文字。\n", pages[i]);
		clean(&r, b.data);
		assert_int_equal(r.t.n, 2);
		assert_line(&r, 0, "上一页的", 1);
		assert_line(&r, 1, "文字。", 3);
		assert_true(r.t.v[1].flags & LINE_PAGE);
		assert_false(r.t.v[0].flags & LINE_PAGE);
		done(&r);
	}
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		buf_reset(&b);
		buf_printf(&b, "上\n%s\n下\n", kept[i]);
		clean(&r, b.data);
		assert_int_equal(r.t.n, 3);
		assert_false(r.t.v[2].flags & LINE_PAGE);
		done(&r);
	}
	buf_free(&b);
}

static void
test_form_feed(void **state)
{
	struct run	 r;

	(void)state;
	clean(&r, "甲\n\f\n乙\n\f丙\n");
	assert_int_equal(r.t.n, 3);
	assert_line(&r, 0, "甲", 1);
	assert_line(&r, 1, "乙", 3);
	assert_true(r.t.v[1].flags & LINE_PAGE);
	assert_line(&r, 2, "丙", 4);
	assert_true(r.t.v[2].flags & LINE_PAGE);
	done(&r);
}

/* Append n lines of body text (numbered from k) and a blank line. */
static void
body(struct buf *b, int k, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		buf_printf(b, "正文第%d行，内容各不相同。\n", k + i);
	buf_puts(b, "\n");
}

static void
test_repeated_header(void **state)
{
	static const char hdr[] =
	    "市卫生计生委2017年绩效任务四季度完成情况（个性任务部分共41项）";
	struct run	 r;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	/* Three pages, each with the header on top. */
	for (i = 0; i < 3; i++) {
		buf_printf(&b, "%s\n\n", hdr);
		body(&b, (int)i * 10, 10);
	}
	clean(&r, b.data);
	assert_non_null(r.t.header);
	assert_string_equal(r.t.header, hdr);
	assert_null(strstr(joined(&r), "个性任务"));
	assert_int_equal(r.t.n, 3 * 13 - 3);
	assert_line(&r, 0, "", 2);
	assert_true(r.t.v[0].flags & LINE_PAGE);
	done(&r);
	/* Seed 003: the header twice, far apart, alone between blank
	 * lines; the column header kept the first time only. */
	buf_reset(&b);
	buf_puts(&b, "\n序号 主要职责 年度任务 年度任务目标\n\n");
	body(&b, 0, 20);
	buf_printf(&b, "%s\n\n", hdr);
	body(&b, 20, 30);
	buf_puts(&b, "序号 主要职责 年度任务 年度任务目标\n\n");
	buf_printf(&b, "%s\n\n", hdr);
	body(&b, 50, 5);
	clean(&r, b.data);
	assert_non_null(r.t.header);
	assert_string_equal(r.t.header, hdr);
	assert_null(strstr(joined(&r), "个性任务"));
	assert_line(&r, 1, "序号 主要职责 年度任务 年度任务目标", 2);
	assert_null(strstr(strstr(joined(&r), "序号") + 1, "序号"));
	done(&r);
	buf_free(&b);
}

/* Lines that repeat but are content stay. */
static void
test_repeated_kept(void **state)
{
	static const char *const lines[] = {
		"北京市卫生健康委员会工作简报",	/* twice, inside text */
		"1. 加强组织领导工作落实",	/* numbered */
		"责任单位：区卫生健康委",	/* label: value */
		"（办实事项目25项目）",		/* an annotation */
		"做好卫生应急保障工作。",	/* a sentence */
		"工作要点",			/* short */
	};
	struct run	 r;
	struct buf	 b = BUF_INIT;
	size_t		 i, j, k;
	const char	*s;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		buf_reset(&b);
		for (j = 0; j < (i == 0 ? 2u : 4u); j++) {
			buf_printf(&b, "%s\n\n", lines[i]);
			body(&b, (int)j * 10, 10);
		}
		if (i == 0) {	/* not alone between blank lines */
			buf_reset(&b);
			body(&b, 0, 15);
			buf_printf(&b, "前文\n%s\n", lines[i]);
			body(&b, 20, 20);
			buf_printf(&b, "%s\n后文\n", lines[i]);
		}
		clean(&r, b.data);
		assert_null(r.t.header);
		for (k = 0, s = joined(&r); (s = strstr(s, lines[i])) != NULL;
		    s++)
			k++;
		assert_int_equal(k, i == 0 ? 2 : 4);
		done(&r);
	}
	/* Twice, alone, but close together: kept. */
	buf_reset(&b);
	body(&b, 0, 30);
	buf_puts(&b, "北京市卫生健康委员会工作简报\n\n");
	body(&b, 30, 5);
	buf_puts(&b, "北京市卫生健康委员会工作简报\n\n");
	body(&b, 40, 30);
	clean(&r, b.data);
	assert_null(r.t.header);
	assert_non_null(strstr(strstr(joined(&r), "工作简报") + 1,
	    "工作简报"));
	done(&r);
	buf_free(&b);
}

/* ---- Doubled glyphs ---- */

static const char doubled[] =
    " 以改革创新为动力 打造健康石景山\n"
    "22 月月 2828 日日，，我区召开了我区召开了\n"
    "\n"
    "20182018 年卫生计生工作会议年卫生计生工作会议。。\n"
    "会议传达了北京市卫生计生会议传达了北京市卫生计生\n"
    "的会议精神的会议精神，，总结了总结了 20172017 年年\n"
    "三三，，获批北京市首批中医药获批北京市首批中医药\n"
    "和和《“《“健康北京健康北京 20302030””规划纲规划纲\n"
    "WindowsWindows 20082008 serverserver\n"
    "\n"
    "一是落实《北京市城市总\n"
    "体规划（2016 年-2035 年）》要\n"
    "求，天天锻炼，谢谢大家。\n";

static void
test_doubled(void **state)
{
	struct run	 r;

	(void)state;
	clean(&r, doubled);
	assert_int_equal(r.t.n, 13);
	assert_line(&r, 0, "以改革创新为动力 打造健康石景山", 1);
	assert_false(r.t.v[0].flags & LINE_UNDOUBLED);
	assert_line(&r, 1, "2月28日，我区召开了", 2);
	assert_true(r.t.v[1].flags & LINE_UNDOUBLED);
	assert_line(&r, 2, "", 3);
	assert_line(&r, 3, "2018年卫生计生工作会议。", 4);
	assert_line(&r, 4, "会议传达了北京市卫生计生", 5);
	assert_line(&r, 5, "的会议精神，总结了2017年", 6);
	assert_line(&r, 6, "三，获批北京市首批中医药", 7);
	assert_line(&r, 7, "和《“健康北京2030”规划纲", 8);
	assert_line(&r, 8, "Windows 2008 server", 9);
	/* The single text after the region is left alone. */
	assert_line(&r, 10, "一是落实《北京市城市总", 11);
	assert_line(&r, 11, "体规划（2016 年-2035 年）》要", 12);
	assert_line(&r, 12, "求，天天锻炼，谢谢大家。", 13);
	assert_false(r.t.v[12].flags & LINE_UNDOUBLED);
	assert_null(strstr(joined(&r), "，，"));
	assert_null(strstr(joined(&r), "2828"));
	done(&r);
}

/* Repeats that are ordinary text are never touched. */
static void
test_doubled_negative(void **state)
{
	static const char *const texts[] = {
		"2020\n",
		"谢谢谢谢\n",
		"天天\n",
		"哈哈\n",
		"2020\n谢谢谢谢\n",		/* two weak lines */
		"天天\n\n哈哈\n\n2020\n",
		"大家哈哈一笑，天天向上。\n谢谢\n",
		"11\n\n22\n",
		"他说：“好好好好”\n",
		"学习学习再学习\n研究研究\n",
	};
	struct run	 r;
	size_t		 i, k;
	char		*want, *line;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		clean(&r, texts[i]);
		want = xstrdup(texts[i]);
		want[strlen(want) - 1] = '\0';
		assert_string_equal(joined(&r), want);
		for (k = 0; k < r.t.n; k++)
			assert_false(r.t.v[k].flags & LINE_UNDOUBLED);
		free(want);
		done(&r);
	}
	/* One line alone, clearly doubled (a bold headline): repaired. */
	clean(&r, "正文。\n\n西藏西藏：：义诊送到家门口义诊送到家门口\n正文。\n");
	assert_line(&r, 2, "西藏：义诊送到家门口", 3);
	done(&r);
	/* A doubled line too long to look at stays as it is. */
	line = xmalloc(3 * 1200 + 1);
	for (k = 0; k < 600; k++)
		memcpy(line + 6 * k, "卫卫", 6);
	line[3600] = '\0';
	clean(&r, line);
	assert_int_equal(r.t.v[0].len, 3600);
	done(&r);
	free(line);
}

/* Lines that cannot be doubled (a character an odd number of times)
 * do not use up the document's budget for the search (DBL_BUDGET, 2^26
 * cells, m * m / 2 + m for a line of m characters): after 900 lines of
 * 398 characters (79,600 cells each, more than the budget together),
 * 30 of 98 and 30 of 18 (180 cells, less than the headline's 220: what
 * is left after the longer ones), a doubled headline is still
 * repaired.  Each
 * line is two characters E4 a b and E4 b a, an odd number of times
 * each: every byte is even in number, so only the count of the
 * characters says no; a and b differ from line to line. */
static void
test_doubled_budget(void **state)
{
	static const size_t	 rep[] = { 199, 49, 9 }, nl[] = { 900, 30, 30 };
	struct run		 r;
	struct buf		 b = BUF_INIT;
	size_t			 i = 0, j, k, n;
	char			 pq[6] = { (char)0xE4, 0, 0, (char)0xE4, 0, 0 };

	(void)state;
	for (j = 0; j < 3; j++)
		for (n = 0; n < nl[j]; n++, i++) {
			pq[1] = pq[5] = (char)(0x80 + i % 32);
			pq[2] = pq[4] = (char)(0xA0 + i / 32);
			for (k = 0; k < rep[j]; k++)
				buf_put(&b, pq, 6);
			buf_putc(&b, '\n');
		}
	buf_puts(&b, "\n西藏西藏：：义诊送到家门口义诊送到家门口\n正文。\n");
	clean(&r, b.data);
	assert_int_equal(r.t.n, 963);
	assert_int_equal(r.t.v[0].len, 6 * 199);
	assert_line(&r, 961, "西藏：义诊送到家门口", 962);
	done(&r);
	buf_free(&b);
}

/* Cleaning many lines stays linear: a large doubled document and a
 * large plain one both clean whole. */
static void
test_large(void **state)
{
	struct run	 r;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < 20000; i++)
		buf_puts(&b, "会议传达了会议传达了，，精神精神\n");
	clean(&r, b.data);
	assert_int_equal(r.t.n, 20000);
	assert_line(&r, 19999, "会议传达了，精神", 20000);
	done(&r);
	buf_reset(&b);
	for (i = 0; i < 20000; i++)
		buf_printf(&b, "%zu. 第%zu项工作，　认真落实。\n", i, i);
	clean(&r, b.data);
	assert_int_equal(r.t.n, 20000);
	assert_line(&r, 5, "5. 第5项工作，认真落实。", 6);
	done(&r);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_breaks),
		cmocka_unit_test(test_fullwidth),
		cmocka_unit_test(test_blanks),
		cmocka_unit_test(test_bookmark),
		cmocka_unit_test(test_page_numbers),
		cmocka_unit_test(test_form_feed),
		cmocka_unit_test(test_repeated_header),
		cmocka_unit_test(test_repeated_kept),
		cmocka_unit_test(test_doubled),
		cmocka_unit_test(test_doubled_negative),
		cmocka_unit_test(test_doubled_budget),
		cmocka_unit_test(test_large),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
