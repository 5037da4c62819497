/*
 * org.h — organisations: names of administrative divisions (GB/T 2260,
 * generated from data/ (*.tsv) into orgdata.c by the build), the grammar
 * of a body's name, and the canonical key an organisation is indexed
 * under.  Private to the parse layer (meta.c, org.c).
 */
#ifndef GEN_ORG_H
#define GEN_ORG_H

#include <stddef.h>

#include "parse/parse_int.h"

enum { ORG_FULL, ORG_SHORT, ORG_FORMER };

struct org_div {
	const char	*name;
	int		 code;		/* of the division (its successor for a
					   former one) */
	int		 level;		/* 1 province, 2 prefecture, 3 county */
	int		 form;		/* ORG_FULL, ORG_SHORT, ORG_FORMER */
};

struct org_code {
	int		 code;
	int		 parent;	/* 0 for a province */
	int		 level;		/* 1 province, 2 prefecture, 3 county */
	const char	*name;		/* full name */
};

struct org_alias {
	const char	*alias;
	const char	*canon;
	int		 since;		/* first year of the successor's name
					   nationally, 0 for a short form */
	int		 since_local;	/* the same at local levels */
	int		 merged;	/* merged with others (合并), not
					   renamed (更名) */
};

extern const struct org_div	 org_divs[];
extern const size_t		 org_ndivs;
extern const struct org_code	 org_codes[];
extern const size_t		 org_ncodes;
extern const struct org_alias	 org_aliases[];
extern const size_t		 org_naliases;
extern const struct org_alias	 org_national[];
extern const size_t		 org_nnational;
extern const char *const	 org_heads[];
extern const unsigned short	 org_pinyin[];	/* U+4E00..U+9FFF */

/* What org_parse() found in a name. */
struct org_name {
	int		 place;		/* code of its most local place, 0 */
	int		 body;		/* it names a body, not only a place */
	int		 national;	/* a national body (国务院, 国家…) */
};

/* Copy s[0..len) to out (len bytes + NUL) with every traditional
 * character folded to its simplified form (fold_text(): both are three
 * bytes, so offsets stay the same). */
void	 org_simplify(const char *s, size_t len, char *out);
/* Is s[0..len) (simplified) an organisation by the grammar: a national
 * body, or [中共] places words head, or (when place_only) places alone?
 * Fill *m when it is. */
int	 org_parse(const char *s, size_t len, int place_only,
	    struct org_name *m);
/* Is s[0..len) (simplified) a body named by the level of its place
 * alone (市卫生计生委, 县卫健委, 区政府办公室), as a document calls its
 * own issuer? */
int	 org_level(const char *s, size_t len);
/* The division named at the start of s[0..len) (simplified): its bytes
 * (0 if none), its code in *code and whether it is a short form. */
size_t	 org_div_at(const char *s, size_t len, int *code, int *is_short);
/* The bytes at the start of s[0..len) (simplified) that name places
 * (长治市上党区), 0 if none; *code is the most local one. */
size_t	 org_places(const char *s, size_t len, int *code);
/* The canonical key of organisation name (as written) in arena a:
 * places by their full current names, the body by its canonical name
 * (湖州卫健委 → 湖州市卫生健康委员会); NULL when it is none. */
char	*org_key(struct arena *a, const char *name);
/* The full current name of division code, or NULL. */
const char *org_code_name(int code);

#endif
