/*
 * fold.c — traditional Han characters read as their simplified forms:
 * a document convention (a report of a site that converts its pages to
 * traditional characters answers a plan in simplified ones), in one
 * place for every reader of it (the words of a status, status.c; the
 * terms of related items, gen/relate/relate.c).  The table is made at
 * build time from data/fold.tsv and data/fold-extra.tsv
 * (scripts/tsvdata.sh); every pair is of characters of three bytes of
 * UTF-8, so a folded text keeps its length and its offsets.
 */
#include <string.h>

#include "parse/parse_int.h"

/* The simplified form of cp by the table, else cp. */
uint32_t
fold_cp(uint32_t cp)
{
	size_t	 lo = 0, hi = fold_ntable, mid;

	if (cp > 0xFFFF || !(fold_bits[cp >> 3] & (1u << (cp & 7))))
		return cp;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (fold_table[mid].t < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < fold_ntable && fold_table[lo].t == cp ?
	    fold_table[lo].s : cp;
}

/* Fold s[0..len) in place: each character of three bytes the table
 * holds becomes its simplified form (three bytes too). */
void
fold_text(char *s, size_t len)
{
	size_t		 i, k;
	uint32_t	 cp, to;

	for (i = 0; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			k = 1;
			continue;
		}
		if (k != 3 || (to = fold_cp(cp)) == cp)
			continue;
		s[i] = (char)(0xE0 | (to >> 12));
		s[i + 1] = (char)(0x80 | ((to >> 6) & 0x3F));
		s[i + 2] = (char)(0x80 | (to & 0x3F));
	}
}
