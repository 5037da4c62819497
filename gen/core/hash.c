/*
 * hash.c — a fast 64-bit hash for noticing change (not against an
 * adversary): page keys and group keys (site/), the manifest's content
 * hashes (build/).  Moved here from manifest.c so that the site layer
 * does not call up into the build layer.
 */
#include "core/core_int.h"

/* ---- Hashing ---- */

#define HK0	0x9E3779B97F4A7C15ULL
#define HK1	0xD6E8FEB86659FD93ULL
#define HK2	0xA0761D6478BD642FULL
#define HK3	0xE7037ED1A0B428DBULL

/* Multiply a by b in 128 bits and fold the halves together. */
static inline uint64_t
fold(uint64_t a, uint64_t b)
{
	unsigned __int128	 p = (unsigned __int128)a * b;

	return (uint64_t)p ^ (uint64_t)(p >> 64);
}

static inline uint64_t
rd64(const unsigned char *p)
{
	uint64_t	 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* A 64-bit hash of data[0..len) under seed: two lanes of 128-bit
 * multiply-fold over 16-byte blocks, then the tail.  Several GB/s;
 * meant to notice change, not to resist an adversary. */
uint64_t
hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char	*p = data;
	uint64_t		 a = seed ^ HK0, b = (seed + len) ^ HK1, t;
	unsigned char		 tail[16];
	size_t			 n = len;

	while (n >= 32) {
		a = fold(rd64(p) ^ a, rd64(p + 8) ^ HK2);
		b = fold(rd64(p + 16) ^ b, rd64(p + 24) ^ HK3);
		p += 32;
		n -= 32;
	}
	if (n >= 16) {
		a = fold(rd64(p) ^ a, rd64(p + 8) ^ HK2);
		p += 16;
		n -= 16;
	}
	memset(tail, 0, sizeof(tail));
	if (n > 0)
		memcpy(tail, p, n);
	t = fold(rd64(tail) ^ b, rd64(tail + 8) ^ HK3 ^ n);
	return fold(a ^ t ^ HK1, b ^ (uint64_t)len ^ HK2);
}

/* Add data[0..len) to h, its length included (so fields never run
 * into each other). */
void
hasher_bytes(struct hasher *h, const void *data, size_t len)
{
	h->h = hash64(data, len, h->h ^ ((uint64_t)len * HK3));
}

/* Add the string s to h; NULL differs from "". */
void
hasher_str(struct hasher *h, const char *s)
{
	if (s == NULL)
		hasher_u64(h, 0x6E756C6CULL);
	else
		hasher_bytes(h, s, strlen(s));
}

/* Add the number v to h. */
void
hasher_u64(struct hasher *h, uint64_t v)
{
	h->h = fold(h->h ^ v ^ HK0, HK1 ^ (h->h >> 17)) + HK2;
}
