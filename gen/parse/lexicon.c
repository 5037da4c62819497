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
