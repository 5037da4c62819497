/*
 * pack.c — a document tree as a compact byte string and back, so that a
 * parsed document can leave memory between the pass that reads every
 * document and the pass that renders its page (which needs the whole
 * site first), at a fraction of the cost of parsing it again.
 *
 * Form (native byte order, never stored beyond one build): the
 * document's fields, then its nodes in pre-order, each with the number
 * of its children.  Strings are a 32-bit length (BIN_NOSTR for NULL), the
 * bytes and a NUL; the unpacked document holds copies of them only, so
 * that a big tree is read back without its packed bytes beside it.
 * Each node's key figures (doc->figs) follow it, so that they are not
 * scanned for again (figures_doc()) when the page pass unpacks it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build/build_int.h"

#define PACK_MAGIC	0x3443504EU	/* "NPC4" */

static uint32_t
nchildren(const struct node *n)
{
	const struct node	*c;
	uint32_t		 k = 0;

	for (c = n->first; c != NULL; c = c->next)
		k++;
	return k;
}

/* Node n and its nf key figures f[0..nf). */
static void
put_node(struct binw *w, const struct node *n, const struct figure *f,
    size_t nf)
{
	size_t	 i;

	binw_u32(w, (uint32_t)n->type | (uint32_t)n->style << 8);
	binw_u32(w, (uint32_t)n->line);
	binw_u32(w, (uint32_t)n->col);
	binw_u32(w, (uint32_t)n->level);
	binw_u32(w, nchildren(n));
	binw_str(w, n->num);
	binw_str(w, n->label);
	binw_str(w, n->title);
	binw_str(w, n->text);
	binw_str(w, n->anchor);
	binw_u32(w, (uint32_t)n->ntags);
	for (i = 0; i < n->ntags; i++)
		binw_str(w, n->tags[i]);
	binw_u32(w, (uint32_t)n->nfields);
	for (i = 0; i < n->nfields; i++) {
		binw_str(w, n->fields[i].name);
		binw_str(w, n->fields[i].text);
	}
	binw_str(w, n->category);
	binw_u32(w, (uint32_t)nf);
	for (i = 0; i < nf; i++) {
		binw_str(w, f[i].value);
		binw_str(w, f[i].unit);
		binw_str(w, f[i].cmp);
		binw_str(w, f[i].subject);
		binw_str(w, f[i].sentence);
		binw_put(w, &f[i].num, sizeof(f[i].num));
		binw_put(w, &f[i].num2, sizeof(f[i].num2));
	}
}

/* Append doc in packed form to out. */
void
doc_pack(const struct doc *doc, struct buf *out)
{
	doc_pack_put(doc, out, NULL, NULL);
}

/* Pack doc through out: appended to it when put is NULL, else handed
 * to put(arg, bytes, len) in pieces as out fills and at the end (the
 * binary writer's sink, bin.c; out left empty).  Return 0, or -1 with
 * errno when put failed (it stops there). */
int
doc_pack_put(const struct doc *doc, struct buf *out,
    int (*put)(void *, const char *, size_t), void *arg)
{
	const struct node	*n;
	struct tree_iter	 it;
	struct binw		 w;
	size_t			 i, count = 0, fi = 0, nf;

	tree_iter_init(&it, doc->root);
	while (tree_next(&it) != NULL)
		count++;
	binw_init(&w, out, put, arg);
	binw_u32(&w, PACK_MAGIC);
	binw_u32(&w, (uint32_t)count);
	binw_str(&w, doc->encoding);
	binw_str(&w, doc->format);
	binw_str(&w, doc->title);
	binw_u32(&w, (uint32_t)doc->year);
	binw_str(&w, doc->org);
	binw_str(&w, doc->kind);
	binw_u32(&w, (uint32_t)doc->norgs);
	for (i = 0; i < doc->norgs; i++)
		binw_str(&w, doc->orgs[i]);
	binw_str(&w, doc->org_key);
	binw_str(&w, doc->org_place);
	binw_u32(&w, (uint32_t)doc->year_end);
	binw_u32(&w, (uint32_t)doc->nparts);
	for (i = 0; i < doc->nparts; i++) {
		binw_str(&w, doc->parts[i].kind);
		binw_u32(&w, (uint32_t)doc->parts[i].year);
		binw_str(&w, doc->parts[i].section);
	}
	binw_u32(&w, (uint32_t)doc->fm_lines);
	binw_u32(&w, (uint32_t)doc->ncolumns);
	for (i = 0; i < doc->ncolumns; i++)
		binw_str(&w, doc->columns[i]);
	binw_str(&w, doc->category_column);
	binw_u32(&w, (uint32_t)doc->nextra);
	for (i = 0; i < doc->nextra; i++) {
		binw_str(&w, doc->extra[i].key);
		binw_str(&w, doc->extra[i].value);
	}
	tree_iter_init(&it, doc->root);
	/* The figures are in the order of their nodes (figures_doc()). */
	while ((n = tree_next(&it)) != NULL && w.failed == 0) {
		for (nf = 0; fi + nf < doc->nfigs &&
		    doc->figs[fi + nf].node == n; nf++)
			;
		/* A document without figures has no array: no NULL + 0. */
		put_node(&w, n, nf > 0 ? doc->figs + fi : NULL, nf);
		fi += nf;
	}
	return binw_flush(&w);
}

/* ---- Unpacking ---- */

/* The one reader of the binary form (pack.c's trees, manifest.c's
 * manifest): native integers, strings as a length (BIN_NOSTR for NULL),
 * the bytes and a NUL.  A read past the end sets c->bad and gives 0 or
 * NULL, so a caller checks once at the end. */
int
bin_take(struct bin *c, void *to, size_t n)
{
	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = 1;
		memset(to, 0, n);
		return -1;
	}
	memcpy(to, c->p, n);
	c->p += n;
	return 0;
}

uint32_t
bin_u32(struct bin *c)
{
	uint32_t	 v;

	bin_take(c, &v, sizeof(v));
	return v;
}

uint64_t
bin_u64(struct bin *c)
{
	uint64_t	 v;

	bin_take(c, &v, sizeof(v));
	return v;
}

const char *
bin_str(struct bin *c)
{
	uint32_t	 n = bin_u32(c);
	const char	*s;

	if (c->bad || n == BIN_NOSTR)
		return NULL;
	if ((size_t)(c->end - c->p) <= n || c->p[n] != '\0') {
		c->bad = 1;
		return NULL;
	}
	s = c->p;
	c->p += (size_t)n + 1;
	return s;
}

const char *
bin_bytes(struct bin *c, size_t *len)
{
	const char	*s = bin_str(c);

	*len = s != NULL ? (size_t)(c->p - s) - 1 : 0;
	return s;
}

size_t
bin_count(struct bin *c, size_t min)
{
	uint32_t	 n = bin_u32(c);

	if (!c->bad && (size_t)n > (size_t)(c->end - c->p) / min)
		c->bad = 1;
	return c->bad ? 0 : n;
}

/* A string the writer always gives (a name, a key, an element of a
 * list): its absence is damage. */
static const char *
bin_name(struct bin *c)
{
	const char	*s = bin_str(c);

	if (s == NULL)
		c->bad = 1;
	return s;
}

/* Read one node's fields (not its links) into n, its strings pointing
 * into the data; return its number of children.  rest: the bytes of the
 * data after c->end (not read yet), where the children are too; a node
 * that cannot be right sets *damaged. */
/* The key figures read so far (v[0..n)), and those of the node being
 * read (v[n..n+pend)), whose strings point into the data until
 * own_node() copies them. */
struct figs_in {
	struct figure	*v;
	size_t		 n, cap, pend;
};

static size_t
get_node(struct bin *c, struct doc *doc, struct node *n, size_t rest,
    int *damaged, struct figs_in *fi)
{
	struct figure	*f;
	uint32_t	 tv;
	size_t		 i, kids;

	tv = bin_u32(c);
	n->type = (enum node_type)(tv & 0xFF);
	n->style = (enum list_style)((tv >> 8) & 0xFF);
	n->line = (int)bin_u32(c);
	n->col = (int)bin_u32(c);
	n->level = (int)bin_u32(c);
	if (!c->bad && n->type > NODE_PARAGRAPH)
		*damaged = 1;
	/* Each child takes 36 bytes at least. */
	kids = bin_u32(c);
	if (!c->bad && kids > ((size_t)(c->end - c->p) + rest) / 36)
		*damaged = 1;
	n->num = bin_str(c);
	n->label = bin_str(c);
	n->title = bin_str(c);
	n->text = bin_str(c);
	n->anchor = bin_str(c);
	n->ntags = 0;
	n->nfields = 0;
	if ((n->ntags = bin_count(c, 4)) > 0) {
		n->tags = arena_alloc(&doc->arena, n->ntags *
		    sizeof(*n->tags));
		for (i = 0; i < n->ntags; i++)
			n->tags[i] = bin_str(c);
	}
	if ((n->nfields = bin_count(c, 8)) > 0) {
		n->fields = arena_alloc(&doc->arena, n->nfields *
		    sizeof(*n->fields));
		for (i = 0; i < n->nfields; i++) {
			n->fields[i].name = bin_name(c);
			n->fields[i].text = bin_str(c);
		}
	}
	n->category = bin_str(c);
	/* Each figure takes 36 bytes at least. */
	fi->pend = bin_count(c, 36);
	if (fi->n + fi->pend > fi->cap) {
		fi->cap = fi->n + fi->pend + 64;
		fi->v = xreallocarray(fi->v, fi->cap, sizeof(*fi->v));
	}
	for (i = 0; i < fi->pend; i++) {
		f = &fi->v[fi->n + i];
		f->node = n;
		f->value = bin_name(c);
		f->unit = bin_name(c);
		f->cmp = bin_name(c);
		f->subject = bin_name(c);
		f->sentence = bin_name(c);
		bin_take(c, &f->num, sizeof(f->num));
		bin_take(c, &f->num2, sizeof(f->num2));
	}
	if (c->bad)
		fi->pend = 0;
	return kids;
}

/*
 * The reader of a packed tree: a window [p, end) onto the data, the
 * whole of it in memory, or a piece of a file read in turn (the bytes
 * after it: left, at off of fd), so that unpacking a big tree holds the
 * tree and a window, never the packed bytes whole.  What is read is
 * copied into the tree's arena (own()); the window only lends it.
 */
#define UNPACK_WINDOW	(1024 * 1024)

struct unpack {
	struct doc	*doc;
	const char	*p, *end;	/* the bytes not read yet */
	char		*win;		/* the window (file), or NULL */
	size_t		 cap;
	int		 fd;
	uint64_t	 off;		/* of the bytes after the window */
	size_t		 left;		/*   and their number */
	struct figs_in	 figs;		/* the document's key figures */
};

/* Read more of the file into u's window, keeping its unread bytes (and
 * growing it when they fill it).  Return 0, or -1 when nothing is left
 * or the file cannot be read. */
static int
unpack_more(struct unpack *u)
{
	size_t	 have = (size_t)(u->end - u->p), want;
	ssize_t	 n;

	if (u->win == NULL || u->left == 0)
		return -1;
	memmove(u->win, u->p, have);
	if (have == u->cap) {
		u->cap *= 2;
		u->win = xreallocarray(u->win, u->cap, 1);
	}
	want = u->cap - have < u->left ? u->cap - have : u->left;
	do
		n = pread(u->fd, u->win + have, want, (off_t)u->off);
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		return -1;
	u->off += (uint64_t)n;
	u->left -= (size_t)n;
	u->p = u->win;
	u->end = u->win + have + n;
	return 0;
}

/* A copy of s (which may be NULL) in the tree's arena. */
static const char *
own(struct unpack *u, const char *s)
{
	return s != NULL ? arena_strdup(&u->doc->arena, s) : NULL;
}

/* The document's own fields (before its nodes) from c into u->doc,
 * strings pointing into the window. */
static void
get_head(struct bin *c, struct doc *doc)
{
	size_t	 i;

	doc->encoding = bin_str(c);
	doc->format = bin_str(c);
	doc->title = bin_str(c);
	doc->year = (int)bin_u32(c);
	doc->org = bin_str(c);
	doc->kind = bin_str(c);
	if ((doc->norgs = bin_count(c, 4)) > 0) {
		doc->orgs = arena_alloc(&doc->arena, doc->norgs *
		    sizeof(*doc->orgs));
		for (i = 0; i < doc->norgs; i++)
			doc->orgs[i] = bin_name(c);
	}
	doc->org_key = bin_str(c);
	doc->org_place = bin_str(c);
	doc->year_end = (int)bin_u32(c);
	if ((doc->nparts = bin_count(c, 12)) > 0) {
		doc->parts = arena_alloc(&doc->arena, doc->nparts *
		    sizeof(*doc->parts));
		for (i = 0; i < doc->nparts; i++) {
			doc->parts[i].kind = bin_str(c);
			doc->parts[i].year = (int)bin_u32(c);
			doc->parts[i].section = bin_str(c);
		}
	}
	doc->fm_lines = (int)bin_u32(c);
	if ((doc->ncolumns = bin_count(c, 4)) > 0) {
		doc->columns = arena_alloc(&doc->arena, doc->ncolumns *
		    sizeof(*doc->columns));
		for (i = 0; i < doc->ncolumns; i++)
			doc->columns[i] = bin_name(c);
	}
	doc->category_column = bin_str(c);
	if ((doc->nextra = bin_count(c, 8)) > 0) {
		doc->extra = arena_alloc(&doc->arena, doc->nextra *
		    sizeof(*doc->extra));
		for (i = 0; i < doc->nextra; i++) {
			doc->extra[i].key = bin_name(c);
			doc->extra[i].value = bin_str(c);
		}
	}
}

/* Copy the strings of doc's own fields into its arena. */
static void
own_head(struct unpack *u, struct doc *doc)
{
	size_t	 i;

	doc->encoding = own(u, doc->encoding);
	doc->format = own(u, doc->format);
	doc->title = own(u, doc->title);
	doc->org = own(u, doc->org);
	doc->kind = own(u, doc->kind);
	for (i = 0; i < doc->norgs; i++)
		doc->orgs[i] = own(u, doc->orgs[i]);
	doc->org_key = own(u, doc->org_key);
	doc->org_place = own(u, doc->org_place);
	for (i = 0; i < doc->nparts; i++) {
		doc->parts[i].kind = own(u, doc->parts[i].kind);
		doc->parts[i].section = own(u, doc->parts[i].section);
	}
	for (i = 0; i < doc->ncolumns; i++)
		doc->columns[i] = own(u, doc->columns[i]);
	doc->category_column = own(u, doc->category_column);
	for (i = 0; i < doc->nextra; i++) {
		doc->extra[i].key = own(u, doc->extra[i].key);
		doc->extra[i].value = own(u, doc->extra[i].value);
	}
}

/* Copy the strings of node n into the tree's arena. */
static void
own_node(struct unpack *u, struct node *n)
{
	struct figure	*f;
	size_t		 i;

	n->num = own(u, n->num);
	n->label = own(u, n->label);
	n->title = own(u, n->title);
	n->text = own(u, n->text);
	n->anchor = own(u, n->anchor);
	for (i = 0; i < n->ntags; i++)
		n->tags[i] = own(u, n->tags[i]);
	for (i = 0; i < n->nfields; i++) {
		n->fields[i].name = own(u, n->fields[i].name);
		n->fields[i].text = own(u, n->fields[i].text);
	}
	n->category = own(u, n->category);
	for (i = u->figs.n; i < u->figs.n + u->figs.pend; i++) {
		f = &u->figs.v[i];
		f->value = own(u, f->value);
		f->unit = own(u, f->unit);
		f->cmp = own(u, f->cmp);
		f->subject = own(u, f->subject);
		f->sentence = own(u, f->sentence);
	}
	u->figs.n += u->figs.pend;
	u->figs.pend = 0;
}

/* Read the document's fields (n == NULL) or node n (*kids: its number
 * of children) from u, reading more of the file while the window ends
 * inside it, and own its strings.  Return 0, or -1 when the data is
 * damaged or cannot be read. */
static int
unpack_step(struct unpack *u, struct node *n, size_t *kids)
{
	struct bin	 c;
	int		 damaged = 0;

	for (;;) {
		c.p = u->p;
		c.end = u->end;
		c.bad = 0;
		if (n == NULL)
			get_head(&c, u->doc);
		else
			*kids = get_node(&c, u->doc, n, u->left, &damaged,
			    &u->figs);
		if (damaged)
			return -1;
		if (!c.bad)
			break;
		if (unpack_more(u) == -1)
			return -1;
	}
	u->p = c.p;
	if (n == NULL)
		own_head(u, u->doc);
	else
		own_node(u, n);
	return 0;
}

/* The tree read by u (its magic and count read), named source, or
 * NULL when the data is damaged. */
static struct doc *
unpack_tree(struct unpack *u, const char *source)
{
	struct doc	*doc = doc_new(source);
	struct node	*n, **parent;
	size_t		*left, depth = 0, cap = 16, count, i, k = 0;
	uint32_t	 head[2];
	int		 bad = 0;

	u->doc = doc;
	/* The magic and the number of nodes, each at least 36 bytes. */
	while ((size_t)(u->end - u->p) < sizeof(head))
		if (unpack_more(u) == -1)
			goto bad;
	memcpy(head, u->p, sizeof(head));
	u->p += sizeof(head);
	count = head[1];
	if (head[0] != PACK_MAGIC || count == 0 || count >
	    ((size_t)(u->end - u->p) + u->left) / 36)
		goto bad;
	if (unpack_step(u, NULL, NULL) == -1)
		goto bad;
	/* The open nodes of the walk: as many as the tree is deep. */
	parent = xcalloc(cap, sizeof(*parent));
	left = xcalloc(cap, sizeof(*left));
	for (i = 0; i < count && !bad; i++) {
		/* Node by node, as the parser makes them: the arena's
		 * blocks, not one block of them all (which would not fit
		 * in the memory the read pass freed). */
		n = i == 0 ? doc->root : node_new(doc, NODE_ROOT, 0);
		if (unpack_step(u, n, &k) == -1) {
			bad = 1;
			break;
		}
		while (depth > 0 && left[depth - 1] == 0)
			depth--;
		if (i == 0) {
			if (n->type != NODE_ROOT)
				bad = 1;
		} else if (depth == 0)
			bad = 1;
		else {
			left[depth - 1]--;
			if (!node_may_hold(parent[depth - 1]->type, n->type))
				bad = 1;
			else
				node_append(parent[depth - 1], n);
		}
		if (k > 0) {
			if (depth == cap) {
				cap *= 2;
				parent = xreallocarray(parent, cap,
				    sizeof(*parent));
				left = xreallocarray(left, cap, sizeof(*left));
			}
			parent[depth] = n;
			left[depth++] = k;
		}
	}
	while (depth > 0 && left[depth - 1] == 0)
		depth--;
	free(parent);
	free(left);
	if (bad || depth != 0 || u->p != u->end || u->left != 0 ||
	    doc->encoding == NULL || doc->format == NULL)
		goto bad;
	if (u->figs.n > 0) {
		doc->figs = arena_alloc(&doc->arena, u->figs.n *
		    sizeof(*doc->figs));
		memcpy(doc->figs, u->figs.v, u->figs.n * sizeof(*doc->figs));
	}
	doc->nfigs = u->figs.n;
	free(u->figs.v);
	return doc;
bad:
	free(u->figs.v);
	doc_free(doc);
	return NULL;
}

/* The document packed in data[0..len) by doc_pack(), named source (owned
 * by the caller: doc_free()), or NULL when the data is damaged.  The
 * tree holds copies of its strings, not the data. */
struct doc *
doc_unpack(const char *source, const char *data, size_t len)
{
	struct unpack	 u;

	memset(&u, 0, sizeof(u));
	u.p = data;
	u.end = data + len;
	u.fd = -1;
	return unpack_tree(&u, source);
}

/* doc_unpack() of the len bytes at off of the file fd, read a window at
 * a time: the packed bytes are never in memory whole.  NULL when they
 * are damaged or cannot be read (errno is not kept). */
struct doc *
doc_unpack_file(const char *source, int fd, uint64_t off, size_t len)
{
	struct unpack	 u;
	struct doc	*doc;

	memset(&u, 0, sizeof(u));
	u.cap = len < UNPACK_WINDOW ? (len > 0 ? len : 1) : UNPACK_WINDOW;
	u.win = xmalloc(u.cap);
	u.p = u.end = u.win;
	u.fd = fd;
	u.off = off;
	u.left = len;
	doc = unpack_tree(&u, source);
	free(u.win);
	return doc;
}
