/*
 * org.c — is a name an organisation, and under what key is it indexed.
 * An organisation is a national body (国务院, 国家卫生健康委), or
 * [中共] one or more places from GB/T 2260 (each inside the one before:
 * 长治市上党区) and words ending in the head of a body (局, 委员会,
 * 人民政府, 医院 …); where the caller allows it, a place alone.  The
 * tables are made from data/ (*.tsv) by the build (orgdata.c).
 */
#include <stdlib.h>
#include <string.h>

#include "parse/org.h"

#define PLACE_CHAIN	4	/* places in one name at most */
#define NAME_CPS	12	/* code points of a division name at most */
#define REST_CPS	20	/* code points after the places at most */

static int	 body_words(const char *, size_t);

/* Compare name with s[0..len) as bytes, a prefix first. */
static int
name_cmp(const char *name, const char *s, size_t len)
{
	size_t	 n = strlen(name);
	int	 c = memcmp(name, s, n < len ? n : len);

	if (c != 0)
		return c;
	return n < len ? -1 : n > len;
}

/* The first index of org_divs named s[0..len) into *lo and one past the
 * last into *hi; 0 when there is none. */
static int
div_find(const char *s, size_t len, size_t *lo, size_t *hi)
{
	size_t	 a = 0, b = org_ndivs, m;

	while (a < b) {
		m = a + (b - a) / 2;
		if (name_cmp(org_divs[m].name, s, len) < 0)
			a = m + 1;
		else
			b = m;
	}
	if (a == org_ndivs || name_cmp(org_divs[a].name, s, len) != 0)
		return 0;
	*lo = a;
	for (b = a; b < org_ndivs && name_cmp(org_divs[b].name, s, len) == 0;
	    b++)
		continue;
	*hi = b;
	return 1;
}

/* The entry of org_codes for code, or NULL. */
static const struct org_code *
code_find(int code)
{
	size_t	 a = 0, b = org_ncodes, m;

	while (a < b) {
		m = a + (b - a) / 2;
		if (org_codes[m].code == code)
			return &org_codes[m];
		if (org_codes[m].code < code)
			a = m + 1;
		else
			b = m;
	}
	return NULL;
}

/* The full current name of division code, or NULL. */
const char *
org_code_name(int code)
{
	const struct org_code	*c = code_find(code);

	return c ? c->name : NULL;
}

/* Is division code inside division anc (its parent or grandparent)? */
static int
inside(int code, int anc)
{
	const struct org_code	*c;
	int			 k;

	for (k = 0; k < 3 && (c = code_find(code)) != NULL; k++) {
		if (c->parent == anc)
			return 1;
		code = c->parent;
	}
	return 0;
}

/* Copy s[0..len) to out with traditional characters made simplified:
 * the documents' one fold (fold.c). */
void
org_simplify(const char *s, size_t len, char *out)
{
	memcpy(out, s, len);
	out[len] = '\0';
	fold_text(out, len);
}

/* The longest division name at the start of s[0..len): its bytes, the
 * division (inside prev unless prev is 0) in *d; 0 if none. */
static size_t
div_at(const char *s, size_t len, int prev, const struct org_div **d)
{
	size_t	 ends[NAME_CPS + 1], n = 0, i = 0, lo, hi, k;

	while (i < len && n < NAME_CPS) {
		if (!cp_is_han(utf8_step(s, len, &i)))
			break;
		ends[++n] = i;
	}
	for (; n >= 2; n--) {
		if (!div_find(s, ends[n], &lo, &hi))
			continue;
		for (k = lo; k < hi; k++)
			if (prev == 0 || inside(org_divs[k].code, prev)) {
				*d = &org_divs[k];
				return ends[n];
			}
	}
	return 0;
}

/* The bytes at the start of s[0..len) that name a chain of places,
 * the last one in *last. */
static size_t
places(const char *s, size_t len, const struct org_div **last)
{
	const struct org_div	*d = NULL;
	size_t			 at = 0, n;
	int			 k;

	*last = NULL;
	for (k = 0; k < PLACE_CHAIN; k++) {
		n = div_at(s + at, len - at, d ? d->code : 0, &d);
		if (n == 0)
			break;
		at += n;
		*last = d;
	}
	return at;
}

/* The division named at the start of s[0..len).  See org.h. */
size_t
org_div_at(const char *s, size_t len, int *code, int *is_short)
{
	const struct org_div	*d;
	size_t			 n = div_at(s, len, 0, &d);

	if (n > 0) {
		*code = d->code;
		*is_short = d->form == ORG_SHORT;
	}
	return n;
}

/* Is s[0..len) a body named by the level of its place?  See org.h. */
int
org_level(const char *s, size_t len)
{
	static const char *const levels[] = { "省", "市", "区", "县", "州",
	    "旗", "镇", "乡", NULL };
	size_t	 k, n;

	for (k = 0; levels[k] != NULL; k++) {
		n = strlen(levels[k]);
		if (len > n && memcmp(s, levels[k], n) == 0)
			return body_words(s + n, len - n);
	}
	return 0;
}

/* The bytes at the start of s[0..len) (simplified) that name places. */
size_t
org_places(const char *s, size_t len, int *code)
{
	const struct org_div	*d;
	size_t			 n = places(s, len, &d);

	*code = d ? d->code : 0;
	return n;
}

/* Words that never stand inside the name of a body. */
static const char *const not_in_name[] = {
	"关于", "印发", "转发", "通知", "的", "年", "各", "全市", "全区",
	"全县", "全省", "会同", "联合", "围绕", "坚持", "按照", "根据", "认真",
	"在", "对", "为", "将", "把", "向", "由", "以", "是", "了", "着", "等",
	"我", NULL
};

/* Is s[0..len) the words of a body: Han characters only, at most
 * REST_CPS, ending in a head (卫生健康委员会, 统计局)? */
static int
body_words(const char *s, size_t len)
{
	size_t	 i = 0, n = 0, k, h;

	if (len == 0)
		return 0;
	while (i < len) {
		if (!cp_is_han(utf8_step(s, len, &i)) || ++n > REST_CPS)
			return 0;
	}
	for (k = 0; not_in_name[k] != NULL; k++)
		if (memmem(s, len, not_in_name[k], strlen(not_in_name[k])))
			return 0;
	for (k = 0; org_heads[k] != NULL; k++) {
		h = strlen(org_heads[k]);
		if (len >= h && memcmp(s + len - h, org_heads[k], h) == 0)
			return 1;
	}
	return 0;
}

/* The longest national body at the start of s[0..len): its length, its
 * entry in *e; 0 if none. */
static size_t
national_at(const char *s, size_t len, const struct org_alias **e)
{
	size_t	 k, n, best = 0;

	for (k = 0; k < org_nnational; k++) {
		n = strlen(org_national[k].alias);
		if (n > best && n <= len &&
		    memcmp(s, org_national[k].alias, n) == 0) {
			best = n;
			*e = &org_national[k];
		}
	}
	return best;
}

/* The length of a Party prefix (中共, 中国共产党) at s, else 0. */
static size_t
party_at(const char *s, size_t len)
{
	if (len > 15 && memcmp(s, "中国共产党", 15) == 0)
		return 15;
	if (len > 6 && memcmp(s, "中共", 6) == 0 &&
	    !(len >= 12 && memcmp(s, "中共中央", 12) == 0))
		return 6;
	return 0;
}

/* Put into b the chain of divisions s[at..len) starts with (北京市海淀区),
 * each by its full name (org_code_name(), else as its table names it);
 * return the offset after it (at when there is none). */
static size_t
place_chain(struct buf *b, const char *s, size_t len, size_t at)
{
	const struct org_div	*d = NULL;
	const char		*pn;
	size_t			 n;
	int			 k;

	for (k = 0; k < PLACE_CHAIN; k++) {
		if ((n = div_at(s + at, len - at, d ? d->code : 0, &d)) == 0)
			break;
		pn = org_code_name(d->code);
		buf_puts(b, pn ? pn : d->name);
		at += n;
	}
	return at;
}

/* Is s[0..len) an organisation by the grammar?  See org.h. */
int
org_parse(const char *s, size_t len, int place_only, struct org_name *m)
{
	const struct org_alias	*e;
	const struct org_div	*d;
	size_t			 p, n;

	memset(m, 0, sizeof(*m));
	if ((n = national_at(s, len, &e)) > 0 &&
	    (n == len || body_words(s + n, len - n))) {
		m->national = m->body = 1;
		return 1;
	}
	if (len > 6 && memcmp(s, "国家", 6) == 0 &&
	    body_words(s + 6, len - 6)) {
		m->national = m->body = 1;
		return 1;
	}
	p = party_at(s, len);
	if ((n = places(s + p, len - p, &d)) == 0)
		return 0;
	m->place = d->code;
	if (p + n == len)
		return place_only && p == 0 && d->form != ORG_SHORT;
	if (!body_words(s + p + n, len - p - n))
		return 0;
	m->body = 1;
	return 1;
}

/* The canonical name of body words s[0..len) into b: the longest alias
 * at its end replaced, a few times (人口计生委 → 卫生计生委 → …). */
static void
body_canon(struct buf *b, const char *s, size_t len)
{
	struct buf	 t = BUF_INIT;
	size_t		 k, n, best, bk = 0;
	int		 round;

	buf_put(&t, s, len);
	for (round = 0; round < 4; round++) {
		for (k = 0, best = 0; k < org_naliases; k++) {
			n = strlen(org_aliases[k].alias);
			if (n > best && n <= t.len && memcmp(t.data + t.len - n,
			    org_aliases[k].alias, n) == 0) {
				best = n;
				bk = k;
			}
		}
		if (best == 0)
			break;
		n = strlen(org_aliases[bk].canon);
		/* 人民政府 already ends in its canonical name. */
		if (t.len >= n && memcmp(t.data + t.len - n,
		    org_aliases[bk].canon, n) == 0)
			break;
		t.len -= best;
		buf_puts(&t, org_aliases[bk].canon);
	}
	buf_put(b, t.data, t.len);
	buf_free(&t);
}

/* The canonical key of organisation name.  See org.h. */
char *
org_key(struct arena *a, const char *name)
{
	const struct org_alias	*e;
	struct buf		 b = BUF_INIT;
	size_t			 len = strlen(name), p, n, at;
	char			*s = xmalloc(len + 1), *key = NULL;

	org_simplify(name, len, s);
	if ((n = national_at(s, len, &e)) > 0) {
		buf_puts(&b, e->canon);
		body_canon(&b, s + n, len - n);
		goto out;
	}
	p = party_at(s, len);
	buf_put(&b, s, p);
	at = place_chain(&b, s, len, p);
	if (at == p && !(len > 6 && memcmp(s, "国家", 6) == 0)) {
		/* 市卫生计生委: its level, its body's canonical name. */
		if (p == 0 && org_level(s, len)) {
			n = ((unsigned char)s[0] & 0xF0) == 0xE0 ? 3 : 1;
			buf_put(&b, s, n);
			body_canon(&b, s + n, len - n);
		}
		goto out;
	}
	body_canon(&b, s + at, len - at);
out:
	if (b.len > 0)
		key = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	free(s);
	return key;
}

/* The alias row whose name ends s[0..len), the longest: by its alias
 * among short forms (want 0), among predecessors renamed (更名, want 1),
 * by its successor among those renamed (want 2) or merged (合并, want
 * 3); NULL if none. */
static const struct org_alias *
alias_end(const char *s, size_t len, int want)
{
	const struct org_alias	*r, *best = NULL;
	const char		*w;
	size_t			 k, n, bn = 0;

	for (k = 0; k < org_naliases; k++) {
		r = &org_aliases[k];
		if ((want == 0) != (r->since == 0) ||
		    (want == 3) != (r->since != 0 && r->merged))
			continue;
		w = want >= 2 ? r->canon : r->alias;
		n = strlen(w);
		if (n > bn && n <= len && memcmp(s + len - n, w, n) == 0) {
			best = r;
			bn = n;
		}
	}
	return best;
}

/* Replace the last strlen(from) bytes of b by to. */
static void
tail_swap(struct buf *b, const char *from, const char *to)
{
	b->len -= strlen(from);
	buf_puts(b, to);
}

/* The full name of organisation name in year.  See parse.h. */
char *
org_full_name(struct arena *a, const char *name, int year,
    const char *place)
{
	const struct org_alias	*e, *r;
	const char		*pn;
	struct buf		 b = BUF_INIT;
	size_t			 len = strlen(name), p, n, at, mark;
	char			*s = xmalloc(len + 1), *full = NULL;
	int			 k, national = 0, since;

	org_simplify(name, len, s);
	if ((n = national_at(s, len, &e)) > 0) {
		buf_puts(&b, e->canon);
		at = n;
		national = 1;
	} else if (len > 6 && memcmp(s, "国家", 6) == 0) {
		buf_puts(&b, "国家");
		at = 6;
		national = 1;
	} else {
		p = party_at(s, len);
		buf_put(&b, s, p);
		at = place_chain(&b, s, len, p);
		if (at == p) {
			/* 市卫生计生委: the place of its level given. */
			pn = place;
			if (p != 0 || !org_level(s, len) || pn == NULL ||
			    strlen(pn) < 3 ||
			    memcmp(pn + strlen(pn) - 3, s, 3) != 0)
				goto out;
			buf_puts(&b, pn);
			at = 3;
		}
		if (at == len || !body_words(s + at, len - at))
			goto out;
	}
	/* The body's full name: its short form expanded. */
	mark = b.len;
	buf_put(&b, s + at, len - at);
	for (k = 0; k < 4 && (r = alias_end(b.data + mark, b.len - mark,
	    0)) != NULL; k++) {
		if (b.len - mark >= strlen(r->canon) && memcmp(b.data + b.len -
		    strlen(r->canon), r->canon, strlen(r->canon)) == 0)
			break;		/* 人民政府 ends in 政府 */
		tail_swap(&b, r->alias, r->canon);
	}
	/* Its name in year: a rename after it forward, before it back;
	 * none before a merger made it. */
	for (k = 0; year > 0 && k < 4; k++) {
		if ((r = alias_end(b.data, b.len, 1)) != NULL &&
		    year >= (national ? r->since : r->since_local)) {
			tail_swap(&b, r->alias, r->canon);
			continue;
		}
		if ((r = alias_end(b.data, b.len, 2)) == NULL ||
		    year >= (national ? r->since : r->since_local))
			break;
		tail_swap(&b, r->canon, r->alias);
		if ((r = alias_end(b.data, b.len, 3)) != NULL) {
			since = national ? r->since : r->since_local;
			if (year < since)
				goto out;
		}
	}
	full = arena_strndup(a, buf_cstr(&b), b.len);
out:
	buf_free(&b);
	free(s);
	return full;
}

/* The pinyin order of code point cp: non-Han characters first by code
 * point, then Han characters with a reading by it (org_pinyin), then
 * other Han characters by code point. */
static uint32_t
pinyin_key(uint32_t cp)
{
	if (cp >= 0x4E00 && cp <= 0x9FFF && org_pinyin[cp - 0x4E00] != 0)
		return 0x200000 + org_pinyin[cp - 0x4E00];
	if (cp_is_han(cp))
		return 0x400000 + cp;
	return cp;
}

/* Compare a and b in pinyin order, code point by code point. */
static int
pinyin_cmp(const char *a, const char *b)
{
	size_t		 i = 0, j = 0, la = strlen(a), lb = strlen(b);
	uint32_t	 x, y;

	while (i < la && j < lb) {
		x = pinyin_key(utf8_step(a, la, &i));
		y = pinyin_key(utf8_step(b, lb, &j));
		if (x != y)
			return x < y ? -1 : 1;
	}
	return (i < la) - (j < lb);
}

/* Where name stands among organisations: 0 a national body, the level
 * of its place (1 province, 2 prefecture, 3 county), 9 none; its place's
 * code in *code. */
static int
reader_rank(const char *name, int *code)
{
	const struct org_code	*c;
	struct org_name		 m;
	size_t			 len = strlen(name);
	char			*s = xmalloc(len + 1);
	int			 level = 9;

	*code = 0;
	org_simplify(name, len, s);
	if (org_parse(s, len, 1, &m)) {
		if (m.national)
			level = 0;
		else if (m.place != 0 && (c = code_find(m.place)) != NULL) {
			level = c->level;
			*code = m.place;
		}
	}
	free(s);
	return level;
}

/* The reader's order of names.  See parse.h. */
int
reader_cmp(const char *a, const char *b)
{
	int	 la, lb, ca, cb, c;

	if (strcmp(a, b) == 0)
		return 0;	/* the common case in a sort: no parsing */
	la = reader_rank(a, &ca);
	lb = reader_rank(b, &cb);
	if (la != lb)
		return la < lb ? -1 : 1;
	if (ca != cb)
		return ca < cb ? -1 : 1;
	if ((c = pinyin_cmp(a, b)) != 0)
		return c;
	return strcmp(a, b);
}
