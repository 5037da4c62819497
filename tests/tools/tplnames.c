/*
 * tplnames.c — the names each template reads, as gen's compiler sees
 * them (tests/cases/templates-doc.sh checks them against
 * docs/templates.md).
 *
 *   tplnames DIR NAME...
 *
 * For each template DIR/NAME.mustache prints "NAME.mustache:LINE\tKIND\tX"
 * per tag that reads the data: KIND is var, raw, section or inverted
 * and X the name as written (dotted; "." is left out), or KIND partial
 * / parent and X the template it includes.  Exit 1 when a template does
 * not compile (its errors on stderr).
 */
#include <stdio.h>
#include <stdlib.h>

#include "mustache/mustache_int.h"

int
main(int argc, char *argv[])
{
	static const char *const kinds[] = { "text", "var", "raw", "section",
	    "inverted", "partial", "parent", "block", "end" };
	struct mustache_set	*set;
	const struct mustache	*t;
	const struct mop	*op;
	struct diags		 d = DIAGS_INIT;
	size_t			 j;
	int			 i, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: tplnames DIR NAME...\n");
		return 2;
	}
	set = mustache_new(argv[1]);
	for (i = 2; i < argc; i++) {
		if ((t = mustache_get(set, argv[i], &d)) == NULL) {
			rc = 1;
			continue;
		}
		for (j = 0; j < t->nops; j++) {
			op = &t->ops[j];
			if (op->kind == MOP_TEXT || op->kind == MOP_END ||
			    op->kind == MOP_BLOCK ||
			    (op->len == 1 && t->text[op->off] == '.'))
				continue;
			printf("%s.mustache:%u\t%s\t%.*s\n", argv[i], op->line,
			    kinds[op->kind], (int)op->len, t->text + op->off);
		}
	}
	diags_print(&d, stderr);
	diags_free(&d);
	mustache_free(set);
	return rc;
}
