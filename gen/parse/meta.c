/*
 * meta.c — a document's title, year, organisation and kind, where front
 * matter did not give them, by the conventions of Chinese official
 * documents (GB/T 9704-2012 党政机关公文格式; docs/parsing.md
 * "Metadata"): the title is the line that reads as one (a kind of
 * document at its end, a year, an issuer; not a breadcrumb, a metadata
 * field, a 文号, an addressee, a signature, a date or a slogan), the
 * document's own title rather than the notice that publishes it; the
 * kind ends the title; the year is the one the title names (the first
 * of a range); the issuer is named in the title, the 版头, the notice
 * or the signature, and only a name the grammar of gen/org.c accepts
 * is one.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/parse_int.h"
#include "parse/org.h"

#define TITLE_MAX	60	/* code points of a title line at most */
#define TITLE_MIN	4
#define TITLE_SCAN	40	/* units looked at for the title */
#define OPEN_LINES	80	/* lines of the opening searched for issuers */
#define TAIL_LINES	30	/* lines of the end searched for a signature */
#define SIGN_LINES	12	/* lines of one signature block at most */
#define MAX_ORGS	16	/* joint issuers kept */
#define REST_LIMIT	16	/* code points of a body's name looked at */
#define PLACE_SCAN	65536	/* bytes of text searched for a level's place */
#define INFO_LINE_MAX	1024	/* bytes of a line of metadata at most */
#define FIELD_SCAN	512	/* bytes of a field's value searched for the
				   next field */

/* Kinds of document (文种, GB/T 9704 and 《党政机关公文处理工作条例》
 * 第八条, and the kinds of plans and reports), matched at the end of a
 * title, the longest first. */
static const char *const kinds[] = {
	"年度任务完成情况", "重点工作任务完成情况",
	"政府信息公开工作年度报告", "任务分解表", "工作要点", "工作计划",
	"工作思路", "工作安排", "工作方案", "实施方案", "行动方案",
	"规划纲要", "行动计划", "工作总结",
	"工作汇报", "工作报告", "情况报告", "完成情况", "执行情况",
	"进展情况", "绩效自评报告", "自评报告", "年度报告", "述职报告", "管理制度",
	"若干意见", "实施意见", "指导意见", "管理办法", "实施办法",
	"实施细则", "部门决算", "单位决算", "部门预算", "单位预算",
	"任务清单", "分解表", "要点", "计划", "思路", "安排", "方案",
	"规划", "纲要", "总结", "汇报", "报告", "情况", "制度", "办法",
	"细则", "规定", "决算", "预算", "决议", "决定", "命令", "公报",
	"公告", "通告", "意见", "通知", "通报", "请示", "批复", "议案",
	"纪要", "函", "令", "讲话", NULL
};

/* Kinds that plan a year ahead (a plan signed in December is for the
 * next year), and kinds that report on one: the one home of the rule
 * that tells a plan from a report (kind_is_plan(), kind_is_report()),
 * by the end of the kind. */
static const char *const plan_kinds[] = {
	"要点", "计划", "思路", "安排", "方案", NULL
};
static const char *const report_kinds[] = {
	"情况", "总结", "报告", "汇报", NULL
};

/* Words that join the two parts of a combined document (2022年工作总结
 * 和2023年工作思路). */
static const char *const joiners[] = { "以及", "和", "及", "暨", "与", NULL };

/* Fields of a web page's metadata block or a document's 版记, never a
 * title. */
static const char *const meta_keys[] = {
	"索引号", "监督索引号", "发布机构", "发文机关", "发文字号", "发文单位",
	"成文日期", "发布日期", "生成日期", "生效日期", "废止日期", "主题分类",
	"组配分类", "公开方式", "公开范围",
	"所属主题", "体裁分类", "时效性", "有效性", "文号", "文 号", "名称",
	"标题", "来源", "来 源", "发布时间", "发布", "时间", "浏览次数",
	"访问量", "点击数", "字体", "字号", "作者", "信息来源", "分享",
	"打印", "关闭", "主题词", "抄送", "印发", "责任编辑", NULL
};

/* Does s contain needle? */
static int
has(const char *s, const char *needle)
{
	return strstr(s, needle) != NULL;
}

/* Does s[0..len) end with w? */
static int
ends_with(const char *s, size_t len, const char *w)
{
	size_t	 n = strlen(w);

	return len >= n && memcmp(s + len - n, w, n) == 0;
}

/* Does s[0..len) start with w? */
static int
starts_with(const char *s, size_t len, const char *w)
{
	size_t	 n = strlen(w);

	return len >= n && memcmp(s, w, n) == 0;
}

/* The length of s[0..len) without a trailing bracketed part (（试行）,
 * (2020-2030年)) or draft mark (征求意见稿), repeated. */
static size_t
title_core(const char *s, size_t len)
{
	static const char *const drafts[] = { "征求意见稿", "送审稿",
	    "讨论稿", "草案", "试行", "修订", "暂行", NULL };
	size_t	 k, i;
	int	 changed = 1, round;

	for (round = 0; changed && round < 4; round++) {
		changed = 0;
		while (len > 0 && (s[len - 1] == ' '))
			len--;
		if (ends_with(s, len, "）") || ends_with(s, len, ")")) {
			for (i = len - 1; i > 0; i--)
				if (s[i - 1] == '(' || (i >= 3 &&
				    memcmp(s + i - 3, "（", 3) == 0))
					break;
			if (i > 0) {
				len = s[i - 1] == '(' ? i - 1 : i - 3;
				changed = 1;
			}
		}
		for (k = 0; drafts[k] != NULL; k++)
			if (ends_with(s, len, drafts[k]) &&
			    len > strlen(drafts[k])) {
				len -= strlen(drafts[k]);
				changed = 1;
			}
	}
	return len;
}

/* The kind at the end of s[0..len) (its core), or NULL. */
static const char *
kind_end(const char *s, size_t len)
{
	size_t	 k, best = 0;
	const char *found = NULL;

	len = title_core(s, len);
	for (k = 0; kinds[k] != NULL; k++)
		if (strlen(kinds[k]) > best && ends_with(s, len, kinds[k])) {
			best = strlen(kinds[k]);
			found = kinds[k];
		}
	/* 关于…情况的报告: a report on how things stand. */
	if (found != NULL && strcmp(found, "报告") == 0 &&
	    ends_with(s, len, "情况的报告"))
		return "情况报告";
	return found;
}

/* Does s[0..len) read as a title: no punctuation inside, a kind of
 * document at its end (…工作要点, …完成情况)? */
int
title_words(const char *s, size_t len)
{
	size_t		 i = 0;
	uint32_t	 cp;

	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (cp_is_cjk(cp) && !cp_is_han(cp) && cp != 0x3000 &&
		    cp != 0x300A && cp != 0x300B && cp != 0xFF08 &&
		    cp != 0xFF09 && cp != 0x201C && cp != 0x201D &&
		    cp != 0x2014 && cp != 0x2013 && cp != 0xFF0D &&
		    cp != 0xFF5E)
			return 0;
	}
	return kind_end(s, len) != NULL;
}

/* Can a year start with the byte c: an ASCII digit, or E4 (一 二)? */
#define year_start(c)	(ascii_isdigit(c) || (unsigned char)(c) == 0xE4)

/* A year 1900-2099 written before 年 starting at s[i] (2019年,
 * 二〇一九年): its value, and in *end the offset after 年; else 0. */
static int
year_at(const char *s, size_t len, size_t i, size_t *end)
{
	size_t	 used;
	int	 v;

	if (i + 15 <= len && (memcmp(s + i, "二", 3) == 0 ||
	    memcmp(s + i, "一", 3) == 0)) {
		v = cn_numeral(s + i, len - i, &used);
		if (used == 12 && v >= 1900 && v <= 2099 &&
		    memcmp(s + i + 12, "年", 3) == 0) {
			*end = i + 15;
			return v;
		}
		return 0;
	}
	if (i + 7 > len || !ascii_isdigit(s[i]) ||
	    (i > 0 && ascii_isdigit(s[i - 1])) || !ascii_isdigit(s[i + 1]) ||
	    !ascii_isdigit(s[i + 2]) || !ascii_isdigit(s[i + 3]) ||
	    memcmp(s + i + 4, "年", 3) != 0)
		return 0;
	v = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
	    (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
	if (v < 1900 || v > 2099)
		return 0;
	*end = i + 7;
	return v;
}

/* Four ASCII digits 1900-2099 at s[i] not inside a longer number: the
 * year, else 0. */
static int
digits4(const char *s, size_t len, size_t i)
{
	int	 v;

	if (i + 4 > len || (i > 0 && ascii_isdigit(s[i - 1])) ||
	    !ascii_isdigit(s[i]) || !ascii_isdigit(s[i + 1]) ||
	    !ascii_isdigit(s[i + 2]) || !ascii_isdigit(s[i + 3]) ||
	    (i + 4 < len && ascii_isdigit(s[i + 4])))
		return 0;
	v = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
	    (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
	return v >= 1900 && v <= 2099 ? v : 0;
}

/* A dash or word between the years of a range (2020-2030年, 2024—2025,
 * 2021至2025): its length at s[i], else 0. */
static size_t
range_dash(const char *s, size_t len, size_t i)
{
	static const char *const d[] = { "-", "—", "–", "－", "~", "～",
	    "至", "到", "——", NULL };
	size_t	 k, best = 0;

	for (k = 0; d[k] != NULL; k++)
		if (strlen(d[k]) > best && starts_with(s + i, len - i, d[k]))
			best = strlen(d[k]);
	return best;
}

/* The year a title or line names: a year before 年 (2019年, 二〇一九年),
 * a 学年 (2019学年, 2019-2020学年 → 2019), a range (2020-2030年 → 2020,
 * *last 2030), a five-year plan (十四五 → 2021, *last 2025).  Its
 * offset in *at and the offset after it in *end; 0 when there is none. */
static int
year_find(const char *s, size_t len, size_t *at, size_t *end, int *last)
{
	static const struct { const char *w; int first; } fyp[] = {
		{ "十五五", 2026 }, { "十四五", 2021 }, { "十三五", 2016 },
		{ "十二五", 2011 }, { "十一五", 2006 }, { NULL, 0 }
	};
	size_t	 i, j, n, e;
	int	 v, w, k;

	*last = 0;
	for (i = 0; i < len; i++) {
		if ((v = digits4(s, len, i)) != 0) {
			j = i + 4;
			if (starts_with(s + j, len - j, "学年") ||
			    starts_with(s + j, len - j, "年")) {
				*at = i;
				*end = j + (s[j + 3] == "学"[0] &&
				    starts_with(s + j, len - j, "学年") ? 6 : 3);
				return v;
			}
			while (j < len && s[j] == ' ')
				j++;
			if ((n = range_dash(s, len, j)) > 0) {
				j += n;
				while (j < len && s[j] == ' ')
					j++;
				if ((w = digits4(s, len, j)) > v) {
					e = j + 4;
					if (starts_with(s + e, len - e, "年") ||
					    starts_with(s + e, len - e, "学年") ||
					    starts_with(s + e, len - e, ")") ||
					    starts_with(s + e, len - e, "）")) {
						*at = i;
						*end = e;
						*last = w;
						return v;
					}
				}
			}
		}
		if (year_start(s[i]) && (v = year_at(s, len, i, end)) != 0) {
			*at = i;
			return v;
		}
		for (k = 0; fyp[k].w != NULL; k++)
			if (starts_with(s + i, len - i, fyp[k].w)) {
				*at = i;
				*end = i + strlen(fyp[k].w);
				*last = fyp[k].first + 4;
				return fyp[k].first;
			}
	}
	return 0;
}

/* The first year written before 年 in s: its value, its offset in *at
 * and the offset after 年 in *end; 0 when there is none. */
static int
year_in(const char *s, size_t len, size_t *at, size_t *end)
{
	int	 last;

	return year_find(s, len, at, end, &last);
}

/* ---- Lines that are not the title ---- */

/* Skip blanks, bullets (• - ·) at s[*i]. */
static void
skip_lead(const char *s, size_t len, size_t *i)
{
	for (;;) {
		if (*i < len && (s[*i] == ' ' || s[*i] == '-' || s[*i] == '*' ||
		    s[*i] == '>' || s[*i] == '|'))
			(*i)++;
		else if (starts_with(s + *i, len - *i, "•") ||
		    starts_with(s + *i, len - *i, "·"))
			*i += strlen("•");
		else
			return;
	}
}

/* Is s[0..len) a web page's breadcrumb (当前位置:首页>…, 您当前所在位
 * 置: 首页 > …, 首页—正文) or navigation? */
static int
breadcrumb(const char *s, size_t len)
{
	size_t	 i, gt = 0;

	static const char *const seps[] = { ">", "＞", "›", "»", "—", "-",
	    "/", NULL };
	size_t	 k;

	for (i = 0; i < len; i++)
		gt += s[i] == '>';
	if (gt >= 2 || (len > 0 && s[0] == '>'))
		return 1;
	/* 首页—正文, 首页 > 新闻 (頁 is not in the tables of org.c). */
	if (starts_with(s, len, "首页") || starts_with(s, len, "首頁")) {
		for (i = strlen("首页"); i < len && s[i] == ' '; i++)
			continue;
		for (k = 0; seps[k] != NULL; k++)
			if (starts_with(s + i, len - i, seps[k]))
				return 1;
	}
	return memmem(s, len, "当前位置", strlen("当前位置")) != NULL ||
	    memmem(s, len, "所在位置", strlen("所在位置")) != NULL ||
	    memmem(s, len, "您的位置", strlen("您的位置")) != NULL;
}

/* Keys of meta_keys a page may write with a blank and no colon after
 * them (索引号 001008…/2024-196819, 发布机构 浙江省卫生健康委, 生成日期
 * 2024-05-09): long enough never to open a sentence. */
static const char *const spaced_keys[] = {
	"索引号", "监督索引号", "发布机构", "发文机关", "发文字号", "发文单位",
	"成文日期", "发布日期", "生成日期", "生效日期", "废止日期", "主题分类",
	"组配分类", "体裁分类", "公开方式", "公开范围", NULL
};

/* Does a key of a metadata field start at s[i] (at the start, or after
 * a blank or pipe): its index in *key and the offset of its value in
 * *val (after the colon, or the blanks of a spaced key); 0 if none. */
static int
key_at(const char *s, size_t len, size_t i, size_t start, size_t *key,
    size_t *val)
{
	size_t	 k, n, e, j;

	if (i > start && s[i - 1] != ' ' && s[i - 1] != '|')
		return 0;
	for (k = 0; meta_keys[k] != NULL; k++) {
		n = strlen(meta_keys[k]);
		if (!starts_with(s + i, len - i, meta_keys[k]))
			continue;
		e = i + n;
		while (e < len && s[e] == ' ')
			e++;
		if (starts_with(s + e, len - e, "："))
			e += 3;
		else if (e < len && s[e] == ':')
			e++;
		else {
			for (j = 0; spaced_keys[j] != NULL &&
			    strcmp(spaced_keys[j], meta_keys[k]) != 0; j++)
				continue;
			if (spaced_keys[j] == NULL || e == i + n || e == len)
				continue;
		}
		while (e < len && (s[e] == ' ' || s[e] == '|'))
			e++;
		*key = k;
		*val = e;
		return 1;
	}
	return 0;
}

/* The next field of metadata line s[0..len) at or after *i (0: the
 * line's start, where it must open the line): its value, up to a pipe
 * or the next field (名称: X 文号: → X; a field further than FIELD_SCAN
 * bytes on is none: fields are short), with its length in *vlen, its
 * key's index in *key; *i after it.  NULL when there is none. */
static const char *
meta_next(const char *s, size_t len, size_t *i, size_t *vlen, size_t *key)
{
	size_t	 start = 0, at, val, n, k2, v2;

	skip_lead(s, len, &start);
	at = *i > start ? *i : start;
	if (*i == 0) {
		if (!key_at(s, len, at, start, key, &val))
			return NULL;
	} else {
		while (at < len && at - *i < FIELD_SCAN &&
		    !key_at(s, len, at, start, key, &val))
			at++;
		if (at - *i >= FIELD_SCAN)
			at = len;
		if (at >= len)
			return NULL;
	}
	for (n = val; n < len && s[n] != '|' && !(n > val &&
	    n - val < FIELD_SCAN && key_at(s, len, n, start, &k2, &v2)); n++)
		continue;
	*i = n;
	/* 发布时间:2024-09-24  16:08 → up to a second field. */
	while (n > val && s[n - 1] == ' ')
		n--;
	*vlen = n - val;
	return s + val;
}

/* The value of a metadata field at the start of s[0..len) (索引号:,
 * 发布机构: | X |, 索引号 X), or NULL when s is no field; the key's
 * index in *key.  The value's length in *vlen (pipes and blanks
 * trimmed, up to the next field). */
static const char *
meta_field(const char *s, size_t len, size_t *vlen, size_t *key)
{
	size_t	 i = 0;

	return meta_next(s, len, &i, vlen, key);
}

/* Is s[0..len) a field of a metadata block, a breadcrumb, or a line
 * of table rules (| | |)? */
int
meta_line(const char *s, size_t len)
{
	size_t	 vlen, key, i;

	for (i = 0; i < len && (s[i] == '|' || s[i] == ' '); i++)
		continue;
	if (len > 0 && i == len)
		return 1;
	return meta_field(s, len, &vlen, &key) != NULL || breadcrumb(s, len);
}

/* Is s[0..len) a document number (湖卫健发〔2023〕1号, [2019]860号)? */
static int
doc_number(const char *s, size_t len)
{
	const char	*o = memmem(s, len, "〔", 3);
	size_t		 n;

	if (o == NULL)
		o = memmem(s, len, "[", 1);
	if (o == NULL)
		o = memmem(s, len, "［", 3);
	if (o == NULL)
		return 0;
	n = utf8_count(s, len);
	return n <= 30 && (ends_with(s, len, "号") ||
	    memmem(s, len, "号", 3) != NULL);
}

/* A date line (2020年12月2日, 2023年7月27日, 20223月23日): 1, else 0. */
static int
date_line(const char *s, size_t len, int *year, int *month)
{
	size_t	 i = 0, d;
	int	 y = 0, m = 0;

	while (i < len && s[i] == ' ')
		i++;
	/* Digits past the sixth only make the line no date: not added (a
	 * long run of them overflowed y). */
	for (d = 0; i < len && ascii_isdigit(s[i]); i++, d++)
		if (d < 6)
			y = y * 10 + (s[i] - '0');
	if (d >= 5 && d <= 6 && starts_with(s + i, len - i, "月")) {
		/* 20223月23日: the 年 lost. */
		m = d == 5 ? y % 10 : y % 100;
		y /= d == 5 ? 10 : 100;
	} else {
		if (d != 4 || !starts_with(s + i, len - i, "年"))
			return 0;
		i += 3;
		for (d = 0; i < len && ascii_isdigit(s[i]); i++, d++)
			if (d < 2)
				m = m * 10 + (s[i] - '0');
		if (d == 0 || d > 2)
			return 0;
	}
	if (!starts_with(s + i, len - i, "月"))
		return 0;
	i += 3;
	for (d = 0; i < len && ascii_isdigit(s[i]); i++, d++)
		continue;
	if (d == 0 || !starts_with(s + i, len - i, "日"))
		return 0;
	i += 3;
	while (i < len && s[i] == ' ')
		i++;
	if (i != len)
		return 0;
	*year = y;
	*month = m;
	return 1;
}

/* Is s[0..len) a slogan: two or more phrases of four or more Han
 * characters, side by side with a blank between, no kind at the end
 * (奋力开创卫生健康事业新局面 全力守护人民群众健康), or a line with a
 * subtitle led by a dash (健康中国——我们在行动)? */
static int
slogan(const char *s, size_t len)
{
	const char	*sp = memchr(s, ' ', len);

	if (kind_end(s, len) != NULL)
		return 0;
	if (memmem(s, len, "——", 6) != NULL || ends_with(s, len, "—"))
		return 1;
	return sp != NULL && sp - s >= 12 && len - (size_t)(sp - s) > 12;
}

/* Is s[0..len) the mark of an attachment (附件, 附件1, 附件一：), GB/T
 * 9704 8? */
static int
attachment_mark(const char *s, size_t len)
{
	size_t	 i = 6;

	if (!starts_with(s, len, "附件"))
		return 0;
	while (i < len && (ascii_isdigit(s[i]) || s[i] == ' ' ||
	    s[i] == ':' || s[i] == '-'))
		i++;
	while (i < len && (starts_with(s + i, len - i, "：") ||
	    starts_with(s + i, len - i, "一") || starts_with(s + i, len - i,
	    "二") || starts_with(s + i, len - i, "三")))
		i += 3;
	return i == len;
}

/* Does s[0..len) hold a sentence: a comma or a full stop? */
static int
sentence_line(const char *s, size_t len)
{
	return memmem(s, len, "，", 3) != NULL || memmem(s, len, "。", 3) !=
	    NULL || memmem(s, len, "；", 3) != NULL || memchr(s, ',', len) !=
	    NULL;
}

/* Must line a not run on into line b?  See gen.h. */
int
title_break(const char *a, size_t alen, const char *b, size_t blen)
{
	if (title_words(a, alen) && sentence_line(b, blen))
		return 1;
	return !sentence_line(a, alen) && slogan(a, alen) &&
	    title_words(b, blen) && !sentence_line(b, blen);
}

/* Is s a notice that publishes or passes on another document
 * (关于印发《X》的通知, 关于转发…的通知), or its second line (…的通知)? */
static int
notice(const char *s, size_t len)
{
	return (ends_with(s, len, "的通知") && !memmem(s, len, "关于", 6)) ||
	    ((memmem(s, len, "印发", 6) || memmem(s, len, "转发", 6) ||
	    memmem(s, len, "批转", 6)) && memmem(s, len, "关于", 6) &&
	    (ends_with(s, len, "通知") || ends_with(s, len, "关于印发") ||
	    !title_words(s, len)));
}

/* The document a notice publishes, s[*at, *at + *len): the name in
 * its first 《》, else the text between 印发 and 的通知; 0 if none.
 * *quoted tells which. */
static int
notice_inner(const char *s, size_t len, size_t *at, size_t *n, int *quoted)
{
	const char	*o, *c, *p;

	*quoted = 0;
	if ((o = memmem(s, len, "《", 3)) != NULL &&
	    (c = memmem(o + 3, len - (size_t)(o + 3 - s), "》", 3)) != NULL &&
	    c > o + 3) {
		*at = (size_t)(o + 3 - s);
		*n = (size_t)(c - o - 3);
		*quoted = 1;
		return 1;
	}
	if ((p = memmem(s, len, "印发", 6)) == NULL &&
	    (p = memmem(s, len, "转发", 6)) == NULL &&
	    (p = memmem(s, len, "批转", 6)) == NULL)
		return 0;
	if (!ends_with(s, len, "的通知"))
		return 0;
	*at = (size_t)(p + 6 - s);
	if (*at + 9 >= len)
		return 0;
	*n = len - 9 - *at;
	return 1;
}

static size_t	 doc_number_alone(const char *, size_t, size_t *);

/* ---- The title line ---- */

/* Could s[0..len) (a unit of nlines lines) be a title line? */
static int
title_like(const char *s, size_t len, size_t nlines)
{
	size_t		 i = 0, n = 0, han = 0, at, yend;
	uint32_t	 cp;

	if (len == 0 || text_end(s, len) != END_NONE || nlines > 3)
		return 0;
	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (cp_is_stop(cp) || cp == 0xFF1B || cp == 0xFF1A ||
		    cp == ':' || ++n > TITLE_MAX)
			return 0;
		han += cp_is_han(cp);
	}
	if (n < TITLE_MIN || han * 2 < n)
		return 0;
	/* A byline, a date line. */
	if (has(s, "记者") || has(s, "本报") || has(s, "□"))
		return 0;
	if (year_in(s, len, &at, &yend) && at == 0 && ends_with(s, len, "日"))
		return 0;
	return 1;
}

/* Does the title s[0..len) name more than its kind: something before
 * the kind word other than 工作 and 年度 (工作年度报告 is the tail of a
 * title, not one)? */
static int
has_subject(const char *s, size_t len)
{
	const char	*k = kind_end(s, len);
	size_t		 core = title_core(s, len), n;

	if (k == NULL)
		return 1;
	n = strlen(k);
	if (strcmp(k, "情况报告") == 0)
		n = strlen("情况的报告");
	core = core >= n ? core - n : 0;
	while (core >= 6 && (ends_with(s, core, "工作") ||
	    ends_with(s, core, "年度")))
		core -= 6;
	return utf8_count(s, core) >= 2;
}

/* What a unit of the opening is. */
enum tline {
	TL_OTHER,	/* text: a sentence, a heading */
	TL_SKIP,	/* breadcrumb, metadata, 文号, date, 版头, signature */
	TL_NOTICE,	/* 关于印发…的通知 */
	TL_TITLE,	/* a title: a kind at its end */
	TL_PLAIN,	/* title-like without a kind (a slogan, a title cut) */
};

/* Is s[0..len) a 版头 (发文机关标志): an organisation and 文件? */
static int
header_line(const char *s, size_t len)
{
	return ends_with(s, len, "文件") && utf8_count(s, len) <= 30 &&
	    len > 6;
}

/* Is s[0..len) (simplified) one or more organisations side by side (a
 * signature line, a joint 版头)? */
static int
orgs_line(const char *s, size_t len)
{
	struct org_name	 m;
	size_t		 i = 0, j;
	int		 n = 0;

	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		for (j = i; j < len && s[j] != ' '; j++)
			continue;
		if (j > i) {
			if (!org_parse(s + i, j - i, 0, &m))
				return 0;
			n++;
		}
		i = j;
	}
	return n > 0;
}

/* Is line s[0..len) one that stands alone in the opening or at the
 * end of a document: a metadata field or breadcrumb, a 文号, a date, a
 * 版头, a line of organisations (a signature)? */
int
line_alone(const char *s, size_t len)
{
	char	 buf[256];
	int	 y, m;

	if (meta_line(s, len))
		return 1;
	if (len == 0 || len >= sizeof(buf) || memmem(s, len, "，", 3) ||
	    memmem(s, len, "。", 3))
		return 0;
	org_simplify(s, len, buf);
	return doc_number(buf, len) || date_line(buf, len, &y, &m) ||
	    header_line(buf, len) || orgs_line(buf, len);
}

/* Classify unit text s[0..len) (simplified) of nlines lines. */
static enum tline
classify(const char *s, size_t len, size_t nlines)
{
	int	 y, m;

	if (breadcrumb(s, len) || meta_line(s, len) || doc_number(s, len) ||
	    date_line(s, len, &y, &m) || header_line(s, len) ||
	    attachment_mark(s, len) || orgs_line(s, len))
		return TL_SKIP;
	if (len > 0 && (ends_with(s, len, "：") || ends_with(s, len, ":")))
		return TL_SKIP;		/* an addressee */
	if (len > 0 && (s[0] == '(' || starts_with(s, len, "（")) &&
	    (s[len - 1] == ')' || ends_with(s, len, "）")))
		return TL_SKIP;		/* (此件公开发布) */
	if (!title_like(s, len, nlines))
		return TL_OTHER;
	if (notice(s, len))
		return TL_NOTICE;
	if (title_words(s, len) && has_subject(s, len) && !slogan(s, len))
		return TL_TITLE;
	return TL_PLAIN;
}

/* Can unit b continue title unit a (某某区卫生健康委员会关于 / 进一步加
 * 强基层医疗服务的实施意见)?  b does not start a title of its own. */
static int
title_cont(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t	 at, end;
	int	 code;

	if (slogan(a, alen) || utf8_count(a, alen) + utf8_count(b, blen) >
	    TITLE_MAX)
		return 0;
	if (year_in(b, blen, &at, &end) && at == 0)
		return 0;
	if (starts_with(b, blen, "关于") || org_places(b, blen, &code) > 0)
		return ends_with(a, alen, "关于") || ends_with(a, alen, "印发");
	return 1;
}

/* The unit text of us->v[i], simplified, in scratch b. */
static const char *
simple(struct buf *b, const struct unit *u)
{
	buf_reset(b);
	buf_put(b, u->s, u->len);
	org_simplify(u->s, u->len, b->data);
	return b->data;
}

/* The text of a title s[0..len) as written, in doc's arena. */
static char *
title_text(struct doc *doc, const char *s, size_t len)
{
	return arena_strndup(&doc->arena, s, len);
}

/* The title that opens unit u (临潭县卫生健康局 2022年度政府信息公开工作
 * 的报告 根据…): the bytes of its words up to a blank after a kind,
 * when a sentence follows; 0 if none. */
static size_t
title_prefix(const char *s, size_t len)
{
	size_t	 i, best = 0;

	for (i = 0; i < len; i++)
		if (s[i] == ' ' && i > 0 && title_like(s, i, 1) &&
		    title_words(s, i) && has_subject(s, i) && !notice(s, i))
			best = i;
	if (best == 0 || (!memmem(s + best, len - best, "，", 3) &&
	    !memmem(s + best, len - best, ",", 1) &&
	    !memmem(s + best, len - best, "。", 3)))
		return 0;
	return best;
}

/* The document's title among its first units.  See gen.h. */
long
title_unit(struct doc *doc, const struct units *us, const char **title,
    size_t *n)
{
	struct buf	 sb = BUF_INIT, jb = BUF_INIT, nb = BUF_INIT;
	size_t		 i, k, lim, at, len, vlen, key, note_end = 0;
	long		 found = -1, plain = -1, note = -1, first = -1;
	size_t		 nfound = 1, upto = 0;
	const char	*s, *v, *meta = NULL;
	size_t		 metalen = 0;
	enum tline	 c;
	int		 quoted;

	*title = NULL;
	*n = 1;
	lim = us->n < TITLE_SCAN ? us->n : TITLE_SCAN;
	for (i = 0; i < lim && found < 0; i++) {
		const struct unit *u = &us->v[i];

		if (u->m.style != M_NONE && u->m.style != M_AR_BARE)
			break;
		if (u->len == 0)
			continue;
		s = simple(&sb, u);
		if ((v = meta_field(s, u->len, &vlen, &key)) != NULL &&
		    (strcmp(meta_keys[key], "标题") == 0 ||
		    strcmp(meta_keys[key], "名称") == 0) && vlen > 0 &&
		    meta == NULL) {
			meta = u->s + (v - s);
			metalen = vlen;
		}
		c = classify(s, u->len, u->nlines);
		if (first < 0 && c != TL_SKIP)
			first = (long)i;
		if (c == TL_OTHER && (len = title_prefix(s, u->len)) > 0) {
			/* The title opens the line; the rest is the text. */
			*title = title_text(doc, u->s, len);
			while (len < u->len && u->s[len] == ' ')
				len++;
			((struct unit *)u)->s += len;
			((struct unit *)u)->len -= len;
			upto = i;
			goto done;
		}
		if (c == TL_NOTICE) {
			/* A notice cut over lines: join them. */
			k = i;
			while (k + 1 < lim && !ends_with(us->v[k].s,
			    us->v[k].len, "通知") &&
			    title_like(us->v[k + 1].s, us->v[k + 1].len, 1) &&
			    us->v[k + 1].len > 0)
				k++;
			if (note < 0) {
				for (at = i; at <= k; at++)
					buf_put(&nb, us->v[at].s, us->v[at].len);
				note = (long)i;
				note_end = k;
			}
			i = k;
			continue;
		}
		if (c == TL_TITLE) {
			found = (long)i;
			break;
		}
		if (c == TL_PLAIN) {
			/* A title cut over two or three lines. */
			buf_reset(&jb);
			buf_put(&jb, u->s, u->len);
			for (k = i + 1; k < lim && k < i + 3; k++) {
				const struct unit *w = &us->v[k];

				if (w->len == 0 || w->m.style != M_NONE ||
				    !title_like(w->s, w->len, w->nlines) ||
				    !title_cont(jb.data, jb.len, w->s, w->len))
					break;
				buf_put(&jb, w->s, w->len);
				if (title_words(jb.data, jb.len) &&
				    !notice(jb.data, jb.len)) {
					*title = title_text(doc, jb.data,
					    jb.len);
					*n = k - i + 1;
					found = (long)i;
					goto done;
				}
			}
			if (plain < 0)
				plain = (long)i;
		}
	}
	if (found >= 0) {
		*title = title_text(doc, us->v[found].s, us->v[found].len);
		*n = nfound;
		/* 发文机关名称 on a line of its own above 关于… or a year: the
		 * title's first part (GB/T 9704 7.3.1). */
		if (found > 0 && (starts_with(us->v[found].s, us->v[found].len,
		    "关于") || (year_in(us->v[found].s, us->v[found].len, &at,
		    &len) && at == 0)) && us->v[found - 1].len > 0 &&
		    us->v[found - 1].m.style == M_NONE &&
		    !memchr(us->v[found - 1].s, ' ', us->v[found - 1].len)) {
			struct org_name	 m;
			const struct unit *p = &us->v[found - 1];

			s = simple(&sb, p);
			if (org_parse(s, p->len, 0, &m)) {
				*title = arena_printf(&doc->arena, "%s%s", p->s,
				    us->v[found].s);
				found--;
				*n = 2;
			}
		}
		goto done;
	}
	/* No line of its own: the notice's document, the page's title
	 * field, the notice, a lone first line (a slogan, a plain title). */
	if (note >= 0 && notice_inner(nb.data, nb.len, &at, &len, &quoted) &&
	    quoted)
		*title = title_text(doc, nb.data + at, len);
	else if (meta != NULL)
		*title = title_text(doc, meta, metalen);
	else if (note >= 0) {
		/* The notice is the only title the text shows. */
		*title = title_text(doc, nb.data, nb.len);
		found = note;
		*n = note_end - (size_t)note + 1;
	} else if (plain >= 0 && plain == first &&
	    has_subject(us->v[plain].s, us->v[plain].len)) {
		*title = title_text(doc, us->v[plain].s, us->v[plain].len);
		found = plain;
	}
done:
	/* The web page around the document (breadcrumb, metadata fields,
	 * table rules) is no part of it: gone from the body when the
	 * document's title follows. */
	if (found > 0)
		upto = (size_t)found;
	for (i = 0; *title != NULL && i < upto; i++) {
		struct unit	*u = (struct unit *)&us->v[i];

		if (u->len > 0 && u->m.style == M_NONE &&
		    (meta_line(simple(&sb, u), u->len) ||
		    doc_number_alone(sb.data, u->len, &at) > 0))
			u->len = 0;
	}
	/* The page's fields right under the title (发布日期:… 来源:…), and
	 * a news page's subtitle between the two (属全国首次, then 作者:…
	 * 来源:…): a title-like line right under the title with a field
	 * after it is the headline's, not the document's text. */
	k = found >= 0 ? (size_t)found + *n : us->n;
	for (i = k; i < us->n; i++) {
		struct unit	*u = (struct unit *)&us->v[i];

		if (u->m.style != M_NONE)
			break;
		if (i == k && i + 1 < us->n && us->v[i + 1].m.style == M_NONE &&
		    title_like(u->s, u->len, u->nlines) &&
		    meta_line(simple(&sb, &us->v[i + 1]), us->v[i + 1].len)) {
			u->len = 0;
			continue;
		}
		if (!meta_line(simple(&sb, u), u->len))
			break;
		u->len = 0;
	}
	buf_free(&sb);
	buf_free(&jb);
	buf_free(&nb);
	return found;
}

/* ---- Organisation ---- */

static void	 tree_text(const struct doc *, struct buf *);

/* The organisations a source names, the lead first. */
struct orgs {
	const char	*v[MAX_ORGS];	/* as written, in doc's arena */
	size_t		 n;
	int		 place;		/* code of the lead's place, 0 */
	int		 place_only;	/* the lead names a place, not a body */
};

/* Add orig[0..len) (sim: its simplified form) to o when the grammar
 * accepts it; 1 when it does. */
static int
org_add(struct doc *doc, struct orgs *o, const char *orig, const char *sim,
    size_t len, int place_only)
{
	struct org_name	 m;
	size_t		 k;

	while (len > 0 && orig[len - 1] == ' ')
		len--;
	while (len > 0 && orig[0] == ' ')
		orig++, sim++, len--;
	if (len == 0 || !org_parse(sim, len, place_only, &m))
		return 0;
	for (k = 0; k < o->n; k++)
		if (strlen(o->v[k]) == len && memcmp(o->v[k], orig, len) == 0)
			return 1;
	if (o->n == 0) {
		o->place = m.place;
		o->place_only = !m.body;
	}
	if (o->n < MAX_ORGS)
		o->v[o->n++] = arena_strndup(&doc->arena, orig, len);
	return 1;
}

/* Add the names in orig[0..len) separated by 、 and blanks (中共广州市委、
 * 广州市人民政府) to o: 1 when every one is an organisation. */
static int
org_list(struct doc *doc, struct orgs *o, const char *orig, const char *sim,
    size_t len, int place_only)
{
	size_t	 i = 0, j, n0 = o->n;

	while (i < len) {
		for (j = i; j < len && orig[j] != ' ' &&
		    !starts_with(orig + j, len - j, "、"); j++)
			continue;
		if (j > i && !org_add(doc, o, orig + i, sim + i, j - i,
		    place_only)) {
			o->n = n0;
			return 0;
		}
		i = j;
		while (i < len && (orig[i] == ' ' ||
		    starts_with(orig + i, len - i, "、")))
			i += orig[i] == ' ' ? 1 : 3;
	}
	return o->n > n0;
}

/* The length of s[0..len) without a bracketed part at its end
 * (耿马傣族佤族自治县卫生健康局(本级) → …卫生健康局). */
static size_t
cut_bracket(const char *s, size_t len)
{
	size_t	 n = title_core(s, len);

	return n > 0 ? n : len;
}

/* The issuer a title names (simplified sim, as written t): before 关于
 * (江苏省民政厅关于…), before its year (三明市农业农村局2022年…), after
 * its year before its kind (2023年度泸州市中医医院单位决算); else the
 * place it names (2015年昌平区卫生计生工作要点 → 昌平区) into *place. */
static int
org_title(struct doc *doc, struct orgs *o, struct orgs *level,
    struct orgs *place, const char *t, const char *sim)
{
	size_t		 len = strlen(t), at, end, n, q;
	const char	*p, *k;
	int		 last, code;

	if ((p = strstr(sim, "关于")) != NULL && p > sim) {
		n = cut_bracket(sim, (size_t)(p - sim));
		if (org_list(doc, o, t, sim, n, 0))
			return 1;
		if (org_level(sim, n) && level->n == 0)
			level->v[level->n++] = arena_strndup(&doc->arena, t,
			    n);
	}
	if (year_find(sim, len, &at, &end, &last) == 0)
		at = end = len;
	if (at > 0 && at < len && org_list(doc, o, t, sim,
	    cut_bracket(sim, at), 0))
		return 1;
	if (at > 0 && at < len && level->n == 0 &&
	    org_level(sim, cut_bracket(sim, at)))
		level->v[level->n++] = arena_strndup(&doc->arena, t,
		    cut_bracket(sim, at));
	/* A place, perhaps a body, opening the title or after its year
	 * (2023年度泸州市…). */
	at = at == 0 ? end : 0;
	if (at > 0 && starts_with(sim + at, len - at, "度"))
		at += 3;
	if ((n = org_places(sim + at, len - at, &code)) == 0)
		return 0;
	for (q = len; q > at + n; q--) {
		if ((k = kind_end(sim + q, len - q)) != NULL &&
		    strlen(k) == title_core(sim + q, len - q) &&
		    org_add(doc, o, t + at, sim + at, q - at, 0))
			return 1;
	}
	org_add(doc, place, t + at, sim + at, n, 1);
	return 0;
}

/* The first place a title names anywhere (健康石景山): a full name, or
 * a short form whose full name the text writes (石景山 → 石景山区). */
static void
title_place(struct doc *doc, struct orgs *place, const char *t,
    const char *sim, const char *body)
{
	size_t		 len = strlen(sim), i, n;
	const char	*full;
	int		 code, is_short;

	for (i = 0; i < len && place->n == 0; i++) {
		if (((unsigned char)sim[i] & 0xC0) == 0x80 ||
		    (n = org_div_at(sim + i, len - i, &code, &is_short)) == 0)
			continue;
		if (!is_short)
			org_add(doc, place, t + i, sim + i, n, 1);
		else if ((full = org_code_name(code)) != NULL && body &&
		    strstr(body, full) != NULL)
			org_add(doc, place, full, full, strlen(full), 1);
	}
}

/* A line of the text, simplified, in scratch b. */
static const char *
line_simple(struct buf *b, const struct line *l)
{
	buf_reset(b);
	buf_put(b, l->s, l->len);
	org_simplify(l->s, l->len, b->data);
	return b->data;
}

/* Does s[0..len) hold punctuation of a sentence (，。；：)? */
static int
sentence_in(const char *s, size_t len)
{
	return memmem(s, len, "，", 3) || memmem(s, len, "。", 3) ||
	    memmem(s, len, "；", 3) || memmem(s, len, "：", 3) ||
	    memchr(s, ',', len) || memchr(s, ':', len);
}

/* The signature above the date line at index d of t: the lines of
 * organisations right above it, top to bottom. */
static int
org_signature(struct doc *doc, struct orgs *o, const struct text *t,
    size_t d, struct buf *b)
{
	size_t		 i, top = d, k;
	const char	*s;

	/* The short lines without a sentence right above the date. */
	for (i = d, k = 0; i > 0 && k < SIGN_LINES; i--) {
		if (t->v[i - 1].len == 0)
			continue;
		s = line_simple(b, &t->v[i - 1]);
		if (utf8_count(s, t->v[i - 1].len) > 40 ||
		    sentence_in(s, t->v[i - 1].len) ||
		    meta_line(s, t->v[i - 1].len))
			break;
		top = i - 1;
		k++;
	}
	for (i = top; i < d; i++)
		if (t->v[i].len > 0) {
			s = line_simple(b, &t->v[i]);
			if (orgs_line(s, t->v[i].len))
				org_list(doc, o, t->v[i].s, s, t->v[i].len, 0);
		}
	return o->n > 0;
}

/* Is the character at s[i] inside open and close (《》, “”) of s? */
static int
inside_pair(const char *s, size_t i, const char *open, const char *close)
{
	const char	*o = NULL, *c = NULL, *p;

	for (p = s; p + 3 <= s + i; p++) {
		if (memcmp(p, open, 3) == 0)
			o = p;
		else if (memcmp(p, close, 3) == 0)
			c = p;
	}
	return o != NULL && (c == NULL || c < o);
}

/* The issuer named first in the opening sentence s (simplified sim;
 * 2022年，番禺区卫生健康局围绕…): a division and the name of a body
 * after it, outside 《》; *quoted when it is inside “” (someone's
 * words, not the document's). */
static int
org_sentence(struct doc *doc, struct orgs *o, const char *s, const char *sim,
    size_t len, int *quoted)
{
	struct org_name	 m;
	size_t		 i, q, n, ends[REST_LIMIT + 1], ne;
	int		 code;

	for (i = 0; i < len; i++) {
		if (((unsigned char)sim[i] & 0xC0) == 0x80)
			continue;
		if ((n = org_places(sim + i, len - i, &code)) == 0 ||
		    inside_pair(sim, i, "《", "》"))
			continue;
		*quoted = inside_pair(sim, i, "“", "”");
		for (q = i + n, ne = 0; q < len && ne < REST_LIMIT; ) {
			if (!cp_is_han(utf8_step(sim, len, &q)))
				break;
			ends[ne++] = q;
		}
		/* The shortest name, or one a head longer (委 → 委员会),
		 * not a part of it (…街道办事处 → …办事处办公室). */
		for (q = 0; q < ne; q++) {
			if (!org_parse(sim + i, ends[q] - i, 0, &m) ||
			    m.place == 0)
				continue;
			n = q;
			for (q++; q < ne && q <= n + 2; q++)
				if (org_parse(sim + i, ends[q] - i, 0, &m))
					n = q;
			return org_add(doc, o, s + i, sim + i, ends[n] - i, 0);
		}
	}
	return 0;
}

/* The text of the first paragraph of the tree (before its first
 * section), or NULL. */
static const char *
first_paragraph(const struct doc *doc)
{
	const struct node	*n;

	for (n = doc->root ? doc->root->first : NULL; n != NULL; n = n->next)
		if (n->type == NODE_PARAGRAPH && n->text != NULL &&
		    (strstr(n->text, "，") || strstr(n->text, ",")))
			return n->text;
		else if (n->type == NODE_SECTION)
			break;
	return NULL;
}

/* The place of an issuer named by its level alone (市卫生计生委): the
 * division whose full name ends in that level (市) the text writes most
 * often, twice at least (北京市), in its first PLACE_SCAN bytes; NULL if
 * none. */
static const char *
level_place(const struct doc *doc, const char *level)
{
	struct { int code, n; } seen[32];
	struct buf	 b = BUF_INIT;
	const char	*name, *best = NULL;
	char		*sim;
	size_t		 i, k, n, ns = 0;
	int		 code, is_short, top = 1;

	if (doc->title != NULL)
		buf_puts(&b, doc->title), buf_putc(&b, '\n');
	tree_text(doc, &b);
	if (b.len > PLACE_SCAN) {
		/* Cut at a character's start. */
		for (b.len = PLACE_SCAN; b.len > 0 &&
		    ((unsigned char)b.data[b.len] & 0xC0) == 0x80; b.len--)
			continue;
		b.data[b.len] = '\0';
	}
	sim = xmalloc(b.len + 1);
	org_simplify(b.data, b.len, sim);
	for (i = 0; i < b.len; i++) {
		if (((unsigned char)sim[i] & 0xC0) == 0x80 ||
		    (n = org_div_at(sim + i, b.len - i, &code,
		    &is_short)) == 0 || is_short ||
		    (name = org_code_name(code)) == NULL ||
		    !ends_with(name, strlen(name), level))
			continue;
		for (k = 0; k < ns && seen[k].code != code; k++)
			continue;
		if (k == ns && ns < sizeof(seen) / sizeof(seen[0])) {
			seen[ns].code = code;
			seen[ns++].n = 0;
		}
		if (k < ns && ++seen[k].n > top) {
			top = seen[k].n;
			best = name;
		}
		i += n - 1;
	}
	free(sim);
	buf_free(&b);
	return best;
}

/* The issuer of the document (doc->org, doc->orgs, doc->org_key,
 * doc->org_place) from, in turn: its title, its 版头, the notice that
 * publishes it, its signature, the page's metadata; then a body the
 * title names by its level only (市卫生计生委); then the place the
 * title names, or the place of the body the opening sentence names.
 * t may be NULL. */
static void
org_infer(struct doc *doc, const struct text *t)
{
	struct orgs	 o, place, level, opening;
	struct buf	 b = BUF_INIT, tb = BUF_INIT, body = BUF_INIT;
	const char	*s, *v, *p;
	size_t		 i, n, vlen, key, lim, at;
	int		 y, m, found = 0, quoted = 0;

	memset(&o, 0, sizeof(o));
	memset(&place, 0, sizeof(place));
	memset(&level, 0, sizeof(level));
	memset(&opening, 0, sizeof(opening));
	if (doc->title != NULL) {
		n = strlen(doc->title);
		buf_put(&tb, doc->title, n);
		org_simplify(doc->title, n, tb.data);
		found = org_title(doc, &o, &level, &place, doc->title,
		    tb.data);
	}
	lim = t == NULL ? 0 : t->n < OPEN_LINES ? t->n : OPEN_LINES;
	/* The 版头 (发展改革委办公厅 文件 / 税务总局办公厅). */
	for (i = 0; !found && i < lim && i < 8; i++) {
		s = line_simple(&b, &t->v[i]);
		if (!header_line(s, t->v[i].len))
			continue;
		found = org_list(doc, &o, t->v[i].s, s, t->v[i].len - 6, 0);
		for (i++; found && i < lim && i < 10; i++) {
			s = line_simple(&b, &t->v[i]);
			if (t->v[i].len > 0 && (!orgs_line(s, t->v[i].len) ||
			    !org_list(doc, &o, t->v[i].s, s, t->v[i].len, 0)))
				break;
		}
	}
	/* The notice (湖州市卫生健康委关于印发…). */
	for (i = 0; !found && i < lim; i++) {
		s = line_simple(&b, &t->v[i]);
		if ((p = strstr(s, "关于")) != NULL && p > s &&
		    (strstr(p, "印发") || strstr(p, "转发")) &&
		    title_like(s, t->v[i].len, 1))
			found = org_list(doc, &o, t->v[i].s, s,
			    cut_bracket(s, (size_t)(p - s)), 0);
	}
	/* The signature above a date: the notice's, else the end's. */
	for (i = 0; !found && i < lim; i++) {
		s = line_simple(&b, &t->v[i]);
		if (date_line(s, t->v[i].len, &y, &m))
			found = org_signature(doc, &o, t, i, &b);
	}
	for (i = t == NULL ? 0 : t->n; !found && i > lim &&
	    i + TAIL_LINES > t->n; i--) {
		s = line_simple(&b, &t->v[i - 1]);
		if (date_line(s, t->v[i - 1].len, &y, &m))
			found = org_signature(doc, &o, t, i - 1, &b);
	}
	/* The page's metadata (发布机构: …, 来源: …). */
	for (i = 0; !found && i < lim; i++) {
		s = line_simple(&b, &t->v[i]);
		for (at = 0; !found && (v = meta_next(s, t->v[i].len, &at,
		    &vlen, &key)) != NULL; ) {
			if (strcmp(meta_keys[key], "发布机构") == 0 ||
			    strcmp(meta_keys[key], "发文机关") == 0 ||
			    strcmp(meta_keys[key], "发文单位") == 0 ||
			    strcmp(meta_keys[key], "来源") == 0 ||
			    strcmp(meta_keys[key], "来 源") == 0 ||
			    strcmp(meta_keys[key], "信息来源") == 0 ||
			    strcmp(meta_keys[key], "发布") == 0)
				found = org_add(doc, &o, t->v[i].s + (v - s), v,
				    memchr(v, ' ', vlen) ? (size_t)((const char *)
				    memchr(v, ' ', vlen) - v) : vlen, 0);
		}
	}
	if (!found && level.n > 0) {
		o = level;
		found = 1;
	}
	/* A place the title names; else the body the opening sentence
	 * names as its subject (2022年，番禺区卫生健康局围绕…), or only its
	 * place when the sentence quotes someone (“…昌平区卫生健康委…”). */
	if (!found && place.n == 0 && doc->title != NULL) {
		tree_text(doc, &body);
		title_place(doc, &place, doc->title, tb.data, buf_cstr(&body));
	}
	if (!found && place.n == 0 && (s = first_paragraph(doc)) != NULL) {
		n = strlen(s);
		buf_reset(&b);
		buf_put(&b, s, n);
		org_simplify(s, n, b.data);
		if (org_sentence(doc, &opening, s, b.data, n, &quoted) &&
		    !quoted) {
			/* The document's own sentence names its issuer. */
			o = opening;
			found = 1;
		} else if (opening.n > 0 &&
		    opening.place != 0 && org_code_name(opening.place))
			org_add(doc, &place, org_code_name(opening.place),
			    org_code_name(opening.place),
			    strlen(org_code_name(opening.place)), 1);
	}
	if (!found && place.n > 0)
		o = place;
	if (o.n > 0) {
		doc->org = o.v[0];
		doc->orgs = arena_alloc(&doc->arena, o.n * sizeof(*doc->orgs));
		memcpy(doc->orgs, o.v, o.n * sizeof(*doc->orgs));
		doc->norgs = o.n;
		doc->org_key = org_key(&doc->arena, doc->org);
		if (o.place != 0)
			doc->org_place = org_code_name(o.place);
	}
	buf_free(&b);
	buf_free(&tb);
	buf_free(&body);
}

/* ---- Year and kind ---- */

/* The year the title names, the last of its range in *last. */
static int
title_year(const char *title, int *last)
{
	size_t	 at, end;

	return year_find(title, strlen(title), &at, &end, last);
}

/* The date of the document's signature (the first date line of the
 * opening, else of the end): 1 with its year and month. */
static int
signed_on(const struct text *t, int *year, int *month)
{
	size_t	 i;

	if (t == NULL)
		return 0;
	for (i = 0; i < t->n && i < OPEN_LINES; i++)
		if (date_line(t->v[i].s, t->v[i].len, year, month))
			return 1;
	for (i = t->n; i > OPEN_LINES && i + TAIL_LINES > t->n; i--)
		if (date_line(t->v[i - 1].s, t->v[i - 1].len, year, month))
			return 1;
	return 0;
}

/* Does kind end with one of the words of list? */
static int
kind_in(const char *kind, const char *const *list)
{
	size_t	 k;

	for (k = 0; kind != NULL && list[k] != NULL; k++)
		if (ends_with(kind, strlen(kind), list[k]))
			return 1;
	return 0;
}

/* Is kind one that plans a year (工作要点, 工作计划, 实施方案)? */
int
kind_is_plan(const char *kind)
{
	return kind_in(kind, plan_kinds);
}

/* Is kind one that reports on a year (完成情况, 工作总结, 工作报告)? */
int
kind_is_report(const char *kind)
{
	return kind_in(kind, report_kinds);
}

/* The year of the opening sentence when it starts with one (2022年，是
 * …; 2023年，在县委…), else 0. */
static int
opening_year(const struct doc *doc)
{
	const struct node	*n;
	size_t			 at, end;
	int			 v;

	for (n = doc->root ? doc->root->first : NULL; n != NULL;
	    n = n->next) {
		if (n->type != NODE_PARAGRAPH || n->text == NULL)
			return 0;
		v = year_in(n->text, strlen(n->text), &at, &end);
		return at == 0 ? v : 0;
	}
	return 0;
}

/* The first top-level section whose title names year or ends a part
 * of kind word w (思路 of 工作思路): its numeral, or NULL. */
static const char *
part_section(const struct doc *doc, int year, const char *w, int first)
{
	const struct node	*n;
	char			 ys[8];
	const char		*tail = w;
	size_t			 len = strlen(w);

	if (len > 6)
		tail = w + len - 6;
	snprintf(ys, sizeof(ys), "%d", year);
	for (n = doc->root ? doc->root->first : NULL; n != NULL;
	    n = n->next) {
		if (n->type != NODE_SECTION || n->title == NULL)
			continue;
		if (first || has(n->title, ys) || has(n->title, tail))
			return n->num;
	}
	return NULL;
}

/* A combined title (2022年工作总结和2023年工作思路, …暨…): its kind
 * (工作总结+工作思路) and parts in doc; 1 when it is one. */
static int
combined(struct doc *doc, const char *title)
{
	size_t		 len = strlen(title), i, k, n, at, end;
	const char	*k1, *k2;
	int		 y1, y2, last;

	for (i = 0; i < len; i++) {
		for (k = 0; joiners[k] != NULL; k++)
			if (starts_with(title + i, len - i, joiners[k]))
				break;
		if (joiners[k] == NULL)
			continue;
		n = strlen(joiners[k]);
		if ((k1 = kind_end(title, i)) == NULL ||
		    (k2 = kind_end(title + i + n, len - i - n)) == NULL)
			continue;
		y1 = year_find(title, i, &at, &end, &last);
		y2 = year_find(title + i + n, len - i - n, &at, &end, &last);
		if (y1 == 0 || y2 == 0 || at != 0)
			continue;
		doc->kind = arena_printf(&doc->arena, "%s+%s", k1, k2);
		doc->year = y1;
		doc->parts = arena_alloc(&doc->arena, 2 * sizeof(*doc->parts));
		doc->parts[0].kind = k1;
		doc->parts[0].year = y1;
		doc->parts[0].section = part_section(doc, y1, k1, 1);
		doc->parts[1].kind = k2;
		doc->parts[1].year = y2;
		doc->parts[1].section = part_section(doc, y2, k2, 0);
		doc->nparts = 2;
		return 1;
	}
	return 0;
}

/* The kind a page shows without its title: its first line is the tail
 * of a title (工作年度报告), a kind with no subject; else NULL. */
static const char *
fragment_kind(const struct text *t)
{
	size_t	 i;

	for (i = 0; t != NULL && i < t->n && i < OPEN_LINES; i++) {
		if (t->v[i].len == 0 || line_alone(t->v[i].s, t->v[i].len))
			continue;
		if (title_like(t->v[i].s, t->v[i].len, 1) &&
		    !has_subject(t->v[i].s, t->v[i].len))
			return kind_end(t->v[i].s, t->v[i].len);
		return NULL;
	}
	return NULL;
}

/* The kind of the title: that of the document a 印发 notice publishes,
 * else the kind at its end. */
static const char *
title_kind(const char *title, size_t len)
{
	size_t	 at, n;
	int	 quoted;

	if (notice(title, len) && notice_inner(title, len, &at, &n, &quoted) &&
	    kind_end(title + at, n) != NULL)
		return kind_end(title + at, n);
	return kind_end(title, len);
}

/* ---- The text, for the last resorts ---- */

/* The year written most often (before 年) in s, the later on a tie. */
static int
year_from_text(const char *s, size_t len)
{
	int	 count[200], best = 0, v;
	size_t	 i, end;

	memset(count, 0, sizeof(count));
	for (i = 0; i < len; i++)
		if (year_start(s[i]) && (v = year_at(s, len, i, &end)) != 0) {
			count[v - 1900]++;
			i = end - 1;
		}
	for (v = 0; v < 200; v++)
		if (count[v] > 0 && count[v] >= count[best])
			best = v;
	return count[best] > 0 ? 1900 + best : 0;
}

/* All the text of the tree, for the searches above. */
static void
tree_text(const struct doc *doc, struct buf *b)
{
	const struct node	*n;
	struct tree_iter	 it;
	size_t			 i;

	tree_iter_init(&it, doc->root);
	while ((n = tree_next(&it)) != NULL) {
		if (n->type == NODE_SECTION && n->title)
			buf_puts(b, n->title), buf_putc(b, '\n');
		if (n->text && n->parent != NULL &&
		    n->parent->type != NODE_LIST)
			buf_puts(b, n->text), buf_putc(b, '\n');
		else if (n->text && n->parent != NULL &&
		    n->parent->style == LIST_BLOCK)
			buf_puts(b, n->text), buf_putc(b, '\n');
		for (i = 0; i < n->nfields; i++)
			buf_puts(b, n->fields[i].text), buf_putc(b, '\n');
	}
}

/* ---- The page's metadata: 文号, 索引号, dates ---- */

/* Fields of the metadata a page or a 版头 writes, by the key the
 * document's metadata records them under (the first that gives one). */
static const struct {
	const char	*field;		/* a key of meta_keys */
	const char	*name;		/* its key in doc->extra */
	int		 date;		/* its value is a date */
} info_fields[] = {
	{ "文号", "文号", 0 }, { "文 号", "文号", 0 },
	{ "发文字号", "文号", 0 }, { "索引号", "索引号", 0 },
	{ "监督索引号", "索引号", 0 }, { "成文日期", "成文日期", 1 },
	{ "生成日期", "成文日期", 1 }, { "发布日期", "发布日期", 1 },
	{ "发布时间", "发布日期", 1 },
};

/* The bytes of a date at the start of s[0..len) (2024-01-04,
 * 2024/1/4, 2024.1.4, 2024年1月4日), 0 if none. */
static size_t
date_at(const char *s, size_t len)
{
	static const char *const seps[][2] = { { "-", "-" }, { "/", "/" },
	    { ".", "." }, { "年", "月" } };
	size_t	 i, k, d, n;

	for (k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
		if (digits4(s, len, 0) == 0 ||
		    !starts_with(s + 4, len - 4, seps[k][0]))
			continue;
		i = 4 + strlen(seps[k][0]);
		for (d = 0; i < len && ascii_isdigit(s[i]) && d < 3; i++, d++)
			continue;
		if (d == 0 || d > 2 || !starts_with(s + i, len - i, seps[k][1]))
			continue;
		i += strlen(seps[k][1]);
		for (d = 0; i < len && ascii_isdigit(s[i]) && d < 3; i++, d++)
			continue;
		if (d == 0 || d > 2)
			continue;
		n = k == 3 && starts_with(s + i, len - i, "日") ? 3 : 0;
		return i + n;
	}
	return 0;
}

/* Is s[0..len) a 文号 standing alone (京卫计〔2017〕12号, 国发[2019]
 * 5号): the issuer's code word, a year in brackets, a number and 号,
 * GB/T 9704 7.2.3?  Its bytes without the blanks around it, at *at. */
static size_t
doc_number_alone(const char *s, size_t len, size_t *at)
{
	static const char *const open[] = { "〔", "[", "［", "(", "（", NULL };
	static const char *const close[] = { "〕", "]", "］", ")", "）", NULL };
	size_t	 i = 0, n = 0, k, d;

	while (i < len && s[i] == ' ')
		i++;
	*at = i;
	while (i < len && n < 12 && cp_is_han(utf8_step(s, len, &i)))
		n++;
	if (n == 0 || n >= 12)
		return 0;
	/* utf8_step went one past the code word: step back. */
	i = *at;
	for (k = 0; k < n; k++)
		(void)utf8_step(s, len, &i);
	for (k = 0; open[k] != NULL && !starts_with(s + i, len - i, open[k]);
	    k++)
		continue;
	if (open[k] == NULL)
		return 0;
	i += strlen(open[k]);
	if (digits4(s, len, i) == 0)
		return 0;
	i += 4;
	if (!starts_with(s + i, len - i, close[k]))
		return 0;
	i += strlen(close[k]);
	for (d = 0; i < len && ascii_isdigit(s[i]); i++, d++)
		continue;
	if (d == 0 || d > 5 || !starts_with(s + i, len - i, "号"))
		return 0;
	i += 3;
	for (n = i; n < len && s[n] == ' '; n++)
		continue;
	return n == len ? i - *at : 0;
}

/* Record name = v[0..vlen) in doc's metadata (doc->extra, after the
 * front matter's keys) unless it has name already: front matter wins. */
static void
info_set(struct doc *doc, const char *name, const char *v, size_t vlen)
{
	struct meta_kv	*kv;
	size_t		 i;

	if (vlen == 0)
		return;
	for (i = 0; i < doc->nextra; i++)
		if (doc->extra[i].key != NULL &&
		    strcmp(doc->extra[i].key, name) == 0)
			return;
	kv = arena_alloc(&doc->arena, (doc->nextra + 1) * sizeof(*kv));
	if (doc->nextra > 0)
		memcpy(kv, doc->extra, doc->nextra * sizeof(*kv));
	kv[doc->nextra].key = arena_strdup(&doc->arena, name);
	kv[doc->nextra].value = arena_strndup(&doc->arena, v, vlen);
	doc->extra = kv;
	doc->nextra++;
}

/* The fields of metadata line s[0..len) (as written; sim simplified)
 * that info_fields names, into doc's metadata. */
static void
info_line(struct doc *doc, const char *s, const char *sim, size_t len)
{
	const char	*v;
	size_t		 at = 0, vlen, key, k, n;

	while ((v = meta_next(sim, len, &at, &vlen, &key)) != NULL) {
		for (k = 0; k < sizeof(info_fields) / sizeof(info_fields[0]);
		    k++) {
			if (strcmp(info_fields[k].field, meta_keys[key]) != 0)
				continue;
			n = info_fields[k].date ? date_at(v, vlen) : vlen;
			info_set(doc, info_fields[k].name, s + (v - sim), n);
		}
		if (at == 0)
			break;
	}
}

/* The 文号, 索引号, 成文日期 and 发布日期 the text gives, where front
 * matter did not: the fields of the page's metadata in the opening
 * (索引号: …, 文号: …, 发布日期: …, 发布机构 X with a blank), a 文号
 * standing alone in the opening (the 版头's, GB/T 9704 7.2.3), the date
 * under a signature (GB/T 9704 7.3.5.1: 成文日期). */
static void
info_infer(struct doc *doc, const struct text *t)
{
	struct buf	 b = BUF_INIT;
	const char	*s;
	size_t		 i, j, lim, n, at;
	int		 y, m;

	lim = t == NULL ? 0 : t->n < OPEN_LINES ? t->n : OPEN_LINES;
	for (i = 0; i < lim; i++) {
		if (t->v[i].len == 0 || t->v[i].len > INFO_LINE_MAX)
			continue;
		s = line_simple(&b, &t->v[i]);
		info_line(doc, t->v[i].s, s, t->v[i].len);
		if (i < TITLE_SCAN && (n = doc_number_alone(s, t->v[i].len,
		    &at)) > 0)
			info_set(doc, "文号", t->v[i].s + at, n);
	}
	for (i = 0; t != NULL && i < t->n; i++) {
		if (i == lim && t->n > TAIL_LINES && i < t->n - TAIL_LINES)
			i = t->n - TAIL_LINES;
		if (t->v[i].len == 0 || t->v[i].len > INFO_LINE_MAX ||
		    !date_line(t->v[i].s, t->v[i].len, &y, &m))
			continue;
		for (j = i; j > 0 && t->v[j - 1].len == 0; j--)
			continue;
		if (j == 0 || t->v[j - 1].len > INFO_LINE_MAX)
			continue;
		s = line_simple(&b, &t->v[j - 1]);
		if (!orgs_line(s, t->v[j - 1].len))
			continue;
		s = t->v[i].s;
		for (at = 0; at < t->v[i].len && s[at] == ' '; at++)
			continue;
		info_set(doc, "成文日期", s + at, date_at(s + at,
		    t->v[i].len - at));
		break;
	}
	buf_free(&b);
}

/* Fill title, year, org and kind where front matter left them unknown;
 * a note in d for each that stays unknown.  See gen.h. */
void
meta_infer(struct doc *doc, const struct text *t, struct diags *d)
{
	struct buf	 body = BUF_INIT;
	size_t		 len;
	int		 last = 0, y, m, fm_year = doc->year != 0;
	char		*st = NULL;

	if (doc->title == NULL && t != NULL && t->header != NULL)
		doc->title = arena_strdup(&doc->arena, t->header);
	len = doc->title ? strlen(doc->title) : 0;
	/* The title in simplified characters, for the vocabulary. */
	if (doc->title != NULL) {
		st = arena_alloc(&doc->arena, len + 1);
		org_simplify(doc->title, len, st);
	}
	if (st != NULL && (doc->kind == NULL || doc->year == 0) &&
	    combined(doc, st)) {
		/* kind, year and parts set */
	} else {
		if (doc->kind == NULL && st != NULL)
			doc->kind = title_kind(st, len);
		if (doc->year == 0 && st != NULL) {
			doc->year = title_year(st, &last);
			if (doc->year != 0 && last > doc->year)
				doc->year_end = last;
		}
	}
	if (doc->kind == NULL && doc->title == NULL)
		doc->kind = fragment_kind(t);
	if (doc->year == 0 && signed_on(t, &y, &m))
		doc->year = kind_is_plan(doc->kind) && m >= 11 ? y + 1 :
		    !kind_is_plan(doc->kind) && doc->kind != NULL && m <= 2 ?
		    y - 1 : y;
	if (doc->year == 0)
		doc->year = opening_year(doc);
	if (doc->year == 0 && !fm_year) {
		tree_text(doc, &body);
		doc->year = year_from_text(buf_cstr(&body), body.len);
	}
	info_infer(doc, t);
	if (doc->org == NULL)
		org_infer(doc, t);
	else if (doc->org_key == NULL)
		doc->org_key = org_key(&doc->arena, doc->org);
	if (doc->org != NULL && doc->org_place == NULL) {
		/* 市卫生计生委: its place from the text, for its full name. */
		len = strlen(doc->org);
		st = arena_alloc(&doc->arena, len + 1);
		org_simplify(doc->org, len, st);
		if (org_level(st, len)) {
			st[3] = '\0';
			doc->org_place = level_place(doc, st);
		}
	}
	if (d == NULL)
		goto out;
	if (doc->title == NULL)
		diag_add_id(d, doc->source, 0, 0, SEV_NOTE, "no-title",
		    "no title found: the file name stands for it (set "
		    "title: in front matter)");
	if (doc->year == 0)
		diag_add_id(d, doc->source, 0, 0, SEV_NOTE, "no-year",
		    "no year found: listed under 年份不详 (set year: in "
		    "front matter)");
	if (doc->org == NULL)
		diag_add_id(d, doc->source, 0, 0, SEV_NOTE, "no-org",
		    "no issuing organisation found in the title, notice or "
		    "signature: in no organisation's index (set org: in "
		    "front matter)");
	if (doc->kind == NULL)
		diag_add_id(d, doc->source, 0, 0, SEV_NOTE, "no-kind",
		    "no kind of document at the end of the title: in no "
		    "kind's index (set kind: in front matter)");
out:
	buf_free(&body);
}
