/*
 * meta.c — a document's title, year, organisation and kind, where front
 * matter did not give them: the title is the document's heading line
 * (not a slogan above it, not the notice that publishes it), the rest
 * comes from the title and, failing that, from the text.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/parse_int.h"

#define TITLE_MAX	60	/* code points of a title line at most */
#define TITLE_MIN	4
#define TITLE_SCAN	12	/* units looked at for the title */

/* Kinds of document, the more specific first. */
static const char *const kinds[] = {
	"工作要点", "工作计划", "工作总结", "完成情况", "工作报告",
	"述职报告", "实施方案", "工作方案", "行动计划", "规划纲要",
	"要点", "计划", "总结", "报告", "方案", "规划", "意见",
	NULL
};

/* Suffixes that end the name of an organisation. */
static const char *const org_ends[] = {
	"委员会", "委", "局", "厅", "办公室", "办", "院", "中心", "政府",
	"部", "区", "县", "市", "省", "街道", "镇", "乡", NULL
};

/* Words before 区 that do not name a district (全区, 我区, 社区 …). */
static const char *const not_district = "全我本该各辖社园院景片郊点范"
    "六专分病小校厂矿库灾藏牧保区县市";

/* Does s contain needle? */
static int
has(const char *s, const char *needle)
{
	return strstr(s, needle) != NULL;
}

/* The kind keyword in s, or NULL. */
static const char *
kind_of(const char *s)
{
	size_t	 i;

	for (i = 0; kinds[i] != NULL; i++)
		if (has(s, kinds[i]))
			return kinds[i];
	return NULL;
}

/* Does s[0..len) read as a title: no punctuation inside, a kind of
 * document at its end (…工作要点, …完成情况)? */
int
title_words(const char *s, size_t len)
{
	size_t		 i = 0, k, n;
	uint32_t	 cp;

	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (cp_is_cjk(cp) && !cp_is_han(cp) && cp != 0x3000 &&
		    cp != 0x300A && cp != 0x300B && cp != 0xFF08 &&
		    cp != 0xFF09)
			return 0;
	}
	for (k = 0; kinds[k] != NULL; k++) {
		n = strlen(kinds[k]);
		if (len >= n && memcmp(s + len - n, kinds[k], n) == 0)
			return 1;
	}
	return 0;
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

/* The first year written before 年 in s: its value, its offset in *at
 * and the offset after 年 in *end; 0 when there is none. */
static int
year_in(const char *s, size_t len, size_t *at, size_t *end)
{
	size_t	 i;
	int	 v;

	for (i = 0; i < len; i++)
		if (year_start(s[i]) && (v = year_at(s, len, i, end)) != 0) {
			*at = i;
			return v;
		}
	return 0;
}

/* ---- The title line ---- */

/* Could unit u be a title line? */
static int
title_like(const struct unit *u)
{
	size_t		 i = 0, n = 0, han = 0, at, yend;
	uint32_t	 cp;

	if (u->m.style != M_NONE || text_end(u->s, u->len) != END_NONE ||
	    u->nlines > 2)
		return 0;
	while (i < u->len) {
		cp = utf8_step(u->s, u->len, &i);
		if (cp_is_stop(cp) || cp == 0xFF1B || ++n > TITLE_MAX)
			return 0;
		han += cp_is_han(cp);
	}
	if (n < TITLE_MIN || n > TITLE_MAX || han * 2 < n)
		return 0;
	/* A byline, a date line. */
	if (has(u->s, "记者") || has(u->s, "本报") || has(u->s, "□"))
		return 0;
	if (year_in(u->s, u->len, &at, &yend) && at == 0 && u->len >= 3 &&
	    memcmp(u->s + u->len - 3, "日", 3) == 0)
		return 0;
	return 1;
}

/* Is s a notice that publishes another document (关于印发《X》的通知)? */
static int
notice(const char *s)
{
	return has(s, "通知") && (has(s, "关于") || has(s, "印发"));
}

/* The name in the first 《》 of s, into *name and *len; 0 if none. */
static int
quoted_name(const char *s, const char **name, size_t *len)
{
	const char	*o = strstr(s, "《"), *c;

	if (o == NULL || (c = strstr(o + 3, "》")) == NULL || c == o + 3)
		return 0;
	*name = o + 3;
	*len = (size_t)(c - o - 3);
	return 1;
}

/* Is unit b the second line of a title cut after its year (2019年北京市
 * 海淀区卫生健康委员会 / 工作要点)? */
static int
title_rest(const struct unit *a, const struct unit *b)
{
	size_t	 at, end;

	return b->first == a->last + 1 && title_like(b) &&
	    year_in(a->s, a->len, &at, &end) &&
	    !year_in(b->s, b->len, &at, &end) && kind_of(a->s) == NULL &&
	    kind_of(b->s) != NULL && utf8_count(a->s, a->len) +
	    utf8_count(b->s, b->len) <= TITLE_MAX;
}

/* The document's title among its first units: the index of the unit
 * that is the title line (*n units long: a title may take two lines),
 * or -1; *title (in doc's arena) is the title, or NULL.  A notice that
 * publishes the document (关于印发《X》的通知) gives way to a line of
 * its own, else its X is the title. */
long
title_unit(struct doc *doc, const struct units *us, const char **title,
    size_t *n)
{
	size_t		 i, len;
	long		 first = -1, note = -1;
	const char	*name;

	*title = NULL;
	*n = 1;
	for (i = 0; i < us->n && i < TITLE_SCAN; i++) {
		const struct unit *u = &us->v[i];

		if (u->m.style != M_NONE && u->m.style != M_AR_BARE)
			break;
		if (!title_like(u))
			continue;
		if (notice(u->s)) {
			if (note < 0)
				note = (long)i;
			continue;
		}
		if (kind_of(u->s) != NULL) {
			*title = u->s;
			return (long)i;
		}
		if (i + 1 < us->n && title_rest(u, &us->v[i + 1])) {
			*title = arena_printf(&doc->arena, "%s%s", u->s,
			    us->v[i + 1].s);
			*n = 2;
			return (long)i;
		}
		if (first < 0)
			first = (long)i;
	}
	/* Only the very first line is a title without a sign of one. */
	if (first == 0) {
		*title = us->v[0].s;
		return 0;
	}
	if (note >= 0 && quoted_name(us->v[note].s, &name, &len))
		*title = arena_strndup(&doc->arena, name, len);
	return -1;
}

/* ---- Organisation ---- */

/* Does s[0..len) end with an organisation suffix? */
static int
org_suffix(const char *s, size_t len)
{
	size_t	 i, n;

	for (i = 0; org_ends[i] != NULL; i++) {
		n = strlen(org_ends[i]);
		if (len > n && memcmp(s + len - n, org_ends[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Is s[0..len) Han characters only? */
static int
all_han(const char *s, size_t len)
{
	size_t		 i = 0;
	uint32_t	 cp;

	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (!cp_is_han(cp))
			return 0;
	}
	return len > 0;
}

/* An organisation named in the title: before its year (市卫生计生委2017年…)
 * or right after it (2015年昌平区…). */
static char *
org_from_title(struct doc *doc, const char *t)
{
	size_t		 len = strlen(t), at, yend, i, k, n, start = 0, end = 0;
	uint32_t	 cp;
	int		 found;

	if (year_in(t, len, &at, &yend) == 0)
		return NULL;
	if (at > 0 && all_han(t, at) && org_suffix(t, at) &&
	    utf8_count(t, at) <= 12)
		return arena_strndup(&doc->arena, t, at);
	/* After 年: a name of 1-4 Han characters and 区 县 市 省; the
	 * most local one (北京市海淀区 → 海淀区). */
	i = yend;
	found = 0;
	for (k = 0, n = i; k < 5 && n < len; k++) {
		cp = utf8_step(t, len, &n);
		if (!cp_is_han(cp))
			break;
		if (k >= 1 && (cp == 0x533A || cp == 0x53BF ||
		    cp == 0x5E02 || cp == 0x7701)) {
			start = i;
			end = n;
			found = 1;
			/* A district inside the city? */
			i = n;
			k = (size_t)-1;
			if (cp == 0x533A || cp == 0x53BF)
				break;
		}
	}
	return found ? arena_strndup(&doc->arena, t + start, end - start) :
	    NULL;
}

/* Offset after the code point at s[i]. */
static size_t
cp_next(const char *s, size_t len, size_t i)
{
	utf8_step(s, len, &i);
	return i;
}

/* Is cp a character that ends a word before 区 that names no district
 * (全区, 我区, 社区 …)? */
static int
generic_before_district(uint32_t cp)
{
	char	 enc[4];
	size_t	 n = utf8_encode(cp, enc);

	return memmem(not_district, strlen(not_district), enc, n) != NULL;
}

/* The code point that ends at s[end]. */
static uint32_t
cp_last(const char *s, size_t end)
{
	size_t	 i = end;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	return utf8_step(s, end, &i);
}

/* A stem of the title that may name a place: 2-4 Han characters. */
struct stem {
	size_t		 at;		/* in the title */
	size_t		 len;
	unsigned	 ends;		/* bit e: the text has it + stem_ends[e] */
};

static const char *const stem_ends[] = { "区", "县", "市" };

/* The stems of a title, found by their text through a hash table. */
struct stems {
	struct stem	*v;		/* in the order of the title */
	size_t		 n;
	size_t		 cap;
	size_t		*slot;		/* index + 1 into v, or 0 */
	size_t		 nslot;		/* a power of two > 2 * n */
	uint32_t	 lens;		/* bit L: a stem is L bytes long */
};

/* FNV-1a of s[0..len). */
static size_t
stem_hash(const char *s, size_t len)
{
	uint32_t	 h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The slot of s[0..len) (t is the title the stems point into): its
 * stem, or the empty slot where it would go. */
static size_t *
stem_slot(const struct stems *st, const char *t, const char *s, size_t len)
{
	size_t	 h = stem_hash(s, len) & (st->nslot - 1);
	size_t	*sl;

	for (;; h = (h + 1) & (st->nslot - 1)) {
		sl = &st->slot[h];
		if (*sl == 0 || (st->v[*sl - 1].len == len &&
		    memcmp(t + st->v[*sl - 1].at, s, len) == 0))
			return sl;
	}
}

/* Add t[at, at+len) to st unless it is there. */
static void
stem_add(struct stems *st, const char *t, size_t at, size_t len)
{
	size_t	*sl, i;

	if (2 * (st->n + 1) >= st->nslot) {
		free(st->slot);
		st->nslot = st->nslot ? 2 * st->nslot : 64;
		st->slot = xcalloc(st->nslot, sizeof(*st->slot));
		for (i = 0; i < st->n; i++)
			*stem_slot(st, t, t + st->v[i].at, st->v[i].len) =
			    i + 1;
	}
	if (*(sl = stem_slot(st, t, t + at, len)) != 0)
		return;
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 16;
		st->v = xreallocarray(st->v, st->cap, sizeof(*st->v));
	}
	st->v[st->n].at = at;
	st->v[st->n].len = len;
	st->v[st->n].ends = 0;
	*sl = ++st->n;
	st->lens |= (uint32_t)1 << len;
}

/* A place named in the title that the text names with 区 县 市 (健康石景山
 * → 石景山区): the longest stem (in bytes; the first of those) with
 * an end that follows it somewhere in the text (the first of 区 县
 * 市).  The text is read once, whatever the length of the title. */
static char *
org_from_stem(struct doc *doc, const char *t, const char *body, size_t blen)
{
	struct stems	 st;
	const char	*p;
	size_t		 len = strlen(t), i, j, k, at, e, best = 0;
	char		*found = NULL;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < len; i = cp_next(t, len, i)) {
		j = cp_next(t, len, i);
		for (k = 2; k <= 4 && j < len; k++) {
			j = cp_next(t, len, j);
			/* 2-4 Han characters: 6-16 bytes. */
			if (all_han(t + i, j - i) &&
			    !generic_before_district(cp_last(t, j)))
				stem_add(&st, t, i, j - i);
		}
	}
	/* Every ending in the text, after every stem length. */
	for (at = 0; st.n > 0 && at + 3 <= blen; at = (size_t)(p - body) + 1) {
		if ((p = memchr(body + at, 0xE5, blen - at - 2)) == NULL)
			break;
		for (e = 0; e < 3 && memcmp(p, stem_ends[e], 3) != 0; e++)
			continue;
		for (k = 0; e < 3 && k < 32; k++) {
			size_t	*sl;

			if ((st.lens >> k & 1) == 0 || (size_t)(p - body) < k)
				continue;
			if (*(sl = stem_slot(&st, t, p - k, k)) != 0)
				st.v[*sl - 1].ends |= 1u << e;
		}
	}
	for (i = 0, k = st.n; i < st.n; i++)
		if (st.v[i].ends != 0 && st.v[i].len > best) {
			best = st.v[i].len;
			k = i;
		}
	if (k < st.n) {
		for (e = 0; (st.v[k].ends >> e & 1) == 0; e++)
			continue;
		found = arena_printf(&doc->arena, "%.*s%s", (int)st.v[k].len,
		    t + st.v[k].at, stem_ends[e]);
	}
	free(st.v);
	free(st.slot);
	return found;
}

/* Does 区 at s[..i) start a word (区属, 区域, 区级) rather than end a
 * name? */
static int
word_after_district(const char *s, size_t len, size_t i)
{
	static const char *const words[] = { "属", "域", "级", "划", "别",
	    NULL };
	size_t	 k;

	for (k = 0; words[k] != NULL; k++)
		if (len - i >= 3 && memcmp(s + i, words[k], 3) == 0)
			return 1;
	return 0;
}

/* The district or county the text names most often with two characters
 * before 区 or 县 (昌平区), or NULL. */
static char *
org_from_text(struct doc *doc, const char *s, size_t len)
{
	struct cand {
		size_t	 at;
		size_t	 len;
		int	 n;
	}		*c = NULL;
	size_t		 nc = 0, cap = 0, i = 0, k, at0 = 0, at1 = 0, st, end;
	uint32_t	 cp, p0 = 0, p1 = 0;
	int		 best = 1;
	char		*found = NULL;

	while (i < len) {
		st = i;
		cp = utf8_step(s, len, &i);
		if ((cp == 0x533A || cp == 0x53BF) && cp_is_han(p0) &&
		    cp_is_han(p1) && !generic_before_district(p1) &&
		    !word_after_district(s, len, i)) {
			end = i;
			for (k = 0; k < nc; k++)
				if (c[k].len == end - at0 &&
				    memcmp(s + c[k].at, s + at0, c[k].len) == 0)
					break;
			if (k == nc && nc < 256) {
				if (nc == cap) {
					cap = cap ? cap * 2 : 16;
					c = xreallocarray(c, cap, sizeof(*c));
				}
				c[nc].at = at0;
				c[nc].len = end - at0;
				c[nc].n = 0;
				nc++;
			}
			if (k < nc && ++c[k].n > best) {
				best = c[k].n;
				found = arena_strndup(&doc->arena, s + c[k].at,
				    c[k].len);
			}
		}
		p0 = p1;
		at0 = at1;
		p1 = cp;
		at1 = st;
	}
	free(c);
	return found;
}

/* ---- Year ---- */

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
	const struct node	*n = doc->root;
	size_t			 i;

	while (n != NULL) {
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
		if (n->first)
			n = n->first;
		else {
			while (n != NULL && n->next == NULL)
				n = n->parent;
			if (n != NULL)
				n = n->next;
		}
	}
}

/* The text of the tree in body, gathered on first use. */
static const struct buf *
body_of(const struct doc *doc, struct buf *body)
{
	if (body->data == NULL)
		tree_text(doc, body);
	return body;
}

/* Fill title, year, org and kind where front matter left them unknown
 * (the text of the tree is looked at only when the title does not
 * tell). */
void
meta_infer(struct doc *doc, const struct text *t)
{
	struct buf		 body = BUF_INIT;
	const struct buf	*b;
	size_t			 at, yend;

	if (doc->title == NULL && t != NULL && t->header != NULL)
		doc->title = arena_strdup(&doc->arena, t->header);
	if (doc->year == 0 && doc->title != NULL)
		doc->year = year_in(doc->title, strlen(doc->title), &at,
		    &yend);
	if (doc->year == 0) {
		b = body_of(doc, &body);
		doc->year = year_from_text(buf_cstr(b), b->len);
	}
	if (doc->org == NULL && doc->title != NULL) {
		doc->org = org_from_title(doc, doc->title);
		if (doc->org == NULL) {
			b = body_of(doc, &body);
			doc->org = org_from_stem(doc, doc->title, buf_cstr(b),
			    b->len);
		}
	}
	if (doc->org == NULL) {
		b = body_of(doc, &body);
		doc->org = org_from_text(doc, buf_cstr(b), b->len);
	}
	if (doc->kind == NULL && doc->title != NULL)
		doc->kind = kind_of(doc->title);
	buf_free(&body);
}
