/*
 * render.c — run a compiled template (mustache_int.h, struct mop)
 * against a value, and HTML escaping.
 *
 * The renderer never recurses: sections, partials, parents and blocks
 * push frames on an explicit stack, and the context stack (values that
 * names are looked up in) is an array beside it.  Nesting is bounded
 * by the compile-time cap per template times MUSTACHE_MAX_DEPTH.
 *
 * Indentation.  Each frame carries a line transform: at the start of
 * each source line, drop up to `strip` leading blanks, then add the
 * text `add`.  A standalone partial or parent adds its own indentation;
 * a block's lines lose the indentation they had where they were written
 * and get the one of the place they are expanded (spec: "Block
 * reindentation").  Lines of nothing but a line break get nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache/mustache_int.h"

/* Distinct failed tags reported per render before giving up. */
#define MAX_REPORTED	50

/* A tree of [limits] depth levels renders within the cap on nested
 * expansions (core.h, CONFIG_MAX_DEPTH). */
_Static_assert(CONFIG_MAX_DEPTH + 10 <= MUSTACHE_MAX_DEPTH,
    "[limits] depth allows trees no page can render");

/* ---- HTML escaping ---- */

/* Replacement of each byte that HTML escaping changes; NULL for the
 * others (all bytes >= 0x80 pass unchanged). */
static const char *const esc_text[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
	['"'] = "&quot;", ['\''] = "&#39;",
};
static const unsigned char esc_len[256] = {
	['&'] = 5, ['<'] = 4, ['>'] = 4, ['"'] = 6, ['\''] = 5,
};

/* Length of the character at p[0..n) that no page may hold, else 0:
 * what XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE,
 * U+FFFF) and what HTML calls a control or a noncharacter (DEL, C1,
 * U+FDD0-FDEF, U+xxFFFE and U+xxFFFF in every plane). */
static size_t
unshowable(const unsigned char *p, size_t n)
{
	if (p[0] < 0x20)
		return p[0] != '\t' && p[0] != '\n' && p[0] != '\r';
	if (p[0] == 0x7F)
		return 1;
	if (p[0] == 0xC2)
		return n >= 2 && p[1] >= 0x80 && p[1] <= 0x9F ? 2 : 0;
	if (p[0] == 0xEF && n >= 3)
		return (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) ||
		    (p[1] == 0xB7 && p[2] >= 0x90 && p[2] <= 0xAF) ? 3 : 0;
	if (p[0] >= 0xF0 && p[0] <= 0xF4 && n >= 4)
		return (p[1] & 0x0F) == 0x0F && p[2] == 0xBF &&
		    (p[3] == 0xBE || p[3] == 0xBF) ? 4 : 0;
	return 0;
}

/* What html_escape() does with each byte: 0 copies it, 1 replaces it
 * (esc_text), 2 asks unshowable() (a control, DEL, a lead byte of C1 or
 * of a noncharacter). */
static const unsigned char esc_class[256] = {
	[0x00] = 2, [0x01] = 2, [0x02] = 2, [0x03] = 2, [0x04] = 2,
	[0x05] = 2, [0x06] = 2, [0x07] = 2, [0x08] = 2, [0x0B] = 2,
	[0x0C] = 2, [0x0E] = 2, [0x0F] = 2, [0x10] = 2, [0x11] = 2,
	[0x12] = 2, [0x13] = 2, [0x14] = 2, [0x15] = 2, [0x16] = 2,
	[0x17] = 2, [0x18] = 2, [0x19] = 2, [0x1A] = 2, [0x1B] = 2,
	[0x1C] = 2, [0x1D] = 2, [0x1E] = 2, [0x1F] = 2,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
	[0x7F] = 2, [0xC2] = 2, [0xEF] = 2, [0xF0] = 2, [0xF1] = 2,
	[0xF2] = 2, [0xF3] = 2, [0xF4] = 2,
};

/* Sixteen bytes, compared all at once (GCC and Clang vectors). */
typedef unsigned char v16u __attribute__((vector_size(16)));
typedef signed char v16s __attribute__((vector_size(16)));

/* Copy the bytes of p[0..n) that html_escape() copies as they are to
 * w, up to the first one esc_class[] does not pass (or n); return how
 * many.  Sixteen at a time while sixteen are left (stored before they
 * are tested: w must have room for n + 15 bytes), then one at a time. */
static size_t
safe_run(const unsigned char *p, size_t n, char *w)
{
	size_t		 i = 0;
	v16u		 v;
	v16s		 m;
	uint64_t	 lo, hi;

	while (n - i >= 16) {
		memcpy(&v, p + i, 16);
		memcpy(w + i, &v, 16);
		/* A superset of esc_class[] != 0: every control (tab, LF,
		 * CR are sorted out below), & < > " ' DEL C2 and EF-FF. */
		m = (v < 0x20) | (v == '&') | (v == '<') | (v == '>') |
		    (v == '"') | (v == '\'') | (v == 0x7F) | (v == 0xC2) |
		    (v >= 0xEF);
		memcpy(&lo, &m, 8);
		memcpy(&hi, (const char *)&m + 8, 8);
		if ((lo | hi) != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			i += lo != 0 ? (size_t)__builtin_ctzll(lo) / 8 :
			    8 + (size_t)__builtin_ctzll(hi) / 8;
#endif
			break;
		}
		i += 16;
	}
	for (; i < n && esc_class[p[i]] == 0; i++)
		w[i] = (char)p[i];
	return i;
}

/* Append s[0..len) with & < > " ' escaped to out, without the
 * characters no page may hold (unshowable()): every generated page and
 * feed goes through here.  Runs of bytes that stay as they are are
 * copied at once (safe_run()).  Works in chunks that end between
 * characters and whose worst case (6 bytes a byte, and the 15 bytes
 * safe_run() may store ahead) fits the room made first. */
void
html_escape(struct buf *out, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*w;
	size_t			 n, i, k;
	unsigned char		 c;

	while (len > 0) {
		n = len < 4096 ? len : 4096;
		while (n < len && (p[n] & 0xC0) == 0x80)
			n++;
		buf_grow(out, n * 6 + 16);
		w = out->data + out->len;
		for (i = 0; i < n; ) {
			k = safe_run(p + i, n - i, w);
			w += k;
			if ((i += k) == n)
				break;
			c = p[i];
			if (esc_class[c] == 1) {
				memcpy(w, esc_text[c], esc_len[c]);
				w += esc_len[c];
				i++;
			} else if ((k = unshowable(p + i, n - i)) > 0)
				i += k;
			else
				*w++ = (char)p[i++];
		}
		out->len = (size_t)(w - out->data);
		out->data[out->len] = '\0';
		p += n;
		len -= n;
	}
	if (out->data == NULL)
		buf_grow(out, 0);
}

/* ---- Render state ---- */

enum frame_kind {
	FR_TEMPLATE,	/* a template, a partial, a parent, a block */
	FR_EACH,	/* a section over the members of an array */
	FR_ONCE,	/* a section over one value */
};

struct frame {
	const struct mustache	*t;
	enum frame_kind		 kind;
	uint32_t		 pc;		/* next op */
	uint32_t		 start;		/* FR_EACH: first op of the body */
	uint32_t		 end;		/* the frame ends here */
	const struct value	*item;		/* FR_EACH: current member */
	const struct value	*arr;		/* FR_EACH: of this list */
	size_t			 nctx;		/* depths to return to */
	size_t			 novr;
	size_t			 nind;
	uint32_t		 strip;		/* line transform */
	size_t			 add_off;	/*   (text in r->ind) */
	size_t			 add_len;
	int			 counted;	/* counts towards r->depth */
};

/* An op of a template: a parent being expanded (its argument blocks
 * override), or a tag already reported. */
struct opref {
	const struct mustache	*t;
	uint32_t		 op;
};

#define PCACHE	32		/* partials remembered a render */

struct render {
	struct mustache_set	*set;
	struct buf		*out;
	size_t			 out0;		/* out->len at the start */
	size_t			 limit;		/* bytes it may add */
	const struct mustache_sink *sink;	/* or NULL */
	size_t			 flushed;	/* bytes it added and flushed */
	int			 wfail;		/* sink->flush failed */
	struct diags		*d;
	int			 strict;
	struct frame		*f;
	size_t			 nf, capf;
	const struct value	**ctx;
	size_t			 nctx, capctx;
	struct opref		*ovr;		/* parents being expanded */
	size_t			 novr, capovr;
	struct buf		 ind;		/* added indentation texts */
	struct buf		 tmp;
	int			 force_bol;	/* next op starts a line */
	int			 depth;		/* counted frames */
	unsigned long		 expansions;
	int			 errors;
	int			 stop;
	struct opref		 rep[MAX_REPORTED];
	size_t			 nrep;
	/* Partials found by name (not dynamic ones), by their tag: a
	 * page expands the same few many times, and mustache_find()
	 * locks the set. */
	struct {
		const struct mop	*op;
		const struct mustache	*t;
	}			 pcache[PCACHE];
};

static void
rerror(struct render *r, const struct mustache *t, const struct mop *op,
    int hard, const char *fmt, ...) GEN_PRINTF(5, 6);

/* Report an error at op of t.  A soft error (a missing name) is
 * reported once per tag and rendering goes on; a hard one stops it. */
static void
rerror(struct render *r, const struct mustache *t, const struct mop *op,
    int hard, const char *fmt, ...)
{
	va_list		 ap;
	uint32_t	 k = (uint32_t)(op - t->ops);
	size_t		 i;

	r->errors++;
	if (hard)
		r->stop = 1;
	for (i = 0; i < r->nrep; i++)
		if (r->rep[i].t == t && r->rep[i].op == k)
			return;
	if (r->nrep == MAX_REPORTED) {
		diag_add(r->d, t->file, (int)op->line, (int)op->col,
		    SEV_ERROR, "too many errors; rendering stopped");
		r->stop = 1;
		return;
	}
	r->rep[r->nrep].t = t;
	r->rep[r->nrep++].op = k;
	va_start(ap, fmt);
	diag_vadd(r->d, t->file, (int)op->line, (int)op->col, SEV_ERROR,
	    fmt, ap);
	va_end(ap);
}

static void
ctx_push(struct render *r, const struct value *v)
{
	if (r->nctx == r->capctx) {
		r->capctx = r->capctx ? r->capctx * 2 : 32;
		r->ctx = xreallocarray(r->ctx, r->capctx, sizeof(*r->ctx));
	}
	r->ctx[r->nctx++] = v;
}

/* Push a frame running ops [pc, end) of t with the line transform of
 * the current frame (or none); return it. */
static struct frame *
frame_push(struct render *r, const struct mustache *t, enum frame_kind kind,
    uint32_t pc, uint32_t end)
{
	struct frame	*f;

	if (r->nf == r->capf) {
		r->capf = r->capf ? r->capf * 2 : 32;
		r->f = xreallocarray(r->f, r->capf, sizeof(*r->f));
	}
	f = &r->f[r->nf++];
	memset(f, 0, sizeof(*f));
	if (r->nf > 1) {
		f->strip = f[-1].strip;
		f->add_off = f[-1].add_off;
		f->add_len = f[-1].add_len;
	}
	f->t = t;
	f->kind = kind;
	f->pc = f->start = pc;
	f->end = end;
	f->nctx = r->nctx;
	f->novr = r->novr;
	f->nind = r->ind.len;
	return f;
}

/* Set f's transform: strip blanks, then add the text the caller's line
 * transform makes of src[0..len) (the indentation at the tag). */
static void
frame_indent(struct render *r, struct frame *f, uint32_t strip,
    const char *src, size_t len)
{
	const struct frame	*up = r->nf > 1 ? f - 1 : NULL;
	size_t			 skip;

	f->strip = strip;
	f->add_off = r->ind.len;
	f->add_len = 0;
	if (up == NULL)
		return;
	buf_grow(&r->ind, up->add_len + len);
	memcpy(r->ind.data + r->ind.len, r->ind.data + up->add_off,
	    up->add_len);
	r->ind.len += up->add_len;
	skip = up->strip < len ? up->strip : len;
	buf_put(&r->ind, src + skip, len - skip);
	f->add_len = r->ind.len - f->add_off;
}

/* Pop the top frame, restoring the stacks. */
static void
frame_pop(struct render *r)
{
	struct frame	*f = &r->f[--r->nf];

	r->nctx = f->nctx;
	r->novr = f->novr;
	r->ind.len = f->nind;
	if (r->ind.data != NULL)
		r->ind.data[r->ind.len] = '\0';
	if (f->counted)
		r->depth--;
	r->force_bol = 0;
}

/* Account for one more template expansion at op of t.  Return 0, or
 * -1 after an error (too deep, too many). */
static int
expand_check(struct render *r, const struct mustache *t,
    const struct mop *op)
{
	if (r->depth >= MUSTACHE_MAX_DEPTH) {
		rerror(r, t, op, 1, "\"%.*s\": partials, parents and blocks "
		    "nested deeper than %d levels (recursion?)", (int)op->len,
		    t->text + op->off, MUSTACHE_MAX_DEPTH);
		return -1;
	}
	if (++r->expansions > MUSTACHE_MAX_EXPANSIONS) {
		rerror(r, t, op, 1, "more than %lu partial expansions in one "
		    "page", MUSTACHE_MAX_EXPANSIONS);
		return -1;
	}
	return 0;
}

/* ---- Look-up ---- */

/* Resolve op's name of t in the context stack (spec: the first part in
 * the innermost context that has it, each further part in the value
 * before), by the keys the name was made into when t compiled.  Return
 * the value, or NULL when it is missing. */
static const struct value *
lookup(const struct render *r, const struct mustache *t,
    const struct mop *op)
{
	const struct value_key	*k;
	const struct value	*v = NULL;
	size_t			 i;
	uint32_t		 p;

	if (op->nkeys == 0)	/* "." (a template of dots alone has no
				 * keys at all: t->keys is NULL) */
		return r->ctx[r->nctx - 1];
	k = t->keys + op->key;
	for (i = r->nctx; i > 0; i--)
		if ((v = value_get_key(r->ctx[i - 1], k)) != NULL)
			break;
	for (p = 1; v != NULL && p < op->nkeys; p++)
		v = value_get_key(v, k + p);
	return v;
}

static void
rmissing(struct render *r, const struct mustache *t, const struct mop *op,
    const char *fmt, ...) GEN_PRINTF(4, 5);

/* Report a missing name or partial at op of t: an error in strict mode
 * (rendering goes on), else a warning; once per tag and render. */
static void
rmissing(struct render *r, const struct mustache *t, const struct mop *op,
    const char *fmt, ...)
{
	va_list		 ap;
	uint32_t	 k = (uint32_t)(op - t->ops);
	size_t		 i;
	char		 msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->strict) {
		rerror(r, t, op, 0, "%s", msg);
		return;
	}
	for (i = 0; i < r->nrep; i++)
		if (r->rep[i].t == t && r->rep[i].op == k)
			return;
	if (r->nrep == MAX_REPORTED)
		return;
	r->rep[r->nrep].t = t;
	r->rep[r->nrep++].op = k;
	diag_add(r->d, t->file, (int)op->line, (int)op->col, SEV_WARNING,
	    "%s", msg);
}

/* The value of op's name.  A missing one is reported (an error in
 * strict mode, else a warning) unless op is a section or an inverted
 * section, which test whether the name is there. */
static const struct value *
lookup_op(struct render *r, const struct frame *f, const struct mop *op)
{
	const struct value	*v;

	v = lookup(r, f->t, op);
	if (v == NULL && op->kind != MOP_SECTION && op->kind != MOP_INVERTED)
		rmissing(r, f->t, op, "\"%.*s\" not found", (int)op->len,
		    f->t->text + op->off);
	return v;
}

/* The template that op (a partial or parent) names, or NULL when it is
 * missing (an error in strict mode) or after an error. */
static const struct mustache *
template_of(struct render *r, const struct frame *f, const struct mop *op)
{
	const struct mustache	*t;
	const struct value	*v;
	const char		*name = f->t->text + op->off;
	size_t			 len = op->len;
	uint32_t		 hash = op->hash;
	size_t			 slot;
	int			 failed;
	const char		*what = op->kind == MOP_PARENT ?
	    "parent" : "partial";

	if (op->flags & MOP_DYNAMIC) {
		v = lookup(r, f->t, op);
		if (v == NULL || v->type != V_STR) {
			rmissing(r, f->t, op, "\"%.*s\" %s: no template "
			    "name", (int)len, name, v == NULL ?
			    "not found" : "is not a string");
			return NULL;
		}
		name = v->str;
		len = v->len;
		if (!mustache_name_ok(name, len)) {
			rerror(r, f->t, op, 0, "%s name \"%.*s\" is not "
			    "allowed (absolute, \"..\" or NUL)", what,
			    (int)len, name);
			return NULL;
		}
		hash = mustache_hash(name, len);
	}
	slot = ((uintptr_t)op / sizeof(*op)) % PCACHE;
	if (!(op->flags & MOP_DYNAMIC) && r->pcache[slot].op == op)
		return r->pcache[slot].t;
	t = mustache_find(r->set, name, len, hash, r->d, &failed);
	if (!failed && t != NULL && !(op->flags & MOP_DYNAMIC)) {
		r->pcache[slot].op = op;
		r->pcache[slot].t = t;
	}
	if (failed)
		rerror(r, f->t, op, 1, "%s \"%.*s\" does not compile", what,
		    (int)len, name);
	else if (t == NULL)
		rmissing(r, f->t, op, "%s \"%.*s\" not found", what,
		    (int)len, name);
	return t;
}

/* The argument block that overrides block op of t, as *ot and index;
 * the outermost parent's argument wins.  Return 0 when none does. */
static int
override_of(const struct render *r, const struct mustache *t,
    const struct mop *op, const struct mustache **ot, uint32_t *k)
{
	const char	*name = t->text + op->off;
	const struct mustache *pt;
	size_t		 i;
	uint32_t	 a;

	for (i = 0; i < r->novr; i++) {
		pt = r->ovr[i].t;
		for (a = pt->ops[r->ovr[i].op].link; a != 0;
		    a = pt->ops[a].link)
			if (pt->ops[a].len == op->len &&
			    memcmp(pt->text + pt->ops[a].off, name,
			    op->len) == 0) {
				*ot = pt;
				*k = a;
				return 1;
			}
	}
	return 0;
}

/* ---- Ops ---- */

/* Before op: when it starts a line of output, add f's indentation
 * (not to a line of nothing but a line break, nor for a standalone tag,
 * whose line is gone). */
static void
line_start(struct render *r, const struct frame *f, const struct mop *op)
{
	int	 bol = (op->flags & MOP_BOL) ||
	    (r->force_bol && !(op->flags & MOP_STANDALONE));

	r->force_bol = 0;
	if (bol && f->add_len > 0 &&
	    !(op->kind == MOP_TEXT && (op->flags & MOP_BLANK)))
		buf_put(r->out, r->ind.data + f->add_off, f->add_len);
}

static void
op_text(struct render *r, const struct frame *f, const struct mop *op)
{
	uint32_t	 skip = 0;

	if ((op->flags & MOP_BOL) && f->strip > 0)
		skip = op->strip < f->strip ? op->strip : f->strip;
	buf_put(r->out, f->t->text + op->off + skip, op->len - skip);
}

/* Write integer n (|n| < 1e15) into b as value_text() does, without
 * the cost of printf. */
static void
int_text(long long n, struct buf *b)
{
	char			 tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long	 u = n < 0 ? 0ULL - (unsigned long long)n :
	    (unsigned long long)n;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	buf_reset(b);
	buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void
op_var(struct render *r, const struct frame *f, const struct mop *op)
{
	const struct value	*v = lookup_op(r, f, op);
	const char		*s;
	size_t			 n;

	if (v == NULL || v->type == V_NULL)
		return;
	if (v->type == V_STR) {
		s = v->str;
		n = v->len;
	} else if (v->type == V_NUM && v->num == (double)(long long)v->num &&
	    v->num < 1e15 && v->num > -1e15) {
		int_text((long long)v->num, &r->tmp);
		s = r->tmp.data;
		n = r->tmp.len;
	} else {
		buf_reset(&r->tmp);
		value_text(v, &r->tmp);
		s = r->tmp.data;
		n = r->tmp.len;
	}
	if (op->kind == MOP_VAR)
		html_escape(r->out, s, n);
	else
		buf_put(r->out, s, n);
}

/* {{#name}}: run the body once per member of a list, once with a
 * truthy value as the context, or not at all. */
static void
op_section(struct render *r, struct frame *f, const struct mop *op)
{
	const struct value	*v = lookup_op(r, f, op);
	const struct mustache	*t = f->t;
	uint32_t		 pc = (uint32_t)(op - t->ops);
	struct frame		*nf;

	f->pc = op->end + 1;
	if (!value_truthy(v))
		return;
	if (v->type == V_ARR) {
		/* value_first(): a long list's members may be made one at
		 * a time (value_gen). */
		const struct value	*m = value_first(v);

		if (m == NULL)
			return;
		nf = frame_push(r, t, FR_EACH, pc + 1, op->end);
		nf->item = m;
		nf->arr = v;
		ctx_push(r, m);
	} else {
		frame_push(r, t, FR_ONCE, pc + 1, op->end);
		ctx_push(r, v);
	}
}

/* {{^name}}: run the body in place when the value is falsy. */
static void
op_inverted(struct render *r, struct frame *f, const struct mop *op)
{
	if (value_truthy(lookup_op(r, f, op)))
		f->pc = op->end + 1;
	else
		f->pc++;
}

/* Push a frame for template t expanded at op: a standalone tag gives
 * its indentation to each line; another gives none. */
static struct frame *
expand(struct render *r, const struct mustache *at, const struct mop *op,
    const struct mustache *t, uint32_t pc, uint32_t end, uint32_t strip)
{
	struct frame	*nf;

	nf = frame_push(r, t, FR_TEMPLATE, pc, end);
	nf->counted = 1;
	r->depth++;
	if (op->flags & MOP_STANDALONE) {
		frame_indent(r, nf, strip, at->text + op->ind_off,
		    op->ind_len);
		r->force_bol = 1;
	} else {
		nf->strip = strip;
		nf->add_len = 0;
	}
	return nf;
}

static void
op_partial(struct render *r, struct frame *f, const struct mop *op)
{
	const struct mustache	*at = f->t, *t;

	f->pc++;
	if ((t = template_of(r, f, op)) == NULL ||
	    expand_check(r, at, op) == -1)
		return;
	expand(r, at, op, t, 0, (uint32_t)t->nops, 0);
}

/* {{<name}}: expand the parent with this tag's blocks as overrides. */
static void
op_parent(struct render *r, struct frame *f, const struct mop *op)
{
	const struct mustache	*at = f->t, *t;

	f->pc = op->end + 1;
	if ((t = template_of(r, f, op)) == NULL ||
	    expand_check(r, at, op) == -1)
		return;
	if (r->novr == r->capovr) {
		r->capovr = r->capovr ? r->capovr * 2 : 16;
		r->ovr = xreallocarray(r->ovr, r->capovr, sizeof(*r->ovr));
	}
	/* the frame restores the override stack to below this entry */
	expand(r, at, op, t, 0, (uint32_t)t->nops, 0);
	r->ovr[r->novr].t = at;
	r->ovr[r->novr++].op = (uint32_t)(op - at->ops);
}

/* {{$name}} outside a parent: the overriding argument, else the
 * default body. */
static void
op_block(struct render *r, struct frame *f, const struct mop *op)
{
	const struct mustache	*at = f->t, *ot;
	const struct mop	*arg;
	struct frame		*nf;
	uint32_t		 k;

	f->pc = op->end + 1;
	if (expand_check(r, at, op) == -1)
		return;
	if (override_of(r, at, op, &ot, &k)) {
		arg = &ot->ops[k];
		nf = expand(r, at, op, ot, k + 1, arg->end, arg->strip);
		if (!(op->flags & MOP_STANDALONE))
			nf->add_len = 0;
	} else if (op->flags & MOP_STANDALONE)
		expand(r, at, op, at, (uint32_t)(op - at->ops) + 1, op->end,
		    op->strip);
	else {
		nf = frame_push(r, at, FR_TEMPLATE, (uint32_t)(op - at->ops) +
		    1, op->end);
		nf->counted = 1;
		r->depth++;
	}
}

/* The frame f reached its end: loop a list section, or pop. */
static void
frame_end(struct render *r, struct frame *f)
{
	const struct value	*next;

	if (f->kind != FR_TEMPLATE) {
		line_start(r, f, &f->t->ops[f->end]);
	}
	if (f->kind == FR_EACH &&
	    (next = value_next(f->arr, f->item)) != NULL) {
		f->item = next;
		r->ctx[r->nctx - 1] = f->item;
		f->pc = f->start;
		return;
	}
	frame_pop(r);
}

/* Hand all that r->out holds to the sink and empty it; stop after a
 * failed write. */
static void
sink_flush(struct render *r)
{
	r->flushed += r->out->len - r->out0;
	r->out0 = 0;
	if (r->out->len > 0 && r->sink->flush(r->sink->arg, r->out->data,
	    r->out->len) == -1) {
		r->wfail = 1;
		r->stop = 1;
	}
	buf_reset(r->out);
}

/* Run frames until the stack is empty or an error stops it. */
static void
run(struct render *r)
{
	struct frame		*f;
	const struct mustache	*t;
	const struct mop	*op;

	while (r->nf > 0 && !r->stop) {
		f = &r->f[r->nf - 1];
		if (f->pc >= f->end) {
			frame_end(r, f);
			continue;
		}
		t = f->t;	/* f may move when an op pushes a frame */
		op = &t->ops[f->pc];
		line_start(r, f, op);
		switch (op->kind) {
		case MOP_TEXT:
			op_text(r, f, op);
			f->pc++;
			break;
		case MOP_VAR:
		case MOP_RAW:
			op_var(r, f, op);
			f->pc++;
			break;
		case MOP_SECTION:
			op_section(r, f, op);
			break;
		case MOP_INVERTED:
			op_inverted(r, f, op);
			break;
		case MOP_PARTIAL:
			op_partial(r, f, op);
			break;
		case MOP_PARENT:
			op_parent(r, f, op);
			break;
		case MOP_BLOCK:
			op_block(r, f, op);
			break;
		case MOP_END:	/* of an inverted section run in place */
			f->pc++;
			break;
		}
		if (r->flushed + r->out->len - r->out0 > r->limit)
			rerror(r, t, op, 1, "output over the limit of %zu "
			    "bytes ([limits] output)", r->limit);
		else if (r->sink != NULL && r->out->len >= r->sink->flush_at)
			sink_flush(r);
	}
}

/* Render t against ctx, appending to out.  Return 0, or -1 after
 * adding errors to d. */
int
mustache_render(struct mustache_set *set, const struct mustache *t,
    const struct value *ctx, struct buf *out, struct diags *d)
{
	return mustache_render_sink(set, t, ctx, out, NULL, d);
}

/* Render t against ctx into out, flushed through sink when there is
 * one.  Return 0, -1 after adding errors to d, or -2 after a failed
 * flush. */
int
mustache_render_sink(struct mustache_set *set, const struct mustache *t,
    const struct value *ctx, struct buf *out,
    const struct mustache_sink *sink, struct diags *d)
{
	static const struct value null_value = { .type = V_NULL };
	struct render	 r;

	memset(&r, 0, sizeof(r));
	r.set = set;
	r.out = out;
	r.out0 = out->len;
	r.sink = sink;
	r.limit = mustache_output_limit(set);
	r.d = d;
	r.strict = mustache_is_strict(set);
	buf_put(out, "", 0);
	ctx_push(&r, ctx != NULL ? ctx : &null_value);
	frame_push(&r, t, FR_TEMPLATE, 0, (uint32_t)t->nops);
	run(&r);
	if (sink != NULL && r.errors == 0 && !r.wfail)
		sink_flush(&r);
	free(r.f);
	free(r.ctx);
	free(r.ovr);
	buf_free(&r.ind);
	buf_free(&r.tmp);
	if (r.wfail)
		return -2;
	return r.errors > 0 ? -1 : 0;
}
