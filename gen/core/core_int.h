/*
 * core_int.h — what only the core layer's own files (and the tests)
 * use; the rest of core is in core.h.
 */
#ifndef GEN_CORE_INT_H
#define GEN_CORE_INT_H

#include "core/core.h"

/* buf.c */
void	 buf_vprintf(struct buf *, const char *, va_list);
void	*xrealloc(void *, size_t);

/* utf8.c */
/* Append s to out as valid UTF-8 for display: invalid bytes become
 * U+FFFD, control characters (but tab) are dropped. */
void	 utf8_clean(struct buf *, const char *s, size_t len);

/* diag.c */
/* Move every diagnostic of src to the end of dst; src is left empty. */
void	 diags_move(struct diags *dst, struct diags *src);

/* value.c */
struct value	*value_null(struct arena *);
/* The string is not copied: it must outlive the value. */
struct value	*value_str_ref(struct arena *, const char *, size_t);
/* Append n as JSON and value_text() show it ("85", "1.21"). */
void		 num_text(double n, struct buf *out);
/* Append s[0..len) as a JSON string literal. */
void		 json_string(const char *s, size_t len, struct buf *out);

/* hash.c */
void	 hasher_bytes(struct hasher *, const void *, size_t);

/* tree.c */
/* Remove n from its parent (it stays in the arena). */
void		 node_unlink(struct node *);

#endif /* GEN_CORE_INT_H */
