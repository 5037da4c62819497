/*
 * compile.c — Mustache templates: the set of templates and the
 * compiler.  render.c runs the compiled form.
 *
 * A template is compiled once, in four passes over its source:
 *   1. tokenize: text (cut after each line break) and tags, following
 *      delimiter changes;
 *   2. match: pair each section, inverted section, parent and block with
 *      its closing tag, under a nesting cap;
 *   3. standalone: find the lines that hold only blanks and tags that
 *      are removed with their line (spec: "standalone" tags);
 *   4. emit: the op array (mustache_int.h, struct mop), with the indentation
 *      that partials, parents and blocks add to or remove from lines.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mustache/mustache_int.h"

/* Longest delimiter accepted by {{=<% %>=}}, bytes. */
#define DELIM_MAX	16
#define NONE		((size_t)-1)

enum tok_kind {
	T_TEXT,
	T_VAR,		/* {{name}} */
	T_RAW,		/* {{{name}}} {{&name}} */
	T_SECTION,	/* {{#name}} */
	T_INVERTED,	/* {{^name}} */
	T_CLOSE,	/* {{/name}} */
	T_PARTIAL,	/* {{>name}} */
	T_PARENT,	/* {{<name}} */
	T_BLOCK,	/* {{$name}} */
	T_COMMENT,	/* {{!...}} */
	T_DELIM,	/* {{=<% %>=}} */
};

/* Standalone marks of a token. */
enum {
	SA_NO,
	SA_LINE,	/* the whole line is removed */
	SA_PAIR,	/* {{$b}}{{/b}}: blanks removed, line break kept */
};

struct tok {
	enum tok_kind	 kind;
	int		 dynamic;	/* {{>*name}} */
	int		 sa;		/* SA_* */
	int		 drop;		/* T_TEXT: removed with its line */
	size_t		 start, end;	/* span in the source */
	size_t		 noff, nlen;	/* tags: the name */
	size_t		 match;		/* open <-> close, or NONE */
	size_t		 owner;		/* innermost open tag, or NONE */
	size_t		 ind_off;	/* standalone: blanks before the */
	size_t		 ind_len;	/*   first tag of the line */
	size_t		 op;		/* emitted op, or NONE */
	int		 line, col;
};

/* The state of one compilation. */
struct comp {
	const char	*file;		/* for messages */
	const char	*src;
	size_t		 len;
	struct diags	*d;
	struct tok	*tok;
	size_t		 ntok, captok;
	struct mop	*ops;
	size_t		 nops, capops;
	struct value_key *keys;		/* names looked up, by part */
	uint32_t	*koff;		/* keys[i].name is src + koff[i] */
	size_t		 nkeys, capkeys;
	size_t		 scan;		/* lines are counted up to here */
	size_t		 bol;		/* start of scan's line */
	int		 line;		/* scan's line */
	int		 col;		/* code points from bol to scan */
};

/* ---- Names ---- */

/* FNV-1a hash of s[0..len). */
uint32_t
mustache_hash(const char *s, size_t len)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* Return 1 when name[0..len) is non-empty, has no NUL or backslash, is
 * not absolute and has no ".." component; else 0. */
int
mustache_name_ok(const char *name, size_t len)
{
	size_t	 i, start;

	if (len == 0 || name[0] == '/' || memchr(name, '\0', len) != NULL ||
	    memchr(name, '\\', len) != NULL)
		return 0;
	for (start = 0, i = 0; i <= len; i++)
		if (i == len || name[i] == '/') {
			if (i - start == 2 && name[start] == '.' &&
			    name[start + 1] == '.')
				return 0;
			start = i + 1;
		}
	return 1;
}

/* Is c a blank of the specification (only space and tab; U+3000 is
 * not one)? */
static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static int
is_tagspace(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ---- Positions and messages ---- */

/* Line and column (1-based, code points) of source offset off, which
 * must not be before an offset asked for earlier. */
static void
comp_locate(struct comp *c, size_t off, int *line, int *col)
{
	const char	*nl;

	while (c->scan < off &&
	    (nl = memchr(c->src + c->scan, '\n', off - c->scan)) != NULL) {
		c->line++;
		c->scan = c->bol = (size_t)(nl - c->src) + 1;
		c->col = 0;
	}
	/* Columns are counted on from the last offset asked for, not
	 * from the line's start: a long line of tags stays linear. */
	if (off > c->scan)
		c->col += (int)utf8_count(c->src + c->scan, off - c->scan);
	c->scan = off;
	*line = c->line;
	*col = c->col + 1;
}

static void
comp_error(struct comp *c, int line, int col, const char *fmt, ...)
    GEN_PRINTF(4, 5);

/* Add an error at line:col of the template being compiled. */
static void
comp_error(struct comp *c, int line, int col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vadd(c->d, c->file, line, col, SEV_ERROR, fmt, ap);
	va_end(ap);
}

/* What a tag of kind k is called in messages. */
static const char *
kind_word(enum tok_kind k)
{
	switch (k) {
	case T_SECTION:
		return "section";
	case T_INVERTED:
		return "inverted section";
	case T_PARENT:
		return "parent";
	case T_BLOCK:
		return "block";
	default:
		return "tag";
	}
}

/* ---- Pass 1: tokens ---- */

static struct tok *
tok_add(struct comp *c, enum tok_kind kind, size_t start, size_t end)
{
	struct tok	*t;

	if (c->ntok == c->captok) {
		c->captok = c->captok ? c->captok * 2 : 64;
		c->tok = xreallocarray(c->tok, c->captok, sizeof(*c->tok));
	}
	t = &c->tok[c->ntok++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->start = start;
	t->end = end;
	t->match = t->owner = t->op = NONE;
	comp_locate(c, start, &t->line, &t->col);
	return t;
}

/* Add src[a..b) as text tokens, each ending after a line break or at b. */
static void
tok_text(struct comp *c, size_t a, size_t b)
{
	const char	*nl;
	size_t		 e;

	while (a < b) {
		nl = memchr(c->src + a, '\n', b - a);
		e = nl != NULL ? (size_t)(nl - c->src) + 1 : b;
		tok_add(c, T_TEXT, a, e);
		a = e;
	}
}

/* Offset of needle[0..nlen) in src[from..len), or NONE. */
static size_t
find(const struct comp *c, size_t from, const char *needle, size_t nlen)
{
	const char	*p;

	if (from >= c->len)
		return NONE;
	p = memmem(c->src + from, c->len - from, needle, nlen);
	return p != NULL ? (size_t)(p - c->src) : NONE;
}

/* Check the name of tag t (src[t->noff..+nlen)): not empty, no blank
 * inside, dotted names without empty parts.  Return 0, or -1 after an
 * error. */
static int
tok_name(struct comp *c, struct tok *t)
{
	const char	*s = c->src + t->noff;
	size_t		 i, n = t->nlen;
	int		 dotted;

	if (n == 0) {
		comp_error(c, t->line, t->col, "empty tag name");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (is_tagspace(s[i]) || s[i] == '\0') {
			comp_error(c, t->line, t->col,
			    "bad tag name \"%.*s\": blank inside", (int)n, s);
			return -1;
		}
	dotted = t->kind == T_VAR || t->kind == T_RAW ||
	    t->kind == T_SECTION || t->kind == T_INVERTED || t->dynamic;
	if (dotted && !(n == 1 && s[0] == '.'))
		for (i = 0; i < n; i++)
			if (s[i] == '.' && (i == 0 || i == n - 1 ||
			    s[i + 1] == '.')) {
				comp_error(c, t->line, t->col,
				    "bad name \"%.*s\": empty part", (int)n, s);
				return -1;
			}
	if (!t->dynamic && (t->kind == T_PARTIAL || t->kind == T_PARENT) &&
	    !mustache_name_ok(s, n)) {
		comp_error(c, t->line, t->col, "template name \"%.*s\" "
		    "is not allowed (absolute, \"..\" or NUL)", (int)n, s);
		return -1;
	}
	return 0;
}

/* Parse "{{=<% %>=}}" content src[a..b) into new delimiters (src[b] is
 * the '=' that ends it).  Return 0, or -1 after an error. */
static int
tok_delims(struct comp *c, const struct tok *t, size_t a, size_t b,
    const char **open, size_t *olen, const char **close, size_t *clen)
{
	const char	*s = c->src;
	size_t		 o, ol, cl, cs;

	while (a < b && is_tagspace(s[a]))
		a++;
	while (b > a && is_tagspace(s[b - 1]))
		b--;
	for (o = a; o < b && !is_tagspace(s[o]); o++)
		continue;
	ol = o - a;
	/* The blanks after the first: they end at s[b] at the latest. */
	for (cs = o; is_tagspace(s[cs]); cs++)
		continue;
	cl = b - cs;
	if (ol == 0 || cl == 0 || cs == o ||
	    memchr(s + a, '=', ol) != NULL || memchr(s + cs, '=', cl) != NULL) {
		comp_error(c, t->line, t->col, "bad delimiter change "
		    "\"%.*s\": want two delimiters without '=' or blanks",
		    (int)(b - a), s + a);
		return -1;
	}
	{
		size_t	 i;

		for (i = cs; i < b; i++)
			if (is_tagspace(s[i])) {
				comp_error(c, t->line, t->col,
				    "bad delimiter change \"%.*s\": want two "
				    "delimiters", (int)(b - a), s + a);
				return -1;
			}
	}
	if (ol > DELIM_MAX || cl > DELIM_MAX) {
		comp_error(c, t->line, t->col, "bad delimiter change: "
		    "delimiters longer than %d bytes", DELIM_MAX);
		return -1;
	}
	*open = s + a;
	*olen = ol;
	*close = s + cs;
	*clen = cl;
	return 0;
}

/* Split the template into tokens.  Return 0, or -1 after an error. */
static int
tokenize(struct comp *c)
{
	const char	*s = c->src, *open = "{{", *close = "}}";
	size_t		 olen = 2, clen = 2, pos = 0, p, q, e, a, b;
	char		 needle[DELIM_MAX + 1];
	struct tok	*t;
	enum tok_kind	 kind;

	while (pos < c->len) {
		if ((p = find(c, pos, open, olen)) == NONE) {
			tok_text(c, pos, c->len);
			break;
		}
		tok_text(c, pos, p);
		q = p + olen;
		kind = T_VAR;
		needle[0] = '\0';
		if (q < c->len)
			switch (s[q]) {
			case '{': kind = T_RAW; needle[0] = '}'; q++; break;
			case '=': kind = T_DELIM; needle[0] = '='; q++; break;
			case '&': kind = T_RAW; q++; break;
			case '#': kind = T_SECTION; q++; break;
			case '^': kind = T_INVERTED; q++; break;
			case '/': kind = T_CLOSE; q++; break;
			case '>': kind = T_PARTIAL; q++; break;
			case '<': kind = T_PARENT; q++; break;
			case '$': kind = T_BLOCK; q++; break;
			case '!': kind = T_COMMENT; q++; break;
			default: break;
			}
		if (needle[0] != '\0') {
			memcpy(needle + 1, close, clen);
			e = find(c, q, needle, clen + 1);
		} else
			e = find(c, q, close, clen);
		t = tok_add(c, kind, p, p);
		if (e == NONE) {
			comp_error(c, t->line, t->col, "unclosed tag: "
			    "no \"%s%.*s\" after \"%.*s\"",
			    needle[0] == '\0' ? "" : needle[0] == '}' ?
			    "}" : "=", (int)clen, close, (int)olen, open);
			return -1;
		}
		t->end = e + clen + (needle[0] != '\0');
		pos = t->end;
		if (kind == T_COMMENT)
			continue;
		if (kind == T_DELIM) {
			if (tok_delims(c, t, q, e, &open, &olen, &close,
			    &clen) == -1)
				return -1;
			continue;
		}
		for (a = q; a < e && is_tagspace(s[a]); a++)
			continue;
		if ((kind == T_PARTIAL || kind == T_PARENT) && a < e &&
		    s[a] == '*') {
			t->dynamic = 1;
			for (a++; a < e && is_tagspace(s[a]); a++)
				continue;
		}
		for (b = e; b > a && is_tagspace(s[b - 1]); b--)
			continue;
		t->noff = a;
		t->nlen = b - a;
		if (tok_name(c, t) == -1)
			return -1;
	}
	return 0;
}

/* ---- Pass 2: matching ---- */

static int
is_open(enum tok_kind k)
{
	return k == T_SECTION || k == T_INVERTED || k == T_PARENT ||
	    k == T_BLOCK;
}

/* Does closing tag cl close open tag ot?  ("*name" closes a dynamic
 * parent "<*name".) */
static int
close_matches(const struct comp *c, const struct tok *ot,
    const struct tok *cl)
{
	const char	*n = c->src + cl->noff;
	size_t		 len = cl->nlen;

	if (ot->dynamic) {
		if (len == 0 || n[0] != '*')
			return 0;
		n++;
		len--;
	}
	return len == ot->nlen && memcmp(n, c->src + ot->noff, len) == 0;
}

/* Pair opening and closing tags; set owners.  Return 0, or -1 after an
 * error. */
static int
match(struct comp *c)
{
	size_t		 stack[MUSTACHE_MAX_NEST], depth = 0, i, o;
	struct tok	*t, *ot;
	int		 line, col;

	for (i = 0; i < c->ntok; i++) {
		t = &c->tok[i];
		if (t->kind == T_CLOSE) {
			if (depth == 0) {
				comp_error(c, t->line, t->col, "closing tag "
				    "\"%.*s\" without an open section",
				    (int)t->nlen, c->src + t->noff);
				return -1;
			}
			o = stack[--depth];
			ot = &c->tok[o];
			if (!close_matches(c, ot, t)) {
				comp_error(c, t->line, t->col, "closing tag "
				    "\"%.*s\" does not match %s \"%.*s\" "
				    "opened at %d:%d", (int)t->nlen,
				    c->src + t->noff, kind_word(ot->kind),
				    (int)ot->nlen, c->src + ot->noff,
				    ot->line, ot->col);
				return -1;
			}
			ot->match = i;
			t->match = o;
			t->owner = ot->owner;
			continue;
		}
		t->owner = depth > 0 ? stack[depth - 1] : NONE;
		if (!is_open(t->kind))
			continue;
		if (depth == MUSTACHE_MAX_NEST) {
			comp_error(c, t->line, t->col, "template too deeply "
			    "nested: more than %d sections inside each other",
			    MUSTACHE_MAX_NEST);
			return -1;
		}
		stack[depth++] = i;
	}
	if (depth > 0) {
		ot = &c->tok[stack[depth - 1]];
		comp_locate(c, c->len, &line, &col);
		comp_error(c, line, col, "unclosed %s \"%.*s\" opened at %d:%d",
		    kind_word(ot->kind), (int)ot->nlen, c->src + ot->noff,
		    ot->line, ot->col);
		return -1;
	}
	return 0;
}

/* ---- Pass 3: standalone lines ---- */

static int
ends_line(const struct comp *c, const struct tok *t)
{
	return t->kind == T_TEXT && t->end > t->start &&
	    c->src[t->end - 1] == '\n';
}

/* Is text token t only blanks, then maybe "\n" or "\r\n"? */
static int
text_blank(const struct comp *c, const struct tok *t)
{
	size_t	 i, e = t->end;

	if (ends_line(c, t)) {
		e--;
		if (e > t->start && c->src[e - 1] == '\r')
			e--;
	}
	for (i = t->start; i < e; i++)
		if (!is_blank(c->src[i]))
			return 0;
	return 1;
}

static int
can_stand_alone(enum tok_kind k)
{
	return k != T_TEXT && k != T_VAR && k != T_RAW;
}

static int
is_arg(const struct comp *c, const struct tok *t)
{
	return t->kind == T_BLOCK && t->owner != NONE &&
	    c->tok[t->owner].kind == T_PARENT;
}

/* May tag t share a standalone line with other tags?  (Parent tags and
 * the argument blocks right inside them: text there is ignored.) */
static int
joins_line(const struct comp *c, const struct tok *t, int *parent)
{
	const struct tok	*o = t->kind == T_CLOSE ? &c->tok[t->match] : t;

	if (o->kind == T_PARENT) {
		*parent = 1;
		return 1;
	}
	return is_arg(c, o);
}

/* Mark the tokens of line [a..b] (inclusive) as standalone when it
 * holds only blanks and tags that may stand alone. */
static void
standalone_line(struct comp *c, size_t a, size_t b)
{
	struct tok	*t;
	size_t		 i, ntags = 0, first = NONE, ind_off, ind_len = 0;
	int		 parent = 0, joins = 1, sa;

	for (i = a; i <= b; i++) {
		t = &c->tok[i];
		if (t->kind == T_TEXT) {
			if (!text_blank(c, t))
				return;
			continue;
		}
		if (!can_stand_alone(t->kind))
			return;
		if (ntags++ == 0)
			first = i;
		if (!joins_line(c, t, &parent))
			joins = 0;
	}
	if (ntags == 0)
		return;
	sa = SA_LINE;
	if (ntags > 1 && !(joins && parent)) {
		t = &c->tok[first];
		if (ntags != 2 || t->kind != T_BLOCK || is_arg(c, t) ||
		    t->match != first + 1)
			return;
		sa = SA_PAIR;
	}
	ind_off = c->tok[a].start;
	if (first > a)
		ind_len = c->tok[a].end - c->tok[a].start;
	for (i = a; i <= b; i++) {
		t = &c->tok[i];
		if (t->kind != T_TEXT) {
			t->sa = sa;
			t->ind_off = ind_off;
			t->ind_len = ind_len;
		} else if (sa == SA_PAIR && i == b && ends_line(c, t)) {
			/* keep the line break */
			if (t->end - 1 > t->start &&
			    c->src[t->end - 2] == '\r')
				t->start = t->end - 2;
			else
				t->start = t->end - 1;
		} else
			t->drop = 1;
	}
}

/* Find the standalone lines: a line is the tokens up to a text token
 * that ends with a line break (tags may hold line breaks). */
static void
standalone(struct comp *c)
{
	size_t	 a = 0, b;

	while (a < c->ntok) {
		for (b = a; b + 1 < c->ntok && !ends_line(c, &c->tok[b]); b++)
			continue;
		standalone_line(c, a, b);
		a = b + 1;
	}
}

/* ---- Pass 4: ops ---- */

static struct mop *
op_add(struct comp *c, enum mop_kind kind, const struct tok *t, int flags)
{
	struct mop	*op;

	if (c->nops == c->capops) {
		c->capops = c->capops ? c->capops * 2 : 64;
		c->ops = xreallocarray(c->ops, c->capops, sizeof(*c->ops));
	}
	op = &c->ops[c->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->flags = (uint8_t)flags;
	op->off = (uint32_t)t->noff;
	op->len = (uint32_t)t->nlen;
	op->line = (uint32_t)t->line;
	op->col = (uint32_t)t->col;
	if (t->dynamic)
		op->flags |= MOP_DYNAMIC;
	if (t->sa != SA_NO)
		op->flags |= MOP_STANDALONE;
	if (t->sa == SA_PAIR)
		op->flags |= MOP_PAIR;
	return op;
}

/* Resolve the name of op, a tag that looks its name up in the context:
 * its dot-separated parts as keys hashed once (op->key, op->nkeys; none
 * for "."), their names pointed into the template's own copy of the
 * source when it is made (template_compile(), from c->koff). */
static void
op_keys(struct comp *c, struct mop *op)
{
	const char	*s = c->src + op->off, *dot;
	size_t		 n = op->len, k;
	struct value_key *key;

	op->key = (uint32_t)c->nkeys;
	op->nkeys = 0;
	if (n == 1 && s[0] == '.')
		return;
	while (n > 0) {
		dot = memchr(s, '.', n);
		k = dot != NULL ? (size_t)(dot - s) : n;
		if (c->nkeys == c->capkeys) {
			c->capkeys = c->capkeys ? c->capkeys * 2 : 32;
			c->keys = xreallocarray(c->keys, c->capkeys,
			    sizeof(*c->keys));
			c->koff = xreallocarray(c->koff, c->capkeys,
			    sizeof(*c->koff));
		}
		c->koff[c->nkeys] = (uint32_t)(s - c->src);
		key = &c->keys[c->nkeys++];
		key->name = NULL;
		key->len = (uint32_t)k;
		key->hash = value_key_hash(s, k);
		op->nkeys++;
		s += k;
		n -= k;
		if (n > 0) {	/* the dot */
			s++;
			n--;
		}
	}
}

/* The blanks all non-blank lines of src[a..b) begin with: *off, *len. */
static void
common_indent(const struct comp *c, size_t a, size_t b, size_t *off,
    size_t *len)
{
	const char	*s = c->src;
	size_t		 i, n, k;
	int		 found = 0;

	*off = a;
	*len = 0;
	while (a < b) {
		for (n = a; n < b && is_blank(s[n]); n++)
			continue;
		if (n < b && s[n] != '\n' && s[n] != '\r') {
			if (!found) {
				*off = a;
				*len = n - a;
				found = 1;
			} else {
				for (k = 0; k < *len && k < n - a &&
				    s[*off + k] == s[a + k]; k++)
					continue;
				*len = k;
			}
		}
		for (i = n; i < b && s[i] != '\n'; i++)
			continue;
		a = i + 1;
	}
}

/* Indentation of block token i: what its lines lose (strip) and, for a
 * block outside a parent, what they get where it is expanded. */
static void
block_indent(struct comp *c, size_t i, struct mop *op)
{
	const struct tok	*t = &c->tok[i], *cl = &c->tok[t->match];
	size_t			 a, b, k, off, len;

	if (t->sa == SA_PAIR) {
		op->ind_off = (uint32_t)t->ind_off;
		op->ind_len = (uint32_t)t->ind_len;
		return;
	}
	if (t->sa != SA_LINE)
		return;
	/* The content: from the line after the opening tag to the line
	 * of the closing tag (or the tag itself when it shares a line). */
	for (k = i; k < t->match && !ends_line(c, &c->tok[k]); k++)
		continue;
	a = c->tok[k].end;
	k = t->match;
	if (cl->sa == SA_LINE)
		while (k > 0 && !ends_line(c, &c->tok[k - 1]))
			k--;
	b = c->tok[k].start;
	if (a > b)
		a = b;
	common_indent(c, a, b, &off, &len);
	op->strip = (uint32_t)len;
	if (is_arg(c, t))
		return;
	if (len > 0) {
		op->ind_off = (uint32_t)off;
		op->ind_len = (uint32_t)len;
	} else {
		op->ind_off = (uint32_t)t->ind_off;
		op->ind_len = (uint32_t)t->ind_len;
	}
}

/* Is token t inside a parent tag but outside its argument blocks
 * (where everything but argument blocks is ignored)? */
static int
in_parent_body(const struct comp *c, const struct tok *t)
{
	return t->owner != NONE && c->tok[t->owner].kind == T_PARENT;
}

/* Emit the op of text token t. */
static void
emit_text(struct comp *c, const struct tok *t, int *bol)
{
	struct mop	*op;
	struct tok	 tt = *t;
	size_t		 n;

	tt.noff = t->start;
	tt.nlen = t->end - t->start;
	op = op_add(c, MOP_TEXT, &tt, *bol ? MOP_BOL : 0);
	if (*bol) {
		for (n = t->start; n < t->end && is_blank(c->src[n]); n++)
			continue;
		op->strip = (uint32_t)(n - t->start);
		if ((tt.nlen == 1 && c->src[t->start] == '\n') ||
		    (tt.nlen == 2 && c->src[t->start] == '\r' &&
		    c->src[t->start + 1] == '\n'))
			op->flags |= MOP_BLANK;
	}
	*bol = ends_line(c, t);
}

/* Emit the op of tag token i. */
static void
emit_tag(struct comp *c, size_t i, int *bol)
{
	struct tok	*t = &c->tok[i];
	struct mop	*op;
	size_t		 prev;
	static const enum mop_kind kinds[] = {
		[T_VAR] = MOP_VAR, [T_RAW] = MOP_RAW,
		[T_SECTION] = MOP_SECTION, [T_INVERTED] = MOP_INVERTED,
		[T_CLOSE] = MOP_END, [T_PARTIAL] = MOP_PARTIAL,
		[T_PARENT] = MOP_PARENT, [T_BLOCK] = MOP_BLOCK,
	};

	op = op_add(c, kinds[t->kind], t, t->sa == SA_NO && *bol ?
	    MOP_BOL : 0);
	t->op = c->nops - 1;
	if (t->kind == T_VAR || t->kind == T_RAW || t->kind == T_SECTION ||
	    t->kind == T_INVERTED || t->dynamic)
		op_keys(c, op);
	if (t->kind == T_PARTIAL || t->kind == T_PARENT) {
		if (t->sa != SA_NO) {
			op->ind_off = (uint32_t)t->ind_off;
			op->ind_len = (uint32_t)t->ind_len;
		}
		op->hash = mustache_hash(c->src + t->noff, t->nlen);
	} else if (t->kind == T_BLOCK) {
		if (is_arg(c, t)) {
			op->flags |= MOP_ARG;
			/* link it as the parent's last argument */
			prev = c->tok[t->owner].op;
			while (c->ops[prev].link != 0)
				prev = c->ops[prev].link;
			c->ops[prev].link = (uint32_t)t->op;
			op = &c->ops[t->op];
		}
		block_indent(c, i, op);
	} else if (t->kind == T_CLOSE)
		c->ops[c->tok[t->match].op].end = (uint32_t)t->op;
	if (t->sa == SA_PAIR || t->sa == SA_NO)
		*bol = 0;
}

/* Emit the ops of every token.  Text and tags right inside a parent tag
 * are skipped, with any section there (spec: only blocks count). */
static void
emit(struct comp *c)
{
	struct tok	*t;
	size_t		 i;
	int		 bol = 1;

	for (i = 0; i < c->ntok; i++) {
		t = &c->tok[i];
		switch (t->kind) {
		case T_TEXT:
			if (t->drop) {
				if (ends_line(c, t))
					bol = 1;
			} else if (!in_parent_body(c, t))
				emit_text(c, t, &bol);
			break;
		case T_COMMENT:
		case T_DELIM:
			break;
		case T_CLOSE:
			emit_tag(c, i, &bol);
			break;
		case T_SECTION:
		case T_INVERTED:
		case T_PARENT:
			if (in_parent_body(c, t)) {
				i = t->match;
				break;
			}
			emit_tag(c, i, &bol);
			break;
		default:	/* T_VAR, T_RAW, T_PARTIAL, T_BLOCK */
			if (t->kind != T_BLOCK && in_parent_body(c, t))
				break;
			emit_tag(c, i, &bol);
			break;
		}
	}
}

/* Compile src[0..len) into a template named file (for messages).
 * Return it (owned by the caller, template_free()), or NULL after
 * adding errors to d. */
static struct mustache *
template_compile(const char *file, const char *src, size_t len,
    struct diags *d)
{
	struct comp	 c;
	struct mustache	*t = NULL;
	int		 rc = -1;

	memset(&c, 0, sizeof(c));
	c.file = file;
	c.src = src;
	c.len = len;
	c.d = d;
	c.line = 1;
	if (len > MUSTACHE_MAX_SIZE) {
		diag_add(d, file, 0, 0, SEV_ERROR, "template larger than "
		    "%lu bytes", MUSTACHE_MAX_SIZE);
		goto out;
	}
	if (tokenize(&c) == -1 || match(&c) == -1)
		goto out;
	standalone(&c);
	emit(&c);
	rc = 0;
out:
	if (rc == 0) {
		size_t	 i;

		t = xcalloc(1, sizeof(*t));
		t->file = xstrdup(file);
		t->text = xstrndup(src, len);
		t->len = len;
		t->ops = c.ops;
		t->nops = c.nops;
		c.ops = NULL;
		for (i = 0; i < c.nkeys; i++)
			c.keys[i].name = t->text + c.koff[i];
		t->keys = c.keys;
		t->nkeys = c.nkeys;
		c.keys = NULL;
	}
	free(c.ops);
	free(c.keys);
	free(c.koff);
	free(c.tok);
	return t;
}

static void
template_free(struct mustache *t)
{
	if (t == NULL)
		return;
	free(t->file);
	free(t->text);
	free(t->ops);
	free(t->keys);
	free(t);
}

/* ---- The set ---- */

enum entry_state {
	E_NEW,		/* not compiled yet */
	E_OK,		/* compiled */
	E_FAILED,	/* did not compile; errors were reported */
	E_MISSING,	/* no such source or file */
};

struct entry {
	char		*name;
	size_t		 len;
	uint32_t	 hash;
	char		*file;		/* name in messages */
	char		*src;		/* added source, or NULL: a file */
	size_t		 srclen;
	enum entry_state state;
	struct mustache	*t;
	struct entry	*next;		/* in its bucket */
};

struct mustache_set {
	char		 *dir;
	char		 *fallback;	/* built-in templates, or NULL */
	int		  strict;
	size_t		  max_output;	/* bytes of one render */
	struct entry	**bucket;
	size_t		  nbucket;	/* a power of two */
	size_t		  n;
	struct mustache	**retired;	/* replaced, kept until free */
	size_t		  nretired;
	pthread_mutex_t	  lock;
};

/* A new set of templates read from dir (NULL: added sources only). */
struct mustache_set *
mustache_new(const char *dir)
{
	struct mustache_set	*s = xcalloc(1, sizeof(*s));

	s->dir = dir != NULL ? xstrdup(dir) : NULL;
	s->max_output = CONFIG_MAX_OUTPUT;
	s->nbucket = 64;
	s->bucket = xcalloc(s->nbucket, sizeof(*s->bucket));
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

/* Look up a name missing from the set's folder in dir too (the
 * built-in templates under the site's own). */
void
mustache_fallback(struct mustache_set *s, const char *dir)
{
	free(s->fallback);
	s->fallback = dir != NULL ? xstrdup(dir) : NULL;
}

/* Turn strict mode on or off. */
void
mustache_strict(struct mustache_set *s, int on)
{
	s->strict = on != 0;
}

/* Let one render write at most max bytes (0: the default). */
void
mustache_limit(struct mustache_set *s, size_t max)
{
	s->max_output = max > 0 ? max : CONFIG_MAX_OUTPUT;
}

/* The most bytes one render may write. */
size_t
mustache_output_limit(const struct mustache_set *s)
{
	return s->max_output;
}

/* Return 1 in strict mode, else 0. */
int
mustache_is_strict(const struct mustache_set *s)
{
	return s->strict;
}

/* The entry for name[0..len), or NULL. */
static struct entry *
entry_find(const struct mustache_set *s, const char *name, size_t len,
    uint32_t hash)
{
	struct entry	*e;

	for (e = s->bucket[hash & (s->nbucket - 1)]; e != NULL; e = e->next)
		if (e->hash == hash && e->len == len &&
		    memcmp(e->name, name, len) == 0)
			return e;
	return NULL;
}

/* A new entry for name[0..len), in the table. */
static struct entry *
entry_new(struct mustache_set *s, const char *name, size_t len,
    uint32_t hash)
{
	struct entry	*e, *next, **nb;
	size_t		 i, nn;

	if (s->n >= s->nbucket) {
		nn = s->nbucket * 2;
		nb = xcalloc(nn, sizeof(*nb));
		for (i = 0; i < s->nbucket; i++)
			for (e = s->bucket[i]; e != NULL; e = next) {
				next = e->next;
				e->next = nb[e->hash & (nn - 1)];
				nb[e->hash & (nn - 1)] = e;
			}
		free(s->bucket);
		s->bucket = nb;
		s->nbucket = nn;
	}
	e = xcalloc(1, sizeof(*e));
	e->name = xstrndup(name, len);
	e->file = xmalloc(len + sizeof(".mustache"));
	memcpy(e->file, name, len);
	memcpy(e->file + len, ".mustache", sizeof(".mustache"));
	e->len = len;
	e->hash = hash;
	e->next = s->bucket[hash & (s->nbucket - 1)];
	s->bucket[hash & (s->nbucket - 1)] = e;
	s->n++;
	return e;
}

/* Register src[0..len) (copied) as template name. */
void
mustache_add(struct mustache_set *s, const char *name, const char *src,
    size_t len)
{
	size_t		 n = strlen(name);
	uint32_t	 h = mustache_hash(name, n);
	struct entry	*e;

	pthread_mutex_lock(&s->lock);
	if ((e = entry_find(s, name, n, h)) == NULL)
		e = entry_new(s, name, n, h);
	if (e->t != NULL) {
		s->retired = xreallocarray(s->retired, s->nretired + 1,
		    sizeof(*s->retired));
		s->retired[s->nretired++] = e->t;
		e->t = NULL;
	}
	free(e->src);
	free(e->file);
	e->file = xstrdup(e->name);	/* an added source: its name */
	e->src = xmalloc(len + 1);
	memcpy(e->src, src, len);
	e->src[len] = '\0';
	e->srclen = len;
	e->state = E_NEW;
	pthread_mutex_unlock(&s->lock);
}

/* Read DIR/NAME.mustache into src; name e->file by that path (without
 * a leading "./").  Return 0, 1 when there is no such file, or -1
 * after adding an error to d. */
static int
entry_read(struct entry *e, const char *dir, struct buf *src,
    struct diags *d)
{
	struct buf	 path = BUF_INIT;
	int		 rc = 0;

	if (strcmp(dir, ".") != 0)
		buf_printf(&path, "%s/", dir);
	buf_printf(&path, "%s.mustache", e->name);
	if (file_read(path.data, src) == -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			rc = 1;
		else {
			diag_add(d, path.data, 0, 0, SEV_ERROR,
			    "cannot read: %s", strerror(errno));
			rc = -1;
		}
	} else {
		free(e->file);
		e->file = xstrdup(path.data);
	}
	buf_free(&path);
	return rc;
}

/* Compile entry e from its source or its file: the set's folder first,
 * then the fallback folder.  Called locked. */
static void
entry_compile(struct mustache_set *s, struct entry *e, struct diags *d)
{
	struct buf	 src = BUF_INIT;
	int		 rc = 1;

	if (e->src != NULL) {
		e->t = template_compile(e->name, e->src, e->srclen, d);
		e->state = e->t != NULL ? E_OK : E_FAILED;
		return;
	}
	if (s->dir != NULL)
		rc = entry_read(e, s->dir, &src, d);
	if (rc == 1 && s->fallback != NULL)
		rc = entry_read(e, s->fallback, &src, d);
	if (rc == 1)
		e->state = E_MISSING;
	else if (rc == -1)
		e->state = E_FAILED;
	else {
		e->t = template_compile(e->file, buf_cstr(&src), src.len, d);
		e->state = e->t != NULL ? E_OK : E_FAILED;
	}
	buf_free(&src);
}

/* The template name[0..len), compiled on first use; NULL with *failed
 * 0 (no such template) or 1 (errors added to d, now or before). */
const struct mustache *
mustache_find(struct mustache_set *s, const char *name, size_t len,
    uint32_t hash, struct diags *d, int *failed)
{
	struct entry		*e;
	const struct mustache	*t;
	enum entry_state	 state;

	*failed = 0;
	if (!mustache_name_ok(name, len))
		return NULL;
	pthread_mutex_lock(&s->lock);
	if ((e = entry_find(s, name, len, hash)) == NULL)
		e = entry_new(s, name, len, hash);
	if (e->state == E_NEW)
		entry_compile(s, e, d);
	else if (e->state == E_FAILED)
		diag_add(d, e->file, 0, 0, SEV_ERROR,
		    "template \"%s\" has errors (reported before)", e->name);
	state = e->state;
	t = e->t;
	pthread_mutex_unlock(&s->lock);
	*failed = state == E_FAILED;
	return t;
}

/* The compiled template name, or NULL after adding errors to d. */
const struct mustache *
mustache_get(struct mustache_set *s, const char *name, struct diags *d)
{
	const struct mustache	*t;
	size_t			 n = strlen(name);
	int			 failed;

	if (!mustache_name_ok(name, n)) {
		diag_add(d, name, 0, 0, SEV_ERROR, "template name \"%s\" is "
		    "not allowed (absolute, \"..\" or NUL)", name);
		return NULL;
	}
	t = mustache_find(s, name, n, mustache_hash(name, n), d, &failed);
	if (t == NULL && !failed) {
		if (s->dir != NULL) {
			struct buf	 file = BUF_INIT;

			struct stat	 st;

			if (strcmp(s->dir, ".") != 0)
				buf_printf(&file, "%s/", s->dir);
			buf_printf(&file, "%s.mustache", name);
			if (s->fallback != NULL && stat(s->fallback, &st) == 0)
				diag_add(d, file.data, 0, 0, SEV_ERROR,
				    "template not found: no %s/%s.mustache, "
				    "nor a built-in %s/%s.mustache", s->dir,
				    name, s->fallback, name);
			else
				diag_add(d, file.data, 0, 0, SEV_ERROR,
				    "template not found: no %s/%s.mustache",
				    s->dir, name);
			buf_free(&file);
		} else
			diag_add(d, name, 0, 0, SEV_ERROR,
			    "template not found");
	}
	return t;
}

/* Free the set, every template it compiled and its sources. */
void
mustache_free(struct mustache_set *s)
{
	struct entry	*e, *next;
	size_t		 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nbucket; i++)
		for (e = s->bucket[i]; e != NULL; e = next) {
			next = e->next;
			template_free(e->t);
			free(e->name);
			free(e->file);
			free(e->src);
			free(e);
		}
	for (i = 0; i < s->nretired; i++)
		template_free(s->retired[i]);
	free(s->retired);
	free(s->bucket);
	free(s->dir);
	free(s->fallback);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
