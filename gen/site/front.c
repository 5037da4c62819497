/*
 * front.c — front-matter fields the site gives a meaning to, read from
 * a document's extra keys: its dates (date or 成文日期, published or
 * 发布日期), draft, aliases; the Chinese labels of the keys a page
 * shows.
 */
#include <string.h>
#include <strings.h>

#include "site/site_int.h"

/* The value of front-matter key (or its other name alt, may be NULL)
 * of doc, or NULL. */
const char *
front_get(const struct doc *doc, const char *key, const char *alt)
{
	size_t	 i;

	for (i = 0; i < doc->nextra; i++)
		if (doc->extra[i].key != NULL && (strcmp(doc->extra[i].key,
		    key) == 0 || (alt != NULL && strcmp(doc->extra[i].key,
		    alt) == 0)))
			return doc->extra[i].value;
	return NULL;
}

/* Front-matter keys a document's page shows in its metadata table,
 * English or Chinese, with their labels (gov.cn's names where it has
 * one), in the table's order.  Keys gen reads for itself (title, year,
 * org, kind, date, published, draft, aliases, sample, encoding,
 * check-ignore) have rows of their own or none. */
static const char *const front_labels[][2] = {
	{ "索引号", "索引号" }, { "index_no", "索引号" },
	{ "主题分类", "主题分类" }, { "topic", "主题分类" },
	{ "发文机关", "发文机关" }, { "issuer", "发文机关" },
	{ "文号", "文号" }, { "发文字号", "文号" }, { "doc_no", "文号" },
	{ "author", "作者" }, { "作者", "作者" },
	{ "source", "来源" }, { "来源", "来源" },
	{ "keywords", "关键词" }, { "关键词", "关键词" },
	{ "主题词", "主题词" },
	{ "summary", "摘要" }, { "摘要", "摘要" },
	{ "有效性", "有效性" }, { "validity", "有效性" },
};

#define NLABELS (sizeof(front_labels) / sizeof(front_labels[0]))

/* The label of front-matter key on a page (索引号, 作者), or NULL when
 * it is not a key a page shows. */
const char *
front_label(const char *key)
{
	size_t	 i;

	for (i = 0; key != NULL && i < NLABELS; i++)
		if (strcmp(front_labels[i][0], key) == 0)
			return front_labels[i][1];
	return NULL;
}

/* The order of label among the labels (NLABELS when it is none). */
size_t
front_label_rank(const char *label)
{
	size_t	 i;

	for (i = 0; label != NULL && i < NLABELS; i++)
		if (strcmp(front_labels[i][1], label) == 0)
			return i;
	return NLABELS;
}

/* Read a number of 1..max digits at *s (ASCII); -1 when none. */
static int
front_num(const char **s, int max)
{
	int	 n = 0, k = 0;

	while (k < max && ascii_isdigit((*s)[k])) {
		n = n * 10 + ((*s)[k] - '0');
		k++;
	}
	if (k == 0)
		return -1;
	*s += k;
	return n;
}

/* Skip one separator at *s: '-', '/', '.', or the given UTF-8 word. */
static int
front_sep(const char **s, const char *word)
{
	size_t	 n = strlen(word);

	if (**s == '-' || **s == '/' || **s == '.') {
		(*s)++;
		return 0;
	}
	if (strncmp(*s, word, n) == 0) {
		*s += n;
		return 0;
	}
	return -1;
}

/* A date as front matter writes it (2024-03-05, 2024/3/5, 2024.3.5,
 * 2024年3月5日, each with an optional time after it, which is dropped)
 * into out as "YYYY-MM-DD".  Return 0, or -1 when s is no such date. */
int
front_date(const char *s, char out[11])
{
	int	 y, m, d;

	if (s == NULL)
		return -1;
	if ((y = front_num(&s, 4)) < 1000 || front_sep(&s, "年") == -1 ||
	    (m = front_num(&s, 2)) < 1 || m > 12 ||
	    front_sep(&s, "月") == -1 || (d = front_num(&s, 2)) < 1 ||
	    d > 31)
		return -1;
	if (strncmp(s, "日", strlen("日")) == 0)
		s += strlen("日");
	if (*s != '\0' && *s != ' ' && *s != 'T')
		return -1;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 0;
}

/* Does doc say "draft: true" (yes, 1, 是 too)? */
int
front_draft(const struct doc *doc)
{
	static const char *const yes[] = { "true", "yes", "1", "on", "是" };
	const char	*v = front_get(doc, "draft", "草稿");
	size_t		 i;

	for (i = 0; v != NULL && i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	return 0;
}
