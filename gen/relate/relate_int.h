/*
 * relate_int.h — internals of the relate layer (relate.c, index.c and
 * the table the build makes from data/relate-idf.tsv), for its files
 * and the tests only.
 */
#ifndef GEN_RELATE_INT_H
#define GEN_RELATE_INT_H

#include "parse/parse.h"	/* fold_cp() */
#include "relate/relate.h"

/* The shipped term weights (scripts/tsvdata.sh relate makes them from
 * data/relate-idf.tsv at build time): every term of the reference set
 * seen in two units or more with the number of units it is in, sorted
 * by code; relate_idf_units is the number of units of the set. */
struct relate_df {
	uint32_t	code;
	uint32_t	df;
};
extern const struct relate_df	relate_idf[];
extern const size_t		relate_nidf;
extern const uint32_t		relate_idf_units;

/* relate.c: the code of Han bigram (a, b), of one Han character (b 0),
 * or 0 when a (or b) is not in U+4E00..U+9FFF. */
uint32_t relate_code(uint32_t a, uint32_t b);
/* The number of units of the shipped table's set that hold term code
 * (1 when it is not there; at most relate_idf_units): a higher df is a
 * lower relate_term_idf(), a df equal an idf equal. */
uint32_t relate_term_df(uint32_t code);
/* The weight of term code in the shipped table (BM25's idf). */
double	 relate_term_idf(uint32_t code);
/* qsort() order of uint32_t: ascending. */
int	 u32_cmp(const void *a, const void *b);

#endif
