/* site.c — placeholder (being replaced). */
#include "gen.h"

int
site_build(const struct config *cfg, struct doc **docs, size_t n,
    struct diags *d)
{
	(void)cfg; (void)docs; (void)n;
	diag_add(d, "gen", 0, 0, SEV_ERROR, "site building is not supported yet");
	return -1;
}
