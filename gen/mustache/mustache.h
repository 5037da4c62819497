/*
 * mustache.h — the mustache layer: the template engine.  What the
 * layers above use; the compiled form and the engine's own limits are
 * in mustache_int.h.
 */
#ifndef GEN_MUSTACHE_H
#define GEN_MUSTACHE_H

#include "core/core.h"

/* ------------------------------------------------------------------ */
/* compile.c, render.c, mentions.c — the template engine            */
/* ------------------------------------------------------------------ */

/*
 * A set of templates: compiled once on first use and cached, looked up
 * by name (partials {{>name}}, parents {{<name}}, dynamic names
 * {{>*name}}).  A name resolves to a source added with mustache_add(),
 * else to DIR/NAME.mustache when the set has a directory.  Names never
 * leave the directory ("..", absolute paths, NUL are refused).
 * The engine follows the Mustache specification v1.4.2 with its
 * inheritance and dynamic-names modules; lambdas are not supported.
 * Messages name the template as "NAME.mustache" (a file) or "NAME" (an
 * added source), with the line and column (code points) of the tag.
 * mustache_get() and mustache_render() may run in several threads at
 * once on one set (look-ups and compiling are locked; each thread has
 * its own diags); mustache_add(), mustache_strict() and mustache_free()
 * must not run concurrently with anything else.
 */
struct mustache_set;
struct mustache;	/* one compiled template */

/* A new set reading templates from dir (may be NULL: sources only). */
struct mustache_set	*mustache_new(const char *dir);
/* Look a name up in dir when the set's own folder lacks it (a site's
 * templates over the built-in ones); messages name the file read. */
void			 mustache_fallback(struct mustache_set *,
			    const char *dir);
/* Strict mode: a missing name or partial is an error, not "". */
void			 mustache_strict(struct mustache_set *, int on);
/* The most bytes one mustache_render() may write (CONFIG_MAX_OUTPUT
 * unless set): more stops it with "output over the limit of N bytes
 * ([limits] output)". */
void			 mustache_limit(struct mustache_set *, size_t max);
/* The compiled template name, compiling it on first use.  Return NULL
 * after adding "NAME.mustache:LINE:COL: ..." errors to d. */
const struct mustache	*mustache_get(struct mustache_set *, const char *name,
			    struct diags *d);
/* Render t with ctx appended to out.  Return 0, or -1 after adding
 * errors to d (out then holds a partial result).  In strict mode a
 * missing name is reported once per tag and rendering goes on; other
 * errors (recursion, a partial that does not compile) stop it. */
int			 mustache_render(struct mustache_set *,
			    const struct mustache *t, const struct value *ctx,
			    struct buf *out, struct diags *d);
/*
 * Where a page goes as it is rendered, so that no page is held whole:
 * whenever the buffer holds flush_at bytes or more (between two tags or
 * texts), and at the end, flush(arg, data, len) takes all it holds and
 * the buffer is emptied.  flush returns 0, or -1 when it cannot write
 * (it reports that itself: rendering stops).
 */
struct mustache_sink {
	int		(*flush)(void *arg, const char *data, size_t len);
	void		*arg;
	size_t		 flush_at;
};
/* mustache_render() into out through sink (NULL: none, as
 * mustache_render()).  Return 0 (all of it flushed, out empty), -1
 * after adding errors to d (what was flushed is a partial result), or
 * -2 when sink->flush failed. */
int			 mustache_render_sink(struct mustache_set *,
			    const struct mustache *t, const struct value *ctx,
			    struct buf *out, const struct mustache_sink *sink,
			    struct diags *d);
void			 mustache_free(struct mustache_set *);
/* Does the template name, or any template it includes, mention a name
 * whose first part (before any '.') is one of words[0..nw)?  A dynamic
 * partial or parent, or a template that does not compile, counts as
 * mentioning everything (1); a missing template mentions nothing. */
int			 mustache_mentions(struct mustache_set *,
			    const char *name, const char *const *words,
			    size_t nw, struct diags *d);

#endif /* GEN_MUSTACHE_H */
