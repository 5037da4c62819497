/*
 * mustache_int.h — internals of the template engine (compile.c,
 * render.c, mentions.c) and what only the tests use.
 */
#ifndef GEN_MUSTACHE_INT_H
#define GEN_MUSTACHE_INT_H

#include "mustache/mustache.h"

/* Sections, inverted sections, blocks and parents nested inside each
 * other in one template: deeper is a compile error. */
#define MUSTACHE_MAX_NEST	100
/* Partials, parents and blocks expanded inside each other while
 * rendering: deeper (recursion) is a render error. */
#define MUSTACHE_MAX_DEPTH	100
/* Partial, parent and block expansions in one mustache_render(). */
#define MUSTACHE_MAX_EXPANSIONS	10000000UL
/* Largest template source, bytes. */
#define MUSTACHE_MAX_SIZE	(64UL * 1024 * 1024)

/* Register source (copied) under name, replacing a cached one (a
 * template returned before stays valid until mustache_free()). */
void			 mustache_add(struct mustache_set *, const char *name,
			    const char *src, size_t len);
/* Append s HTML-escaped (& < > " ') to out. */
void			 html_escape(struct buf *out, const char *s, size_t len);

/*
 * The compiled form, shared by compile.c (compiler, set), render.c
 * (renderer) and mentions.c.  A template is an array of ops whose
 * text and names point into the template's own copy of its source.
 * Sections, inverted sections, blocks and parents are followed by their
 * body and an MOP_END op; op.end is the index of that END.
 */
enum mop_kind {
	MOP_TEXT,	/* text[off..off+len): never spans a line break */
	MOP_VAR,	/* {{name}}: escaped */
	MOP_RAW,	/* {{{name}}} {{&name}} */
	MOP_SECTION,	/* {{#name}} */
	MOP_INVERTED,	/* {{^name}} */
	MOP_PARTIAL,	/* {{>name}} {{>*name}} */
	MOP_PARENT,	/* {{<name}}: its body holds only argument blocks */
	MOP_BLOCK,	/* {{$name}} */
	MOP_END,	/* {{/name}} */
};

#define MOP_BOL		0x01	/* starts a line of the source */
#define MOP_STANDALONE	0x02	/* the tag's line was removed */
#define MOP_DYNAMIC	0x04	/* name is looked up in the context */
#define MOP_PAIR	0x08	/* {{$b}}{{/b}} alone on its line */
#define MOP_ARG		0x10	/* a block inside a parent tag */
#define MOP_BLANK	0x20	/* TEXT: a line of nothing but its newline */

struct mop {
	uint8_t		 kind;		/* enum mop_kind */
	uint8_t		 flags;		/* MOP_* */
	uint32_t	 off, len;	/* TEXT: the text; tags: the name */
	uint32_t	 end;		/* SECTION..BLOCK: index of its END */
	uint32_t	 link;		/* PARENT: first argument block;
					 * argument BLOCK: the next one;
					 * 0 = none */
	uint32_t	 ind_off;	/* PARTIAL, PARENT, BLOCK: indentation */
	uint32_t	 ind_len;	/*   text added to each line */
	uint32_t	 strip;		/* TEXT at BOL: leading blanks; BLOCK:
					 * blanks its lines lose */
	uint32_t	 hash;		/* PARTIAL, PARENT: hash of the name */
	uint32_t	 key;		/* VAR..INVERTED, dynamic PARTIAL and
					 * PARENT: the name's parts, */
	uint32_t	 nkeys;		/*   keys[key..key+nkeys); 0: "." */
	uint32_t	 line, col;	/* of the tag, for messages */
};

struct mustache {
	char		*file;		/* name used in messages */
	char		*text;		/* copy of the source */
	size_t		 len;
	struct mop	*ops;
	size_t		 nops;
	struct value_key *keys;		/* the parts of the names looked up,
					 * resolved when it compiles */
	size_t		 nkeys;
};

/* Hash of a template name (FNV-1a). */
uint32_t		 mustache_hash(const char *, size_t);
/* Is name[0..len) a template name that stays inside the directory? */
int			 mustache_name_ok(const char *, size_t);
/* For the renderer: the template name[0..len) (hash from
 * mustache_hash), compiled on first use.  Return it; or NULL with
 * *failed = 0 when there is no such template, or *failed = 1 after
 * adding its compile errors to d. */
const struct mustache	*mustache_find(struct mustache_set *,
			    const char *name, size_t len, uint32_t hash,
			    struct diags *d, int *failed);
int			 mustache_is_strict(const struct mustache_set *);
size_t			 mustache_output_limit(const struct mustache_set *);

#endif /* GEN_MUSTACHE_INT_H */
