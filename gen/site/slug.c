/*
 * slug.c — names for URLs and files: slugs that keep Chinese, sets of
 * unique slugs, percent-encoding, and a natural sort order.
 *
 * A slug is a safe file name and URL path segment: lower-case ASCII
 * letters, digits, '_' and non-ASCII letters (Han kept as is), joined
 * by single '-'.  It never holds '/', '.', a control character or a
 * blank, never starts or ends with '-', and is at most SLUG_MAX bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"

/* ---- Slugs ---- */

/* Is cp punctuation, a symbol, a blank or a control that a slug turns
 * into a separator?  (Han, kana, letters of other scripts are kept.) */
static int
cp_is_separator(uint32_t cp)
{
	if (cp < 0x80)
		return !ascii_isalnum((int)cp) && cp != '_';
	if (cp_is_space(cp))
		return 1;
	if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)	/* C1, Latin-1 */
		return 1;
	if (cp >= 0x2000 && cp <= 0x206F)	/* general punctuation */
		return 1;
	if (cp >= 0x2190 && cp <= 0x23FF)	/* arrows, math, technical */
		return 1;
	if (cp >= 0x2500 && cp <= 0x27BF)	/* boxes, shapes, dingbats */
		return 1;
	if (cp >= 0x3000 && cp <= 0x303F && cp != 0x3005 && cp != 0x3007)
		return 1;			/* CJK punctuation, not 々 〇 */
	if (cp >= 0xFE00 && cp <= 0xFE6F)	/* selectors, CJK forms */
		return 1;
	if (cp >= 0xFF00 && cp <= 0xFF65)	/* full-width punctuation */
		return 1;
	if (cp >= 0xFFF0)			/* specials, U+FFFD */
		return 1;
	if (cp >= 0xE000 && cp <= 0xF8FF)	/* private use */
		return 1;
	return 0;
}

/* Fold full-width ASCII letters and digits to lower-case ASCII. */
static uint32_t
cp_fold(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return '0' + (cp - 0xFF10);
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return 'a' + (cp - 0xFF21);
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return 'a' + (cp - 0xFF41);
	if (cp < 0x80)
		return (uint32_t)ascii_tolower((int)cp);
	return cp;
}

/* Append the slug of s[0..len) to out, at most max bytes of it (cut on
 * a character boundary).  The slug may be empty. */
void
slug_append(struct buf *out, const char *s, size_t len, size_t max)
{
	size_t		 i = 0, n, start = out->len;
	uint32_t	 cp;
	char		 enc[4];
	int		 sep = 0;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			/* ASCII, the common case, without decoding. */
			cp = (unsigned char)s[i++];
			if (!ascii_isalnum((int)cp) && cp != '_') {
				sep = out->len > start;
				continue;
			}
			enc[0] = (char)ascii_tolower((int)cp);
			n = 1;
		} else {
			if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
				n = 1;
			i += n;
			cp = cp_fold(cp);
			if (cp_is_separator(cp)) {
				sep = out->len > start;
				continue;
			}
			n = utf8_encode(cp, enc);
		}
		if (out->len - start + (sep ? 1 : 0) + n > max)
			break;
		if (sep)
			buf_putc(out, '-');
		sep = 0;
		buf_put(out, enc, n);
	}
}

/* A new slug of s (xmalloc'd, caller frees), or a copy of fallback when
 * s is NULL or has no letter or digit. */
char *
slug_make(const char *s, const char *fallback)
{
	struct buf	 b = BUF_INIT;

	if (s != NULL)
		slug_append(&b, s, strlen(s), SLUG_MAX);
	if (b.len == 0) {
		buf_free(&b);
		return xstrdup(fallback);
	}
	return buf_detach(&b, NULL);
}

/* ---- Sets of unique slugs ---- */

static uint64_t
str_hash(const char *s)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * A set is an open-addressed table of its names (a slot is a pointer,
 * so a big set costs 8 bytes a slot, at most 3/4 of them used), and
 * beside it a table of the bases claimed while taken, each with the
 * suffix its next claim starts from: every base<sep>2 … base<sep>(next-1)
 * is taken, and names are never removed, so the search resumes there
 * (claims stay O(1) amortised however often a base repeats).  Only a
 * renamed claim adds to the second table.
 */
struct slugslot {
	const char	*s;
};
struct slugnext {
	const char	*base;	/* a name of the set */
	unsigned long	 next;
	int		 sep;	/* the separator next counts for */
};

/* The slot of s among the cap slots of size bytes at v (cap a power
 * of 2; a slot starts with its name, NULL when empty): where it is, or
 * the empty slot it would take. */
static size_t
slot_find(const void *v, size_t cap, size_t size, const char *s)
{
	size_t		 i = (size_t)str_hash(s) & (cap - 1);
	const char	*t;

	for (;;) {
		memcpy(&t, (const char *)v + i * size, sizeof(t));
		if (t == NULL || strcmp(t, s) == 0)
			return i;
		i = (i + 1) & (cap - 1);
	}
}

/* Make room for want entries of size bytes (each starting with its
 * name) in the table *v of *cap slots: grow it, moving the entries, to
 * keep at most 3/4 of it used (linear probing stays short). */
static void
slot_room(void **v, size_t *cap, size_t want, size_t size)
{
	char		*old = *v, *nv;
	size_t		 i, oldcap = *cap;
	const char	*t;

	if (want <= *cap / 4 * 3)
		return;
	if (*cap == 0)
		*cap = 64;
	while (want > *cap / 4 * 3)
		*cap *= 2;
	nv = xcalloc(*cap, size);
	for (i = 0; i < oldcap; i++) {
		memcpy(&t, old + i * size, sizeof(t));
		if (t != NULL)
			memcpy(nv + slot_find(nv, *cap, size, t) * size,
			    old + i * size, size);
	}
	free(old);
	*v = nv;
}

static void
slugset_insert(struct slugset *set, const char *s)
{
	void	*v = set->v;

	slot_room(&v, &set->cap, set->n + 1, sizeof(*set->v));
	set->v = v;
	set->v[slot_find(set->v, set->cap, sizeof(*set->v), s)].s = s;
	set->n++;
}

/* Make room in set for n names in all, so that claiming them does not
 * grow its table again (a big set is not held twice while it moves). */
void
slugset_reserve(struct slugset *set, size_t n)
{
	void	*v = set->v;

	slot_room(&v, &set->cap, n, sizeof(*set->v));
	set->v = v;
}

/* Is s in set? */
int
slugset_has(const struct slugset *set, const char *s)
{
	return set->cap > 0 && set->v[slot_find(set->v, set->cap,
	    sizeof(*set->v), s)].s != NULL;
}

/* The entry of base (a name of set) in the table of claimed bases,
 * added (next 0) when absent. */
static struct slugnext *
slugset_next(struct slugset *set, const char *base)
{
	void	*v = set->nv;
	size_t	 i;

	slot_room(&v, &set->ncap, set->nn + 1, sizeof(*set->nv));
	set->nv = v;
	i = slot_find(set->nv, set->ncap, sizeof(*set->nv), base);
	if (set->nv[i].base == NULL) {
		set->nv[i].base = base;
		set->nn++;
	}
	return &set->nv[i];
}

/* Take base in set, or, when it is taken, the first free of base-2,
 * base-3, … (sep instead of '-'), the name copied into a.  Return the
 * name taken.  *renamed is set to whether it differs from base (renamed
 * may be NULL). */
const char *
slugset_claim_in(struct slugset *set, struct arena *a, const char *base,
    int sep, int *renamed)
{
	struct buf	 b = BUF_INIT;
	struct slugnext	*bs;
	unsigned long	 k;
	char		*s;

	if (renamed != NULL)
		*renamed = 0;
	if (!slugset_has(set, base)) {
		s = arena_strdup(a, base);
		slugset_insert(set, s);
		return s;
	}
	bs = slugset_next(set, set->v[slot_find(set->v, set->cap,
	    sizeof(*set->v), base)].s);
	k = bs->next >= 2 && bs->sep == sep ? bs->next : 2;
	for (; ; k++) {
		buf_reset(&b);
		buf_printf(&b, "%s%c%lu", base, sep, k);
		if (!slugset_has(set, b.data))
			break;
	}
	bs->next = k + 1;
	bs->sep = sep;
	s = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	slugset_insert(set, s);
	if (renamed != NULL)
		*renamed = 1;
	return s;
}

/* slugset_claim_in() into the set's own arena. */
const char *
slugset_claim(struct slugset *set, const char *base, int sep, int *renamed)
{
	return slugset_claim_in(set, &set->names, base, sep, renamed);
}

/* Free every name of set and the set's table. */
void
slugset_free(struct slugset *set)
{
	arena_free(&set->names);
	free(set->v);
	free(set->nv);
	memset(set, 0, sizeof(*set));
}

/* ---- URLs ---- */

/* Append s percent-encoded as a URL path to out: bytes other than
 * ASCII letters, digits, - . _ ~ and / become %XX (upper-case hex), so
 * UTF-8 names work in href and src. */
void
url_encode(struct buf *out, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (ascii_isalnum(c) || c == '-' || c == '.' || c == '_' ||
		    c == '~' || c == '/')
			buf_putc(out, c);
		else {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		}
	}
}

/* ---- Natural order ---- */

/* Compare a and b with runs of ASCII digits compared as numbers
 * ("项目9" < "项目10"), then bytewise: a total order.  Return <0, 0,
 * >0 as strcmp. */
int
natcmp(const char *a, const char *b)
{
	const char	*p = a, *q = b, *pe, *qe;
	size_t		 pl, ql;
	int		 c;

	while (*p != '\0' && *q != '\0') {
		if (ascii_isdigit(*p) && ascii_isdigit(*q)) {
			while (*p == '0' && ascii_isdigit(p[1]))
				p++;
			while (*q == '0' && ascii_isdigit(q[1]))
				q++;
			for (pe = p; ascii_isdigit(*pe); pe++)
				continue;
			for (qe = q; ascii_isdigit(*qe); qe++)
				continue;
			pl = (size_t)(pe - p);
			ql = (size_t)(qe - q);
			if (pl != ql)
				return pl < ql ? -1 : 1;
			if ((c = memcmp(p, q, pl)) != 0)
				return c;
			p = pe;
			q = qe;
			continue;
		}
		if (*p != *q)
			return (unsigned char)*p < (unsigned char)*q ? -1 : 1;
		p++;
		q++;
	}
	if (*p != *q)
		return (unsigned char)*p < (unsigned char)*q ? -1 : 1;
	return strcmp(a, b);
}
