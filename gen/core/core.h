/*
 * core.h — the bottom layer of gen, a static report generator for
 * Chinese public-office work plans: buffers, arenas, UTF-8,
 * diagnostics, values, JSON, the document tree, threads, hashes,
 * config.ini.  Every other layer's header includes it; the layers and
 * the rule between them are in docs/architecture.md.
 *
 * The pipeline (one file a stage, data flows one way):
 *
 *   read → decode (decode.c) → clean (text.c) → parse (outline.c / md.c)
 *        → struct doc → view (tree.c: doc → struct value)
 *        → render (mustache/) → site (site.c) → out/
 *
 * Conventions
 *  - Text is UTF-8 inside the program, always.  Never ctype.h on bytes
 *    >= 0x80: use the ascii_* helpers below.
 *  - Library code never prints and never exits: problems become
 *    diagnostics (struct diags); main.c alone decides the exit status.
 *    Out of memory dies inside the x* wrappers.
 *  - A document owns everything hanging off it through its arena; one
 *    doc_free() releases it all.
 *  - Every function states its contract in one comment line above it in
 *    its .c file: what it returns and who owns what.
 */
#ifndef GEN_CORE_H
#define GEN_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define GEN_VERSION "0.1.0"
/* Where `make install` puts the built-in templates (PREFIX/share/gen). */
#ifndef GEN_DATADIR
#define GEN_DATADIR "/usr/local/share/gen"
#endif

#if defined(__GNUC__)
#define GEN_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define GEN_NORETURN __attribute__((noreturn))
#else
#define GEN_PRINTF(a, b)
#define GEN_NORETURN
#endif

/* ------------------------------------------------------------------ */
/* buf.c — buffers, arenas, allocation wrappers, whole-file I/O         */
/* ------------------------------------------------------------------ */

/*
 * A growable byte buffer.
 * Invariants: data == NULL iff cap == 0; otherwise len < cap and
 * data[len] == '\0', so data is always a C string when non-NULL.
 * The buffer owns data until buf_detach() hands it to the caller.
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
#define BUF_INIT { NULL, 0, 0 }

void	 buf_grow(struct buf *, size_t extra);
void	 buf_put_grow(struct buf *, const void *, size_t);
/* Append n bytes of p (inline: the common case has room). */
static inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		buf_put_grow(b, p, n);
}
void	 buf_puts(struct buf *, const char *);
void	 buf_putc_grow(struct buf *, int);

/* Append one byte (inline: the common case has room). */
static inline void
buf_putc(struct buf *b, int c)
{
	if (b->cap - b->len > 1) {
		b->data[b->len++] = (char)c;
		b->data[b->len] = '\0';
	} else
		buf_putc_grow(b, c);
}
void	 buf_printf(struct buf *, const char *, ...) GEN_PRINTF(2, 3);
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);
char	*buf_detach(struct buf *, size_t *len);
const char *buf_cstr(const struct buf *);

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
GEN_NORETURN void die_oom(void);

/* Read a whole file into out (appended).  Return 0, or -1 with errno. */
int	 file_read(const char *path, struct buf *out);
/* The same, refusing a file of more than max bytes (errno EFBIG; out
 * may then hold part of it); a FIFO without a writer reads as empty. */
int	 file_read_max(const char *path, size_t max, struct buf *out);
/* Write len bytes to path through a temporary file and rename(2).
 * Return 0, or -1 with errno. */
int	 fd_write_all(int fd, const void *data, size_t len);
int	 file_write(const char *path, const void *data, size_t len);
/* mkdir -p.  Return 0, or -1 with errno. */
int	 mkdir_p(const char *path);

/*
 * A bump allocator: many small allocations freed at once.  Memory from
 * arena_alloc() is zeroed and aligned for any type.
 */
struct arena_block;
struct arena {
	struct arena_block *head;	/* the block being filled */
};
#define ARENA_INIT { NULL }

struct arena_block {
	struct arena_block	*next;
	size_t			 used;		/* bytes given out (strings are
						 * not padded to 16) */
	size_t			 size;
	_Alignas(16) unsigned char data[];
};

/* arena_bytes() when the head block has no room for n (a multiple of
 * 16). */
void	*arena_bytes_grow(struct arena *, size_t);

/* Return n bytes owned by the arena, 16-byte aligned, not cleared. */
static inline void *
arena_bytes(struct arena *a, size_t n)
{
	struct arena_block	*b = a->head;
	void			*p;

	if (n > SIZE_MAX / 2)
		die_oom();	/* no allocation can meet it */
	n = n == 0 ? 16 : (n + 15) & ~(size_t)15;
	/* Strings are packed (arena_strndup): align the next place. */
	if (b == NULL || b->size - ((b->used + 15) & ~(size_t)15) < n)
		return arena_bytes_grow(a, n);
	p = b->data + ((b->used + 15) & ~(size_t)15);
	b->used = ((b->used + 15) & ~(size_t)15) + n;
	return p;
}

/* The same, cleared to zero. */
static inline void *
arena_alloc(struct arena *a, size_t n)
{
	void	*p = arena_bytes(a, n);

	memset(p, 0, n);
	return p;
}

/* A point to return an arena to: what was given out after it is freed
 * at once (a stack of allocations inside the arena). */
struct arena_mark {
	struct arena_block	*head;		/* the head block then */
	struct arena_block	*behind;	/* the block after it then */
	size_t			 used;		/* its bytes used then */
};
void	 arena_mark(const struct arena *, struct arena_mark *);
/* Free what was allocated since the mark was taken; a mark taken later
 * must be released first (or not at all). */
void	 arena_release(struct arena *, const struct arena_mark *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_printf(struct arena *, const char *, ...) GEN_PRINTF(2, 3);
void	 arena_free(struct arena *);

/* ------------------------------------------------------------------ */
/* utf8.c — UTF-8 and ASCII character classes                          */
/* ------------------------------------------------------------------ */

/* The multi-byte case of utf8_decode(). */
size_t	 utf8_decode_mb(const char *s, size_t len, uint32_t *cp);

/* Decode one code point at s (len bytes available).  Return the number
 * of bytes used (1-4), or 0 when the bytes are not strict UTF-8 (then
 * *cp is 0xFFFD).  Never reads past len.  Inline: ASCII is the common
 * case on every hot path. */
static inline size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c1, c2;

	if (len > 0 && p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	/* Leads E1-EC, EE-EF (most CJK): any two continuation bytes. */
	if (len >= 3 && p[0] - 0xE1u <= 0xEFu - 0xE1u && p[0] != 0xED) {
		c1 = p[1] ^ 0x80u;
		c2 = p[2] ^ 0x80u;
		if ((c1 | c2) < 0x40) {
			*cp = (p[0] & 0x0Fu) << 12 | c1 << 6 | c2;
			return 3;
		}
	}
	return utf8_decode_mb(s, len, cp);
}
/* The offset of the code point that ends at s[end] (0 when end is 0). */
static inline size_t
utf8_back(const char *s, size_t end)
{
	while (end > 0 && ((unsigned char)s[end - 1] & 0xC0) == 0x80)
		end--;
	return end > 0 ? end - 1 : 0;
}

/* Is c a lead byte E1-EC or EE-EF: any two continuation bytes after it
 * make a valid character (most of CJK)? */
#define UTF8_LEAD3(c)	((unsigned)(c) - 0xE1u <= 0xEFu - 0xE1u && (c) != 0xED)
/* The end of the run of such three-byte characters that starts at s[i]
 * (i itself when there is none). */
static inline size_t
utf8_run3(const char *s, size_t len, size_t i)
{
	const unsigned char	*p = (const unsigned char *)s;

	while (len - i >= 6 && UTF8_LEAD3(p[i]) && UTF8_LEAD3(p[i + 3]) &&
	    ((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u) | (p[i + 4] ^ 0x80u) |
	    (p[i + 5] ^ 0x80u)) < 0x40)
		i += 6;
	if (len - i >= 3 && UTF8_LEAD3(p[i]) &&
	    ((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u)) < 0x40)
		i += 3;
	return i;
}

/* Encode cp into out (4 bytes).  Return the number of bytes written. */
size_t	 utf8_encode(uint32_t cp, char out[4]);
/* Return the length of the longest valid UTF-8 prefix of s. */
size_t	 utf8_valid(const char *s, size_t len);
/* Number of code points in s (invalid bytes count one each). */
size_t	 utf8_count(const char *s, size_t len);
/* Is cp a Han ideograph or CJK symbol/punctuation/full-width form? */
int	 cp_is_cjk(uint32_t cp);
/* Is cp a Han ideograph (the ones that join without spaces)? */
int	 cp_is_han(uint32_t cp);
/* Is cp white space: ASCII space/tab, U+00A0, U+3000, U+2000-U+200B? */
int	 cp_is_space(uint32_t cp);

/* 3 when s[i] (i < len) starts a character of U+4E00-U+9FFF, the common
 * Han ideographs (cp_is_han, wide, never punctuation nor a blank), else
 * 0: for loops that skip over them fast. */
static inline size_t
utf8_han(const char *s, size_t len, size_t i)
{
	const unsigned char	*p = (const unsigned char *)s + i;
	uint32_t		 lead;

	if (len - i < 3)
		return 0;
	/* E4 B8 80 … E9 BF BF, without a branch on the lead byte. */
	lead = (uint32_t)p[0] << 8 | p[1];
	return ((lead - 0xE4B8u <= 0xE9BFu - 0xE4B8u) &
	    (((p[1] ^ 0x80u) | (p[2] ^ 0x80u)) < 0x40)) ? 3 : 0;
}

/* The end of the run of characters of U+4E00-U+9FFF (utf8_han) that
 * starts at s[i] (i itself when there is none). */
static inline size_t
utf8_han_run(const char *s, size_t len, size_t i)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 a, b;

	/* Two at a time, with fewer branches: runs are long. */
	while (len - i >= 6) {
		a = (uint32_t)p[i] << 8 | p[i + 1];
		b = (uint32_t)p[i + 3] << 8 | p[i + 4];
		if (((((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u) |
		    (p[i + 4] ^ 0x80u) | (p[i + 5] ^ 0x80u)) < 0x40) &
		    (a - 0xE4B8u <= 0xE9BFu - 0xE4B8u) &
		    (b - 0xE4B8u <= 0xE9BFu - 0xE4B8u)) == 0)
			break;
		i += 6;
	}
	while (i < len && utf8_han(s, len, i))
		i += 3;
	return i;
}

/* ASCII-only classes: safe on any byte (a char >= 0x80 is negative or
 * >= 0x80: false) and on any code point (U+5236 制 is not the digit 6:
 * nothing is cut to its low byte). */
#define ascii_isdigit(c) ((uint32_t)(int32_t)(c) - '0' < 10u)
#define ascii_isalpha(c) (((uint32_t)(int32_t)(c) | 0x20) - 'a' < 26u)
#define ascii_isalnum(c) (ascii_isdigit(c) || ascii_isalpha(c))
#define ascii_isspace(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || \
	(c) == '\r' || (c) == '\f' || (c) == '\v')
#define ascii_tolower(c) ((uint32_t)(int32_t)(c) - 'A' < 26u ? \
	((c) | 0x20) : (c))

/* ------------------------------------------------------------------ */
/* diag.c — diagnostics                                                */
/* ------------------------------------------------------------------ */

/* A note says what gen could not find and what it did instead (never
 * fails a run); a warning, what may be wrong (fails `check --werror`);
 * an error, what is wrong. */
enum sev {
	SEV_WARNING,
	SEV_ERROR,
	SEV_NOTE,
};

struct diag {
	char		*file;	/* in msg's allocation (freed with it) */
	int		 line;	/* 1-based; 0 when the problem has no line */
	int		 col;	/* 1-based in code points; 0 when unknown */
	enum sev	 sev;
	char		*msg;	/* owned, with file after it */
	const char	*id;	/* a short static name of its kind
				 * (numbering-gap), or NULL */
};

struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
};
#define DIAGS_INIT { NULL, 0, 0 }

void	 diag_add(struct diags *, const char *file, int line, int col,
	    enum sev, const char *fmt, ...) GEN_PRINTF(6, 7);
void	 diag_vadd(struct diags *, const char *file, int line, int col,
	    enum sev, const char *fmt, va_list);
size_t	 diags_count(const struct diags *, enum sev);
/* diag_add() with id, the short name of the kind of problem (a static
 * string), printed after the message and matched by check-ignore. */
void	 diag_add_id(struct diags *, const char *file, int line, int col,
	    enum sev, const char *id, const char *fmt, ...) GEN_PRINTF(7, 8);
/* Drop the warnings and notes of file added from index from on whose id
 * is in the comma- or blank-separated list ids (front matter's
 * check-ignore). */
void	 diags_ignore(struct diags *, size_t from, const char *ids);
/* The static id called name (from a manifest), or NULL. */
const char *diag_id(const char *name);
/* diags_print() with the notes too (gen check). */
void	 diags_print_notes(const struct diags *, FILE *);
/* Sort by file, line, column (stable), for output that CI can diff. */
void	 diags_sort(struct diags *);
/* Print each warning and error as "file:line:col: severity: message
 * [id]\n" (the notes: diags_print_notes()). */
void	 diags_print(const struct diags *, FILE *);
void	 diags_free(struct diags *);

/* ------------------------------------------------------------------ */
/* value.c — the one value type of templates and JSON                   */
/* ------------------------------------------------------------------ */

/*
 * A JSON-shaped value.  Every value lives in an arena; arrays and
 * objects keep their members in insertion order as a linked list, so
 * output is deterministic and appending is O(1).
 * Templates read only this type (through value_get/value_truthy/
 * value_text and the list links), whether the data came from a document
 * tree (tree.c), site indices (site.c) or a JSON file (json.c).
 */
enum vtype {
	V_NULL,
	V_BOOL,
	V_NUM,
	V_STR,
	V_ARR,
	V_OBJ,
};

struct value {
	enum vtype	 type;
	uint32_t	 khash;		/* value_key_hash(key) when key is set */
	int		 b;		/* V_BOOL */
	uint32_t	 klen;		/* strlen(key) when key is set */
	double		 num;		/* V_NUM */
	const char	*str;		/* V_STR: NUL-terminated */
	size_t		 len;		/* V_STR: bytes; V_ARR/V_OBJ: members */
	struct value	*first;		/* V_ARR/V_OBJ: first member */
	struct value	*last;		/* V_ARR/V_OBJ: last member */
	struct value	*next;		/* next member of the parent */
	const char	*key;		/* member name inside a V_OBJ */
	struct value_gen *gen;		/* V_ARR: members made one at a time
					 * (value_first/value_next), or NULL */
};

/*
 * An array whose members are made when they are reached, one at a time
 * (a page's body: its values never exist for the whole document at
 * once).  next() returns the member after prev (the first when prev is
 * NULL; a second pass starts over), or NULL after the last; the member
 * before may be freed then.  Read such an array only through
 * value_first()/value_next(), depth first, as templates and JSON do.
 */
struct value_gen {
	const struct value *(*next)(struct value_gen *,
			    const struct value *prev);
};

struct value	*value_bool(struct arena *, int);
struct value	*value_num(struct arena *, double);
/* The string is copied into the arena. */
struct value	*value_str(struct arena *, const char *, size_t);
struct value	*value_cstr(struct arena *, const char *); /* NULL → V_NULL */
struct value	*value_arr(struct arena *);
struct value	*value_obj(struct arena *);
/* Append v to array arr; return v. */
struct value	*value_push(struct value *arr, struct value *v);
/* The hash a member's key carries and a name is looked up by
 * (value_key, value_get_key()): a function of the key's length and of
 * its first and last eight bytes (all of them up to 16), so that for a
 * literal key it is a constant the compiler works out.  A filter only:
 * keys of one hash are told apart by their text. */
static inline uint32_t
value_key_hash(const char *s, size_t len)
{
	uint64_t	 a, b, x;
	uint32_t	 a4, b4;

	if (len >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
	} else if (len >= 4) {
		memcpy(&a4, s, 4);
		memcpy(&b4, s + len - 4, 4);
		a = a4;
		b = b4;
	} else if (len > 0) {
		a = (unsigned char)s[0] |
		    (uint64_t)(unsigned char)s[len / 2] << 8 |
		    (uint64_t)(unsigned char)s[len - 1] << 16;
		b = 0;
	} else
		a = b = 0;
	x = (a ^ (b << 29 | b >> 35) ^ (uint64_t)len *
	    0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
	return (uint32_t)(x ^ x >> 32);
}

/* Append member key (copied) = v to object obj; return v.  Keys are not
 * checked for duplicates: the first one wins on lookup. */
struct value	*value_set_copy(struct arena *, struct value *obj,
		    const char *key, struct value *v);
static inline struct value *
value_set(struct arena *a, struct value *obj, const char *key,
    struct value *v)
{
	v->klen = (uint32_t)strlen(key);
	v->khash = value_key_hash(key, v->klen);
	return value_set_copy(a, obj, key, v);
}
/* The same with a key that is not copied: a literal, or a string that
 * outlives the value.  (Inline: a literal key's hash is a constant.) */
static inline struct value *
value_set_ref(struct value *obj, const char *key, struct value *v)
{
	v->key = key;
	v->klen = (uint32_t)strlen(key);
	v->khash = value_key_hash(key, v->klen);
	return value_push(obj, v);
}
/* Make the empty array arr one of len members made by g (value_gen). */
void		 value_arr_gen(struct value *arr, struct value_gen *g,
		    size_t len);
/* The first member of array arr, or NULL. */
const struct value *value_first(const struct value *arr);
/* The member of arr after m, or NULL. */
const struct value *value_next(const struct value *arr,
		    const struct value *m);
/* Member named key[0..keylen) of obj, or NULL (also when obj is not an
 * object). */
const struct value *value_get(const struct value *obj, const char *key,
		    size_t keylen);
/*
 * A member name prepared once for many look-ups (a template's names are
 * made into these when it compiles): members are compared by hash first,
 * and by their text only when the hashes agree.
 */
struct value_key {
	const char	*name;		/* not NUL-terminated */
	uint32_t	 len;
	uint32_t	 hash;		/* value_key_hash(name, len) */
};
/* Member k of obj (the first of that name), or NULL (also when obj is
 * not an object): value_get() with the name hashed beforehand. */
const struct value *value_get_key(const struct value *obj,
		    const struct value_key *k);
/* Mustache truthiness, as in mustache.js: null, false, 0, "" and []
 * are false; everything else is true. */
int		 value_truthy(const struct value *);
/* Append the value as Mustache interpolation shows it (no escaping):
 * strings as is, numbers in shortest form, true/false, null as "". */
void		 value_text(const struct value *, struct buf *);

/* Append the value as JSON; indent > 0 pretty-prints with that many
 * spaces, 0 writes one line.  Non-ASCII is written as UTF-8. */
void		 value_json(const struct value *, struct buf *, int indent);

/* json.c — read JSON (through cJSON) into a value.  Return NULL and
 * write a message "line:col: ..." into err on a syntax error. */
struct value	*json_parse(struct arena *, const char *text, size_t len,
		    char *err, size_t errlen);

/* ------------------------------------------------------------------ */
/* The document tree (tree.c)                                          */
/* ------------------------------------------------------------------ */

enum node_type {
	NODE_ROOT,		/* the body of a document */
	NODE_SECTION,		/* a heading with a number, or a Markdown heading */
	NODE_LIST,		/* consecutive items */
	NODE_ITEM,		/* a numbered item */
	NODE_PARAGRAPH,		/* running text */
};

enum list_style {
	LIST_BLOCK,		/* items start lines */
	LIST_INLINE,		/* 一是…二是… inside running text */
};

struct field {
	const char	*name;	/* a column of doc->columns */
	const char	*text;
};

/*
 * A node of a document tree.  Strings belong to the document's arena
 * and are NULL when absent.  line/col are positions in the original
 * file (1-based), whatever the encoding was.
 */
struct node {
	enum node_type	 type:8;	/* a document holds a node or two a */
	enum list_style	 style:8;	/* line: small fields first (NODE_LIST) */
	int		 line;
	int		 col;
	int		 level;		/* NODE_SECTION: 1 = outermost */
	uint32_t	 ntags;
	uint32_t	 nfields;
	const char	*num;		/* bare number as written: 一, 1, (normalised) */
	const char	*label;		/* marker as written: （一）, 57、, 亮点一： */
	const char	*title;		/* section title; item first sentence;
					 * may be text itself (the same
					 * string: do not compare pointers) */
	const char	*text;		/* item or paragraph text, lines rejoined */
	const char	**tags;		/* annotations, e.g. 办实事项目25 */
	struct field	*fields;	/* items of a table report */
	const char	*category;	/* table row: its row group (the label
					 * of a category column's cell that
					 * spans rows, 一、政策法规制定), or NULL */
	struct node	*parent;
	struct node	*first;		/* children */
	struct node	*last;
	struct node	*next;		/* next sibling */
	struct node	*prev;
	const char	*anchor;	/* id on the page (anchors_build), or
					 * NULL before it ran */
};

/* A front-matter key that gen does not interpret, kept for templates. */
struct meta_kv {
	const char	*key;
	const char	*value;
};

struct doc {
	struct arena	 arena;		/* owns every node and string below */
	const char	*source;	/* path as given on the command line */
	const char	*encoding;	/* "UTF-8", "GB18030", "UTF-16LE", ... */
	const char	*format;	/* "text" or "markdown" */
	const char	*title;		/* NULL when unknown */
	int		 year;		/* 0 when unknown */
	const char	*org;
	const char	*kind;
	const char	**columns;	/* table reports: column names */
	size_t		 ncolumns;
	const char	*category_column; /* the column whose cells group
					 * rows (one of columns), or NULL */
	struct meta_kv	*extra;		/* other front-matter keys */
	size_t		 nextra;
	struct node	*root;		/* NODE_ROOT; its children are the body */
	int		 fm_lines;	/* lines taken by front matter */
	/* meta.c: the issuers (the lead first; orgs[0] is org), the key
	 * the organisation is indexed under and its place (org.c), the
	 * last year of a range (2020-2030年), the parts of a combined
	 * document (2022年工作总结和2023年工作思路). */
	const char	**orgs;
	size_t		 norgs;
	const char	*org_key;
	const char	*org_place;
	int		 year_end;	/* 0 when no range */
	struct doc_part	*parts;
	size_t		 nparts;
	/* figures.c: the key figures of its items, in the order of the
	 * items (pre-order) and of the text (docs/figures.md). */
	struct figure	*figs;
	size_t		 nfigs;
};

/* A key figure: a number of an item's text with its unit and what it
 * measures (parse/figures.c; docs/figures.md).  Strings are in the
 * document's arena, or static. */
struct figure {
	const struct node *node;	/* the item */
	const char	*value;		/* as written with its qualifiers:
					 * 不少于100名, 95%以上, 3-5个 */
	const char	*unit;		/* 名 % 元 平方米 元/人; "" when none */
	const char	*cmp;		/* static: "=" "≥" "≤" "≈" "range"
					 * "list" */
	const char	*subject;	/* what it measures: 家庭医生签约率;
					 * "" when none was found */
	const char	*sentence;	/* the sentence it stands in */
	double		 num;		/* its value in unit (万, 亿 applied);
					 * a range's or list's first */
	double		 num2;		/* a range's or list's last, else num */
};

/* One part of a combined document: its kind, year, and the numeral of
 * the top-level section it starts at (NULL when none tells). */
struct doc_part {
	const char	*kind;
	int		 year;
	const char	*section;
};

/* A new empty document for source (copied).  Never NULL. */
struct doc	*doc_new(const char *source);
void		 doc_free(struct doc *);
/* A new node owned by doc's arena, not yet linked. */
struct node	*node_new(struct doc *, enum node_type, int line);
/* Append child as the last child of parent; return child.  The types
 * must fit (node_may_hold): a parser that breaks the rule is a bug, and
 * an assertion stops it here, where the node is appended. */
struct node	*node_append(struct node *parent, struct node *child);
/* May a node of type child sit directly under one of type parent (a
 * section under the root or a section, an item only under a list, ...)?
 * The one statement of the tree's shape: node_append, tree_check and
 * the unpacker of a cached tree (pack.c) ask it. */
int		 node_may_hold(enum node_type parent, enum node_type child);

/*
 * The one walk of a tree, as cmark's cmark_iter: each node of the
 * subtree under root is entered (TREE_ENTER) before its children and
 * left (TREE_EXIT) after them, in document order; then TREE_DONE.  No
 * recursion; a tree may be walked while its nodes' fields (not links)
 * change.  Pre-order walks take the ENTER events only (tree_next).
 *
 *	struct tree_iter it;
 *	tree_iter_init(&it, doc->root);
 *	while ((ev = tree_iter_next(&it)) != TREE_DONE)
 *		... it.node ...
 */
enum tree_event { TREE_DONE, TREE_ENTER, TREE_EXIT };
struct tree_iter {
	struct node		*root;
	struct node		*node;	/* the node of the last event */
	enum tree_event		 ev;	/* the last event; TREE_DONE before
					 * the first */
};
/* Start a walk of the subtree under root (may be NULL: no events).  The
 * iterator hands out its nodes as they are, as strchr does its string:
 * a walk of a const tree must not change them. */
void		 tree_iter_init(struct tree_iter *, const struct node *root);
/* The next event (it->node its node), or TREE_DONE after root's exit. */
enum tree_event	 tree_iter_next(struct tree_iter *);
/* The next node entered (a pre-order walk), or NULL when done. */
struct node	*tree_next(struct tree_iter *);
/* Go on from node n (under the walk's root) as if ev had just happened
 * there: (n, TREE_ENTER) resumes a walk kept as a node only; (n,
 * TREE_EXIT) skips n's children. */
void		 tree_iter_reset(struct tree_iter *, const struct node *n,
		    enum tree_event ev);
/* Add a tag (copied) to n. */
void		 node_add_tag(struct doc *, struct node *, const char *, size_t);
/* Set field name = text (both copied) on n, replacing an existing one. */
void		 node_set_field(struct doc *, struct node *, const char *name,
		    const char *text, size_t len);
/* Add a column name (copied) to doc unless it is there; return its index. */
size_t		 doc_add_column(struct doc *, const char *, size_t);
/* Check the tree's invariants (links, types of children, strings are
 * valid UTF-8, an item's title starts its text).  Return 0, or -1 with
 * a message in err. */
int		 tree_check(const struct doc *, char *err, size_t errlen);
/* Append doc as JSON (DESIGN.md's form) and a newline to out, indent
 * spaces a level (gen dump: 2), or on one line (indent 0: out/). */
void		 doc_json(const struct doc *, struct buf *out, int indent);
/* The same handed to put(arg, text, len) in pieces as it is made: a
 * large document's JSON is never held whole (gen dump, out/SLUG.json). */
void		 doc_json_put(const struct doc *, int indent,
		    void (*put)(void *, const char *, size_t), void *arg);
/* Members a caller adds to the JSON of each node but lists (out/SLUG.json's
 * related items): node(arg, n, out) appends ,"key":value… or nothing,
 * on one line. */
struct json_hook {
	void	(*node)(void *arg, const struct node *n, struct buf *out);
	void	*arg;
};
/* doc_json_put() with hook's members (NULL: none, as doc_json_put()). */
void		 doc_json_hook(const struct doc *, int indent,
		    const struct json_hook *hook,
		    void (*put)(void *, const char *, size_t), void *arg);

/* ------------------------------------------------------------------ */
/* config.c — config.ini                                               */
/* ------------------------------------------------------------------ */

struct config {
	char	*path;		/* file read, or NULL for defaults only */
	char	*title;		/* [site] title */
	char	*base_url;	/* [site] base_url, ends with '/' */
	char	*lang;		/* [site] language */
	char	*meta_keys;	/* [site] meta_keys: front-matter keys a
				 * document's metadata table shows besides
				 * the known ones ("," "，" "、" between) */
	char	*content_dir;	/* [paths] content */
	char	*templates_dir;	/* [paths] templates */
	char	*builtin_dir;	/* the built-in templates under the site's
				 * (GEN_DATADIR/templates); may be absent */
	char	*out_dir;	/* [paths] out */
	char	*input_encoding; /* [build] input_encoding, NULL = detect */
	int	 strict;	/* [build] strict */
	int	 drafts;	/* [build] drafts: publish draft: true too */
	char	*pagefind;	/* [build] pagefind: the program, NULL: look */
	int	 follow_outside_links; /* [build] follow_outside_links */
	size_t	 max_file_size;	/* [limits] file_size, bytes */
	size_t	 max_line_length; /* [limits] line_length, bytes */
	size_t	 max_lines;	/* [limits] lines */
	int	 max_depth;	/* [limits] depth, 1..CONFIG_MAX_DEPTH */
	size_t	 max_output;	/* [limits] output, bytes of one render */
	const char *view_page;	/* gen dump --view: the page whose data */
	const char *view_out;	/* is written as JSON to this file */
	char	**params;	/* [params]: key, value, key, value, ... */
	size_t	 nparams;	/* pairs */
	/* [print] (print.c): the cover and the faces, NULL = default */
	char	*print_issuer;	/* [print] issuer */
	char	*print_date;	/* [print] date, as printed */
	char	*print_masthead; /* [print] masthead (版头), red */
	int	 print_pdf;	/* [print] pdf: doc pages link their PDF */
	char	*weasyprint;	/* [print] weasyprint: the program for gen
				 * print --pdf, NULL: look on the PATH */
	char	*font_title;	/* [print] font_title (小标宋) */
	char	*font_body;	/* [print] font_body (仿宋) */
	char	*font_heading1;	/* [print] font_heading1 (黑体) */
	char	*font_heading2;	/* [print] font_heading2 (楷体) */
	char	*font_heading3;	/* [print] font_heading3 (仿宋 bold) */
};
/* The default of [limits] output: the most bytes one template render
 * (a page) may write. */
#define CONFIG_MAX_OUTPUT	(256UL * 1024 * 1024)

/* The largest [limits] depth: a page renders each level of the tree as
 * one {{>node}} expansion inside the page's own templates (base, doc,
 * itemtext, taglinks: up to 5 more), and rendering stops at
 * MUSTACHE_MAX_DEPTH expansions, so a deeper limit let documents in
 * that no page can show (at 96 levels the build failed).  10 levels are
 * left for a site's own wrapping partials. */
#define CONFIG_MAX_DEPTH	90	/* render.c asserts it against the cap */

/* Set every key to its default. */
void	 config_defaults(struct config *);
/* Read path over the current values.  Return 0, or -1 after adding
 * "config.ini:LINE: ..." errors to d. */
int	 config_load(struct config *, const char *path, struct diags *d);
void	 config_free(struct config *);

/* ------------------------------------------------------------------ */
/* pool.c — work spread over threads                                   */
/* ------------------------------------------------------------------ */

#define POOL_MAX 64	/* threads at most */

struct pool_job {
	/* Called for every item by worker 0..threads-1 (0: the caller). */
	void		(*fn)(void *arg, int worker, size_t item);
	void		*arg;
	const size_t	*items;		/* NULL: the items are 0..n-1 */
	size_t		 n;
	int		 threads;
	/* May be NULL: no more items are handed out once it says so. */
	int		(*stopped)(void *arg);
	/* May be NULL: called by worker 0 after each of its items. */
	void		(*progress)(void *parg, const char *what,
			    size_t done, size_t total);
	void		*parg;
	const char	*what;
};

/* Run the job; return when every thread is done. */
void	 pool_run(const struct pool_job *);

/* ------------------------------------------------------------------ */
/* hash.c — a fast hash for noticing change                            */
/* ------------------------------------------------------------------ */

/* A 64-bit hash of data[0..len) under seed (several GB/s; for noticing
 * change, not against an adversary). */
uint64_t hash64(const void *data, size_t len, uint64_t seed);

/* A running hash of fields; start with any seed in h. */
struct hasher {
	uint64_t	 h;
};
/* NULL and "" hash differently. */
void	 hasher_str(struct hasher *, const char *);
void	 hasher_u64(struct hasher *, uint64_t);

#endif /* GEN_CORE_H */
