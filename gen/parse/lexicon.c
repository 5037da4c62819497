/*
 * lexicon.c — conventions of Chinese official documents that both front
 * ends (outline.c for plain text, md.c for Markdown) read the same way:
 * what a trailing note in brackets is, which numbering styles number
 * headings, how the attachments are introduced.  docs/parsing.md names
 * each rule; tests/spec/structure.spec holds its examples.
 */
#include <string.h>

#include "parse/parse_int.h"

/* Offset of needle in s[0..len) at or after from, or (size_t)-1. */
static size_t
find(const char *s, size_t len, size_t from, const char *needle)
{
	const char	*p;

	if (from > len)
		return (size_t)-1;
	p = memmem(s + from, len - from, needle, strlen(needle));
	return p ? (size_t)(p - s) : (size_t)-1;
}

/* Does s[0..len) name who does the work: 牵头, 配合, 责任单位, 主责,
 * 协办, or 负责 that is not 负责人 (a person, not a duty)? */
static int
duty_words(const char *s, size_t len)
{
	static const char *const words[] = {
		"牵头", "配合", "责任单位", "责任部门", "主责", "协办",
		"主办单位", "参与单位", NULL
	};
	size_t	 i, at;

	for (i = 0; words[i] != NULL; i++)
		if (find(s, len, 0, words[i]) != (size_t)-1)
			return 1;
	for (at = 0; (at = find(s, len, at, "负责")) != (size_t)-1;
	    at += strlen("负责"))
		if (len - at < strlen("负责人") ||
		    memcmp(s + at + strlen("负责"), "人", strlen("人")) != 0)
			return 1;
	return 0;
}

/* Does s[0..len) start with a short label and a colon and go on after
 * it (口径：按年; not a sentence with a colon in it)? */
static int
label_value(const char *s, size_t len)
{
	size_t		 i = 0;
	uint32_t	 cp;
	int		 n = 0;

	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (cp == 0xFF1A || cp == ':')
			return n >= 1 && n <= 6 && i < len;
		if (!cp_is_han(cp) || ++n > 6)
			return 0;
	}
	return 0;
}

size_t
tag_family_len(const char *s, size_t len)
{
	size_t	 i = len;

	while (i > 0 && ascii_isdigit(s[i - 1]))
		i--;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i == 0 ? len : i;
}

int
note_annotation(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0)
		return 0;
	if (duty_words(s, len))
		return NOTE_MAX_DUTY;
	/* A programme and its number: 办实事项目25, 区政府折子工程68. */
	i = tag_family_len(s, len);
	if (i < len && ascii_isdigit(s[i]) &&
	    cp_is_han(utf8_prev(s, i, NULL)))
		return NOTE_MAX;
	if (label_value(s, len))
		return NOTE_MAX;
	return 0;
}

int
heading_like(const char *s, size_t len)
{
	size_t		 i = 0, k, n = 0;
	uint32_t	 cp;

	while (i < len) {
		k = utf8_han_run(s, len, i);
		n += (k - i) / 3;
		if (n > HEADING_MAX)
			return 0;
		if ((i = k) == len)
			break;
		if (++n > HEADING_MAX)
			return 0;
		cp = utf8_step(s, len, &i);
		if (cp_is_stop(cp) || cp == 0xFF1B)
			return 0;
	}
	return 1;
}

int
has_stop(const char *s, size_t len)
{
	size_t		 i = 0;
	uint32_t	 cp;

	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (cp_is_stop(cp) || cp == 0xFF1B)
			return 1;
	}
	return 0;
}

size_t
heading_title(const char *s, size_t len, int *nostop)
{
	size_t	 t;

	*nostop = 0;
	if (heading_like(s, len))
		return len;
	t = first_sentence(s, len);
	if (t >= len) {
		/* One sentence (（一）全面实施…承诺制。) is a heading too. */
		*nostop = !has_stop(s, len);
		return len;
	}
	return t;
}

int
marker_heading_style(const struct marker *m)
{
	switch (m->style) {
	case M_CN_DUN:
	case M_CN_PAREN:
	case M_CHAPTER:
	case M_SECTION:
	case M_PART:
		return 1;
	default:
		return 0;
	}
}

int
attachment_line(const char *s, size_t len)
{
	size_t		 i = 0, used;
	uint32_t	 cp;
	int		 num = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (len - i >= 6 && (memcmp(s + i, "附件", 6) == 0 ||
	    memcmp(s + i, "附表", 6) == 0))
		i += 6;
	else
		return ATT_NONE;
	while (i < len && s[i] == ' ')
		i++;
	/* 附件1, 附件 2, 附件一 */
	if (i < len && ascii_isdigit(s[i])) {
		while (i < len && ascii_isdigit(s[i]))
			i++;
		num = 1;
	} else if (cn_numeral(s + i, len - i, &used) > 0) {
		i += used;
		num = 1;
	}
	while (i < len && s[i] == ' ')
		i++;
	if (i == len)
		return ATT_HEAD;
	cp = utf8_step(s, len, &i);
	if (cp == 0xFF1A || cp == ':')
		return num ? ATT_HEAD : ATT_LIST;
	/* 附件1 name of the attachment */
	return num && cp_is_han(cp) && utf8_count(s, len) <= 60 ?
	    ATT_HEAD : ATT_NONE;
}

int
toc_heading(const char *s, size_t len)
{
	size_t		 i = 0;
	uint32_t	 cp;
	int		 k = 0;
	static const uint32_t word[] = { 0x76EE, 0x5F55 };	/* 目录 */

	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (cp == ' ' || cp == '\t' || cp == 0x3000)
			continue;
		if (k == 2 || cp != word[k])
			return 0;
		k++;
	}
	return k == 2;
}

size_t
toc_entry_len(const char *s, size_t len)
{
	size_t		 end = len, st;
	uint32_t	 cp;

	while (end > 0) {
		cp = utf8_prev(s, end, &st);
		if (ascii_isdigit(cp) || cp == ' ' || cp == '\t' ||
		    cp == '.' || cp == 0x2026 || cp == 0x00B7 ||
		    cp == 0x22EF || cp == '-' || cp == '_' || cp == 0x3000)
			end = st;
		else
			break;
	}
	return end;
}

/* ---- Key figures (figures.c; docs/figures.md names each table) ---- */

/* Is s[0..len) at or after from the word w? */
static int
word_at(const char *s, size_t len, size_t from, const char *w)
{
	size_t	 n = strlen(w);

	return from <= len && len - from >= n && memcmp(s + from, w, n) == 0;
}

/* Does the word w end at s[end]? */
static int
word_before(const char *s, size_t end, const char *w)
{
	size_t	 n = strlen(w);

	return end >= n && memcmp(s + end - n, w, n) == 0;
}

/* Units a figure's number is counted or measured in, longest first
 * where one starts another (个月 before 个).  年 is a unit only as a
 * length of time (figures.c). */
static const char *const fig_units[] = {
	"平方公里", "平方米", "立方米", "个百分点", "百分点", "人次",
	"户次", "家次", "台次", "床日", "个工作日", "工作日", "个月",
	"小时", "分钟", "周岁", "公里", "千米", "公斤", "千克", "公顷",
	"万元", "亿元",	/* read as 万 亿 and 元: never matched here */
	"元", "人", "名", "个", "家", "所", "项", "台", "套", "张", "床",
	"岁", "年", "天", "周", "次", "例", "户", "座", "支", "批", "种",
	"类", "条", "份", "篇", "本", "场", "辆", "间", "处", "块", "亩",
	"吨", "米", "倍", "册", "部", "位", "只", "件", "组", "队", "班",
	"箱", "盒", "剂", "针", "孔", "栋", "层", "首", "门", "盏", "棵",
	"株", "头", "千瓦", "升", "克",
	"Mbps", "Gbps", "MB", "GB", "TB", "km", "kg", "M",
	NULL
};

/* Words that start with a unit but are not one (70周年, 个人缴费). */
static const char *const fig_not_units[] = {
	"周年", "年级", "年代", "年龄", "个人", "人民", "名单", "名称",
	"所有", "家庭", "条件", "条例", "次年", "倍增", NULL
};

const char *
fig_unit(const char *s, size_t len, size_t *used)
{
	size_t	 i, n;

	*used = 0;
	for (i = 0; fig_not_units[i] != NULL; i++)
		if (word_at(s, len, 0, fig_not_units[i]))
			return NULL;
	for (i = 0; fig_units[i] != NULL; i++) {
		if (!word_at(s, len, 0, fig_units[i]) ||
		    strcmp(fig_units[i], "万元") == 0 ||
		    strcmp(fig_units[i], "亿元") == 0)
			continue;
		n = strlen(fig_units[i]);
		/* A Latin unit is a word of its own (5G网络 has none). */
		if (ascii_isalpha(s[0]) && n < len && ascii_isalnum(s[n]))
			continue;
		*used = n;
		return fig_units[i];
	}
	return NULL;
}

/* Words before a number that qualify it (kept in its value: 不少于100名)
 * or link it to its subject as a target (达到, 控制在: read for the
 * comparator only), longest first where one ends another. */
static const struct {
	const char	*w;
	const char	*cmp;
	int		 keep;	/* part of the value as written */
} fig_pre[] = {
	{ "不低于", "≥", 1 }, { "不少于", "≥", 1 }, { "不小于", "≥", 1 },
	{ "大于", "≥", 1 }, { "小于", "≤", 1 }, { "至少", "≥", 1 }, { "最少", "≥", 1 }, { "超过", "≥", 1 },
	{ "高于", "≥", 1 }, { "多于", "≥", 1 }, { "逾", "≥", 1 },
	{ "不超过", "≤", 1 }, { "不高于", "≤", 1 }, { "不多于", "≤", 1 },
	{ "最多", "≤", 1 }, { "最长", "≤", 1 }, { "最高", "≤", 1 },
	{ "低于", "≤", 1 }, { "少于", "≤", 1 },
	{ "大约", "≈", 1 }, { "约", "≈", 1 }, { "近", "≈", 1 },
	{ "每", "=", 1 },
	{ "控制在", "≤", 0 }, { "降低到", "≤", 0 }, { "降低至", "≤", 0 },
	{ "下降到", "≤", 0 }, { "下降至", "≤", 0 }, { "降到", "≤", 0 },
	{ "降至", "≤", 0 }, { "缩短到", "≤", 0 }, { "缩短至", "≤", 0 },
	{ "减少到", "≤", 0 }, { "减少至", "≤", 0 },
	{ "达到", "≥", 0 }, { "提高到", "≥", 0 }, { "提高至", "≥", 0 },
	{ "提升到", "≥", 0 }, { "提升至", "≥", 0 }, { "增加到", "≥", 0 },
	{ "增加至", "≥", 0 }, { "增长到", "≥", 0 }, { "增长至", "≥", 0 },
	{ "扩大到", "≥", 0 }, { "扩大至", "≥", 0 }, { "达", "≥", 0 },
	{ "保持在", "=", 0 }, { "稳定在", "=", 0 }, { "放宽至", "=", 0 },
	{ "放宽到", "=", 0 }, { "可为", "=", 0 }, { "为", "=", 0 },
	{ "至", "=", 0 }, { "到", "=", 0 },
	{ NULL, NULL, 0 }
};

const char *
fig_prefix(const char *s, size_t end, size_t *start, int *keep)
{
	size_t	 i;

	for (i = 0; fig_pre[i].w != NULL; i++)
		if (word_before(s, end, fig_pre[i].w)) {
			*start = end - strlen(fig_pre[i].w);
			*keep = fig_pre[i].keep;
			return fig_pre[i].cmp;
		}
	return NULL;
}

/* Words after a figure's unit that qualify it (95%以上). */
static const struct {
	const char	*w;
	const char	*cmp;
} fig_post[] = {
	{ "及以上", "≥" }, { "以上", "≥" }, { "及以下", "≤" },
	{ "以下", "≤" }, { "以内", "≤" }, { "之内", "≤" }, { "左右", "≈" },
	{ NULL, NULL }
};

const char *
fig_suffix(const char *s, size_t len, size_t *used)
{
	size_t	 i;

	for (i = 0; fig_post[i].w != NULL; i++)
		if (word_at(s, len, 0, fig_post[i].w)) {
			*used = strlen(fig_post[i].w);
			return fig_post[i].cmp;
		}
	*used = 0;
	return NULL;
}

/* Words after N年 that make it a time frame or a date, not a figure
 * (5年内, 利用3年时间, 2015年底, 3年来). */
static const char *const fig_time_words[] = {
	"内", "来", "以来", "时间", "后", "底", "前", "间", "度", "初",
	"末", "中", "起", "期间", "左右时间", NULL
};

int
fig_time_frame(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; fig_time_words[i] != NULL; i++)
		if (word_at(s, len, 0, fig_time_words[i]))
			return 1;
	return 0;
}

/* Words that end a subject written after its figure: verbs of the
 * clause (为2万名中小学生开展免费体检), the links of a target, and 免费
 * before its verb (为8000名适龄中小学生免费提供…: who, not how). */
static const char *const fig_stops[] = {
	"进行", "开展", "参加", "参与", "赴", "提供", "实施", "接受",
	"纳入", "给予", "达到", "达", "覆盖", "实现", "完成", "开设",
	"通过", "免费", "成立", NULL
};

size_t
fig_stop(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; fig_stops[i] != NULL; i++)
		if (word_at(s, len, 0, fig_stops[i]))
			return strlen(fig_stops[i]);
	return 0;
}

/* Words that open a subject written before its figure without being
 * part of it: prepositions, adverbs of a target (在全区安装…, 力争…). */
static const char *const fig_leads[] = {
	"力争", "确保", "争取", "累计", "全年", "年内", "今年", "当年",
	"负责", "按照", "在", "对", "为", "向", "使", "让", "将", "把",
	"按", "由", "共", NULL
};

size_t
fig_lead(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; fig_leads[i] != NULL; i++)
		if (word_at(s, len, 0, fig_leads[i]))
			return strlen(fig_leads[i]);
	return 0;
}

/* Head nouns too general to name what a figure counts alone: 三项工程,
 * 20%政策, 每人600元标准, 两个项目 — the phrase before the number says
 * which (A、B、C三项工程). */
static const char *const fig_generic_heads[] = {
	"工程", "项目", "政策", "标准", "方面", "任务", "措施", "行动",
	"活动", "举措", "工作", NULL
};

int
fig_generic_head(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; fig_generic_heads[i] != NULL; i++)
		if (len == strlen(fig_generic_heads[i]) &&
		    memcmp(s, fig_generic_heads[i], len) == 0)
			return 1;
	return 0;
}

/* Words at the end of a subject written before its figure that only
 * link it to the number (…签约率均达, …可为): dropped with fig_pre's. */
static const char *const fig_links[] = {
	"的", "均", "应", "要", "将", "可", "分别", "累计", "总计",
	"共计", "共", "年均", "平均", "全部", "每年", "不得", "在", NULL
};

size_t
fig_link_end(const char *s, size_t start, size_t end)
{
	size_t	 i, st;
	int	 keep, again = 1;

	while (again && end > start) {
		again = 0;
		if (fig_prefix(s, end, &st, &keep) != NULL && st >= start &&
		    st < end) {
			end = st;
			again = 1;
			continue;
		}
		for (i = 0; fig_links[i] != NULL; i++)
			if (word_before(s, end, fig_links[i]) &&
			    end - strlen(fig_links[i]) >= start) {
				end -= strlen(fig_links[i]);
				again = 1;
				break;
			}
	}
	return end;
}
