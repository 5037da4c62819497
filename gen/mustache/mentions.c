/*
 * mentions.c — what a template may read: the one question the site
 * layer asks about a template's contents (site.c skips counting totals
 * for pages whose templates never show them), answered here so that no
 * file outside gen/mustache/ reads the compiled ops.
 */
#include <stdlib.h>
#include <string.h>

#include "mustache/mustache_int.h"

/* Does the template name, or any template it includes (partials,
 * parents), mention a name whose first part (before any '.') is one of
 * words[0..nw)?  A dynamic partial or parent is taken to mention
 * everything, and so is a template name that does not compile; a
 * missing one mentions nothing.  Compile errors are added to d. */
int
mustache_mentions(struct mustache_set *ms, const char *name,
    const char *const *words, size_t nw, struct diags *d)
{
	const struct mustache	**stack = NULL, **seen = NULL, *t;
	const struct mop	*op;
	size_t			 nstack = 0, nseen = 0, len, i, j, w, n;
	int			 failed, hit = 0;

	len = strlen(name);
	t = mustache_find(ms, name, len, mustache_hash(name, len), d,
	    &failed);
	if (t == NULL)
		return failed;
	stack = xreallocarray(NULL, 1, sizeof(*stack));
	stack[nstack++] = t;
	while (nstack > 0 && !hit) {
		t = stack[--nstack];
		for (i = 0; i < nseen; i++)
			if (seen[i] == t)
				break;
		if (i < nseen)
			continue;
		seen = xreallocarray(seen, nseen + 1, sizeof(*seen));
		seen[nseen++] = t;
		for (j = 0; j < t->nops && !hit; j++) {
			op = &t->ops[j];
			switch (op->kind) {
			case MOP_VAR:
			case MOP_RAW:
			case MOP_SECTION:
			case MOP_INVERTED:
				for (n = 0; n < op->len &&
				    t->text[op->off + n] != '.'; n++)
					continue;
				for (w = 0; w < nw; w++)
					if (strlen(words[w]) == n &&
					    memcmp(words[w], t->text + op->off,
					    n) == 0)
						hit = 1;
				break;
			case MOP_PARTIAL:
			case MOP_PARENT: {
				const struct mustache	*sub;

				if (op->flags & MOP_DYNAMIC) {
					hit = 1;
					break;
				}
				sub = mustache_find(ms, t->text + op->off,
				    op->len, op->hash, d, &failed);
				if (sub == NULL)
					break;
				stack = xreallocarray(stack, nstack + 1,
				    sizeof(*stack));
				stack[nstack++] = sub;
				break;
			}
			default:
				break;
			}
		}
	}
	free(stack);
	free(seen);
	return hit;
}
